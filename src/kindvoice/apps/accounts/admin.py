"""The admin site manages accounts, never what people wrote: encrypted fields stay out of it."""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from kindvoice.apps.accounts.models import User


@admin.register(User)
class UserAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("email", "role", "is_active", "date_joined", "last_login")
    list_filter = ("role", "is_active")
    search_fields = ("email",)
    fields = ("email", "role", "is_active", "date_joined", "last_login")
    readonly_fields = ("date_joined", "last_login")
    ordering = ("email",)

    # Deleting here must remove everything of the person, exactly as "Delete my account" does.
    def delete_model(self, request: HttpRequest, obj: User) -> None:
        obj.delete_account()

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        for user in queryset:
            user.delete_account()
