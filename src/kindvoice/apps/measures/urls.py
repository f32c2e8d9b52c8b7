from django.urls import path

from kindvoice.apps.measures import views

app_name = "measures"
urlpatterns = [
    path("measures/", views.measure_list, name="list"),
    path("measures/export.csv", views.export_csv, name="export_csv"),
    path("measures/export.fhir.json", views.export_fhir, name="export_fhir"),
    path("measures/results/<int:administration_id>/", views.result, name="result"),
    path("measures/results/<int:administration_id>/delete/", views.delete, name="delete"),
    path("measures/results/<int:administration_id>/save/", views.save, name="save"),
    path("measures/<slug:instrument_id>/", views.detail, name="detail"),
    path("measures/<slug:instrument_id>/take/", views.take, name="take"),
]
