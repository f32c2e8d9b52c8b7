from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from kindvoice.web.errors import permission_denied


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(request, "landing.html")
    from kindvoice.apps.measures.models import Schedule, all_instruments
    from kindvoice.apps.practices.models import Run

    paused = Run.objects.filter(user=request.user, finished=None)[:3]
    names = {i.id: i.short_name for i in all_instruments().values()}
    due = [(s, names.get(s.instrument_id, s.instrument_id)) for s in Schedule.due(request.user)]
    from kindvoice.apps.care.models import Assignment

    homework = [
        a
        for a in Assignment.objects.filter(link__client=request.user, link__revoked=None, cancelled=None)
        if a.due_today()
    ]
    return render(request, "home.html", {"paused": paused, "due": due, "homework": homework})


def admin_login(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return permission_denied(request)
    query = request.META.get("QUERY_STRING", "")
    return redirect(reverse("login") + (f"?{query}" if query else ""))
