"""/api/journal/entries: a person's own entries, never anyone else's (404 for those)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from pydantic import ConfigDict, Field

from kindvoice.api.common import ERRORS, me
from kindvoice.apps.accounts.models import User
from kindvoice.apps.journal.forms import clean_tags
from kindvoice.apps.journal.models import TEXT_MAX, Entry
from kindvoice.errors import InvalidInput
from kindvoice.safety import helplines_for
from kindvoice.text import check_text

router = Router(tags=["journal"])


class EntryIn(Schema):
    model_config = ConfigDict(extra="forbid")
    text: str
    tags: list[str] = Field(default_factory=list)
    mood: int | None = Field(default=None, ge=0, le=10)


class EntryPatch(Schema):
    model_config = ConfigDict(extra="forbid")
    text: str | None = None
    tags: list[str] | None = None
    mood: int | None = Field(default=None, ge=0, le=10)


def _text(value: str) -> str:
    text = check_text(value.strip(), label="text", max_length=TEXT_MAX)
    if not text:
        raise InvalidInput("text: write something first; an empty entry cannot be saved.")
    return text


def _tags(values: list[str]) -> list[str]:
    try:
        return clean_tags(",".join(values))
    except ValidationError as error:
        raise InvalidInput("tags: " + " ".join(error.messages)) from None


def safety_for(user: User) -> dict[str, Any]:
    region = helplines_for(user.region)
    return {
        "region": region.code,
        "emergency": region.emergency,
        "helplines": [line.model_dump(mode="json", exclude={"checked_how"}) for line in region.helplines],
    }


def entry_out(entry: Entry, *, full: bool = True) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": entry.pk,
        "created": entry.created.isoformat(),
        "updated": entry.updated.isoformat(),
        "text": entry.text,
        "tags": entry.tag_list,
        "mood": entry.mood,
        "crisis_level": entry.crisis_level,
    }
    if full:
        data["analysis"] = entry.analysis_data
        data["replies"] = [{"sentence_start": r.sentence_start, "text": r.text} for r in entry.replies.all()]
        data["safety"] = safety_for(entry.user) if entry.crisis_level != "none" else None
    return data


@router.post("/entries", response={201: dict[str, Any], **ERRORS}, summary="Write an entry (analysed at once)")
def create_entry(request: HttpRequest, payload: EntryIn) -> Status[dict[str, Any]]:
    user = me(request)
    entry = Entry(user=user, text=_text(payload.text), mood=payload.mood)
    entry.tag_list = _tags(payload.tags)
    entry.analyse()
    entry.save()
    return Status(201, entry_out(entry))


@router.get("/entries", response={200: list[dict[str, Any]], **ERRORS}, summary="Your entries, newest first")
def list_entries(request: HttpRequest, q: str = "") -> list[dict[str, Any]]:
    user = me(request)
    words = q.split()[:20]
    entries = Entry.search(user, words) if words else Entry.objects.filter(user=user)
    return [entry_out(e, full=False) for e in entries]


@router.get("/entries/{entry_id}", response={200: dict[str, Any], **ERRORS}, summary="One entry with its analysis")
def read_entry(request: HttpRequest, entry_id: int) -> dict[str, Any]:
    return entry_out(get_object_or_404(Entry, pk=entry_id, user=me(request)))


@router.patch("/entries/{entry_id}", response={200: dict[str, Any], **ERRORS}, summary="Change an entry")
def update_entry(request: HttpRequest, entry_id: int, payload: EntryPatch) -> dict[str, Any]:
    entry = get_object_or_404(Entry, pk=entry_id, user=me(request))
    if payload.text is not None:
        entry.text = _text(payload.text)
    if payload.tags is not None:
        entry.tag_list = _tags(payload.tags)
    if "mood" in payload.model_fields_set:
        entry.mood = payload.mood
    entry.analyse()
    entry.save()
    return entry_out(entry)


@router.delete("/entries/{entry_id}", response={204: None, **ERRORS}, summary="Delete an entry")
def delete_entry(request: HttpRequest, entry_id: int) -> Status[None]:
    get_object_or_404(Entry, pk=entry_id, user=me(request)).delete()
    return Status(204, None)
