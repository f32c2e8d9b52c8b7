"""Backups: SQLite's online backup API, or pg_dump/pg_restore on PostgreSQL.

The encryption key file is deliberately not part of a backup: a stolen backup must be
useless on its own. Keep the key file somewhere safe and separate (see README).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from datetime import UTC, datetime
from glob import glob
from pathlib import Path
from typing import Any

from django.db import connection

from kindvoice import config
from kindvoice.errors import BackupError

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"


def backup(target: Path) -> Path:
    target = target.expanduser().resolve()
    if target.is_dir():
        target = target / f"kindvoice-{datetime.now(UTC):%Y%m%d-%H%M%S}{_suffix()}"
    if not target.parent.is_dir():
        raise BackupError(f"The folder {target.parent} does not exist.")
    if target.exists():
        raise BackupError(f"{target} already exists; choose another name so no backup is overwritten.")
    partial = target.with_name(target.name + ".partial")
    try:
        if connection.vendor == "sqlite":
            _sqlite_copy_live(partial)
        else:
            _pg("pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={partial}")
        os.chmod(partial, 0o600)
        # Only a finished backup gets the name asked for: a crash leaves a .partial, never a fake.
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target


def check(source: Path) -> Path:
    """Make sure a file is a backup this database can take, before anything is touched."""
    source = source.expanduser().resolve()
    if not source.is_file():
        raise BackupError(f"There is no backup file at {source}.")
    with source.open("rb") as handle:
        head = handle.read(16)
    if connection.vendor == "sqlite":
        if not head.startswith(SQLITE_MAGIC):
            raise BackupError(f"{source} is not a SQLite backup made by `kindvoice backup`. Nothing was restored.")
        _check_sqlite_backup(source)
    elif not head.startswith(PG_MAGIC):
        raise BackupError(f"{source} is not a PostgreSQL backup made by `kindvoice backup`. Nothing was restored.")
    return source


def restore(source: Path) -> Path:
    """Replace the database with a backup. Returns where the database as it was is kept."""
    source = check(source)
    safety = _safety_copy()
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        _sqlite_copy(source, connection.connection)
    else:
        connection.close()
        _pg(
            "pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", str(source)
        )
    return safety


def _sqlite_copy_live(target: Path) -> None:
    connection.ensure_connection()
    dst = sqlite3.connect(target)
    try:
        connection.connection.backup(dst)
        # A backup is one self-contained file: out of WAL mode, it opens read-only
        # (from a USB stick, say) without needing to create -wal and -shm files beside it.
        dst.execute("PRAGMA journal_mode=DELETE")
    except sqlite3.Error as exc:
        raise BackupError(f"The SQLite backup failed: {exc}.") from None
    finally:
        dst.close()


def _sqlite_copy(source: Path, target: sqlite3.Connection) -> None:
    """Copy a backup file into the live database through SQLite's backup API."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        src.backup(target)
    except sqlite3.Error as exc:
        raise BackupError(f"The restore failed: {exc}. The previous database is unchanged.") from None
    finally:
        src.close()


def _check_sqlite_backup(path: Path) -> None:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        ok = db.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.Error as exc:
        raise BackupError(f"{path} cannot be read as a database: {exc}.") from None
    finally:
        db.close()
    if not ok:
        raise BackupError(f"{path} is damaged (SQLite's integrity check failed). Nothing was restored.")
    if "django_migrations" not in tables or "accounts_user" not in tables:
        raise BackupError(f"{path} is a SQLite file, but not a kindvoice database. Nothing was restored.")


def _safety_copy() -> Path:
    folder = config.ensure_data_dir() / "backups"
    folder.mkdir(mode=0o700, exist_ok=True)
    return backup(folder / f"before-restore-{datetime.now(UTC):%Y%m%d-%H%M%S-%f}{_suffix()}")


def _suffix() -> str:
    return ".sqlite3" if connection.vendor == "sqlite" else ".pgdump"


def pg_tool(name: str) -> str:
    """Find pg_dump/pg_restore, preferring the newest server bin dir over Debian's wrapper."""
    for bindir in sorted(glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]), reverse=True):
        candidate = Path(bindir) / name
        if candidate.exists():
            return str(candidate)
    found = shutil.which(name)
    if not found:
        raise BackupError(f"{name} is not installed. On Debian: apt-get install postgresql-client.")
    return found


def _pg(tool: str, *args: str) -> None:
    settings: dict[str, Any] = connection.settings_dict
    env = {**os.environ, "PGPASSWORD": settings.get("PASSWORD") or ""}
    conn = ["--dbname", settings["NAME"]]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings.get(key):
            conn += [flag, str(settings[key])]
    result = subprocess.run([pg_tool(tool), *conn, *args], env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        last = (result.stderr.strip().splitlines() or ["no message"])[-1]
        raise BackupError(f"{tool} failed: {last}")
