"""Encryption keys for free text at rest: AES-256-GCM, every value tagged with its key id.

A stored value looks like ``kv1:<key id>:<base64 of nonce + ciphertext>``. Carrying the
key id lets ``kindvoice keys rotate`` add a key, make it active, and re-encrypt rows at
its own pace: until it is done, old rows still decrypt with the key named in them.

The key file is JSON, mode 0600, in the data directory::

    {"version": 1, "active": "3f9a…", "keys": [{"id": "3f9a…", "created": "…", "key": "<base64>"}]}

Old keys are kept after a rotation so that older backups can still be restored.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import secrets
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from kindvoice import config
from kindvoice.errors import DecryptionError, KeyFileError

PREFIX = "kv1"
_NONCE_BYTES = 12


@dataclass
class Keyring:
    active: str
    keys: dict[str, bytes] = field(default_factory=dict)
    created: dict[str, str] = field(default_factory=dict)

    @classmethod
    def new(cls) -> Keyring:
        ring = cls(active="")
        ring.add_key()
        return ring

    def add_key(self) -> str:
        key_id = secrets.token_hex(4)
        self.keys[key_id] = AESGCM.generate_key(bit_length=256)
        self.created[key_id] = datetime.now(UTC).isoformat(timespec="seconds")
        self.active = key_id
        return key_id

    def encrypt(self, text: str) -> str:
        nonce = os.urandom(_NONCE_BYTES)
        sealed = AESGCM(self.keys[self.active]).encrypt(nonce, text.encode("utf-8"), None)
        return f"{PREFIX}:{self.active}:{base64.b64encode(nonce + sealed).decode('ascii')}"

    def decrypt(self, stored: str) -> str:
        key_id = key_id_of(stored)
        if key_id not in self.keys:
            raise DecryptionError(
                f"A stored value was encrypted with key {key_id}, which is not in the key file. "
                "Restore the key file that belongs to this database."
            )
        try:
            blob = base64.b64decode(stored.split(":", 2)[2], validate=True)
            plain = AESGCM(self.keys[key_id]).decrypt(blob[:_NONCE_BYTES], blob[_NONCE_BYTES:], None)
        except (InvalidTag, binascii.Error, ValueError):
            raise DecryptionError("A stored value is damaged and cannot be decrypted.") from None
        return plain.decode("utf-8")

    def to_json(self) -> str:
        return json.dumps(
            {
                "version": 1,
                "active": self.active,
                "keys": [
                    {
                        "id": k,
                        "created": self.created.get(k, ""),
                        "key": base64.b64encode(v).decode(),
                    }
                    for k, v in self.keys.items()
                ],
            },
            indent=2,
        )

    @classmethod
    def from_json(cls, text: str, *, source: Path) -> Keyring:
        try:
            data = json.loads(text)
            ring = cls(active=data["active"])
            for entry in data["keys"]:
                ring.keys[entry["id"]] = base64.b64decode(entry["key"], validate=True)
                ring.created[entry["id"]] = entry.get("created", "")
        except (ValueError, KeyError, TypeError, binascii.Error):
            raise KeyFileError(f"The encryption key file {source} is damaged and cannot be read.") from None
        if ring.active not in ring.keys or any(len(k) != 32 for k in ring.keys.values()):
            raise KeyFileError(f"The encryption key file {source} is damaged: its active key is missing or malformed.")
        return ring


def is_encrypted(value: str) -> bool:
    return value.startswith(PREFIX + ":") and value.count(":") >= 2


def key_id_of(stored: str) -> str:
    if not is_encrypted(stored):
        raise DecryptionError("A stored value is not in kindvoice's encrypted format.")
    return stored.split(":", 2)[1]


def key_file() -> Path:
    return config.data_dir() / config.ENCRYPTION_KEY_FILE


def load(path: Path | None = None) -> Keyring:
    path = path or key_file()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise KeyFileError(
            f"No encryption key file at {path}. For a new install run `kindvoice migrate`; "
            "for an existing database, put its key file back."
        ) from None
    except OSError as exc:
        raise KeyFileError(f"Cannot read the encryption key file {path}: {exc.strerror}.") from None
    return Keyring.from_json(text, source=path)


def save(ring: Keyring, path: Path | None = None) -> None:
    global _checked_at
    path = path or key_file()
    config.ensure_data_dir()
    config.write_private_file(path, ring.to_json())
    _checked_at = 0.0  # this process changed it: look again at once


def create_if_missing(path: Path | None = None) -> bool:
    """Make the first key. Returns True if a new key file was written."""
    path = path or key_file()
    if path.exists():
        return False
    save(Keyring.new(), path)
    return True


_loaded: tuple[str, tuple[int, int, int], Keyring] | None = None
_checked_at = 0.0
# How often the key file is looked at again. Every encrypted value asks for the keyring, so
# checking on each call would cost a stat per value; once a second is prompt enough.
RECHECK_SECONDS = 1.0


def current() -> Keyring:
    """The keyring of this process, read again when the key file changes.

    A server keeps running while `kindvoice keys rotate` runs in another process: it must
    start writing under the new key, and read values already re-encrypted, within a second.
    """
    global _loaded, _checked_at
    now = time.monotonic()
    setting = config.get("KINDVOICE_DATA_DIR")  # a string compare, cheaper than resolving the path
    if _loaded is not None and now - _checked_at < RECHECK_SECONDS and _loaded[0] == setting:
        return _loaded[2]
    _checked_at = now
    path = key_file()
    try:
        info = path.stat()
    except FileNotFoundError:
        return load(path)  # raises the friendly KeyFileError
    stamp = (info.st_ino, info.st_mtime_ns, info.st_size)  # os.replace always gives a new inode
    if _loaded is None or _loaded[0] != setting or _loaded[1] != stamp:
        _loaded = (setting, stamp, load(path))
    return _loaded[2]
