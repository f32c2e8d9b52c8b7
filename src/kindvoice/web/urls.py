from django.contrib import admin
from django.urls import include, path

from kindvoice.api.routes import api
from kindvoice.web import views

urlpatterns = [
    path("", views.home, name="home"),
    path("", include("kindvoice.apps.accounts.urls")),
    path("", include("kindvoice.apps.journal.urls")),
    path("", include("kindvoice.apps.practices.urls")),
    path("", include("kindvoice.apps.measures.urls")),
    path("", include("kindvoice.apps.care.urls")),
    # The admin uses our login page, so it shares its throttling.
    path("admin/login/", views.admin_login),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
]

handler400 = "kindvoice.web.errors.bad_request"
handler403 = "kindvoice.web.errors.permission_denied"
handler404 = "kindvoice.web.errors.not_found"
handler500 = "kindvoice.web.errors.server_error"
