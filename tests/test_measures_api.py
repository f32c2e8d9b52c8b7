"""The measures API: exact instruments, scoring at once, results with reliable change, owner only."""

import pytest

from kindvoice.apps.measures.models import Administration
from tests.test_journal import api

pytestmark = pytest.mark.django_db


def submit(client, instrument_id: str, answers, **extra):
    return client.post(
        f"/api/measures/{instrument_id}/administrations", {"answers": answers, **extra}, content_type="application/json"
    )


def test_instruments_are_listed_with_their_licence(person) -> None:
    found = {i["id"]: i for i in api(person).get("/api/measures").json()}
    assert found["phq-9"]["items"] == 10 and "No permission required" in found["phq-9"]["licence"]


def test_one_instrument_gives_its_items_exactly(person) -> None:
    body = api(person).get("/api/measures/who-5").json()
    assert body["items"][0]["text"] == "I have felt cheerful and in good spirits."
    assert [o["value"] for o in body["options"]] == [5, 4, 3, 2, 1, 0]


def test_answers_are_scored_and_the_second_time_shows_reliable_change(person) -> None:
    client = api(person)
    first = submit(client, "phq-9", [2, 2, 2, 2, 2, 2, 2, 2, 0, 1])
    assert first.status_code == 201 and first.json()["total"] == 16 and first.json()["change"] is None
    second = submit(client, "phq-9", {str(n): 1 for n in range(1, 9)} | {"9": 0}).json()
    assert second["total"] == 8 and second["change"]["verdict"] == "improved"
    assert second["change"]["reliable_recovery"] is True and second["change"]["reliable_change_threshold"] == 6
    listed = client.get("/api/measure-results?instrument=phq-9").json()
    assert [r["total"] for r in listed] == [8, 16]


def test_item_9_comes_back_with_safety_information(person) -> None:
    body = submit(api(person), "phq-9", [0] * 8 + [2]).json()
    assert body["flags"] == ["safety"] and body["safety"]["helplines"]


@pytest.mark.parametrize(
    ("answers", "message"),
    [([1] * 8, "item 9 is missing"), ([1] * 8 + [5], "takes one of 0, 1, 2, 3"), ({"12": 1}, "no item 12")],
)
def test_bad_answers_are_refused_in_the_envelope_and_nothing_is_stored(person, answers, message) -> None:
    response = submit(api(person), "phq-9", answers)
    assert response.status_code == 422 and message in response.json()["error"]["message"]
    assert not Administration.objects.exists()


def test_the_proqol_role_is_kept(person) -> None:
    body = submit(api(person), "proqol-5", [3] * 30, role="teacher").json()
    assert body["subscale_bands"]["burnout"] == "moderate"
    assert Administration.objects.get().role == "teacher"


def test_results_are_their_owner_s_alone(person, other_person, therapist, admin, anonymous) -> None:
    result = submit(api(person), "gad-7", [1] * 7).json()
    for someone in (other_person, therapist, admin):
        client = api(someone)
        assert client.get(f"/api/measure-results/{result['id']}").status_code == 404
        assert client.delete(f"/api/measure-results/{result['id']}").status_code == 404
        assert client.get("/api/measure-results").json() == []
    assert anonymous.get("/api/measure-results").status_code == 401
    assert Administration.objects.count() == 1
