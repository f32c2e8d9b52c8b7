"""A client and their therapist on the same server: invitations, what the client shares, and a log
of every time the therapist opens anything of the client's.

Every read a therapist makes of a client's data goes through `CareLink.open` (in access.py),
which checks the link and the sharing switch and writes the log row first. There is no other
way in.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone

from kindvoice.errors import InvalidInput, NotFound
from kindvoice.privacy.fields import EncryptedTextField

INVITATION_DAYS = 7
SHARES = {
    "measures": "your questionnaire results",
    "practices": "your practice activity (which practices, when, ratings)",
    "marked": "entries and answers you mark “bring to session”",
    "journal": "everything in your journal",
}


def _digest(code: str) -> str:
    return hashlib.sha256(code.strip().upper().encode("utf-8")).hexdigest()


class Invitation(models.Model):
    """A code a therapist gives a client; only its digest is kept, and it expires."""

    therapist = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations")
    note = EncryptedTextField(blank=True, default="")  # the therapist's own reminder of whom it is for
    digest = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(default=timezone.now)
    expires = models.DateTimeField()
    used = models.DateTimeField(null=True, blank=True)

    export_exclude = ("digest",)

    def __str__(self) -> str:
        return f"invitation {self.pk} from {self.therapist_id}"

    @classmethod
    def issue(cls, therapist: Any, note: str = "") -> tuple[Invitation, str]:
        if therapist.role != "therapist":
            raise InvalidInput("Only a therapist's account can invite clients.")
        # Easy to read aloud or type: 12 characters from an alphabet without look-alikes.
        alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
        code = "-".join("".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(3))
        invitation = cls.objects.create(
            therapist=therapist,
            note=note,
            digest=_digest(code),
            expires=timezone.now() + timedelta(days=INVITATION_DAYS),
        )
        return invitation, code

    @classmethod
    def find(cls, code: str) -> Invitation:
        found = cls.objects.select_related("therapist").filter(digest=_digest(code)).first()
        if found is None or found.used is not None or found.expires < timezone.now():
            raise NotFound("That invitation code is not valid: it may have expired or been used already.")
        return found


class CareLink(models.Model):
    """A client linked with a therapist, with the client's sharing switches."""

    client = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="therapists")
    therapist = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="clients")
    share_measures = models.BooleanField(default=False)
    share_practices = models.BooleanField(default=False)
    share_marked = models.BooleanField(default=False)
    share_journal = models.BooleanField(default=False)
    created = models.DateTimeField(default=timezone.now)
    revoked = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["client", "therapist"], condition=models.Q(revoked=None), name="one_active_link"
            )
        ]

    def __str__(self) -> str:
        return f"link {self.client_id} ↔ {self.therapist_id}"

    def shares(self, what: str) -> bool:
        return bool(getattr(self, f"share_{what}"))

    @property
    def shared(self) -> list[str]:
        return [label for key, label in SHARES.items() if self.shares(key)]

    @classmethod
    def accept(cls, client: Any, code: str, shares: set[str]) -> CareLink:
        invitation = Invitation.find(code)
        if invitation.therapist_id == client.pk:
            raise InvalidInput("That is your own invitation; give it to your client.")
        unknown = shares - set(SHARES)
        if unknown:
            raise InvalidInput(f"Unknown sharing choice: {sorted(unknown)[0]}.")
        if cls.objects.filter(client=client, therapist=invitation.therapist, revoked=None).exists():
            raise InvalidInput("You are already linked with this therapist; change what you share instead.")
        link = cls.objects.create(
            client=client, therapist=invitation.therapist, **{f"share_{key}": True for key in shares}
        )
        Invitation.objects.filter(pk=invitation.pk).update(used=timezone.now())
        return link

    def set_shares(self, shares: set[str]) -> None:
        for key in SHARES:
            setattr(self, f"share_{key}", key in shares)
        self.save()

    def revoke(self) -> None:
        self.revoked = timezone.now()
        self.save()


class AccessEvent(models.Model):
    """One time a therapist opened something of a client's: the client can read every row."""

    client = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="access_events")
    # The therapist's name is kept as it was, so the log still reads well after a link ends.
    therapist = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="accesses_made"
    )
    therapist_name = EncryptedTextField()
    what = models.CharField(max_length=120)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.therapist_name} viewed {self.what}"

    @property
    def sentence(self) -> str:
        """In plain words: "Dr. Lee viewed your SCS-SF results on 3 March"."""
        return f"{self.therapist_name} viewed {self.what} on {self.at:%-d %B %Y at %H:%M}"
