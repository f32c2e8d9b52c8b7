"""Every setting kindvoice reads from the environment, in one table.

Kept free of Django so the CLI can report a bad setting before Django starts, and so
`docs/configuration.md` can be checked against this table by a test.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from kindvoice.errors import ConfigurationError


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("KINDVOICE_DATA_DIR", "./var", "Where the database, secret key and encryption keys live."),
    Setting(
        "DATABASE_URL",
        "",
        "Empty for SQLite in the data directory, or postgres://user:pass@host:port/db.",
    ),
    Setting("KINDVOICE_HOST", "127.0.0.1", "Address `kindvoice serve` listens on."),
    Setting("KINDVOICE_PORT", "8000", "Port `kindvoice serve` listens on."),
    Setting(
        "KINDVOICE_ALLOWED_HOSTS",
        "127.0.0.1,localhost",
        "Comma-separated host names the app answers to.",
    ),
    Setting("KINDVOICE_DEBUG", "false", "true shows Django's debug pages. Never on a server people use."),
    Setting(
        "KINDVOICE_SECURE_COOKIES",
        "true",
        "Send cookies only over HTTPS (browsers also allow them on 127.0.0.1/localhost).",
    ),
    Setting(
        "KINDVOICE_HTTPS",
        "false",
        "true when a TLS proxy sits in front: turns on HSTS and trusts X-Forwarded-Proto.",
    ),
    Setting(
        "KINDVOICE_TRUSTED_PROXY",
        "127.0.0.1",
        "With KINDVOICE_HTTPS=true: the proxy address whose X-Forwarded-* headers are believed.",
    ),
    Setting("KINDVOICE_USER", "", "Whose journal `kindvoice journal` opens when --as is not given."),
    Setting("KINDVOICE_MAX_BODY_KB", "1024", "Largest request body accepted, in KiB."),
    Setting("KINDVOICE_PASSWORD_CHECKS", "2", "Password checks (Argon2, ~100 MiB each) allowed at once; more wait."),
    Setting(
        "KINDVOICE_LOGIN_ATTEMPTS",
        "5",
        "Failed logins allowed per email or address before a pause.",
    ),
    Setting("KINDVOICE_LOGIN_PAUSE_MINUTES", "15", "How long that pause lasts."),
)
_DEFAULTS = {s.name: s.default for s in SETTINGS}

SECRET_KEY_FILE = "secret-key"  # noqa: S105 - a file name, not a secret
ENCRYPTION_KEY_FILE = "encryption-keys.json"
SQLITE_FILE = "kindvoice.sqlite3"


def get(name: str) -> str:
    return os.environ.get(name, _DEFAULTS[name]).strip()


def get_bool(name: str) -> bool:
    # Strict on purpose: "yes" or "1" is rejected rather than guessed at.
    value = get(name).lower()
    if value not in ("true", "false"):
        raise ConfigurationError(f"{name} must be true or false, not {value!r}.")
    return value == "true"


def get_int(name: str, *, minimum: int = 0) -> int:
    value = get(name)
    try:
        number = int(value)
    except ValueError:
        raise ConfigurationError(f"{name} must be a whole number, not {value!r}.") from None
    if number < minimum:
        raise ConfigurationError(f"{name} must be at least {minimum}, not {number}.")
    return number


def data_dir() -> Path:
    return Path(get("KINDVOICE_DATA_DIR")).expanduser().resolve()


def ensure_data_dir() -> Path:
    path = data_dir()
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigurationError(f"Cannot create the data directory {path}: {exc.strerror}.") from None
    return path


def write_private_file(path: Path, content: str) -> None:
    """Write a file only its owner can read, atomically, so a crash never leaves half a key."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def secret_key() -> str:
    """Read the Django secret key, creating it on first run.

    Losing this key only signs everyone out, so creating it silently is safe; the
    encryption key (see kindvoice.keys) is never created silently.
    """
    path = ensure_data_dir() / SECRET_KEY_FILE
    if not path.exists():
        write_private_file(path, secrets.token_urlsafe(50))
    try:
        return path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise ConfigurationError(f"Cannot read the secret key file {path}: {exc.strerror}.") from None


def file_mode(path: Path) -> int:
    return path.stat().st_mode & 0o777
