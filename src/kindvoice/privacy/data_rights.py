"""Export everything of a person, and delete everything of a person.

Convention that makes both provable: every model holding a person's data has a foreign
key to the user, directly, with on_delete=CASCADE. Export follows those keys; deletion
cascades along them; the tests check no row still points at a deleted person.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.contrib.sessions.models import Session
from django.db import connection, models
from django.db.models import Q
from django.utils import timezone

import kindvoice

if TYPE_CHECKING:
    from kindvoice.apps.accounts.models import User

SCHEMA = "kindvoice.export/1"


def export(user: User) -> dict[str, Any]:
    records: dict[str, list[dict[str, Any]]] = {}
    for model, fields in personal_models(type(user)).items():
        # A model may point at people more than once (a client and a therapist on one
        # link): the person gets every row they appear in, once.
        mine = Q()
        for field in fields:
            mine |= Q(**{field.name: user})
        rows = model._default_manager.filter(mine).order_by("pk")
        records[model._meta.label_lower] = [serialize(row) for row in rows]
    for model, owners in models_through_others().items():
        mine = Q()
        for owner in owners:
            mine |= Q(**{owner: user})
        rows = model._default_manager.filter(mine).distinct().order_by("pk")
        records[model._meta.label_lower] = [serialize(row) for row in rows]
    return {
        "schema": SCHEMA,
        "app_version": kindvoice.__version__,
        "exported_at": timezone.now().isoformat(timespec="seconds"),
        "account": serialize(user),
        "records": records,
    }


def models_through_others() -> dict[type[models.Model], tuple[str, ...]]:
    """Models that belong to people through another record (a therapist's session note, through the
    link): each names, in `export_owners`, the paths from its rows to the people it belongs to."""
    from django.apps import apps

    found = {m: tuple(m.export_owners) for m in apps.get_models() if hasattr(m, "export_owners")}
    return dict(sorted(found.items(), key=lambda item: item[0]._meta.label_lower))


def personal_models(user_model: type[models.Model]) -> dict[type[models.Model], list[models.Field]]:  # type: ignore[type-arg]
    """Every model that points at a user, with the foreign keys that do, in a stable order."""
    found: dict[type[models.Model], list[models.Field]] = {}  # type: ignore[type-arg]
    for rel in user_model._meta.related_objects:
        if isinstance(rel.related_model, type) and not rel.many_to_many:
            found.setdefault(rel.related_model, []).append(rel.field)
    return dict(sorted(found.items(), key=lambda item: item[0]._meta.label_lower))


def serialize(row: models.Model) -> dict[str, Any]:
    excluded = set(getattr(row, "export_exclude", ()))
    data: dict[str, Any] = {}
    for field in row._meta.concrete_fields:
        if field.name in excluded:
            continue
        value = getattr(row, field.attname)
        if isinstance(value, datetime | date):
            value = value.isoformat()
        data[field.attname if field.is_relation else field.name] = value
    return data


def delete_sessions_of(user: User) -> None:
    # Sessions hold the user id inside their signed payload, not in a column.
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            session.delete()


def delete_admin_log_about(user: User) -> None:
    """The admin's history names the people it changed (their email is the object's label)."""
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(user), object_id=str(user.pk)).delete()


def scrub_database() -> None:
    """Make deleted rows unreadable in the file itself, not just unreachable.

    SQLite runs with secure_delete, so freed pages are zeroed; the write-ahead log still
    holds old page images until it is checkpointed, so fold it in and empty it.
    """
    if connection.vendor == "sqlite" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
