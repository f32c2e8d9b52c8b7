"""The practices API: the library for anyone logged in, runs for their owner alone."""

import pytest

from kindvoice.apps.practices.models import PersonalList, Run
from tests.test_journal import api

pytestmark = pytest.mark.django_db


def post(client, url: str, body: dict | None = None):
    return client.post(url, body or {}, content_type="application/json")


def test_the_library_lists_each_practice_with_its_id_tags_source_and_length(person) -> None:
    practices = api(person).get("/api/practices").json()
    ids = {p["id"] for p in practices}
    assert {"self-compassion-break", "soothing-rhythm-breathing", "self-soothing-menu"} <= ids
    one = next(p for p in practices if p["id"] == "self-compassion-break")
    assert one["minutes"] == 5 and "soothing" in one["tags"] and one["source"]["article"] == "001"


def test_one_practice_shows_every_step(person) -> None:
    body = api(person).get("/api/practices/self-soothing-menu").json()
    assert body["steps"][0]["kind"] == "choice"
    assert any(step.get("list") == "soothing_menu" for step in body["steps"])


def test_an_unknown_practice_is_a_404_in_the_envelope(person) -> None:
    response = api(person).get("/api/practices/no-such-thing")
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"


def test_a_run_starts_is_answered_skipped_and_finished(person) -> None:
    client = api(person)
    run = post(client, "/api/practice-runs", {"practice": "self-compassion-break"})
    assert run.status_code == 201
    run = run.json()
    assert run["current_step"]["id"] == "distress_before" and run["progress"] == {"done": 0, "total": 9}
    url = f"/api/practice-runs/{run['id']}"
    run = post(client, f"{url}/answer", {"step": "distress_before", "value": 6}).json()
    assert run["current_step"]["id"] == "what_happened"
    run = post(client, f"{url}/skip", {"step": "what_happened"}).json()
    assert run["skipped"] == ["what_happened"]
    run = post(client, f"{url}/finish").json()
    assert run["finished"] and run["current_step"] is None and run["ratings"] == {"distress": {"before": 6}}
    assert [r["id"] for r in client.get("/api/practice-runs").json()] == [run["id"]]


def test_an_answer_to_a_step_that_is_not_current_is_refused_and_changes_nothing(person) -> None:
    client = api(person)
    run = post(client, "/api/practice-runs", {"practice": "self-compassion-break"}).json()
    response = post(client, f"/api/practice-runs/{run['id']}/answer", {"step": "own_words", "value": "hi"})
    assert response.status_code == 422 and "current step is 'distress_before'" in response.json()["error"]["message"]


@pytest.mark.parametrize("value", [11, "eleven", None, [1]])
def test_a_bad_rating_is_refused_in_the_envelope(person, value) -> None:
    client = api(person)
    run = post(client, "/api/practice-runs", {"practice": "self-compassion-break"}).json()
    response = post(client, f"/api/practice-runs/{run['id']}/answer", {"step": "distress_before", "value": value})
    assert response.status_code == 422 and set(response.json()) == {"error"}


def test_crisis_language_in_an_answer_comes_back_with_safety_information(person) -> None:
    client = api(person)
    run = post(client, "/api/practice-runs", {"practice": "self-compassion-break"}).json()
    url = f"/api/practice-runs/{run['id']}"
    post(client, f"{url}/answer", {"step": "distress_before", "value": 5})
    body = post(client, f"{url}/answer", {"step": "what_happened", "value": "I want to kill myself"}).json()
    assert body["crisis_level"] != "none" and body["safety"]["helplines"]
    assert body["current_step"]["id"] == "mindfulness", "never blocked"


def test_a_soothing_menu_built_through_the_api_becomes_the_person_s_list(person) -> None:
    client = api(person)
    run = post(client, "/api/practice-runs", {"practice": "self-soothing-menu"}).json()
    url = f"/api/practice-runs/{run['id']}"
    post(client, f"{url}/answer", {"step": "what_now", "value": "Add to my soothing menu"})
    step = client.get(url).json()["current_step"]
    while step and step["kind"] != "list":
        step = post(client, f"{url}/answer", {"step": step["id"], "value": True}).json()["current_step"]
    post(client, f"{url}/answer", {"step": step["id"], "value": ["a warm bath", "music", "a warm bath"]})
    assert PersonalList.of(person.user, "soothing_menu") == ["a warm bath", "music"]


def test_runs_are_their_owner_s_alone(person, other_person, therapist, admin) -> None:
    run = post(api(person), "/api/practice-runs", {"practice": "self-compassion-break"}).json()
    url = f"/api/practice-runs/{run['id']}"
    for someone in (other_person, therapist, admin):
        client = api(someone)
        assert client.get(url).status_code == 404
        assert post(client, f"{url}/answer", {"step": "distress_before", "value": 1}).status_code == 404
        assert post(client, f"{url}/finish").status_code == 404
        assert client.delete(url).status_code == 404
        assert client.get("/api/practice-runs").json() == []
    assert Run.objects.get(pk=run["id"]).answers == {}


def test_the_api_needs_a_login(anonymous) -> None:
    assert anonymous.get("/api/practices").status_code == 401
    assert anonymous.post("/api/practice-runs", {}, content_type="application/json").status_code == 401
