from django.urls import path

from kindvoice.apps.journal import views

app_name = "journal"
urlpatterns = [
    path("journal/", views.entry_list, name="list"),
    path("journal/new/", views.entry_new, name="new"),
    path("journal/patterns/", views.patterns_page, name="patterns"),
    path("journal/<int:entry_id>/", views.entry_detail, name="entry"),
    path("journal/<int:entry_id>/edit/", views.entry_edit, name="edit"),
    path("journal/<int:entry_id>/delete/", views.entry_delete, name="delete"),
    path("journal/<int:entry_id>/reply/", views.entry_reply, name="reply"),
    path("journal/<int:entry_id>/bring/", views.entry_bring, name="bring"),
    path("journal/<int:entry_id>/correct/", views.entry_correct, name="correct"),
    path("journal/drafts/", views.draft_save, name="draft"),
    path("safety-plan/", views.safety_plan, name="safety_plan"),
]
