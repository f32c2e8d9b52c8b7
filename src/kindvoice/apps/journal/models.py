"""Journal entries, the person's own kind-voice replies, their corrections, and their safety plan."""

from __future__ import annotations

import json
from typing import Any, ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from kindvoice.language import analyze
from kindvoice.privacy.fields import EncryptedTextField

TEXT_MAX = 20_000
TAG_MAX = 40
TAGS_MAX = 10


class Entry(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="journal_entries")
    text = EncryptedTextField()
    tags = EncryptedTextField(default="[]")
    mood = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(10)]
    )
    # What the language engine found, kept (encrypted: it is about the person's inner life)
    # so the patterns page need not re-read every entry.
    analysis = EncryptedTextField(default="")
    created = models.DateTimeField(default=timezone.now, db_index=True)
    updated = models.DateTimeField(auto_now=True)
    bring_to_session = models.BooleanField(default=False)  # the person marked it for their therapist

    class Meta:
        ordering: ClassVar[list[str]] = ["-created", "-pk"]
        verbose_name_plural = "entries"

    def __str__(self) -> str:
        return f"entry {self.pk} of {self.user_id}"

    @property
    def tag_list(self) -> list[str]:
        return list(json.loads(self.tags or "[]"))

    @tag_list.setter
    def tag_list(self, values: list[str]) -> None:
        self.tags = json.dumps(values, ensure_ascii=False)

    @property
    def analysis_data(self) -> dict[str, Any]:
        return dict(json.loads(self.analysis)) if self.analysis else {}

    def analyse(self) -> dict[str, Any]:
        data = analyze(self.text).to_dict()
        self.analysis = json.dumps(data, ensure_ascii=False)
        return data

    @property
    def crisis_level(self) -> str:
        return str(self.analysis_data.get("crisis", {}).get("level", "none"))

    def matches(self, words: list[str]) -> bool:
        """Search runs over decrypted text in Python: the database only ever holds ciphertext."""
        haystack = (self.text + " " + " ".join(self.tag_list)).lower()
        return all(word.lower() in haystack for word in words)

    @classmethod
    def search(cls, user: Any, words: list[str]) -> list[Entry]:
        return [entry for entry in cls.objects.filter(user=user) if entry.matches(words)]


class KindReply(models.Model):
    """What the person wrote back to a critical sentence, in their own kind voice."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="kind_replies")
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="replies")
    sentence_start = models.PositiveIntegerField()
    text = EncryptedTextField()
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering: ClassVar[list[str]] = ["created", "pk"]

    def __str__(self) -> str:
        return f"kind reply {self.pk}"


class LabelCorrection(models.Model):
    """The person said a label the app gave was wrong; kept to evaluate the engine."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="label_corrections")
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="corrections")
    sentence_start = models.PositiveIntegerField()
    label = models.CharField(max_length=32)
    app_said = models.CharField(max_length=32)
    person_said = models.CharField(max_length=32)
    created = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.label}: {self.app_said} → {self.person_said}"


class SafetyPlan(models.Model):
    """A personal safety plan, following the steps of Stanley & Brown's Safety Planning Intervention."""

    STEPS: ClassVar[list[tuple[str, str, str]]] = [
        (
            "warning_signs",
            "My warning signs",
            "Thoughts, feelings or situations that tell me a crisis may be building.",
        ),
        ("coping_alone", "Things I can do on my own", "Ways to take my mind off things without contacting anyone."),
        (
            "distractions",
            "People and places that help me feel better",
            "Where I can go, or who I can be with, to take my mind off things.",
        ),
        ("people_to_ask", "People I can ask for help", "Names and numbers of people I trust."),
        (
            "professionals",
            "Professionals and services I can contact",
            "My doctor, therapist, local crisis line, emergency department.",
        ),
        (
            "safer_environment",
            "Making my surroundings safer",
            "What I can do to keep myself safe, for example keeping away things I could use to hurt myself.",
        ),
    ]

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="safety_plan")
    warning_signs = EncryptedTextField(blank=True, default="")
    coping_alone = EncryptedTextField(blank=True, default="")
    distractions = EncryptedTextField(blank=True, default="")
    people_to_ask = EncryptedTextField(blank=True, default="")
    professionals = EncryptedTextField(blank=True, default="")
    safer_environment = EncryptedTextField(blank=True, default="")
    updated = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"safety plan of {self.user_id}"

    @property
    def filled(self) -> list[tuple[str, str]]:
        return [(title, getattr(self, field)) for field, title, _ in self.STEPS if getattr(self, field).strip()]


class Draft(models.Model):
    """What a person is still typing, saved every few seconds so nothing is lost.

    The browser also keeps a copy on the device; this one survives a lost device session or a
    switch of device. It is removed when the entry is saved.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="journal_drafts")
    key = models.CharField(max_length=64)
    entry = models.ForeignKey(Entry, null=True, blank=True, on_delete=models.CASCADE, related_name="drafts")
    text = EncryptedTextField()
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["user", "key"], name="one_draft_per_key")
        ]
        ordering: ClassVar[list[str]] = ["-updated"]

    def __str__(self) -> str:
        return f"draft {self.key}"
