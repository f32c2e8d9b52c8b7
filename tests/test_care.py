"""Therapist and client: consent-based sharing, tested for every persona, with a log the client reads."""

import pytest
from django.urls import reverse

from kindvoice.apps.care.models import AccessEvent, CareLink, Invitation
from kindvoice.apps.measures.models import Administration
from kindvoice.apps.practices.models import Run
from kindvoice.errors import InvalidInput, NotFound
from kindvoice.practices import find

pytestmark = pytest.mark.django_db


def link(person, therapist, *shares: str) -> CareLink:
    _, code = Invitation.issue(therapist.user)
    return CareLink.accept(person.user, code, set(shares))


def pats_data(person) -> None:
    administration = Administration.in_progress(person.user, "phq-9")
    administration.save_answers(dict.fromkeys(range(1, 10), 1))
    administration.complete()
    run = Run.begin(person.user, find("self-compassion-break"))
    runner = run.runner()
    runner.answer(6)
    runner.answer("PRIVATE WORDS about my sister")
    run.keep(runner)


def test_an_invitation_code_works_once_and_the_client_chooses_what_to_share(person, therapist) -> None:
    _, code = Invitation.issue(therapist.user, "for Pat")
    response = person.client.post(reverse("care:accept"), {"code": code.lower(), "share_measures": "on"})
    assert response.status_code == 302
    found = CareLink.objects.get()
    assert (found.share_measures, found.share_practices, found.share_journal) == (True, False, False)
    again = person.client.post(reverse("care:accept"), {"code": code, "share_measures": "on"}, follow=True)
    assert "not valid" in again.text


def test_only_a_therapist_can_invite(person) -> None:
    with pytest.raises(InvalidInput, match="Only a therapist"):
        Invitation.issue(person.user)
    assert person.client.post(reverse("care:invite")).status_code == 404


def test_an_expired_invitation_is_refused(person, therapist) -> None:
    from datetime import timedelta

    from django.utils import timezone

    invitation, code = Invitation.issue(therapist.user)
    Invitation.objects.filter(pk=invitation.pk).update(expires=timezone.now() - timedelta(minutes=1))
    with pytest.raises(NotFound, match="expired"):
        CareLink.accept(person.user, code, {"measures"})


@pytest.fixture
def unrelated_therapist(db):
    from tests.conftest import _persona

    return _persona("dr.roe@example.org", "therapist", "Dr. Roe")


ROUTES = ["care:client_measures", "care:client_practices"]
SHARE_OF = {"care:client_measures": "measures", "care:client_practices": "practices"}


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize(
    ("who", "switch", "expected"),
    [
        ("person", True, 404),  # the client reads her own data elsewhere, not as a therapist
        ("other_person", True, 404),
        ("therapist", True, 200),
        ("therapist", False, 404),  # linked, but that switch is off
        ("unrelated_therapist", True, 404),
        ("admin", True, 404),
        ("anonymous", True, 302),
    ],
)
def test_who_can_open_a_client_s_shared_data(personas, unrelated_therapist, route, who, switch, expected) -> None:
    personas["unrelated_therapist"] = unrelated_therapist
    pat, lee = personas["person"], personas["therapist"]
    pats_data(pat)
    shares = {"measures", "practices"} - (set() if switch else {SHARE_OF[route]})
    link(pat, lee, *shares)
    someone = personas[who]
    client = someone if who == "anonymous" else someone.client
    response = client.get(reverse(route, args=[pat.user.pk]))
    assert response.status_code == expected
    events = AccessEvent.objects.filter(client=pat.user)
    assert events.count() == (1 if expected == 200 else 0), "every access, and only an access, is logged"
    if expected == 200:
        assert "PRIVATE WORDS" not in response.text, "practice answers are never part of activity"


def test_revoking_removes_access_at_once(person, therapist) -> None:
    pats_data(person)
    found = link(person, therapist, "measures")
    url = reverse("care:client_measures", args=[person.user.pk])
    assert therapist.client.get(url).status_code == 200
    response = person.client.post(reverse("care:sharing", args=[found.pk]), {"action": "revoke"})
    assert response.status_code == 302
    assert therapist.client.get(url).status_code == 404


def test_turning_a_switch_off_takes_effect_at_once(person, therapist) -> None:
    pats_data(person)
    found = link(person, therapist, "measures", "practices")
    person.client.post(reverse("care:sharing", args=[found.pk]), {"action": "save", "share_practices": "on"})
    assert therapist.client.get(reverse("care:client_measures", args=[person.user.pk])).status_code == 404
    assert therapist.client.get(reverse("care:client_practices", args=[person.user.pk])).status_code == 200


def test_no_one_else_can_change_a_client_s_sharing(person, other_person, therapist, admin) -> None:
    found = link(person, therapist, "measures")
    for someone in (other_person, therapist, admin):
        response = someone.client.post(reverse("care:sharing", args=[found.pk]), {"action": "revoke"})
        assert response.status_code == 404
    found.refresh_from_db()
    assert found.revoked is None


def test_the_client_reads_each_access_in_plain_words(person, other_person, therapist) -> None:
    pats_data(person)
    link(person, therapist, "measures")
    therapist.client.get(reverse("care:client_measures", args=[person.user.pk]))
    page = person.client.get(reverse("care:log")).text
    assert "Dr. Lee viewed your questionnaire results on" in page
    assert "Dr. Lee" not in other_person.client.get(reverse("care:log")).text


def test_a_client_can_have_two_therapists_and_a_therapist_many_clients(person, other_person, therapist, admin) -> None:
    from tests.conftest import _persona

    roe = _persona("dr.roe@example.org", "therapist", "Dr. Roe")
    link(person, therapist, "measures")
    link(person, roe, "practices")
    link(other_person, therapist, "measures")
    assert CareLink.objects.filter(client=person.user).count() == 2
    assert CareLink.objects.filter(therapist=therapist.user).count() == 2
    page = therapist.client.get(reverse("care:overview")).text
    assert "Pat" in page and "Olu" in page
