"""The care API: the same rules as the pages, in the one error envelope."""

import pytest

from kindvoice.apps.care.models import AccessEvent, CareLink
from tests.test_care import pats_data
from tests.test_journal import api

pytestmark = pytest.mark.django_db


def post(client, url: str, body: dict):
    return client.post(url, body, content_type="application/json")


def linked(person, therapist, share=("measures",)) -> dict:
    code = post(api(therapist), "/api/care/invitations", {"note": "Pat"}).json()["code"]
    response = post(api(person), "/api/care/links", {"code": code, "share": list(share), "notify": True})
    assert response.status_code == 201
    return response.json()


def test_invite_accept_change_and_revoke(person, therapist) -> None:
    link = linked(person, therapist)
    assert link["share"] == ["measures"] and link["notify"] is True and link["therapist"]["name"] == "Dr. Lee"
    changed = api(person).patch(
        f"/api/care/links/{link['id']}", {"share": ["measures", "practices"]}, content_type="application/json"
    )
    assert changed.json()["share"] == ["measures", "practices"]
    assert [x["id"] for x in api(therapist).get("/api/care/links").json()] == [link["id"]]
    assert api(person).delete(f"/api/care/links/{link['id']}").status_code == 204
    assert api(therapist).get(f"/api/care/clients/{person.user.pk}/summary").status_code == 404


def test_only_therapists_invite_and_unknown_shares_are_refused(person, therapist) -> None:
    assert post(api(person), "/api/care/invitations", {}).status_code == 404
    code = post(api(therapist), "/api/care/invitations", {}).json()["code"]
    response = post(api(person), "/api/care/links", {"code": code, "share": ["diary"]})
    assert response.status_code == 422 and "'diary' is not one of" in response.json()["error"]["message"]


def test_the_summary_holds_what_is_shared_and_is_logged(person, therapist) -> None:
    pats_data(person)
    linked(person, therapist)
    body = api(therapist).get(f"/api/care/clients/{person.user.pk}/summary").json()
    assert [m["instrument"] for m in body["measures"]] == ["phq-9"] and "practices" not in body
    assert api(person).get("/api/care/access-log").json()[0]["what"] == "your session summary"


def test_assignments_come_from_the_linked_therapist_only(person, other_person, therapist, admin) -> None:
    linked(person, therapist)
    url = f"/api/care/clients/{person.user.pk}/assignments"
    assert post(api(therapist), url, {"practice": "soothing-rhythm-breathing", "every_days": 7}).status_code == 201
    for someone in (person, other_person, admin):
        assert post(api(someone), url, {"practice": "soothing-rhythm-breathing"}).status_code == 404
    assert post(api(therapist), url, {"practice": "no-such-practice"}).status_code == 404


def test_no_one_else_changes_or_reads_a_link(person, other_person, therapist, admin, anonymous) -> None:
    link = linked(person, therapist)
    for someone in (other_person, therapist, admin):
        client = api(someone)
        assert (
            client.patch(f"/api/care/links/{link['id']}", {"share": []}, content_type="application/json").status_code
            == 404
        )
        assert client.delete(f"/api/care/links/{link['id']}").status_code == 404
    assert api(other_person).get(f"/api/care/clients/{person.user.pk}/summary").status_code == 404
    assert anonymous.get("/api/care/links").status_code == 401
    assert CareLink.objects.get().share_measures and not AccessEvent.objects.exists()


@pytest.mark.parametrize(
    ("who", "summary", "assign"),
    [
        ("person", 404, 404),
        ("other_person", 404, 404),
        ("therapist", 200, 201),
        ("unrelated_therapist", 404, 404),
        ("admin", 404, 404),
        ("anonymous", 401, 401),
    ],
)
def test_the_care_endpoints_for_every_persona(personas, who, summary, assign) -> None:
    from tests.conftest import _persona

    personas["unrelated_therapist"] = _persona("dr.roe@example.org", "therapist", "Dr. Roe")
    pat = personas["person"]
    linked(pat, personas["therapist"])
    client = personas["anonymous"] if who == "anonymous" else api(personas[who])
    base = f"/api/care/clients/{pat.user.pk}"
    assert client.get(f"{base}/summary").status_code == summary
    assert post(client, f"{base}/assignments", {"practice": "soothing-rhythm-breathing"}).status_code == assign
    events = AccessEvent.objects.filter(client=pat.user).count()
    assert events == (1 if summary == 200 else 0)
