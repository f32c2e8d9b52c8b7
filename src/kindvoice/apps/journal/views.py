"""The journal: write, read back with the app's gentle highlights, reply kindly, search, delete."""

from __future__ import annotations

import re
import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kindvoice.apps.accounts.models import User
from kindvoice.apps.journal.forms import EntryForm, ReplyForm, SafetyPlanForm
from kindvoice.apps.journal.models import TEXT_MAX, Draft, Entry, KindReply, LabelCorrection, SafetyPlan
from kindvoice.errors import InvalidInput
from kindvoice.language import analyze
from kindvoice.safety import helplines_for
from kindvoice.text import check_text
from kindvoice.web.errors import json_error

_DRAFT_KEY = re.compile(r"[A-Za-z0-9-]{8,64}")


def safety_context(user: User) -> dict[str, Any]:
    from kindvoice.apps.care.models import CareLink

    plan = SafetyPlan.objects.filter(user=user).first()
    therapists = [
        link.therapist.display_name or link.therapist.email
        for link in CareLink.objects.filter(client=user, revoked=None).select_related("therapist")
    ]
    return {"region": helplines_for(user.region), "safety_plan": plan, "therapists": therapists}


def segments(entry: Entry) -> list[dict[str, Any]]:
    """The entry's text in pieces, each sentence marked with what the app noticed in it,
    as corrected by the person: their word about their own sentence wins."""
    data = entry.analysis_data
    text, pieces, position = entry.text, [], 0
    replies = {r.sentence_start: r for r in entry.replies.all()}
    said = {(c.sentence_start, c.label): c.person_said for c in entry.corrections.all()}
    for sentence in data.get("sentences", []):
        start, end = sentence["start"], sentence["end"]
        if start > position:
            pieces.append({"text": text[position:start], "start": None})
        pieces.append(
            {
                "text": text[start:end],
                "start": start,
                "critic": said.get((start, "critic"), "yes" if sentence["critic"]["flag"] else "no") == "yes",
                "corrected": (start, "critic") in said,
                "crisis": sentence["crisis"]["level"] != "none",
                "traps": [t["name"] for t in sentence["traps"] if said.get((start, "trap:" + t["name"])) != "no"],
                "suggestions": sentence.get("suggestions", []),
                "reply": replies.get(start),
            }
        )
        position = end
    if position < len(text):
        pieces.append({"text": text[position:], "start": None})
    return pieces


@never_cache
@login_required
@require_safe
def entry_list(request: HttpRequest) -> HttpResponse:
    user = User.of(request)
    query = request.GET.get("q", "").strip()[:200]
    entries = Entry.search(user, query.split()) if query else list(Entry.objects.filter(user=user)[:200])
    drafts = Draft.objects.filter(user=user, entry=None)[:5]
    return render(request, "journal/list.html", {"entries": entries, "query": query, "drafts": drafts})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def entry_new(request: HttpRequest) -> HttpResponse:
    user = User.of(request)
    if request.method == "POST":
        form = EntryForm(request.POST)
        if form.is_valid():
            entry = form.save(Entry(user=user))
            return redirect_saved(entry, form.cleaned_data.get("draft_key", ""))
    else:
        draft = Draft.objects.filter(user=user, key=request.GET.get("draft", ""), entry=None).first()
        key = draft.key if draft else uuid.uuid4().hex
        form = EntryForm(initial={"draft_key": key, "text": draft.text if draft else ""})
    context = {"form": form, "entry": None, **safety_context(user)}
    return render(request, "journal/edit.html", context)


def redirect_saved(entry: Entry, draft_key: str) -> HttpResponse:
    """To the saved entry, telling the page which copy on the device it may now forget."""
    response = redirect("journal:entry", entry_id=entry.pk)
    if draft_key and _DRAFT_KEY.fullmatch(draft_key):
        response["Location"] += f"?saved={draft_key}"
    return response


@never_cache
@login_required
@require_safe
def entry_detail(request: HttpRequest, entry_id: int) -> HttpResponse:
    user = User.of(request)
    entry = get_object_or_404(Entry, pk=entry_id, user=user)
    saved = request.GET.get("saved", "")
    pieces = segments(entry)
    context = {
        "entry": entry,
        "pieces": pieces,
        "any_critic": any(piece.get("critic") for piece in pieces),
        "analysis": entry.analysis_data,
        "forget_draft": saved if _DRAFT_KEY.fullmatch(saved) else "",
        **safety_context(user),
    }
    return render(request, "journal/detail.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def entry_edit(request: HttpRequest, entry_id: int) -> HttpResponse:
    user = User.of(request)
    entry = get_object_or_404(Entry, pk=entry_id, user=user)
    form = EntryForm(request.POST) if request.method == "POST" else EntryForm.for_entry(entry)
    if request.method == "POST" and form.is_valid():
        form.save(entry)
        messages.success(request, "Saved.")
        return redirect_saved(entry, form.cleaned_data.get("draft_key", ""))
    return render(request, "journal/edit.html", {"form": form, "entry": entry, **safety_context(user)})


@login_required
@require_POST
def entry_delete(request: HttpRequest, entry_id: int) -> HttpResponse:
    get_object_or_404(Entry, pk=entry_id, user=User.of(request)).delete()
    messages.success(request, "The entry has been deleted.")
    return redirect("journal:list")


@login_required
@require_POST
def entry_bring(request: HttpRequest, entry_id: int) -> HttpResponse:
    """Mark an entry to bring to the next session (a therapist sees it only if that is shared)."""
    entry = get_object_or_404(Entry, pk=entry_id, user=User.of(request))
    Entry.objects.filter(pk=entry.pk).update(bring_to_session=not entry.bring_to_session)
    if entry.bring_to_session:
        messages.success(request, "Unmarked.")
    else:
        messages.success(request, "Marked to bring to your next session.")
    return redirect("journal:entry", entry_id=entry.pk)


@login_required
@require_POST
def entry_reply(request: HttpRequest, entry_id: int) -> HttpResponse:
    user = User.of(request)
    entry = get_object_or_404(Entry, pk=entry_id, user=user)
    form = ReplyForm(request.POST)
    if form.is_valid():
        KindReply.objects.update_or_create(
            user=user,
            entry=entry,
            sentence_start=form.cleaned_data["sentence_start"],
            defaults={"text": form.cleaned_data["text"]},
        )
        messages.success(request, "Your kind words are saved with this entry.")
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("journal:entry", entry_id=entry.pk)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def safety_plan(request: HttpRequest) -> HttpResponse:
    user = User.of(request)
    plan, _ = SafetyPlan.objects.get_or_create(user=user)
    form = SafetyPlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your safety plan is saved.")
        return redirect("journal:safety_plan")
    return render(request, "journal/safety_plan.html", {"form": form, **safety_context(user)})


_COMPLETE = re.compile(r"^.*[.!?…\n]", re.DOTALL)


@login_required
@require_POST
def draft_save(request: HttpRequest) -> JsonResponse:
    """Autosave: keep what is being typed, and say whether a finished sentence needs the safety panel."""
    user = User.of(request)
    key = request.POST.get("key", "")
    text = request.POST.get("text", "")
    if not _DRAFT_KEY.fullmatch(key):
        return json_error(422, "invalid", "The draft key is not valid.")
    try:
        check_text(text, label="Your entry", max_length=TEXT_MAX)
    except InvalidInput as error:
        return json_error(422, error.code, error.message)
    entry = None
    if request.POST.get("entry"):
        entry = get_object_or_404(Entry, pk=request.POST["entry"] if request.POST["entry"].isdigit() else -1, user=user)
    if text.strip():
        draft, _ = Draft.objects.update_or_create(user=user, key=key, defaults={"text": text, "entry": entry})
        saved = draft.updated.isoformat()
    else:
        Draft.objects.filter(user=user, key=key).delete()
        saved = None
    # Only finished sentences are checked: a half-typed one would flicker the panel on and off.
    finished = _COMPLETE.match(text)
    level = analyze(finished.group(0)).crisis.level if finished else "none"
    return JsonResponse({"saved": saved, "crisis": level})


@login_required
@require_POST
def entry_correct(request: HttpRequest, entry_id: int) -> HttpResponse:
    """The person corrects a label: "this isn't my inner critic", or "the app missed this one"."""
    user = User.of(request)
    entry = get_object_or_404(Entry, pk=entry_id, user=user)
    starts = {s["start"]: s for s in entry.analysis_data.get("sentences", [])}
    try:
        start = int(request.POST.get("sentence_start", ""))
    except ValueError:
        start = -1
    label = request.POST.get("label", "")
    person_said = request.POST.get("person_said", "")
    sentence = starts.get(start)
    trap_names = [t["name"] for t in sentence["traps"]] if sentence else []
    if (
        sentence is None
        or person_said not in ("yes", "no")
        or not (label == "critic" or label.removeprefix("trap:") in trap_names)
    ):
        messages.error(request, "That correction could not be understood; nothing was changed.")
        return redirect("journal:entry", entry_id=entry.pk)
    app_said = ("yes" if sentence["critic"]["flag"] else "no") if label == "critic" else "yes"
    LabelCorrection.objects.update_or_create(
        user=user,
        entry=entry,
        sentence_start=start,
        label=label,
        defaults={"app_said": app_said, "person_said": person_said},
    )
    messages.success(request, "Thank you. You know your own words best; the app will learn from this.")
    return redirect("journal:entry", entry_id=entry.pk)


@never_cache
@login_required
@require_safe
def patterns_page(request: HttpRequest) -> HttpResponse:
    from django.utils import timezone

    from kindvoice.apps.journal.patterns import bars, patterns

    found = patterns(User.of(request), timezone.localdate())
    components = [(name.replace("_", " "), round(share * 100)) for name, share in found.components.items()]
    context = {"patterns": found, "chart": bars(found.weeks), "components": components}
    return render(request, "journal/patterns.html", context)
