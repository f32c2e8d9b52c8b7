"""Passwords: Argon2, at most a few checks at a time so a burst of logins cannot exhaust memory."""

import threading
import time

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher, check_password, make_password

from kindvoice.apps.accounts import hashers


def test_passwords_are_argon2_and_old_argon2_hashes_still_verify() -> None:
    encoded = make_password("a gentle river at dusk 42")
    assert encoded.startswith("argon2$")
    plain_django = Argon2PasswordHasher().encode("older password here", Argon2PasswordHasher().salt())
    assert check_password("older password here", plain_django)


def test_no_more_password_checks_run_at_once_than_allowed(monkeypatch) -> None:
    monkeypatch.setattr(hashers, "_slots", threading.BoundedSemaphore(2))
    running, most = 0, 0
    guard = threading.Lock()
    original = Argon2PasswordHasher.verify

    def counting_verify(self, password, encoded):
        nonlocal running, most
        with guard:
            running += 1
            most = max(most, running)
        time.sleep(0.05)
        try:
            return original(self, password, encoded)
        finally:
            with guard:
                running -= 1

    monkeypatch.setattr(Argon2PasswordHasher, "verify", counting_verify)
    encoded = make_password("a gentle river at dusk 42")
    results: list[bool] = []
    threads = [
        threading.Thread(target=lambda: results.append(check_password("a gentle river at dusk 42", encoded)))
        for _ in range(6)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert results == [True] * 6
    assert most == 2


@pytest.mark.parametrize("value", ["0", "many"])
def test_a_bad_limit_is_refused_with_a_clear_message(monkeypatch, value) -> None:
    from kindvoice import config
    from kindvoice.errors import ConfigurationError

    monkeypatch.setenv("KINDVOICE_PASSWORD_CHECKS", value)
    with pytest.raises(ConfigurationError, match="KINDVOICE_PASSWORD_CHECKS"):
        config.get_int("KINDVOICE_PASSWORD_CHECKS", minimum=1)
