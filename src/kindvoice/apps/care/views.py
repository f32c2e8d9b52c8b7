"""Care in the browser: a therapist invites; a client accepts, chooses what to share, and reads the log."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kindvoice.apps.accounts.models import Role, User
from kindvoice.apps.care.access import open_client
from kindvoice.apps.care.models import SHARES, AccessEvent, CareLink, Invitation
from kindvoice.apps.measures.charts import chart
from kindvoice.apps.measures.models import Administration, all_instruments
from kindvoice.apps.practices.models import Run
from kindvoice.errors import InvalidInput, NotFound
from kindvoice.text import check_text


def _shares(request: HttpRequest) -> set[str]:
    return {key for key in SHARES if request.POST.get(f"share_{key}")}


@never_cache
@login_required
@require_safe
def overview(request: HttpRequest) -> HttpResponse:
    user = User.of(request)
    context = {
        "is_therapist": user.role == Role.THERAPIST,
        "clients": CareLink.objects.filter(therapist=user, revoked=None).select_related("client"),
        "links": CareLink.objects.filter(client=user, revoked=None).select_related("therapist"),
        "shares": SHARES,
    }
    return render(request, "care/overview.html", context)


@login_required
@require_POST
def invite(request: HttpRequest) -> HttpResponse:
    user = User.of(request)
    if user.role != Role.THERAPIST:
        raise Http404
    note = check_text(request.POST.get("note", "").strip(), label="The note", max_length=200, allow_markup=False)
    invitation, code = Invitation.issue(user, note)
    return render(request, "care/invitation.html", {"invitation": invitation, "code": code})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def accept(request: HttpRequest) -> HttpResponse:
    user = User.of(request)
    code = request.POST.get("code", request.GET.get("code", "")).strip()[:40]
    if request.method == "POST":
        try:
            link = CareLink.accept(user, code, _shares(request))
        except (InvalidInput, NotFound) as error:
            messages.error(request, error.message)
        else:
            name = link.therapist.display_name or link.therapist.email
            messages.success(request, f"You are now linked with {name}. You can change what you share at any time.")
            return redirect("care:overview")
    return render(request, "care/accept.html", {"code": code, "shares": SHARES})


@login_required
@require_POST
def sharing(request: HttpRequest, link_id: int) -> HttpResponse:
    link = get_object_or_404(CareLink, pk=link_id, client=User.of(request), revoked=None)
    if request.POST.get("action") == "revoke":
        link.revoke()
        messages.success(request, "The link has ended. Your therapist can no longer see anything of yours.")
    else:
        link.set_shares(_shares(request))
        messages.success(request, "Saved. The change takes effect at once.")
    return redirect("care:overview")


@never_cache
@login_required
@require_safe
def access_log(request: HttpRequest) -> HttpResponse:
    events = AccessEvent.objects.filter(client=User.of(request))[:500]
    return render(request, "care/log.html", {"events": events})


@never_cache
@login_required
@require_safe
def client_measures(request: HttpRequest, client_id: int) -> HttpResponse:
    try:
        link = open_client(User.of(request), client_id, "measures")
    except NotFound:
        raise Http404 from None
    charts = []
    for found in all_instruments().values():
        done = list(reversed(Administration.completed_for(link.client, found.id)[:100]))
        if done:
            charts.append((found, chart(found, done), done[-1]))
    return render(request, "care/client_measures.html", {"link": link, "charts": charts})


@never_cache
@login_required
@require_safe
def client_practices(request: HttpRequest, client_id: int) -> HttpResponse:
    try:
        link = open_client(User.of(request), client_id, "practices")
    except NotFound:
        raise Http404 from None
    runs = Run.objects.filter(user=link.client)[:200]
    return render(request, "care/client_practices.html", {"link": link, "runs": runs})
