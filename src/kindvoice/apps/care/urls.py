from django.urls import path

from kindvoice.apps.care import views

app_name = "care"
urlpatterns = [
    path("care/", views.overview, name="overview"),
    path("care/invite/", views.invite, name="invite"),
    path("care/own/", views.own_content, name="own"),
    path("care/accept/", views.accept, name="accept"),
    path("care/links/<int:link_id>/", views.sharing, name="sharing"),
    path("care/access-log/", views.access_log, name="log"),
    path("care/reach/", views.reach, name="reach"),
    path("care/clients/<int:client_id>/", views.client_page, name="client"),
    path("care/clients/<int:client_id>/assign/", views.assign, name="assign"),
    path("care/clients/<int:client_id>/notes/", views.note, name="note"),
    path("care/clients/<int:client_id>/summary/", views.summary, name="summary"),
    path("care/clients/<int:client_id>/marked/", views.client_marked, name="client_marked"),
    path("care/clients/<int:client_id>/journal/", views.client_journal, name="client_journal"),
    path("care/clients/<int:client_id>/measures/", views.client_measures, name="client_measures"),
    path("care/clients/<int:client_id>/practices/", views.client_practices, name="client_practices"),
]
