"""Safety alerts for therapists, raised when what a client saves needs it (only if the client opted in)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from kindvoice.apps.care.models import SafetyAlert
from kindvoice.apps.journal.models import Entry
from kindvoice.apps.measures.models import Administration, completed


@receiver(post_save, sender=Entry, dispatch_uid="care-entry-alert")
def entry_saved(sender: Any, instance: Entry, **kwargs: Any) -> None:
    if instance.crisis_level != "none":
        SafetyAlert.raise_for(instance.user, "a journal entry", f"entry-{instance.pk}")


@receiver(completed, sender=Administration, dispatch_uid="care-measure-alert")
def administration_completed(sender: Any, administration: Administration, **kwargs: Any) -> None:
    if "safety" in administration.result.get("flags", []):
        SafetyAlert.raise_for(administration.user, "the PHQ-9 (question 9)", f"administration-{administration.pk}")
