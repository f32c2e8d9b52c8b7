"""Shared fixtures: a fresh data directory with real key files, and the personas.

The personas make privacy rules something we test, not something we assume:

- ``person``: Pat, who uses kindvoice for their own practice
- ``other_person``: Olu, another person on the same server, who must never see Pat's things
- ``therapist``: Dr. Lee, a therapist (no link to anyone yet: linking comes with care)
- ``admin``: Ada, who administers accounts but does not read what people write
- ``anonymous``: someone who is not logged in
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client

from kindvoice import keys

# The data directory comes from tests/environment.py, loaded before Django starts.
keys.create_if_missing()

PASSWORD = "correct horse battery staple 7"


@dataclass
class Persona:
    user: object
    client: Client

    @property
    def email(self) -> str:
        return self.user.email  # type: ignore[attr-defined]


def _persona(email: str, role: str, name: str) -> Persona:
    from kindvoice.apps.accounts.models import User

    user = User.objects.create_user(email, PASSWORD, role=role, display_name=name)
    client = Client()
    client.force_login(user)
    return Persona(user, client)


@pytest.fixture
def person(db: None) -> Persona:
    return _persona("pat@example.org", "person", "Pat")


@pytest.fixture
def other_person(db: None) -> Persona:
    return _persona("olu@example.org", "person", "Olu")


@pytest.fixture
def therapist(db: None) -> Persona:
    return _persona("dr.lee@example.org", "therapist", "Dr. Lee")


@pytest.fixture
def admin(db: None) -> Persona:
    return _persona("ada@example.org", "admin", "Ada")


@pytest.fixture
def anonymous() -> Client:
    return Client()


@pytest.fixture
def personas(person: Persona, other_person: Persona, therapist: Persona, admin: Persona, anonymous: Client):
    return {
        "person": person,
        "other_person": other_person,
        "therapist": therapist,
        "admin": admin,
        "anonymous": anonymous,
    }


@pytest.fixture
def csrf_client() -> Client:
    """A client that enforces CSRF like a browser would."""
    return Client(enforce_csrf_checks=True)
