"""The one way a therapist reaches a client's data: check the link and the sharing switch, write the
access log, and only then read. Anything else answers 404, as if there were nothing there."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from kindvoice.apps.care.models import SHARES, AccessEvent, CareLink
from kindvoice.errors import NotFound

# How each kind of access reads in the client's log: "Dr. Lee viewed your questionnaire results".
LOG_WORDS = {
    "measures": "your questionnaire results",
    "practices": "your practice activity",
    "marked": "what you marked to bring to session",
    "journal": "your journal",
    "summary": "your session summary",
    "overview": "an overview of what you share",
}


def open_client(therapist: Any, client_id: int, what: str, detail: str = "") -> CareLink:
    """The active link that lets this therapist see `what` of this client, logged; else NotFound."""
    if what not in LOG_WORDS:
        raise ValueError(f"unknown kind of client data: {what}")
    # A therapist whose role was taken away, or whose account was closed, reaches nothing.
    is_therapist = getattr(therapist, "role", None) == "therapist" and getattr(therapist, "is_active", False)
    link = (
        CareLink.objects.select_related("client")
        .filter(therapist_id=getattr(therapist, "pk", None), client_id=client_id, revoked=None)
        .first()
        if is_therapist
        else None
    )
    # Each kind of shared data needs its own switch; the summary and the overview need only the
    # link, and show inside them just what the switches allow.
    if link is None or (what in SHARES and not link.shares(what)):
        raise NotFound("There is no client here with that number, or nothing of theirs is shared with you.")
    if (
        what == "overview"
        and AccessEvent.objects.filter(
            client=link.client, therapist=therapist, what=LOG_WORDS["overview"], at__date=timezone.localdate()
        ).exists()
    ):
        return link  # the overview is logged once a day, so reloading it never crowds out other rows
    AccessEvent.objects.create(
        client=link.client,
        therapist=therapist,
        therapist_name=therapist.display_name or therapist.email,
        what=detail or LOG_WORDS[what],
    )
    return link
