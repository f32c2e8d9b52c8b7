"""The one field for free text a person writes: encrypted at rest, plain in Python."""

from __future__ import annotations

from typing import Any

from django.db import models

from kindvoice import keys


class EncryptedTextField(models.TextField):  # type: ignore[type-arg]
    """A TextField stored as AES-GCM ciphertext that names its key.

    Lookups other than ``isnull`` cannot work on it (each value has its own nonce), so
    never filter or order by it.
    """

    description = "Text encrypted at rest"

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None:
            return None
        return keys.current().encrypt(str(value))

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> str | None:
        if value is None:
            return None
        return keys.current().decrypt(value)
