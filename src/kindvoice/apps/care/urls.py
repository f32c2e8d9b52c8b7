from django.urls import path

from kindvoice.apps.care import views

app_name = "care"
urlpatterns = [
    path("care/", views.overview, name="overview"),
    path("care/invite/", views.invite, name="invite"),
    path("care/accept/", views.accept, name="accept"),
    path("care/links/<int:link_id>/", views.sharing, name="sharing"),
    path("care/access-log/", views.access_log, name="log"),
    path("care/clients/<int:client_id>/measures/", views.client_measures, name="client_measures"),
    path("care/clients/<int:client_id>/practices/", views.client_practices, name="client_practices"),
]
