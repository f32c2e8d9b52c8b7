from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from kindvoice.web.errors import permission_denied


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    template = "home.html" if request.user.is_authenticated else "landing.html"
    return render(request, template)


def admin_login(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return permission_denied(request)
    query = request.META.get("QUERY_STRING", "")
    return redirect(reverse("login") + (f"?{query}" if query else ""))
