"""Free text is encrypted at rest: the raw database and its backups hold no trace of it."""

from pathlib import Path

import pytest
from django.db import connection

from kindvoice import keys
from kindvoice.apps.accounts.models import AccessToken, User
from kindvoice.ops.backup import backup
from kindvoice.privacy.rotation import count_stale, rotate, stale_batches

SECRET = "Marigold-I-feel-like-a-burden-7781"

pytestmark = pytest.mark.django_db(transaction=True)


def raw_value(model, pk: int, column: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {model._meta.db_table} WHERE id = %s", [pk])  # noqa: S608
        return cursor.fetchone()[0]


def database_files() -> list[Path]:
    name = Path(connection.settings_dict["NAME"])
    return [p for p in (name, name.with_name(name.name + "-wal")) if p.exists()]


def test_a_saved_intention_reads_back_in_python_but_is_ciphertext_in_the_column(person) -> None:
    person.user.intention = SECRET
    person.user.save()
    assert User.objects.get(pk=person.user.pk).intention == SECRET
    stored = raw_value(User, person.user.pk, "intention")
    assert stored.startswith("kv1:") and SECRET not in stored


def practice_words(user) -> None:
    """A practice answer, a personal list and a draft, all holding the secret."""
    from kindvoice.apps.practices.models import PersonalList, Run
    from kindvoice.practices import find

    run = Run.begin(user, find("self-compassion-break"))
    runner = run.runner()
    runner.answer(5)
    runner.answer(SECRET + "-answer")
    runner.keep_draft("own_words", SECRET + "-draft")
    run.keep(runner)
    PersonalList.put(user, "soothing_menu", [SECRET + "-list"])


@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads the SQLite file itself")
def test_the_raw_sqlite_file_and_a_backup_contain_no_trace_of_the_text(person, tmp_path) -> None:
    person.user.intention = SECRET
    person.user.display_name = SECRET + "-name"
    person.user.save()
    AccessToken.issue(person.user, SECRET + "-token")
    practice_words(person.user)
    backup_file = backup(tmp_path / "backup.sqlite3")

    live = b"".join(path.read_bytes() for path in database_files())  # the file and its WAL
    copy = backup_file.read_bytes()
    for name, raw in (("database", live), ("backup", copy)):
        assert b"kv1:" in raw, f"the {name} holds no encrypted values at all"
        for needle in (SECRET, "Marigold", "burden"):
            assert needle.encode() not in raw, f"{needle!r} found in the {name}"
            assert needle.encode("utf-16-le") not in raw


def test_rotation_re_encrypts_every_value_under_the_new_key(person, other_person) -> None:
    person.user.intention = SECRET
    person.user.save()
    AccessToken.issue(other_person.user, "laptop")
    old_key = keys.current().active

    seen = []
    new_key, count = rotate(lambda done, total: seen.append((done, total)))

    assert new_key != old_key and keys.current().active == new_key
    assert count >= 5  # two names, two intentions, a token name
    assert seen and seen[-1][0] == seen[-1][1] == count
    assert count_stale(new_key) == 0
    assert raw_value(User, person.user.pk, "intention").startswith(f"kv1:{new_key}:")
    assert User.objects.get(pk=person.user.pk).intention == SECRET
    assert old_key in keys.current().keys, "old keys are kept so older backups stay readable"


def test_an_interrupted_rotation_is_finished_by_running_it_again(person) -> None:
    from kindvoice.privacy.rotation import reencrypt

    person.user.intention = SECRET
    person.user.save()
    ring = keys.load()
    ring.add_key()
    keys.save(ring)  # as if the process died right after saving the new key
    assert count_stale(ring.active) > 0
    reencrypt(ring)
    assert count_stale(ring.active) == 0
    assert User.objects.get(pk=person.user.pk).intention == SECRET


def test_stale_values_are_read_in_batches_that_cover_every_row_once(person, other_person) -> None:
    for n in range(7):
        AccessToken.issue(person.user, f"token {n}")
    ring = keys.load()
    ring.add_key()
    keys.save(ring)
    batches = stale_batches(ring.active, size=3)
    seen = [(model._meta.label, field.name, pk) for model, field, rows in batches for pk, _ in rows]
    assert len(seen) == len(set(seen)) == count_stale(ring.active)
