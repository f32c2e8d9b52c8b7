"""Measures in the browser: take a questionnaire (saved as you go), see it explained and charted, export."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kindvoice.apps.accounts.models import User
from kindvoice.apps.journal.views import safety_context
from kindvoice.apps.measures.charts import chart
from kindvoice.apps.measures.models import Administration, Schedule, all_instruments, instrument
from kindvoice.errors import InvalidInput, NotFound
from kindvoice.measures import Instrument
from kindvoice.measures.fhir import bundle, response
from kindvoice.measures.score import Score, meaning
from kindvoice.text import check_text
from kindvoice.web.errors import json_error

# The panel's first words, when it is an answer that was chosen rather than words written.
SAFETY_INTRO = (
    "You said you have had thoughts that you would be better off dead, or of hurting yourself. "
    "That sounds really painful, and you deserve support with it."
)


@never_cache
@login_required
@require_safe
def measure_list(request: HttpRequest) -> HttpResponse:
    user = User.of(request)
    schedules = {s.instrument_id: s for s in Schedule.objects.filter(user=user)}
    rows = []
    for found in all_instruments().values():
        last = Administration.completed_for(user, found.id).first()
        rows.append({"instrument": found, "last": last, "schedule": schedules.get(found.id)})
    names = {i.id: i.short_name for i in all_instruments().values()}
    due = [(s, names.get(s.instrument_id, s.instrument_id)) for s in Schedule.due(user)]
    return render(request, "measures/list.html", {"rows": rows, "due": due})


def _items(measure: Instrument, answers: dict[int, int | None], role: str) -> list[dict[str, Any]]:
    substitutions = {"[helper]": role} if role else {}
    return [
        {
            "item": item,
            "text": measure.text_of(item, substitutions),
            "options": measure.options_for(item),
            "answer": answers.get(item.number),
        }
        for item in measure.items
    ]


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def take(request: HttpRequest, instrument_id: str) -> HttpResponse:
    user = User.of(request)
    measure = instrument(instrument_id)  # NotFound is a 404 page (middleware)
    administration = Administration.in_progress(user, measure.id)
    if request.method == "POST":
        try:
            _save_from_form(request, administration)
            administration.complete()
        except InvalidInput as error:
            messages.error(request, f"{error.message} Your answers so far are kept.")
        else:
            return redirect("measures:result", administration_id=administration.pk)
    flagged = _flagged(measure, administration.answers)
    context = {
        "instrument": measure,
        "administration": administration,
        "items": _items(measure, administration.answers, administration.role),
        "answered": sum(1 for v in administration.answers.values() if v is not None),
        "crisis": flagged,
        "has_helper": "[helper]" in measure.substitutions,
        "instructions": measure.substitute(measure.instructions, administration.substitutions),
        "safety_intro": SAFETY_INTRO,
        **safety_context(user),
    }
    return render(request, "measures/take.html", context)


def _flagged(measure: Instrument, answers: dict[int, int | None]) -> bool:
    return any(
        item.flag == "safety" and item.flag_at is not None and (answers.get(item.number) or 0) >= item.flag_at
        for item in measure.items
    )


def _save_from_form(request: HttpRequest, administration: Administration) -> None:
    values = {key.removeprefix("item-"): value for key, value in request.POST.items() if key.startswith("item-")}
    role = None
    if "role" in request.POST:
        role = check_text(request.POST["role"].strip(), label="Your role", max_length=40, allow_markup=False)
    administration.save_answers(values, role=role)


@login_required
@require_POST
def save(request: HttpRequest, administration_id: int) -> JsonResponse:
    """Autosave of one or more answers; says whether an answer needs the safety panel at once."""
    administration = Administration.objects.filter(pk=administration_id, user=User.of(request)).first()
    if administration is None:
        return json_error(404, "not_found", "There is no questionnaire in progress with that number.")
    if administration.completed is None:
        try:
            _save_from_form(request, administration)
        except InvalidInput as error:
            administration.refresh_from_db()
            if administration.completed is None:
                return json_error(422, error.code, error.message)
    if administration.completed is not None:
        # An autosave that arrives after the form was submitted: nothing to do, and nothing wrong.
        return JsonResponse({"saved": False, "complete": True, "crisis": "none"})
    answers = administration.answers
    return JsonResponse(
        {
            "saved": True,
            "answered": sum(1 for v in answers.values() if v is not None),
            "crisis": "concern" if _flagged(administration.instrument, answers) else "none",
        }
    )


@never_cache
@login_required
@require_safe
def result(request: HttpRequest, administration_id: int) -> HttpResponse:
    user = User.of(request)
    administration = get_object_or_404(Administration, pk=administration_id, user=user)
    if administration.completed is None:
        return redirect("measures:take", instrument_id=administration.instrument_id)
    measure = administration.instrument
    data = administration.result
    subscales = [
        {
            "name": name.replace("_", " "),
            "value": value,
            "band": data.get("subscale_bands", {}).get(name),
            "meaning": meaning(measure, data.get("subscale_bands", {}).get(name), subscale=name),
        }
        for name, value in data.get("subscales", {}).items()
    ]
    context = {
        "administration": administration,
        "instrument": measure,
        "data": data,
        "meaning": meaning(measure, data.get("band")),
        "subscales": subscales,
        "change": administration.change_since(administration.previous()),
        "crisis": "safety" in data.get("flags", []),
        "safety_intro": SAFETY_INTRO,
        **safety_context(user),
    }
    return render(request, "measures/result.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def detail(request: HttpRequest, instrument_id: str) -> HttpResponse:
    user = User.of(request)
    measure = instrument(instrument_id)  # NotFound is a 404 page (middleware)
    if request.method == "POST":
        try:
            every = int(request.POST.get("every_days", ""))
        except ValueError:
            messages.error(request, "Please choose how often, in days.")
        else:
            if every == 0:
                Schedule.objects.filter(user=user, instrument_id=measure.id).delete()
                messages.success(request, "It will no longer repeat.")
            else:
                try:
                    schedule = Schedule.set(user, measure.id, every)
                except InvalidInput as error:
                    messages.error(request, error.message)
                else:
                    when = f"{schedule.next_due:%d %B}"
                    messages.success(request, f"It will repeat every {schedule.weeks}; next on {when}.")
        return redirect("measures:detail", instrument_id=measure.id)
    administrations = list(reversed(Administration.completed_for(user, measure.id)[:100]))
    rows = [(a, a.change_since(administrations[i - 1]) if i else None) for i, a in enumerate(administrations)]
    context = {
        "instrument": measure,
        "rows": list(reversed(rows)),
        "chart": chart(measure, administrations),
        "schedule": Schedule.objects.filter(user=user, instrument_id=measure.id).first(),
        "choices": [d for d in (7, 14, 28, 30, 42, 56, 90) if d >= (measure.recall_days or 7)],
    }
    return render(request, "measures/detail.html", context)


@login_required
@require_POST
def delete(request: HttpRequest, administration_id: int) -> HttpResponse:
    found = get_object_or_404(Administration, pk=administration_id, user=User.of(request))
    instrument_id = found.instrument_id
    found.delete()
    messages.success(request, "That result has been deleted.")
    return redirect("measures:detail", instrument_id=instrument_id)


@never_cache
@login_required
@require_safe
def export_csv(request: HttpRequest) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["completed", "instrument", "total", "band", "subscales", "flags", "answers"])
    for administration in Administration.completed_for(User.of(request)).order_by("completed"):
        data = administration.result
        writer.writerow(
            [
                administration.completed.isoformat(timespec="seconds") if administration.completed else "",
                administration.instrument_id,
                data.get("total"),
                data.get("band") or "",
                json.dumps(data.get("subscales", {})),
                " ".join(data.get("flags", [])),
                " ".join(f"{k}={v}" for k, v in sorted(administration.answers.items())),
            ]
        )
    reply = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    reply["Content-Disposition"] = f'attachment; filename="kindvoice-measures-{timezone.localdate()}.csv"'
    return reply


def fhir_bundle(user: User) -> dict[str, Any]:
    responses = []
    for administration in Administration.completed_for(user).order_by("completed"):
        try:
            measure = administration.instrument
        except NotFound:
            continue  # a clinic removed the instrument's file: the CSV still has these results
        assert administration.completed is not None
        responses.append(
            response(
                measure,
                administration.answers,
                Score.from_dict(administration.result),
                administration.completed,
                f"kindvoice-{administration.pk}",
                administration.substitutions,
            )
        )
    return bundle(responses)


@never_cache
@login_required
@require_safe
def export_fhir(request: HttpRequest) -> HttpResponse:
    body = json.dumps(fhir_bundle(User.of(request)), indent=2, ensure_ascii=False)
    reply = HttpResponse(body, content_type="application/fhir+json")
    reply["Content-Disposition"] = f'attachment; filename="kindvoice-measures-{timezone.localdate()}.fhir.json"'
    return reply
