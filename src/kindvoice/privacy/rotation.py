"""Key rotation: make a new key, then re-encrypt every encrypted value under it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

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


def _stale_sql(model: type[models.Model], field: EncryptedTextField, after: object | None) -> tuple[str, str]:
    qn = connection.ops.quote_name
    table, column, pk = qn(model._meta.db_table), qn(str(field.column)), qn(str(model._meta.pk.column))
    where = f"{column} IS NOT NULL AND {column} NOT LIKE %s" + (f" AND {pk} > %s" if after is not None else "")
    # Table and column names come from model metadata, never from input.
    select = f"SELECT {pk}, {column} FROM {table} WHERE {where} ORDER BY {pk}"  # noqa: S608
    count = f"SELECT COUNT(*) FROM {table} WHERE {where}"  # noqa: S608
    return select, count


def count_stale(active: str) -> int:
    """How many encrypted values are not under the active key."""
    total = 0
    for model, field in encrypted_fields():
        _, count = _stale_sql(model, field, None)
        with connection.cursor() as cursor:
            cursor.execute(count, [f"{keys.PREFIX}:{active}:%"])
            total += cursor.fetchone()[0]
    return total


def stale_batches(
    active: str, size: int = BATCH
) -> Iterator[tuple[type[models.Model], EncryptedTextField, list[tuple[object, str]]]]:
    """Raw values not under the active key, read past the field (so key ids show), a batch at a time.

    Batches follow the primary key, so memory stays flat however many values there are.
    """
    for model, field in encrypted_fields():
        after: object | None = None
        while True:
            select, _ = _stale_sql(model, field, after)
            params: list[Any] = [f"{keys.PREFIX}:{active}:%"] + ([after] if after is not None else [])
            with connection.cursor() as cursor:
                cursor.execute(f"{select} LIMIT {int(size)}", params)
                rows = cursor.fetchall()
            if not rows:
                break
            yield model, field, rows
            after = rows[-1][0]


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
    total = count_stale(ring.active)
    done = 0
    for model, field, rows in stale_batches(ring.active):
        with transaction.atomic():
            for pk, raw in rows:
                model._default_manager.filter(pk=pk).update(**{field.name: ring.decrypt(raw)})
        done += len(rows)
        if progress:
            progress(done, max(total, done))
    return done
