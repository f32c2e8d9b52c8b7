"""The admin site manages accounts, never what people wrote: encrypted fields stay out of it."""

from django.contrib import admin

from kindvoice.accounts.models import User


@admin.register(User)
class UserAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("email", "role", "is_active", "date_joined", "last_login")
    list_filter = ("role", "is_active")
    search_fields = ("email",)
    fields = ("email", "role", "is_active", "date_joined", "last_login")
    readonly_fields = ("date_joined", "last_login")
    ordering = ("email",)
