"""Key rotation: make a new key, then re-encrypt every encrypted value under it."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from django.apps import apps
from django.db import connection, models, transaction

from kindvoice import keys
from kindvoice.privacy.fields import EncryptedTextField

BATCH = 200
Progress = Callable[[int, int], None]


def encrypted_fields() -> Iterator[tuple[type[models.Model], EncryptedTextField]]:
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, EncryptedTextField):
                yield model, field


def stale_rows(
    active: str,
) -> dict[tuple[type[models.Model], EncryptedTextField], list[tuple[object, str]]]:
    """Raw values not under the active key, read past the field so we can see key ids."""
    found = {}
    for model, field in encrypted_fields():
        table, column, pk = model._meta.db_table, str(field.column), str(model._meta.pk.column)
        qn = connection.ops.quote_name
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {qn(pk)}, {qn(column)} FROM {qn(table)} "  # noqa: S608 - names come from model metadata
                f"WHERE {qn(column)} IS NOT NULL AND {qn(column)} NOT LIKE %s",
                [f"{keys.PREFIX}:{active}:%"],
            )
            rows = cursor.fetchall()
        if rows:
            found[(model, field)] = rows
    return found


def rotate(progress: Progress | None = None) -> tuple[str, int]:
    """Returns the new key id and how many values were re-encrypted.

    The new key is saved (and made active) before any row changes, and old keys are
    kept: a crash half-way leaves every value readable, and running rotate again
    finishes the job.
    """
    ring = keys.load()
    new_id = ring.add_key()
    keys.save(ring)
    return new_id, reencrypt(ring, progress)


def reencrypt(ring: keys.Keyring, progress: Progress | None = None) -> int:
    work = stale_rows(ring.active)
    total = sum(len(rows) for rows in work.values())
    done = 0
    for (model, field), rows in work.items():
        for start in range(0, len(rows), BATCH):
            with transaction.atomic():
                for pk, raw in rows[start : start + BATCH]:
                    model._default_manager.filter(pk=pk).update(**{field.name: ring.decrypt(raw)})
            done += len(rows[start : start + BATCH])
            if progress:
                progress(done, total)
    return done
