"""A person's practice runs, their personal lists (a soothing menu) and private photos.

The practice engine (`kindvoice.practices`) knows nothing of storage: a run is its plain
`RunState`, kept here encrypted, because answers are the person's own words. Ratings are
numbers, kept in the clear beside it so charts need not decrypt every run.
"""

from __future__ import annotations

import base64
import json
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone

from kindvoice.errors import InvalidInput
from kindvoice.language import analyze
from kindvoice.practices import Runner, RunState
from kindvoice.practices.schema import ListBuilder, Practice, Step
from kindvoice.privacy.fields import EncryptedTextField

PHOTO_MAX_BYTES = 5 * 1024 * 1024
PHOTO_TYPES = {b"\xff\xd8\xff": "image/jpeg", b"\x89PNG\r\n\x1a\n": "image/png", b"RIFF": "image/webp"}


class Run(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practice_runs")
    practice_id = models.CharField(max_length=60, db_index=True)
    title = models.CharField(max_length=120)  # kept, so history reads well even if a practice is retired
    version = models.CharField(max_length=12)
    state = EncryptedTextField()
    ratings = models.JSONField(default=dict, blank=True)  # {"distress": {"before": 7, "after": 4}}
    started = models.DateTimeField(default=timezone.now, db_index=True)
    updated = models.DateTimeField(auto_now=True)
    finished = models.DateTimeField(null=True, blank=True)
    bring_to_session = models.BooleanField(default=False)  # the person marked it for their therapist

    class Meta:
        ordering: ClassVar[list[str]] = ["-started", "-pk"]

    def __str__(self) -> str:
        return f"{self.practice_id} run {self.pk}"

    @classmethod
    def begin(cls, user: Any, practice: Practice) -> Run:
        runner = Runner(practice)
        run = cls(user=user, practice_id=practice.id, title=practice.title, version=practice.version)
        run.keep(runner)
        return run

    @property
    def practice(self) -> Practice:
        from kindvoice.apps.care.models import practice_for

        return practice_for(self.user, self.practice_id)  # type: ignore[no-any-return]

    def runner(self) -> Runner:
        return Runner(self.practice, RunState.from_dict(json.loads(self.state)))

    def keep(self, runner: Runner) -> None:
        """Store the runner's state (and its ratings, and whether it is finished)."""
        if runner.current is None and not runner.state.finished:
            runner.finish()  # every step answered or skipped: that is the end
        self.state = json.dumps(runner.state.to_dict(), ensure_ascii=False)
        self.ratings = runner.ratings()
        self.finished = timezone.now() if runner.state.finished else None
        self.save()

    def keep_draft(self, step_id: str, text: str, attempts: int = 3) -> None:
        """Store words typed for a step without ever writing over a newer answer.

        An autosave can cross an answer on the way: it is written only if the run is unchanged
        since it was read, and otherwise applied again to the run as it now is.
        """
        for _ in range(attempts):
            runner = self.runner()
            runner.keep_draft(step_id, text)
            state = json.dumps(runner.state.to_dict(), ensure_ascii=False)
            now = timezone.now()
            if Run.objects.filter(pk=self.pk, updated=self.updated).update(state=state, updated=now):
                self.state, self.updated = state, now
                return
            self.refresh_from_db()
        raise InvalidInput("This practice is changing in another window; your words are kept on this device.")

    @property
    def answers(self) -> dict[str, Any]:
        return dict(json.loads(self.state).get("answers", {}))

    @property
    def paused(self) -> bool:
        return self.finished is None

    def crisis_level(self, runner: Runner | None = None) -> str:
        """The highest crisis level in anything the person wrote in this run."""
        texts = (runner or self.runner()).free_text()
        levels = [analyze(text).crisis.level for text in texts]
        return "urgent" if "urgent" in levels else "concern" if "concern" in levels else "none"


class PersonalList(models.Model):
    """A list a person builds across practices, such as their soothing menu."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practice_lists")
    name = models.CharField(max_length=40)
    items_text = EncryptedTextField(default="[]")
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["user", "name"], name="one_list_per_name")
        ]

    def __str__(self) -> str:
        return f"list {self.name} of {self.user_id}"

    @property
    def items(self) -> list[str]:
        return list(json.loads(self.items_text or "[]"))

    @items.setter
    def items(self, values: list[str]) -> None:
        self.items_text = json.dumps(values, ensure_ascii=False)

    @classmethod
    def of(cls, user: Any, name: str) -> list[str]:
        found = cls.objects.filter(user=user, name=name).first()
        return found.items if found else []

    @classmethod
    def put(cls, user: Any, name: str, items: list[str]) -> None:
        found, _ = cls.objects.get_or_create(user=user, name=name)
        found.items = items
        found.save()

    @classmethod
    def add(cls, user: Any, name: str, item: str) -> None:
        items = cls.of(user, name)
        if item not in items:
            cls.put(user, name, [*items, item])

    @classmethod
    def remember(cls, user: Any, step: Step, value: Any) -> None:
        """A list step's answer becomes the person's list (built), or joins it (a new pick)."""
        if isinstance(step, ListBuilder):
            if step.mode == "build":
                cls.put(user, step.list_name, value)
            else:
                cls.add(user, step.list_name, value)


class Photo(models.Model):
    """A private photo a person attached to a practice step: encrypted, shown only to them."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practice_photos")
    run = models.ForeignKey(Run, on_delete=models.CASCADE, related_name="photos")
    step_id = models.CharField(max_length=40)
    content_type = models.CharField(max_length=20)
    data = EncryptedTextField()  # base64 of the image bytes
    created = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"photo {self.pk} of run {self.run_id}"

    @classmethod
    def store(cls, run: Run, step_id: str, content: bytes) -> Photo:
        if len(content) > PHOTO_MAX_BYTES:
            raise InvalidInput(f"The photo is {len(content) / 1e6:.1f} MB; the limit is 5 MB. Nothing was saved.")
        kind = next((t for magic, t in PHOTO_TYPES.items() if content.startswith(magic)), None)
        if kind is None or (kind == "image/webp" and content[8:12] != b"WEBP"):
            raise InvalidInput("That file isn't a JPEG, PNG or WebP photo. Nothing was saved.")
        data = base64.b64encode(content).decode("ascii")
        return cls.objects.create(user=run.user, run=run, step_id=step_id, content_type=kind, data=data)

    @property
    def content(self) -> bytes:
        return base64.b64decode(self.data)
