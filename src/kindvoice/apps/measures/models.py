"""A person's questionnaires: each administration (answers saved as they go) and their schedules.

Answers and results are health information, so both are encrypted at rest; only dates and the
instrument's id are in the clear. Charts decrypt a person's own rows, which are few.
"""

from __future__ import annotations

import json
import logging
import math
from datetime import date, timedelta
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.dispatch import Signal
from django.utils import timezone

from kindvoice import config
from kindvoice.errors import InvalidInput, NotFound
from kindvoice.measures import Change, Instrument, compare, instruments, score
from kindvoice.measures.score import as_answers
from kindvoice.privacy.fields import EncryptedTextField

log = logging.getLogger("kindvoice")
# Sent once when an administration is scored, for whatever must follow (a therapist's safety alert).
completed = Signal()


def clinic_folder() -> Any:
    """Where a clinic puts instruments it has permission to use: <data dir>/instruments/."""
    return config.data_dir() / "instruments"


def all_instruments() -> dict[str, Instrument]:
    """Built-in and clinic instruments; a clinic file with a mistake is logged and left out."""
    problems: list[str] = []
    found = instruments(clinic_folder(), problems)
    for problem in problems:
        if problem not in _logged:
            _logged.add(problem)
            log.warning("A clinic instrument was left out: %s", problem)
    return found


_logged: set[str] = set()  # each left-out file is logged once per process, not on every page


def instrument(instrument_id: str) -> Instrument:
    try:
        return all_instruments()[instrument_id]
    except KeyError:
        raise NotFound(f"There is no instrument called {instrument_id!r}.") from None


class Administration(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="administrations")
    instrument_id = models.CharField(max_length=40, db_index=True)
    answers_text = EncryptedTextField(default="{}")  # {"1": 2, …}, saved as the person goes
    result_text = EncryptedTextField(default="")  # the score, once complete
    role = EncryptedTextField(blank=True, default="")  # ProQOL's "[helper]", e.g. nurse
    started = models.DateTimeField(default=timezone.now)
    completed = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-completed", "-started", "-pk"]

    def __str__(self) -> str:
        return f"{self.instrument_id} {self.pk}"

    @property
    def instrument(self) -> Instrument:
        return instrument(self.instrument_id)

    @property
    def answers(self) -> dict[int, int | None]:
        return {int(k): v for k, v in json.loads(self.answers_text or "{}").items()}

    def save_answers(self, values: dict[Any, Any], role: str | None = None) -> None:
        """Merge new answers in (checked for range), keeping the ones already given."""
        merged = self.answers | as_answers(self.instrument, values)
        self.answers_text = json.dumps({str(k): v for k, v in sorted(merged.items()) if v is not None})
        self.role = self.role if role is None else role
        if self.pk is None:
            self.save()
            return
        # Autosaves and the final submit can race: a late autosave must never undo a completion.
        still_open = Administration.objects.filter(pk=self.pk, completed=None)
        if not still_open.update(answers_text=self.answers_text, role=self.role):
            raise InvalidInput("This questionnaire is already complete; its answers can no longer change.")

    @property
    def result(self) -> dict[str, Any]:
        return dict(json.loads(self.result_text)) if self.result_text else {}

    @property
    def substitutions(self) -> dict[str, str]:
        return {"[helper]": self.role} if self.role else {}

    def complete(self) -> dict[str, Any]:
        """Score it; refuses (InvalidInput, nothing lost) while answers are missing."""
        result = score(self.instrument, self.answers)
        if self.pk is None:
            self.save()
        self.result_text = json.dumps(result.to_dict())
        self.completed = timezone.now()
        if not Administration.objects.filter(pk=self.pk, completed=None).update(
            result_text=self.result_text, completed=self.completed
        ):
            self.refresh_from_db()  # a second submit of the same form: the first one stands
            return self.result
        for schedule in Schedule.objects.filter(user=self.user, instrument_id=self.instrument_id):
            schedule.next_due = timezone.localdate() + timedelta(days=schedule.every_days)
            schedule.save()
        completed.send(sender=Administration, administration=self)
        return result.to_dict()

    @property
    def total(self) -> float | None:
        value = self.result.get("total")
        return None if value is None else float(value)

    def previous(self) -> Administration | None:
        assert self.completed is not None
        return (
            Administration.objects.filter(
                user=self.user, instrument_id=self.instrument_id, completed__lt=self.completed
            )
            .order_by("-completed")
            .first()
        )

    def change_since(self, earlier: Administration | None) -> Change | None:
        if earlier is None or earlier.total is None or self.total is None:
            return None
        try:
            return compare(self.instrument, earlier.total, self.total)
        except NotFound:
            return None  # a clinic removed the instrument's file: its results stay, without a verdict

    @classmethod
    def in_progress(cls, user: Any, instrument_id: str) -> Administration:
        """The unfinished administration to continue, or a new one."""
        found = cls.objects.filter(user=user, instrument_id=instrument_id, completed=None).order_by("-started").first()
        return found or cls.objects.create(user=user, instrument_id=instrument_id)

    @classmethod
    def completed_for(cls, user: Any, instrument_id: str | None = None) -> models.QuerySet[Administration]:
        found = cls.objects.filter(user=user).exclude(completed=None)
        return found.filter(instrument_id=instrument_id) if instrument_id else found


class Schedule(models.Model):
    """Repeat an instrument every so many days (never more often than its recall window)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="measure_schedules")
    instrument_id = models.CharField(max_length=40)
    every_days = models.PositiveSmallIntegerField()
    next_due = models.DateField()
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["user", "instrument_id"], name="one_schedule_per_instrument")
        ]

    def __str__(self) -> str:
        return f"{self.instrument_id} every {self.every_days} days"

    @classmethod
    def set(cls, user: Any, instrument_id: str, every_days: int, today: date | None = None) -> Schedule:
        measure = instrument(instrument_id)
        shortest = measure.recall_days or 7
        if every_days < shortest:
            window = (
                f"asks about the last {measure.recall_days} days"
                if measure.recall_days
                else "is best given weekly at most"
            )
            raise InvalidInput(
                f"The {measure.short_name} {window}, so it can repeat every {shortest} days at the most often."
            )
        if every_days > 365:
            raise InvalidInput("Please choose a repeat of a year (365 days) or less.")
        today = today or timezone.localdate()
        last = Administration.completed_for(user, instrument_id).first()
        start = last.completed.date() + timedelta(days=every_days) if last and last.completed else today
        schedule, _ = cls.objects.update_or_create(
            user=user, instrument_id=instrument_id, defaults={"every_days": every_days, "next_due": max(start, today)}
        )
        return schedule

    @classmethod
    def due(cls, user: Any, today: date | None = None) -> list[Schedule]:
        today = today or timezone.localdate()
        return list(cls.objects.filter(user=user, next_due__lte=today).order_by("next_due"))

    @property
    def weeks(self) -> str:
        weeks = self.every_days / 7
        if weeks == 1:
            return "week"
        return f"{math.floor(weeks)} weeks" if weeks.is_integer() else f"{self.every_days} days"
