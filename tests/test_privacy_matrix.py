"""Every route and endpoint that touches a person's own data, for every persona.

A linked therapist with every sharing switch on still reaches a client's data only through the
care pages (tested in test_care.py), never through the client's own routes: those are 404 for
everyone but their owner, so an id never reveals that something exists.
"""

import pytest
from django.test import Client
from django.urls import reverse

from kindvoice.apps.accounts.models import AccessToken, User
from kindvoice.apps.care.models import CareLink, Invitation
from kindvoice.apps.journal.models import Entry
from kindvoice.apps.measures.models import Administration
from kindvoice.apps.practices.models import Photo, Run
from kindvoice.practices import find
from tests.conftest import Persona

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


def pats_things(pat) -> dict[str, int]:
    entry = Entry.objects.create(user=pat.user, text="Pat's own words.")
    run = Run.begin(pat.user, find("self-compassion-break"))
    photo = Photo.store(run, "photo", PNG)
    done = Administration.in_progress(pat.user, "who-5")
    done.save_answers(dict.fromkeys(range(1, 6), 3))
    done.complete()
    open_one = Administration.in_progress(pat.user, "gad-7")
    return {"entry": entry.pk, "run": run.pk, "photo": photo.pk, "result": done.pk, "open": open_one.pk}


# (name, method, how to build the path from Pat's ids, what Pat herself gets)
ROUTES = [
    ("journal entry", "get", lambda i: reverse("journal:entry", args=[i["entry"]]), 200),
    ("journal edit", "get", lambda i: reverse("journal:edit", args=[i["entry"]]), 200),
    ("journal delete", "post", lambda i: reverse("journal:delete", args=[i["entry"]]), 302),
    ("journal reply", "post", lambda i: reverse("journal:reply", args=[i["entry"]]), 302),
    ("journal bring", "post", lambda i: reverse("journal:bring", args=[i["entry"]]), 302),
    ("practice run", "get", lambda i: reverse("practices:run", args=[i["run"]]), 200),
    ("practice answer", "post", lambda i: reverse("practices:run", args=[i["run"]]), 302),
    ("practice draft", "post", lambda i: reverse("practices:draft", args=[i["run"], "what_happened"]), 200),
    ("practice bring", "post", lambda i: reverse("practices:bring", args=[i["run"]]), 302),
    ("practice delete", "post", lambda i: reverse("practices:delete", args=[i["run"]]), 302),
    ("practice photo", "get", lambda i: reverse("practices:photo", args=[i["photo"]]), 200),
    ("measure result", "get", lambda i: reverse("measures:result", args=[i["result"]]), 200),
    ("measure save", "post", lambda i: reverse("measures:save", args=[i["open"]]), 200),
    ("measure delete", "post", lambda i: reverse("measures:delete", args=[i["result"]]), 302),
    ("api journal entry", "api-get", lambda i: f"/api/journal/entries/{i['entry']}", 200),
    ("api practice run", "api-get", lambda i: f"/api/practice-runs/{i['run']}", 200),
    ("api measure result", "api-get", lambda i: f"/api/measure-results/{i['result']}", 200),
]
PERSONAS = ["person", "other_person", "linked_therapist", "unrelated_therapist", "admin", "anonymous"]


def quick(email: str, role: str, name: str) -> Persona:
    """A persona without a password (no Argon2 to wait for): logged in directly."""
    user = User.objects.create_user(email, None, role=role, display_name=name)
    client = Client()
    client.force_login(user)
    return Persona(user, client)


def api(persona: Persona) -> Client:
    client = Client()
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {AccessToken.issue(persona.user, 't')[1]}"
    return client


@pytest.fixture
def personas(db):
    return {
        "person": quick("pat@example.org", "person", "Pat"),
        "other_person": quick("olu@example.org", "person", "Olu"),
        "therapist": quick("dr.lee@example.org", "therapist", "Dr. Lee"),
        "unrelated_therapist": quick("dr.roe@example.org", "therapist", "Dr. Roe"),
        "admin": quick("ada@example.org", "admin", "Ada"),
        "anonymous": Client(),
    }


@pytest.mark.parametrize("who", PERSONAS)
@pytest.mark.parametrize(("name", "method", "path", "owner"), ROUTES, ids=[r[0] for r in ROUTES])
def test_a_person_s_own_routes_answer_only_their_owner(personas, who, name, method, path, owner) -> None:
    pat, lee = personas["person"], personas["therapist"]
    _, code = Invitation.issue(lee.user)
    CareLink.accept(pat.user, code, {"measures", "practices", "marked", "journal"})  # every switch on
    ids = pats_things(pat)
    url = path(ids)
    if who == "anonymous":
        client, expected = personas["anonymous"], (401 if method.startswith("api") else 302)
    else:
        persona = lee if who == "linked_therapist" else personas[who]
        client = api(persona) if method.startswith("api") else persona.client
        expected = owner if who == "person" else 404
    response = (
        client.get(url)
        if method.endswith("get")
        else client.post(url, {"text": "x", "step": "distress_before", "answer": "3"})
    )
    assert response.status_code == expected, f"{who} on {name}"
    if who != "person" and method == "post":
        assert Entry.objects.filter(pk=ids["entry"]).exists() and Run.objects.filter(pk=ids["run"]).exists()
