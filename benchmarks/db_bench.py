"""Database paths through the ORM: encrypted writes and reads, key rotation, data export."""

from __future__ import annotations

import tracemalloc

from common import Result, journal_text, median_of, timed
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction

from kindvoice.privacy import rotation

# Looked up by app label, so the benchmarks do not depend on where the models module lives.
User = get_user_model()
AccessToken = apps.get_model("accounts", "AccessToken")


def make_users(n: int) -> list:
    """n accounts with empty text and no usable password (no Argon2 time or memory in setup)."""
    users = [User(email=f"bench-{i}@example.org", password=make_password(None)) for i in range(n)]
    with transaction.atomic():
        return User.objects.bulk_create(users, batch_size=500)


def write_and_read(n: int) -> list[Result]:
    users = make_users(n)
    text = journal_text(2048)

    def write() -> None:
        with transaction.atomic():
            for user in users:
                user.intention = text
                user.save(update_fields=["intention"])

    def read() -> None:
        for user in User.objects.all():
            assert len(user.intention) > 1000

    def read_raw() -> None:
        qn = connection.ops.quote_name
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT id, display_name, intention FROM {qn(User._meta.db_table)}")  # noqa: S608
            cursor.fetchall()

    write_s = timed(write)
    read_s = median_of(read, 3)
    raw_s = median_of(read_raw, 3)
    vendor = connection.vendor
    return [
        Result("ORM write intention", n / write_s, "rows/s", f"{n} x save(), 2 KB each, 1 transaction, {vendor}"),
        Result("ORM read users", n / read_s, "rows/s", f"{n} full User rows, 2 encrypted fields each; median of 3"),
        Result("raw read, no decryption", n / raw_s, "rows/s", "same rows via cursor.fetchall, for comparison"),
    ]


def rotate(quick: bool) -> list[Result]:
    done: list[int] = []
    seconds = timed(lambda: done.append(rotation.rotate(lambda d, t: None)[1]))
    note = f"{done[0]} encrypted values re-encrypted in {seconds:.2f} s"
    results = [Result("key rotation", done[0] / seconds, "values/s", note)]
    # A second rotation under tracemalloc: how much Python memory rotation holds at once.
    tracemalloc.start()
    count = rotation.rotate()[1]
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    results.append(Result("key rotation tracemalloc peak", peak / 2**20, "MiB", f"{count} values (second rotation)"))
    return results


def export_user(tokens: int) -> tuple:
    user = User.objects.create_user("export@example.org", None, intention=journal_text(2048))
    secret = ""
    for i in range(tokens):
        _, secret = AccessToken.issue(user, f"script {i}")
    return user, secret


def export(user, quick: bool) -> list[Result]:
    repeats = 5 if quick else 20
    tokens = user.tokens.count()
    seconds = median_of(user.export_data, repeats)
    tracemalloc.start()
    user.export_data()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return [
        Result("export_data()", seconds * 1000, "ms", f"user with {tokens} access tokens; median of {repeats}"),
        Result("export_data() tracemalloc peak", peak / 2**20, "MiB", "Python allocations during one export"),
    ]


def forget_everything() -> None:
    """Remove what the benchmark created (used on a caller's PostgreSQL database)."""
    User.objects.all().delete()
