"""/api/care: invitations, links and sharing, homework, the session summary and the access log.

A client's data is reached only through `open_client` (link, switch, log); anything that is
not one's own, or not shared, is a 404 in the one error envelope.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from pydantic import ConfigDict, Field

from kindvoice.api.common import ERRORS, me
from kindvoice.apps.accounts.models import Role
from kindvoice.apps.care.access import open_client
from kindvoice.apps.care.models import SHARES, AccessEvent, Assignment, CareLink, Invitation, share_for_assignment
from kindvoice.apps.care.summary import as_data, since_last_session
from kindvoice.errors import InvalidInput, NotFound
from kindvoice.text import check_text

router = Router(tags=["care"])


class InvitationIn(Schema):
    model_config = ConfigDict(extra="forbid")
    note: str = Field(default="", description="Your own reminder of whom it is for; only you see it")


class AcceptIn(Schema):
    model_config = ConfigDict(extra="forbid")
    code: str
    share: list[str] = Field(default_factory=list, description=f"Any of: {', '.join(SHARES)}")
    notify: bool = Field(default=False, description="Tell the therapist, in the app, of crisis language")


class SharingIn(Schema):
    model_config = ConfigDict(extra="forbid")
    share: list[str]
    notify: bool | None = None


class AssignmentIn(Schema):
    model_config = ConfigDict(extra="forbid")
    practice: str
    every_days: int = Field(default=0, ge=0, le=60, description="0: once")
    note: str = ""


def link_out(link: CareLink) -> dict[str, Any]:
    return {
        "id": link.pk,
        "client": {"id": link.client_id, "name": link.client.display_name or link.client.email},
        "therapist": {"id": link.therapist_id, "name": link.therapist.display_name or link.therapist.email},
        "share": [key for key in SHARES if link.shares(key)],
        "notify": link.notify_on_crisis,
        "created": link.created.isoformat(),
    }


def _shares(values: list[str]) -> set[str]:
    unknown = [v for v in values if v not in SHARES]
    if unknown:
        raise InvalidInput(f"share: {unknown[0]!r} is not one of {', '.join(SHARES)}.")
    return set(values)


@router.post("/invitations", response={201: dict[str, Any], **ERRORS}, summary="Invite a client (therapists)")
def invite(request: HttpRequest, payload: InvitationIn) -> Status[dict[str, Any]]:
    user = me(request)
    if user.role != Role.THERAPIST:
        raise NotFound("Only a therapist's account can invite clients.")
    note = check_text(payload.note.strip(), label="note", max_length=200, allow_markup=False)
    invitation, code = Invitation.issue(user, note)
    return Status(201, {"code": code, "expires": invitation.expires.isoformat()})


@router.post("/links", response={201: dict[str, Any], **ERRORS}, summary="Accept an invitation (clients)")
def accept(request: HttpRequest, payload: AcceptIn) -> Status[dict[str, Any]]:
    link = CareLink.accept(me(request), payload.code, _shares(payload.share), notify=payload.notify)
    return Status(201, link_out(link))


@router.get("/links", response={200: list[dict[str, Any]], **ERRORS}, summary="Your active links, either side")
def links(request: HttpRequest) -> list[dict[str, Any]]:
    user = me(request)
    found = CareLink.objects.filter(Q(client=user) | Q(therapist=user), revoked=None)
    return [link_out(link) for link in found.select_related("client", "therapist")]


@router.patch("/links/{link_id}", response={200: dict[str, Any], **ERRORS}, summary="Change what you share")
def change_sharing(request: HttpRequest, link_id: int, payload: SharingIn) -> dict[str, Any]:
    link = get_object_or_404(CareLink, pk=link_id, client=me(request), revoked=None)
    link.set_shares(_shares(payload.share), notify=payload.notify)
    return link_out(link)


@router.delete("/links/{link_id}", response={204: None, **ERRORS}, summary="End a link at once")
def revoke(request: HttpRequest, link_id: int) -> Status[None]:
    get_object_or_404(CareLink, pk=link_id, client=me(request), revoked=None).revoke()
    return Status(204, None)


@router.post("/clients/{client_id}/assignments", response={201: dict[str, Any], **ERRORS}, summary="Assign a practice")
def assign(request: HttpRequest, client_id: int, payload: AssignmentIn) -> Status[dict[str, Any]]:
    user = me(request)
    if user.role != Role.THERAPIST:
        raise NotFound("There is no client here with that number.")
    link = get_object_or_404(CareLink, therapist=user, client_id=client_id, revoked=None)
    share_for_assignment(link, payload.practice)
    note = check_text(payload.note.strip(), label="note", max_length=1_000)
    found = Assignment.objects.create(link=link, practice_id=payload.practice, every_days=payload.every_days, note=note)
    return Status(201, {"id": found.pk, "practice": found.practice_id, "schedule": found.schedule})


@router.get("/clients/{client_id}/summary", response={200: dict[str, Any], **ERRORS}, summary="Session summary")
def summary(request: HttpRequest, client_id: int) -> dict[str, Any]:
    link = open_client(me(request), client_id, "summary")
    return as_data(link, since_last_session(link))


@router.get("/access-log", response={200: list[dict[str, Any]], **ERRORS}, summary="Who has seen what of yours")
def access_log(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {"therapist": e.therapist_name, "what": e.what, "at": e.at.isoformat(), "sentence": e.sentence}
        for e in AccessEvent.objects.filter(client=me(request))
    ]
