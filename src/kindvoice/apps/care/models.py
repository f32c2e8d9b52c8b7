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
from django.db import models, transaction
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
    # The client's choice: tell this therapist, in the app, when crisis language is written.
    notify_on_crisis = models.BooleanField(default=False)
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

    @property
    def shared_notes(self) -> Any:
        return self.notes.filter(shared=True)

    @property
    def new_alerts(self) -> int:
        return int(self.alerts.filter(seen=None).count())

    def shares(self, what: str) -> bool:
        return bool(getattr(self, f"share_{what}"))

    @property
    def shared(self) -> list[str]:
        return [label for key, label in SHARES.items() if self.shares(key)]

    @classmethod
    def accept(cls, client: Any, code: str, shares: set[str], notify: bool = False) -> CareLink:
        invitation = Invitation.find(code)
        if invitation.therapist.role != "therapist" or not invitation.therapist.is_active:
            raise NotFound("That invitation code is not valid: it may have expired or been used already.")
        if invitation.therapist_id == client.pk:
            raise InvalidInput("That is your own invitation; give it to your client.")
        unknown = shares - set(SHARES)
        if unknown:
            raise InvalidInput(f"Unknown sharing choice: {sorted(unknown)[0]}.")
        if cls.objects.filter(client=client, therapist=invitation.therapist, revoked=None).exists():
            raise InvalidInput("You are already linked with this therapist; change what you share instead.")
        with transaction.atomic():
            # Mark the code used first, and only if no one else just did: a code links once.
            if not Invitation.objects.filter(pk=invitation.pk, used=None).update(used=timezone.now()):
                raise NotFound("That invitation code is not valid: it may have expired or been used already.")
            return cls.objects.create(
                client=client,
                therapist=invitation.therapist,
                notify_on_crisis=notify,
                **{f"share_{key}": True for key in shares},
            )

    def set_shares(self, shares: set[str], notify: bool | None = None) -> None:
        for key in SHARES:
            setattr(self, f"share_{key}", key in shares)
        if notify is not None:
            self.notify_on_crisis = notify
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


class Assignment(models.Model):
    """Homework: a practice a therapist asks a client to do, once or every so many days."""

    export_owners = ("link__therapist", "link__client")  # the therapist wrote it, for the client

    link = models.ForeignKey(CareLink, on_delete=models.CASCADE, related_name="assignments")
    practice_id = models.CharField(max_length=60)
    note = EncryptedTextField(blank=True, default="")  # the therapist's words to the client
    every_days = models.PositiveSmallIntegerField(default=0)  # 0: once
    starts = models.DateField(default=timezone.localdate)
    ends = models.DateField(null=True, blank=True)
    created = models.DateTimeField(default=timezone.now)
    cancelled = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-created", "-pk"]

    def __str__(self) -> str:
        return f"{self.practice_id} for link {self.link_id}"

    @property
    def schedule(self) -> str:
        if not self.every_days:
            return "once"
        return "every day" if self.every_days == 1 else f"every {self.every_days} days"

    def expected(self, today: Any = None) -> int:
        """How many times it was asked for up to today (at least once once it has started)."""
        today = today or timezone.localdate()
        last = min(today, self.ends) if self.ends else today
        if last < self.starts:
            return 0
        if not self.every_days:
            return 1
        return int((last - self.starts).days // self.every_days + 1)

    def runs(self) -> models.QuerySet[Any]:
        from kindvoice.apps.practices.models import Run

        found = Run.objects.filter(user_id=self.link.client_id, practice_id=self.practice_id)
        found = found.filter(started__date__gte=self.starts)
        return found.filter(started__date__lte=self.ends) if self.ends else found

    def adherence(self, today: Any = None) -> dict[str, Any]:
        """Done (finished runs), started but not finished, still to do; ratings before and after."""
        runs = list(self.runs())
        done = [r for r in runs if r.finished]
        expected = self.expected(today)
        ratings = [
            (run.started, name, pair.get("before"), pair.get("after"))
            for run in done
            for name, pair in run.ratings.items()
            if "before" in pair or "after" in pair
        ]
        return {
            "expected": expected,
            "done": len(done),
            "started": len(runs) - len(done),
            "missed": max(0, expected - len(runs)),
            "ratings": ratings,
        }

    def due_today(self, today: Any = None) -> bool:
        today = today or timezone.localdate()
        if self.cancelled or today < self.starts or (self.ends and today > self.ends):
            return False
        return len([r for r in self.runs() if r.finished]) < self.expected(today)


class SessionNote(models.Model):
    """The therapist's own notes for a session: encrypted, and never the client's to read unless shared."""

    export_owners = ("link__therapist",)  # a shared note is read in the app, not exported to the client

    link = models.ForeignKey(CareLink, on_delete=models.CASCADE, related_name="notes")
    date = models.DateField(default=timezone.localdate)
    text = EncryptedTextField()
    shared = models.BooleanField(default=False)  # the therapist chose to show this note to the client
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering: ClassVar[list[str]] = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"note {self.pk} of link {self.link_id}"


class SafetyAlert(models.Model):
    """The therapist of a client who opted in is told, in the app, of crisis language or a PHQ-9 item 9."""

    export_owners = ("link__client", "link__therapist")

    link = models.ForeignKey(CareLink, on_delete=models.CASCADE, related_name="alerts")
    source = models.CharField(max_length=80)  # "a journal entry", "the PHQ-9 (question 9)"
    key = models.CharField(max_length=80)  # what raised it, so each raises one alert only
    created = models.DateTimeField(default=timezone.now)
    seen = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-created", "-pk"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["link", "key"], name="one_alert_per_source")
        ]

    def __str__(self) -> str:
        return f"alert {self.pk}: {self.source}"

    @classmethod
    def raise_for(cls, client: Any, source: str, key: str) -> int:
        """Tell every therapist the client asked to be told; returns how many were told."""
        told = 0
        for link in CareLink.objects.filter(client=client, revoked=None, notify_on_crisis=True):
            _, created = cls.objects.get_or_create(link=link, key=key, defaults={"source": source})
            told += int(created)
        return told


class TherapistPractice(models.Model):
    """A practice a therapist wrote, in the same YAML as the library, shared with chosen clients."""

    therapist = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="own_practices")
    practice_id = models.CharField(max_length=60)
    title = models.CharField(max_length=120)
    source = models.TextField()  # the therapist's own words, not a client's: kept as written
    shared_with = models.ManyToManyField(CareLink, blank=True, related_name="practices_shared")
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["therapist", "practice_id"], name="one_practice_id_per_therapist")
        ]

    def __str__(self) -> str:
        return f"{self.practice_id} by {self.therapist_id}"

    @property
    def practice(self) -> Any:
        from kindvoice.practices import parse_practice

        return parse_practice(self.source, where=f"{self.practice_id}.yaml")

    @classmethod
    def write(cls, therapist: Any, text: str) -> TherapistPractice:
        """Check the text as the library's files are checked, then keep it (a new one, or an edit)."""
        from kindvoice.practices import builtin, parse_practice

        if therapist.role != "therapist":
            raise InvalidInput("Only a therapist's account can write practices for clients.")
        practice = parse_practice(text, where="your practice")
        if practice.id in builtin():
            raise InvalidInput(f"The id {practice.id!r} belongs to a practice in the library; choose another id.")
        found, _ = cls.objects.update_or_create(
            therapist=therapist, practice_id=practice.id, defaults={"title": practice.title, "source": text}
        )
        return found


class TherapistList(models.Model):
    """A therapist's own suggestions for a personal list (the soothing menu), shared with chosen clients."""

    therapist = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="own_lists")
    name = models.CharField(max_length=40, default="soothing_menu")
    items_text = EncryptedTextField(default="[]")
    shared_with = models.ManyToManyField(CareLink, blank=True, related_name="lists_shared")
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["therapist", "name"], name="one_list_name_per_therapist")
        ]

    def __str__(self) -> str:
        return f"{self.name} by {self.therapist_id}"

    @property
    def items(self) -> list[str]:
        import json

        return list(json.loads(self.items_text or "[]"))

    @classmethod
    def suggestions_for(cls, client: Any, name: str) -> list[str]:
        """Every item of this list that a client's active therapists share with them."""
        found: list[str] = []
        for shared in cls.objects.filter(name=name, shared_with__client=client, shared_with__revoked=None):
            found.extend(item for item in shared.items if item not in found)
        return found


def practice_for(user: Any, practice_id: str) -> Any:
    """A practice this person may do: the library's, or one a therapist wrote and shares with them
    (or wrote themselves). NotFound otherwise, as for something that does not exist."""
    from kindvoice.practices import builtin

    if practice_id in builtin():
        return builtin()[practice_id]
    own = TherapistPractice.objects.filter(practice_id=practice_id)
    found = (
        own.filter(shared_with__client=user, shared_with__revoked=None).first() or own.filter(therapist=user).first()
    )
    if found is None:
        raise NotFound(f"There is no practice called {practice_id!r}.")
    return found.practice


def shared_practices(user: Any) -> list[Any]:
    """The practices a person's therapists wrote and share with them."""
    found = TherapistPractice.objects.filter(shared_with__client=user, shared_with__revoked=None).distinct()
    return [p.practice for p in found]


def share_for_assignment(link: CareLink, practice_id: str) -> None:
    """A practice can be assigned if it is in the library or the therapist wrote it (it is then shared)."""
    from kindvoice.practices import builtin

    if practice_id in builtin():
        return
    own = TherapistPractice.objects.filter(therapist_id=link.therapist_id, practice_id=practice_id).first()
    if own is None:
        raise NotFound(f"There is no practice called {practice_id!r}.")
    own.shared_with.add(link)
