from django.urls import path

from kindvoice.apps.practices import views

app_name = "practices"
urlpatterns = [
    path("practices/", views.library, name="library"),
    path("practices/history/", views.history, name="history"),
    path("practices/what-helps/", views.what_helps, name="what_helps"),
    path("practices/moments/", views.moments, name="moments"),
    path("practices/runs/<int:run_id>/", views.run_step, name="run"),
    path("practices/runs/<int:run_id>/delete/", views.run_delete, name="delete"),
    path("practices/runs/<int:run_id>/bring/", views.run_bring, name="bring"),
    path("practices/runs/<int:run_id>/steps/<slug:step_id>/draft/", views.draft_save, name="draft"),
    path("practices/photos/<int:photo_id>/", views.photo, name="photo"),
    path("practices/<slug:practice_id>/", views.practice_detail, name="detail"),
]
