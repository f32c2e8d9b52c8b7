"""/api/practices and /api/practice-runs: the library, and a person's own runs (404 for anyone else's)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from pydantic import ConfigDict, Field

from kindvoice.api.common import ERRORS, me
from kindvoice.apps.care.models import practice_for
from kindvoice.apps.journal.api import safety_for
from kindvoice.apps.practices.models import PersonalList, Run
from kindvoice.errors import InvalidInput
from kindvoice.practices import Practice, Runner, builtin

library_router = Router(tags=["practices"])
runs_router = Router(tags=["practices"])


class RunIn(Schema):
    model_config = ConfigDict(extra="forbid")
    practice: str = Field(description="The practice's id, e.g. self-compassion-break")


class AnswerIn(Schema):
    model_config = ConfigDict(extra="forbid")
    step: str = Field(description="The id of the step being answered: it must be the current step")
    value: Any = Field(default=None, description="The answer, in the form the step's kind takes")


class StepIn(Schema):
    model_config = ConfigDict(extra="forbid")
    step: str


def practice_summary(practice: Practice) -> dict[str, Any]:
    return {
        "id": practice.id,
        "title": practice.title,
        "purpose": practice.purpose,
        "minutes": practice.minutes,
        "days": practice.days,
        "tags": list(practice.tags),
        "for_right_now": practice.for_right_now,
        "best_with_therapist": practice.best_with_therapist,
        "source": practice.source.model_dump(),
    }


def run_out(run: Run, runner: Runner | None = None) -> dict[str, Any]:
    runner = runner or run.runner()
    step = runner.current
    behind, total = runner.progress()
    crisis = run.crisis_level(runner)
    return {
        "id": run.pk,
        "practice": run.practice_id,
        "title": run.title,
        "started": run.started.isoformat(),
        "finished": run.finished.isoformat() if run.finished else None,
        "progress": {"done": behind, "total": total},
        "current_step": step.model_dump(by_alias=True) if step else None,
        "answers": runner.state.answers,
        "skipped": runner.state.skipped,
        "ratings": run.ratings,
        "crisis_level": crisis,
        "safety": safety_for(run.user) if crisis != "none" else None,
    }


@library_router.get("", response={200: list[dict[str, Any]], **ERRORS}, summary="Every practice in the library")
def list_practices(request: HttpRequest) -> list[dict[str, Any]]:
    me(request)
    return [practice_summary(p) for p in builtin().values()]


@library_router.get("/{practice_id}", response={200: dict[str, Any], **ERRORS}, summary="One practice, every step")
def read_practice(request: HttpRequest, practice_id: str) -> dict[str, Any]:
    me(request)
    practice = practice_for(me(request), practice_id)
    return {**practice_summary(practice), "steps": [s.model_dump(by_alias=True) for s in practice.steps]}


@runs_router.post("", response={201: dict[str, Any], **ERRORS}, summary="Begin a practice")
def start_run(request: HttpRequest, payload: RunIn) -> Status[dict[str, Any]]:
    user = me(request)
    run = Run.begin(user, practice_for(user, payload.practice))
    return Status(201, run_out(run))


@runs_router.get("", response={200: list[dict[str, Any]], **ERRORS}, summary="Your runs, newest first")
def list_runs(request: HttpRequest, practice: str = "") -> list[dict[str, Any]]:
    runs = Run.objects.filter(user=me(request))
    if practice:
        runs = runs.filter(practice_id=practice)
    return [
        {
            "id": run.pk,
            "practice": run.practice_id,
            "title": run.title,
            "started": run.started.isoformat(),
            "finished": run.finished.isoformat() if run.finished else None,
            "ratings": run.ratings,
        }
        for run in runs[:500]
    ]


@runs_router.get("/{run_id}", response={200: dict[str, Any], **ERRORS}, summary="One run: where it is, and its answers")
def read_run(request: HttpRequest, run_id: int) -> dict[str, Any]:
    return run_out(get_object_or_404(Run, pk=run_id, user=me(request)))


def _current(runner: Runner, step_id: str) -> None:
    step = runner.current
    if step is None:
        raise InvalidInput("This practice is already complete.")
    if step.id != step_id:
        raise InvalidInput(f"The current step is {step.id!r}, not {step_id!r}; read the run again and answer that.")


@runs_router.post("/{run_id}/answer", response={200: dict[str, Any], **ERRORS}, summary="Answer the current step")
def answer(request: HttpRequest, run_id: int, payload: AnswerIn) -> dict[str, Any]:
    user = me(request)
    run = get_object_or_404(Run, pk=run_id, user=user)
    runner = run.runner()
    _current(runner, payload.step)
    step = runner.current
    if step is not None and step.kind == "photo":
        raise InvalidInput("Photos can be attached in the browser only.")
    answered = runner.answer(payload.value)
    PersonalList.remember(user, answered, runner.state.answers[answered.id])
    run.keep(runner)
    return run_out(run, runner)


@runs_router.post("/{run_id}/skip", response={200: dict[str, Any], **ERRORS}, summary="Skip the current step")
def skip(request: HttpRequest, run_id: int, payload: StepIn) -> dict[str, Any]:
    run = get_object_or_404(Run, pk=run_id, user=me(request))
    runner = run.runner()
    _current(runner, payload.step)
    runner.skip()
    run.keep(runner)
    return run_out(run, runner)


@runs_router.post("/{run_id}/finish", response={200: dict[str, Any], **ERRORS}, summary="End the run here")
def finish(request: HttpRequest, run_id: int) -> dict[str, Any]:
    run = get_object_or_404(Run, pk=run_id, user=me(request))
    runner = run.runner()
    runner.finish()
    run.keep(runner)
    return run_out(run, runner)


@runs_router.delete("/{run_id}", response={204: None, **ERRORS}, summary="Delete a run and its answers")
def delete_run(request: HttpRequest, run_id: int) -> Status[None]:
    get_object_or_404(Run, pk=run_id, user=me(request)).delete()
    return Status(204, None)
