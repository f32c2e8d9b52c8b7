"""Argon2, as Django configures it, but only a few checks at a time.

Each Argon2 check takes about 100 MiB of memory (measured in docs/benchmarks.md), so a burst
of logins on a small server could exhaust it: eight at once took 800 MiB. Queueing them
costs a person a fraction of a second; it never weakens the hash.
"""

from __future__ import annotations

import threading

from django.conf import settings
from django.contrib.auth.hashers import Argon2PasswordHasher

_slots: threading.BoundedSemaphore | None = None
_lock = threading.Lock()


def slots() -> threading.BoundedSemaphore:
    global _slots
    if _slots is None:
        with _lock:
            if _slots is None:
                _slots = threading.BoundedSemaphore(settings.MAX_CONCURRENT_PASSWORD_CHECKS)
    return _slots


class BoundedArgon2PasswordHasher(Argon2PasswordHasher):
    # Same algorithm name, so every hash made before still verifies.
    algorithm = "argon2"

    def encode(self, password: str, salt: str) -> str:
        with slots():
            return str(super().encode(password, salt))

    def verify(self, password: str, encoded: str) -> bool:
        with slots():
            return bool(super().verify(password, encoded))

    def harden_runtime(self, password: str, encoded: str) -> None:
        with slots():
            super().harden_runtime(password, encoded)
