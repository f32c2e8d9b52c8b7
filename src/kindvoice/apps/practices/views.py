"""Practices in the browser: the library, one calm step at a time, and what the history shows."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kindvoice.apps.accounts.models import User
from kindvoice.apps.care.models import TherapistList, shared_practices
from kindvoice.apps.journal.views import safety_context
from kindvoice.apps.practices import insights
from kindvoice.apps.practices.charts import change_chart, readings_chart
from kindvoice.apps.practices.models import PHOTO_MAX_BYTES, PersonalList, Photo, Run
from kindvoice.errors import InvalidInput, NotFound
from kindvoice.language import analyze
from kindvoice.practices import Runner, builtin
from kindvoice.practices.schema import TAGS, ListBuilder, LookBack, Practice, Step
from kindvoice.web.errors import json_error

LENGTHS = {"5": "5 minutes or less", "15": "15 minutes or less", "any": "any length"}


def _practice(request: HttpRequest, practice_id: str) -> Practice:
    from kindvoice.apps.care.models import practice_for

    return practice_for(User.of(request), practice_id)  # type: ignore[no-any-return]  # or NotFound: a 404


@never_cache
@login_required
@require_safe
def library(request: HttpRequest) -> HttpResponse:
    tag = request.GET.get("tag", "")
    tag = tag if tag in TAGS else ""
    length = request.GET.get("length", "any")
    limit = int(length) if length in LENGTHS and length != "any" else 240
    practices = [p for p in builtin().values() if p.minutes <= limit and (not tag or tag in p.tags)]
    context = {
        "practices": practices,
        "right_now": [p for p in builtin().values() if p.for_right_now],
        "from_therapist": shared_practices(User.of(request)),
        "paused": Run.objects.filter(user=User.of(request), finished=None)[:5],
        "tags": TAGS,
        "tag": tag if tag in TAGS else "",
        "lengths": LENGTHS,
        "length": length if length in LENGTHS else "any",
    }
    return render(request, "practices/library.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def practice_detail(request: HttpRequest, practice_id: str) -> HttpResponse:
    practice = _practice(request, practice_id)
    if request.method == "POST":
        run = Run.begin(User.of(request), practice)
        return redirect("practices:run", run_id=run.pk)
    earlier = Run.objects.filter(user=User.of(request), practice_id=practice.id)[:5]
    return render(request, "practices/detail.html", {"practice": practice, "earlier": earlier})


def _step_context(request: HttpRequest, run: Run, runner: Runner, step: Step) -> dict[str, Any]:
    user = User.of(request)
    context: dict[str, Any] = {"step": step, "draft": runner.state.drafts.get(step.id, "")}
    previous = runner.state.answers.get(step.id)
    if isinstance(step, ListBuilder):
        items = PersonalList.of(user, step.list_name)
        context["items"] = items
        ideas = [*step.suggestions, *TherapistList.suggestions_for(user, step.list_name)]
        context["ideas"] = [s for s in dict.fromkeys(ideas) if s not in items]
        if step.mode == "build" and not context["draft"]:
            context["draft"] = "\n".join(items)
    if isinstance(step, LookBack):
        practice_id, _, step_id = step.step.rpartition(".")
        context["earlier"] = insights.earlier_answers(
            user, practice_id or run.practice_id, step_id, step.limit, exclude=run.pk
        )
    if previous is not None and not context["draft"] and isinstance(previous, str):
        context["draft"] = previous
    context["previous"] = previous
    context["forget"] = [*runner.state.answers, *runner.state.skipped]
    if step.kind == "rating":
        context["scale"] = range(step.min, step.max + 1)
    if step.kind == "timer":
        minutes, seconds = divmod(step.seconds, 60)
        context["minutes_seconds"] = f"{minutes}:{seconds:02d}"
    return context


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def run_step(request: HttpRequest, run_id: int) -> HttpResponse:
    user = User.of(request)
    run = get_object_or_404(Run, pk=run_id, user=user)
    runner = run.runner()  # a practice that is gone raises NotFound: a 404 page, by the middleware
    if request.method == "POST":
        try:
            moved = _act(request, run, runner)
        except InvalidInput as error:
            messages.error(request, error.message)
            moved = False
        if moved == "paused":
            messages.success(request, "Paused. Everything so far is kept; continue whenever you like.")
            return redirect("practices:library")
        return redirect("practices:run", run_id=run.pk)
    step = runner.current
    crisis = run.crisis_level(runner)
    context: dict[str, Any] = {
        "run": run,
        "practice": runner.practice,
        "progress": runner.progress(),
        "crisis": crisis != "none",
        **safety_context(user),
    }
    if step is None:
        context["ratings"] = runner.ratings()
        return render(request, "practices/done.html", context)
    context.update(_step_context(request, run, runner, step))
    return render(request, "practices/step.html", context)


def _act(request: HttpRequest, run: Run, runner: Runner) -> str | bool:
    action = request.POST.get("action", "answer")
    step = runner.current
    if action == "back":
        runner.back()
    elif action == "finish":
        runner.finish()
    elif action == "pause":
        # The words belong to the step the form was for, which another window may have passed.
        if request.POST.get("answer", "").strip():
            runner.keep_draft(request.POST.get("step", ""), request.POST["answer"])
        run.keep(runner)
        return "paused"
    elif step is None:
        return False
    elif request.POST.get("step") != step.id:
        # Another tab (or the back button) moved the run on: keep the words, ask again.
        if request.POST.get("answer", "").strip():
            runner.keep_draft(request.POST.get("step", ""), request.POST["answer"])
            run.keep(runner)
        raise InvalidInput("This practice had moved on in another window. Here is where it is now.")
    elif action == "skip":
        runner.skip()
    else:
        answered = runner.answer(_value(request, run, step))
        PersonalList.remember(User.of(request), answered, runner.state.answers[answered.id])
    run.keep(runner)
    return True


def _value(request: HttpRequest, run: Run, step: Step) -> Any:
    if step.kind == "checklist":
        return request.POST.getlist("answer")
    if step.kind == "photo":
        upload = request.FILES.get("photo")
        if upload is None:
            raise InvalidInput("No photo was attached. You can attach one, or skip this step.")
        photo = Photo.store(run, step.id, upload.read(PHOTO_MAX_BYTES + 1))
        return f"photo:{photo.pk}"
    if isinstance(step, ListBuilder):
        if step.mode == "pick":
            return request.POST.get("other", "").strip() or request.POST.get("answer", "")
        lines = request.POST.get("answer", "").splitlines() + request.POST.getlist("idea")
        return lines
    return request.POST.get("answer", "")


@login_required
@require_POST
def draft_save(request: HttpRequest, run_id: int, step_id: str) -> JsonResponse:
    """Autosave for a step's words, answering like the journal's: saved, and any crisis language."""
    run = Run.objects.filter(pk=run_id, user=User.of(request)).first()
    if run is None:
        return json_error(404, "not_found", "There is no such practice run.")
    text = request.POST.get("text", "")
    try:
        run.keep_draft(step_id, text)
    except (InvalidInput, NotFound) as error:
        return json_error(422, error.code, error.message)
    level = analyze(text).crisis.level if text.strip() else "none"
    return JsonResponse({"saved": run.updated.isoformat(), "crisis": level})


@never_cache
@login_required
@require_safe
def photo(request: HttpRequest, photo_id: int) -> HttpResponse:
    found = get_object_or_404(Photo, pk=photo_id, user=User.of(request))
    response = HttpResponse(found.content, content_type=found.content_type)
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = "inline"
    return response


@never_cache
@login_required
@require_safe
def history(request: HttpRequest) -> HttpResponse:
    user = User.of(request)
    names = insights.recorded_names(user)
    charts = [(name, change_chart(insights.changes(user, name), name)) for name in names]
    context = {
        "runs": Run.objects.filter(user=user)[:100],
        "charts": charts,
        "readings": readings_chart(insights.readings(user)),
    }
    return render(request, "practices/history.html", context)


@never_cache
@login_required
@require_safe
def what_helps(request: HttpRequest) -> HttpResponse:
    user = User.of(request)
    context = {"helpers": insights.what_helps(user), "menu": PersonalList.of(user, "soothing_menu")}
    return render(request, "practices/what_helps.html", context)


@never_cache
@login_required
@require_safe
def moments(request: HttpRequest) -> HttpResponse:
    return render(request, "practices/moments.html", {"moments": insights.moments(User.of(request))})


@login_required
@require_POST
def run_bring(request: HttpRequest, run_id: int) -> HttpResponse:
    """Mark a practice's answers to bring to the next session (seen only if that is shared)."""
    run = get_object_or_404(Run, pk=run_id, user=User.of(request))
    Run.objects.filter(pk=run.pk).update(bring_to_session=not run.bring_to_session)
    messages.success(request, "Unmarked." if run.bring_to_session else "Marked to bring to your next session.")
    return redirect("practices:run", run_id=run.pk)


@login_required
@require_POST
def run_delete(request: HttpRequest, run_id: int) -> HttpResponse:
    get_object_or_404(Run, pk=run_id, user=User.of(request)).delete()
    messages.success(request, "That practice and its answers have been deleted.")
    return redirect("practices:history")
