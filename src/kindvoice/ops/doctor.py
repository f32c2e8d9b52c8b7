"""`kindvoice doctor`: is this installation healthy? Each check says what to do if not."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor

from kindvoice import config, keys
from kindvoice.errors import KindvoiceError


@dataclass
class Check:
    name: str
    ok: bool
    detail: str


def _private_file(name: str, path: Path) -> Check:
    if not path.exists():
        return Check(name, False, f"{path} is missing; run `kindvoice migrate` on a new install.")
    mode = config.file_mode(path)
    if mode & 0o077:
        return Check(name, False, f"{path} has mode {mode:o}; run `chmod 600 {path}`.")
    return Check(name, True, f"{path} (mode 600)")


def _data_dir(data: Path) -> Check:
    if not data.is_dir() or not os.access(data, os.W_OK):
        return Check("Data directory", False, f"{data} is missing or not writable")
    mode = config.file_mode(data)
    if mode & 0o077:
        return Check("Data directory", False, f"{data} has mode {mode:o}; run `chmod 700 {data}`.")
    return Check("Data directory", True, f"{data} (mode 700)")


def _server_settings() -> Check:
    try:
        port = config.get_int("KINDVOICE_PORT", minimum=1)
    except KindvoiceError as error:
        return Check("Server settings", False, error.message)
    return Check("Server settings", True, f"serves on {config.get('KINDVOICE_HOST')}:{port}")


def checks() -> list[Check]:
    data = config.data_dir()
    results = [_data_dir(data), _server_settings()]
    results.append(_private_file("Secret key file", data / config.SECRET_KEY_FILE))
    key_check = _private_file("Encryption key file", keys.key_file())
    if key_check.ok:
        try:
            ring = keys.load()
            key_check.detail += f", {len(ring.keys)} key(s), active {ring.active}"
        except KindvoiceError as error:
            key_check = Check("Encryption key file", False, error.message)
    results.append(key_check)
    results.append(
        Check(
            "Debug mode",
            not settings.DEBUG,
            "off" if not settings.DEBUG else "KINDVOICE_DEBUG is on; turn it off",
        )
    )
    try:
        connection.ensure_connection()
        results.append(_database_file())
    except DatabaseError as error:
        results.append(Check("Database", False, f"cannot connect: {error}".strip()))
        return results
    try:
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        detail = "all applied" if not pending else f"{len(pending)} not applied; run `kindvoice migrate`"
        results.append(Check("Migrations", not pending, detail))
    except DatabaseError as error:
        results.append(Check("Migrations", False, f"cannot read: {error}"))
    if key_check.ok:
        results.append(_keys_cover_data())
    return results


def _database_file() -> Check:
    name = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite":
        mode = config.file_mode(Path(name))
        if mode & 0o077:
            return Check("Database", False, f"{name} has mode {mode:o}; run `chmod 600 {name}`.")
    return Check("Database", True, f"{connection.vendor}: {name}")


def _keys_cover_data() -> Check:
    from kindvoice.privacy.rotation import stale_batches

    ring = keys.load()
    unknown = 0
    try:
        for _, _, rows in stale_batches(ring.active):
            unknown += sum(1 for _, raw in rows if keys.key_id_of(raw) not in ring.keys)
    except (DatabaseError, KindvoiceError) as error:
        return Check("Encrypted data", False, f"cannot check: {error}")
    if unknown:
        return Check("Encrypted data", False, f"{unknown} value(s) use a key not in the key file")
    return Check("Encrypted data", True, "every value can be decrypted with the key file")
