"""/api/measures and /api/measure-results: instruments for anyone logged in, results for their owner."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from pydantic import ConfigDict, Field

from kindvoice.api.common import ERRORS, me
from kindvoice.apps.journal.api import safety_for
from kindvoice.apps.measures.models import Administration, all_instruments, instrument
from kindvoice.measures import Instrument, score
from kindvoice.text import check_text

instruments_router = Router(tags=["measures"])
results_router = Router(tags=["measures"])


class AnswersIn(Schema):
    model_config = ConfigDict(extra="forbid")
    answers: list[int | None] | dict[str, int | None] = Field(
        description='In item order ([1, 2, 0, …]) or by item number ({"1": 1, …})'
    )
    role: str = Field(default="", description="ProQOL only: the word that replaces [helper], e.g. nurse")


def instrument_summary(found: Instrument) -> dict[str, Any]:
    return {
        "id": found.id,
        "name": found.name,
        "short_name": found.short_name,
        "items": len(found.items),
        "recall_days": found.recall_days,
        "citation": found.citation,
        "licence": found.licence.notice,
    }


def result_out(administration: Administration, *, with_change: bool = True) -> dict[str, Any]:
    data = administration.result
    out: dict[str, Any] = {
        "id": administration.pk,
        "instrument": administration.instrument_id,
        "completed": administration.completed.isoformat() if administration.completed else None,
        "answers": {str(k): v for k, v in administration.answers.items()},
        **{k: data.get(k) for k in ("total", "subscales", "band", "flags")},
    }
    if "subscale_bands" in data:
        out["subscale_bands"] = data["subscale_bands"]
    if with_change and administration.completed:
        change = administration.change_since(administration.previous())
        out["change"] = change.to_dict() if change else None
    if "safety" in (data.get("flags") or []):
        out["safety"] = safety_for(administration.user)
    return out


@instruments_router.get("", response={200: list[dict[str, Any]], **ERRORS}, summary="Every instrument")
def list_instruments(request: HttpRequest) -> list[dict[str, Any]]:
    me(request)
    return [instrument_summary(i) for i in all_instruments().values()]


@instruments_router.get(
    "/{instrument_id}", response={200: dict[str, Any], **ERRORS}, summary="One instrument, its items exact"
)
def read_instrument(request: HttpRequest, instrument_id: str) -> dict[str, Any]:
    me(request)
    found = instrument(instrument_id)
    return {
        **instrument_summary(found),
        "instructions": found.instructions,
        "options": [o.model_dump() for o in found.options],
        "items": [
            {
                "number": item.number,
                "text": item.text,
                "scored": item.scored,
                "options": [o.model_dump() for o in found.options_for(item)],
            }
            for item in found.items
        ],
        "subscales": found.subscales,
        "bands": [b.model_dump() for b in found.bands],
        "bands_source": found.bands_source,
    }


@instruments_router.post(
    "/{instrument_id}/administrations",
    response={201: dict[str, Any], **ERRORS},
    summary="Submit answers (scored at once)",
)
def submit(request: HttpRequest, instrument_id: str, payload: AnswersIn) -> Status[dict[str, Any]]:
    user = me(request)
    found = instrument(instrument_id)
    role = check_text(payload.role.strip(), label="role", max_length=40, allow_markup=False)
    values = payload.answers if isinstance(payload.answers, dict) else dict(enumerate(payload.answers, 1))
    score(found, values)  # refuses incomplete or out-of-range answers before anything is stored
    administration = Administration(user=user, instrument_id=found.id)
    administration.save_answers(values, role=role)
    administration.complete()
    return Status(201, result_out(administration))


@results_router.get("", response={200: list[dict[str, Any]], **ERRORS}, summary="Your results, with reliable change")
def list_results(request: HttpRequest, instrument: str = "") -> list[dict[str, Any]]:
    found = Administration.completed_for(me(request), instrument or None)
    return [result_out(a) for a in found[:500]]


@results_router.get("/{result_id}", response={200: dict[str, Any], **ERRORS}, summary="One result")
def read_result(request: HttpRequest, result_id: int) -> dict[str, Any]:
    return result_out(get_object_or_404(Administration, pk=result_id, user=me(request), completed__isnull=False))


@results_router.delete("/{result_id}", response={204: None, **ERRORS}, summary="Delete a result")
def delete_result(request: HttpRequest, result_id: int) -> Status[None]:
    get_object_or_404(Administration, pk=result_id, user=me(request)).delete()
    return Status(204, None)
