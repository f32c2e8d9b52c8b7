"""The one exception hierarchy of kindvoice.

    KindvoiceError            anything we expect and can explain to a person
    ├── ConfigurationError    settings, data directory or key files are wrong
    │   └── KeyFileError      the encryption key file is missing, unreadable or damaged
    ├── DecryptionError       a stored value cannot be decrypted with the keys we have
    ├── NotFound              the thing asked for does not exist (or is not yours to see)
    ├── InvalidInput          a person sent something we cannot accept
    └── BackupError           a backup or restore could not be done

Each adapter turns these into its own medium at the edge: an HTML page, the API's
JSON error envelope, or a one-line CLI message. None of them shows a traceback.
"""

from __future__ import annotations


class KindvoiceError(Exception):
    """Something we expect, with a message written for the person who will read it."""

    code = "error"
    status = 400

    def __init__(self, message: str, *, code: str | None = None, status: int | None = None):
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        if status is not None:
            self.status = status


class ConfigurationError(KindvoiceError):
    """Settings, the data directory or key files are not as they should be."""

    code = "configuration"
    status = 500


class KeyFileError(ConfigurationError):
    """The encryption key file is missing, unreadable or damaged."""

    code = "key_file"


class DecryptionError(KindvoiceError):
    """A stored value cannot be decrypted with the keys we have."""

    code = "decryption"
    status = 500


class NotFound(KindvoiceError):
    """The thing asked for does not exist, or is not the asker's to see."""

    code = "not_found"
    status = 404


class InvalidInput(KindvoiceError):
    """A person sent something we cannot accept; the message says what to change."""

    code = "invalid"
    status = 422


class BackupError(KindvoiceError):
    """A backup or restore could not be done."""

    code = "backup"
    status = 500


__all__ = [
    "BackupError",
    "ConfigurationError",
    "DecryptionError",
    "InvalidInput",
    "KeyFileError",
    "KindvoiceError",
    "NotFound",
]
