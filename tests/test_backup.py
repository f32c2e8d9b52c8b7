"""Backups round-trip: what was there when the backup was made comes back on restore."""

import pytest
from django.db import connection

from kindvoice.apps.accounts.models import AccessToken, User
from kindvoice.errors import BackupError
from kindvoice.ops.backup import backup, restore
from tests.test_cli import kv

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_backup_restores_the_data_as_it_was(person, tmp_path) -> None:
    person.user.intention = "kept safe"
    person.user.save()
    AccessToken.issue(person.user, "before")
    path = backup(tmp_path / "kv.backup")

    person.user.intention = "changed after the backup"
    person.user.save()
    User.objects.create_user("later@example.org", "a gentle river at dusk 42")
    AccessToken.objects.all().delete()

    restore(path)
    connection.close()

    assert User.objects.get(pk=person.user.pk).intention == "kept safe"
    assert not User.objects.filter(email="later@example.org").exists()
    assert [t.name for t in AccessToken.objects.all()] == ["before"]


def test_backup_and_restore_from_the_terminal(person, tmp_path) -> None:
    result = kv("backup", str(tmp_path))
    assert result.exit_code == 0, result.output
    made = next(tmp_path.iterdir())
    assert made.stat().st_mode & 0o077 == 0, "a backup is private to its owner"
    person.user.delete_account()
    result = kv("restore", str(made), "--yes")
    assert result.exit_code == 0, result.output
    connection.close()
    assert User.objects.filter(email=person.email).exists()


def test_a_backup_never_overwrites_an_existing_file(person, tmp_path) -> None:
    target = tmp_path / "taken"
    target.write_text("precious")
    with pytest.raises(BackupError, match="already exists"):
        backup(target)
    assert target.read_text() == "precious"


def test_restoring_something_that_is_not_a_backup_changes_nothing(person, tmp_path) -> None:
    junk = tmp_path / "notes.txt"
    junk.write_text("not a database")
    with pytest.raises(BackupError, match="not a"):
        restore(junk)
    assert User.objects.filter(pk=person.user.pk).exists()


def test_restoring_keeps_a_copy_of_the_database_as_it_was(person, tmp_path) -> None:
    path = backup(tmp_path / "kv.backup")
    person.user.intention = "written after the backup"
    person.user.save()
    safety = restore(path)
    connection.close()
    assert User.objects.get(pk=person.user.pk).intention == ""
    restore(safety)
    connection.close()
    assert User.objects.get(pk=person.user.pk).intention == "written after the backup", "nothing was lost"


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite file format")
def test_a_sqlite_backup_is_one_self_contained_file(person, tmp_path) -> None:
    import sqlite3

    path = backup(tmp_path / "kv.sqlite3")
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert db.execute("SELECT count(*) FROM accounts_user").fetchone()[0] == 1
    db.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kv.sqlite3"]
