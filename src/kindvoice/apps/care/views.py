"""Care in the browser: a therapist invites; a client accepts, chooses what to share, and reads the log."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kindvoice.apps.accounts.models import Role, User
from kindvoice.apps.care import dashboard
from kindvoice.apps.care.access import open_client
from kindvoice.apps.care.models import (
    SHARES,
    AccessEvent,
    Assignment,
    CareLink,
    Invitation,
    SessionNote,
    TherapistList,
    TherapistPractice,
    share_for_assignment,
)
from kindvoice.apps.care.summary import session_summary, since_last_session
from kindvoice.apps.journal.models import Entry
from kindvoice.apps.measures.charts import chart
from kindvoice.apps.measures.models import Administration, all_instruments
from kindvoice.apps.practices.models import Run
from kindvoice.errors import InvalidInput, NotFound
from kindvoice.practices import builtin
from kindvoice.text import check_text


def _shares(request: HttpRequest) -> set[str]:
    return {key for key in SHARES if request.POST.get(f"share_{key}")}


@never_cache
@login_required
@require_safe
def overview(request: HttpRequest) -> HttpResponse:
    user = User.of(request)
    clients = dashboard.rows(user) if user.role == Role.THERAPIST else []
    context = {
        "is_therapist": user.role == Role.THERAPIST,
        "rows": clients,
        "adherence_chart": dashboard.adherence_chart(clients),
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
            link = CareLink.accept(user, code, _shares(request), notify=bool(request.POST.get("notify")))
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
        link.set_shares(_shares(request), notify=bool(request.POST.get("notify")))
        messages.success(request, "Saved. The change takes effect at once.")
    return redirect("care:overview")


@never_cache
@login_required
@require_safe
def access_log(request: HttpRequest) -> HttpResponse:
    from django.core.paginator import Paginator

    pages = Paginator(AccessEvent.objects.filter(client=User.of(request)), 200)
    page = pages.get_page(request.GET.get("page"))
    return render(request, "care/log.html", {"events": page.object_list, "page": page})


@never_cache
@login_required
@require_safe
def client_measures(request: HttpRequest, client_id: int) -> HttpResponse:
    link = open_client(User.of(request), client_id, "measures")  # NotFound is a 404 page (middleware)
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
    link = open_client(User.of(request), client_id, "practices")  # NotFound is a 404 page (middleware)
    runs = Run.objects.filter(user=link.client)[:200]
    return render(request, "care/client_practices.html", {"link": link, "runs": runs})


def _therapist_link(request: HttpRequest, client_id: int) -> CareLink:
    """The requesting therapist's active link with this client (no client data read), or 404."""
    user = User.of(request)
    if user.role != Role.THERAPIST:
        raise Http404
    found = CareLink.objects.select_related("client").filter(therapist=user, client_id=client_id, revoked=None)
    link = found.first()
    if link is None:
        raise Http404
    return link


@never_cache
@login_required
@require_safe
def client_page(request: HttpRequest, client_id: int) -> HttpResponse:
    link = _therapist_link(request, client_id)
    assignments = list(link.assignments.filter(cancelled=None))
    adherence = None
    if link.share_practices:
        open_client(User.of(request), client_id, "practices", "your homework and practice activity")
        adherence = [(a, a.adherence()) for a in assignments]
    context = {
        "link": link,
        "assignments": assignments,
        "adherence": adherence,
        "practices": builtin().values(),
        "notes": link.notes.all()[:50],
        "alerts": link.alerts.all()[:20],
    }
    link.alerts.filter(seen=None).update(seen=timezone.now())
    return render(request, "care/client.html", context)


@login_required
@require_POST
def assign(request: HttpRequest, client_id: int) -> HttpResponse:
    link = _therapist_link(request, client_id)
    practice_id = request.POST.get("practice", "")
    try:
        share_for_assignment(link, practice_id)
        every = int(request.POST.get("every_days", "0") or 0)
        if not 0 <= every <= 60:
            raise InvalidInput("Choose how often in days, from 0 (once) to 60.")
        note = check_text(request.POST.get("note", "").strip(), label="The note", max_length=1_000)
    except (InvalidInput, NotFound, ValueError) as error:
        messages.error(request, getattr(error, "message", "Choose how often in days."))
    else:
        Assignment.objects.create(link=link, practice_id=practice_id, note=note, every_days=every)
        messages.success(request, "Assigned. Your client sees it on their home page.")
    return redirect("care:client", client_id=client_id)


@login_required
@require_POST
def note(request: HttpRequest, client_id: int) -> HttpResponse:
    link = _therapist_link(request, client_id)
    try:
        text = check_text(request.POST.get("text", "").strip(), label="The note", max_length=20_000)
        if not text:
            raise InvalidInput("The note is empty.")
    except InvalidInput as error:
        messages.error(request, error.message)
    else:
        SessionNote.objects.create(link=link, text=text, shared=bool(request.POST.get("shared")))
        messages.success(request, "Note saved.")
    return redirect("care:client", client_id=client_id)


@never_cache
@login_required
@require_safe
def summary(request: HttpRequest, client_id: int) -> HttpResponse:
    """One page to prepare a session: since the last note, what the client's switches allow."""
    link = open_client(User.of(request), client_id, "summary")  # NotFound is a 404 page (middleware)
    since = since_last_session(link)
    context = {"link": link, "since": since, **session_summary(link, since)}
    if request.GET.get("format") == "pdf":
        from kindvoice.apps.care.pdf import pdf_of

        html = render(request, "care/summary_print.html", context).content.decode()
        content = pdf_of(html)
        if content is None:
            messages.error(request, "A PDF needs Chromium on the server; use your browser's Print instead.")
            return render(request, "care/summary.html", context)
        reply = HttpResponse(content, content_type="application/pdf")
        reply["Content-Disposition"] = f'attachment; filename="session-summary-{timezone.localdate()}.pdf"'
        return reply
    return render(request, "care/summary.html", context)


@never_cache
@login_required
@require_safe
def client_journal(request: HttpRequest, client_id: int) -> HttpResponse:
    link = open_client(User.of(request), client_id, "journal")  # NotFound is a 404 page (middleware)
    entries = Entry.objects.filter(user=link.client)[:100]
    return render(request, "care/client_marked.html", {"link": link, "entries": entries, "runs": [], "journal": True})


@never_cache
@login_required
@require_safe
def client_marked(request: HttpRequest, client_id: int) -> HttpResponse:
    link = open_client(User.of(request), client_id, "marked")  # NotFound is a 404 page (middleware)
    context = {
        "link": link,
        "entries": Entry.objects.filter(user=link.client, bring_to_session=True)[:50],
        "runs": Run.objects.filter(user=link.client, bring_to_session=True)[:50],
    }
    return render(request, "care/client_marked.html", context)


def _own_links(user: User) -> Any:
    return CareLink.objects.filter(therapist=user, revoked=None).select_related("client")


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def own_content(request: HttpRequest) -> HttpResponse:
    """A therapist's own practices (the library's YAML) and soothing suggestions, and whom they go to."""
    user = User.of(request)
    if user.role != Role.THERAPIST:
        raise Http404
    links = _own_links(user)
    draft = ""
    if request.method == "POST":
        action = request.POST.get("action", "")
        chosen = [link for link in links if request.POST.get(f"link_{link.pk}")]
        number = request.POST.get("practice", "")
        practice_pk = int(number) if number.isdigit() else -1
        try:
            if action == "write":
                draft = request.POST.get("source", "")
                written = TherapistPractice.write(user, draft)
                messages.success(request, f"“{written.title}” is checked and saved.")
                draft = ""
            elif action == "share_practice":
                found = get_object_or_404(TherapistPractice, pk=practice_pk, therapist=user)
                found.shared_with.set(chosen)
                messages.success(request, "Saved: it is shared with exactly the clients ticked.")
            elif action == "delete_practice":
                get_object_or_404(TherapistPractice, pk=practice_pk, therapist=user).delete()
                messages.success(request, "Deleted. Your clients' history still lists the times they did it.")
            elif action == "list":
                lines = request.POST.get("items", "").splitlines()
                items = [check_text(x.strip(), label="A suggestion", max_length=200) for x in lines if x.strip()]
                own, _ = TherapistList.objects.get_or_create(therapist=user, name="soothing_menu")
                own.items_text = json.dumps(list(dict.fromkeys(items))[:50], ensure_ascii=False)
                own.save()
                own.shared_with.set(chosen)
                messages.success(request, "Your soothing suggestions are saved for the clients ticked.")
        except InvalidInput as error:
            messages.error(request, error.message)
        if not draft:
            return redirect("care:own")
    own_list = TherapistList.objects.filter(therapist=user, name="soothing_menu").first()
    context = {
        "links": links,
        "practices": TherapistPractice.objects.filter(therapist=user).prefetch_related("shared_with"),
        "draft": draft,
        "own_list": own_list,
        "list_links": set(own_list.shared_with.values_list("pk", flat=True)) if own_list else set(),
    }
    return render(request, "care/own.html", context)


@login_required
@require_POST
def reach(request: HttpRequest) -> HttpResponse:
    """From the safety panel: the person asks for their therapists to be told, in the app, now."""
    from kindvoice.apps.care.models import SafetyAlert

    user = User.of(request)
    told = 0
    for link in CareLink.objects.filter(client=user, revoked=None):
        SafetyAlert.objects.create(link=link, source="your client's own request, from the safety panel",
                                   key=f"reach-{timezone.now().timestamp()}")  # fmt: skip
        told += 1
    if told:
        messages.success(
            request,
            "Your therapist has been told, in the app. If you are in danger now, please call one of the "
            "numbers in the safety panel or your local emergency number.",
        )
    return redirect("care:overview")
