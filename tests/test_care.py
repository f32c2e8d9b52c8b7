"""Therapist and client: consent-based sharing, tested for every persona, with a log the client reads."""

import pytest
from django.urls import reverse
from django.utils import timezone

from kindvoice.apps.care.models import AccessEvent, CareLink, Invitation, TherapistList, TherapistPractice
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


# -- the rest of the routes, for every persona ----------------------------------------------

CLIENT_ROUTES = {
    "care:client_marked": "marked",
    "care:client_journal": "journal",
    "care:summary": None,  # needs only the link; shows inside what the switches allow
}


@pytest.mark.parametrize("route", sorted(CLIENT_ROUTES))
@pytest.mark.parametrize(
    ("who", "switch", "expected"),
    [
        ("person", True, 404),
        ("other_person", True, 404),
        ("therapist", True, 200),
        ("therapist", False, 404),
        ("unrelated_therapist", True, 404),
        ("admin", True, 404),
        ("anonymous", True, 302),
    ],
)
def test_who_can_open_marked_items_the_journal_and_the_summary(
    personas, unrelated_therapist, route, who, switch, expected
) -> None:
    personas["unrelated_therapist"] = unrelated_therapist
    pat, lee = personas["person"], personas["therapist"]
    needed = CLIENT_ROUTES[route]
    if needed is None and not switch:
        expected = 200 if who == "therapist" else expected  # the summary has no switch of its own
    shares = {"marked", "journal"} - (set() if switch or needed is None else {needed})
    link(pat, lee, *shares)
    someone = personas[who]
    client = someone if who == "anonymous" else someone.client
    assert client.get(reverse(route, args=[pat.user.pk])).status_code == expected


@pytest.mark.parametrize("route", ["care:client", "care:assign", "care:note"])
@pytest.mark.parametrize("who", ["person", "other_person", "unrelated_therapist", "admin"])
def test_only_the_linked_therapist_reaches_the_client_page_homework_and_notes(
    personas, unrelated_therapist, route, who
) -> None:
    personas["unrelated_therapist"] = unrelated_therapist
    link(personas["person"], personas["therapist"], "measures")
    url = reverse(route, args=[personas["person"].user.pk])
    method = "get" if route == "care:client" else "post"
    response = getattr(personas[who].client, method)(url, {"practice": "self-compassion-break", "text": "x"})
    assert response.status_code == 404


def test_homework_appears_for_the_client_and_its_adherence_for_the_therapist(person, therapist) -> None:
    link(person, therapist, "practices")
    therapist.client.post(
        reverse("care:assign", args=[person.user.pk]),
        {"practice": "soothing-rhythm-breathing", "every_days": "0", "note": "Try it before bed."},
    )
    home = person.client.get(reverse("home")).text
    assert "From your therapist" in home and "Try it before bed." in home
    run = Run.begin(person.user, find("soothing-rhythm-breathing"))
    runner = run.runner()
    runner.answer(7)
    for _ in range(3):
        runner.answer(True if runner.current.kind != "prompt" else "calmer")
    runner.answer(4)
    run.keep(runner)
    assert "From your therapist" not in person.client.get(reverse("home")).text, "done: no longer due"
    page = therapist.client.get(reverse("care:client", args=[person.user.pk])).text
    assert "done 1 of 1" in page and "distress 7 → 4" in page
    assert AccessEvent.objects.filter(client=person.user, what__contains="homework").exists()


def test_without_practice_sharing_the_therapist_sees_the_homework_but_not_how_it_went(person, therapist) -> None:
    link(person, therapist, "measures")
    therapist.client.post(reverse("care:assign", args=[person.user.pk]), {"practice": "self-compassion-break"})
    page = therapist.client.get(reverse("care:client", args=[person.user.pk])).text
    assert "does not share practice activity" in page and "done 0 of 1" not in page
    assert not AccessEvent.objects.exists()


def test_only_what_the_client_marks_is_brought_to_session(person, therapist) -> None:
    from kindvoice.apps.journal.models import Entry

    link(person, therapist, "marked")
    marked = Entry.objects.create(user=person.user, text="Bring this: the argument with Mum.")
    Entry.objects.create(user=person.user, text="Private: not for anyone.")
    person.client.post(reverse("journal:bring", args=[marked.pk]))
    page = therapist.client.get(reverse("care:client_marked", args=[person.user.pk])).text
    assert "the argument with Mum" in page and "Private: not for anyone." not in page
    summary = therapist.client.get(reverse("care:summary", args=[person.user.pk])).text
    assert "the argument with Mum" in summary and "Private" not in summary


def test_the_summary_holds_only_what_is_shared(person, therapist) -> None:
    pats_data(person)
    link(person, therapist, "measures")
    page = therapist.client.get(reverse("care:summary", args=[person.user.pk])).text
    assert "PHQ-9" in page and "Homework" not in page and "Brought to session" not in page
    assert "PRIVATE WORDS" not in page
    assert AccessEvent.objects.get().what == "your session summary"


def test_the_summary_downloads_as_a_pdf_where_chromium_is_installed(person, therapist) -> None:
    from kindvoice.apps.care.pdf import chromium

    if chromium() is None:
        pytest.skip("no Chromium on this machine")
    link(person, therapist, "measures")
    response = therapist.client.get(reverse("care:summary", args=[person.user.pk]), {"format": "pdf"})
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_session_notes_are_the_therapist_s_until_shared(person, therapist) -> None:
    link(person, therapist, "measures")
    url = reverse("care:note", args=[person.user.pk])
    therapist.client.post(url, {"text": "Seemed tired; ask about sleep."})
    therapist.client.post(url, {"text": "Well done this week.", "shared": "on"})
    page = person.client.get(reverse("care:overview")).text
    assert "Well done this week." in page and "ask about sleep" not in page


def test_a_client_who_opted_in_has_their_therapist_told_of_crisis_language(person, therapist) -> None:
    from kindvoice.apps.care.models import SafetyAlert
    from kindvoice.apps.journal.models import Entry

    _, code = Invitation.issue(therapist.user)
    CareLink.accept(person.user, code, {"measures"}, notify=True)
    entry = Entry(user=person.user, text="I don't want to be here anymore.")
    entry.analyse()
    entry.save()
    entry.save()  # saved again: still one alert
    administration = Administration.in_progress(person.user, "phq-9")
    administration.save_answers(dict.fromkeys(range(1, 9), 0) | {9: 1})
    administration.complete()
    assert [a.source for a in SafetyAlert.objects.order_by("pk")] == ["a journal entry", "the PHQ-9 (question 9)"]
    assert "safety alert" in therapist.client.get(reverse("care:overview")).text
    assert "Safety alerts" in therapist.client.get(reverse("care:client", args=[person.user.pk])).text
    assert "Your therapist was told on" in person.client.get(reverse("care:overview")).text


def test_a_client_who_did_not_opt_in_raises_no_alert(person, therapist) -> None:
    from kindvoice.apps.care.models import SafetyAlert
    from kindvoice.apps.journal.models import Entry

    link(person, therapist, "measures", "journal")
    entry = Entry(user=person.user, text="I want to die.")
    entry.analyse()
    entry.save()
    assert not SafetyAlert.objects.exists()


def test_the_dashboard_puts_safety_and_reliable_deteriorations_first(person, other_person, therapist) -> None:
    from kindvoice.apps.measures.models import Schedule

    link(person, therapist, "measures", "practices")
    link(other_person, therapist, "measures")
    for answers in ([0] * 8 + [0], [2] * 8 + [0]):  # Olu's PHQ-9: 0 then 16, a reliable deterioration
        administration = Administration.in_progress(other_person.user, "phq-9")
        administration.save_answers(dict(enumerate(answers, 1)))
        administration.complete()
    Schedule.objects.create(user=person.user, instrument_id="who-5", every_days=14, next_due="2000-01-01")
    page = therapist.client.get(reverse("care:overview")).text
    assert page.index("Olu") < page.index("Pat"), "the deterioration comes first"
    assert "reliable deterioration: PHQ-9" in page and "WHO-5" in page
    assert AccessEvent.objects.filter(what="an overview of what you share").count() == 2


# -- a therapist's own practices and suggestions ---------------------------------------------

OWN = """\
id: before-a-hard-talk
title: Before a hard talk
purpose: A few minutes to settle before a difficult conversation.
minutes: 4
source: {article: "004", title: Written by the therapist}
tags: [soothing, with-therapist]
steps:
  - id: worry
    kind: rating
    text: How worried are you?
    low: not at all
    high: very
    records: worry
    moment: before
  - id: intention
    kind: prompt
    text: What do you want to keep in mind?
"""


def test_a_therapist_writes_a_practice_that_is_checked_like_the_library(person, therapist) -> None:
    found = link(person, therapist, "practices")
    page = therapist.client.post(
        reverse("care:own"), {"action": "write", "source": OWN.replace("    low: not at all\n", "")}
    )
    assert "step 1 (rating), low: is missing" in page.text and "Before a hard talk" in page.text, "kept to fix"
    therapist.client.post(reverse("care:own"), {"action": "write", "source": OWN})
    own = TherapistPractice.objects.get()
    assert own.title == "Before a hard talk"
    assert person.client.get(reverse("practices:detail", args=["before-a-hard-talk"])).status_code == 404
    therapist.client.post(
        reverse("care:own"), {"action": "share_practice", "practice": own.pk, f"link_{found.pk}": "on"}
    )
    assert "Before a hard talk" in person.client.get(reverse("practices:library")).text
    response = person.client.post(reverse("practices:detail", args=["before-a-hard-talk"]))
    assert response.status_code == 302 and Run.objects.get().practice.title == "Before a hard talk"


def test_a_therapist_s_practice_reaches_only_chosen_clients(person, other_person, therapist) -> None:
    mine = link(person, therapist, "practices")
    link(other_person, therapist, "practices")
    own = TherapistPractice.write(therapist.user, OWN)
    own.shared_with.add(mine)
    assert other_person.client.get(reverse("practices:detail", args=["before-a-hard-talk"])).status_code == 404
    assert "Before a hard talk" not in other_person.client.get(reverse("practices:library")).text


def test_a_library_id_cannot_be_reused_and_only_therapists_write(person, therapist) -> None:
    with pytest.raises(InvalidInput, match="belongs to a practice in the library"):
        TherapistPractice.write(therapist.user, OWN.replace("before-a-hard-talk", "self-compassion-break"))
    assert person.client.get(reverse("care:own")).status_code == 404


def test_assigning_an_own_practice_shares_it_with_that_client(person, therapist) -> None:
    link(person, therapist, "practices")
    TherapistPractice.write(therapist.user, OWN)
    therapist.client.post(reverse("care:assign", args=[person.user.pk]), {"practice": "before-a-hard-talk"})
    assert "From your therapist" in person.client.get(reverse("home")).text
    assert person.client.get(reverse("practices:detail", args=["before-a-hard-talk"])).status_code == 200


def test_a_therapist_s_soothing_suggestions_appear_in_the_menu_for_chosen_clients(person, therapist) -> None:
    found = link(person, therapist, "practices")
    therapist.client.post(
        reverse("care:own"), {"action": "list", "items": "Stroke the cat\nA cold flannel", f"link_{found.pk}": "on"}
    )
    assert TherapistList.suggestions_for(person.user, "soothing_menu") == ["Stroke the cat", "A cold flannel"]
    found.revoke()
    assert TherapistList.suggestions_for(person.user, "soothing_menu") == []


def test_a_therapist_whose_role_is_taken_away_reaches_nothing(person, therapist) -> None:
    pats_data(person)
    link(person, therapist, "measures", "journal")
    therapist.user.role = "person"
    therapist.user.save()
    for route in ("care:client_measures", "care:client_journal", "care:summary", "care:client"):
        assert therapist.client.get(reverse(route, args=[person.user.pk])).status_code == 404
    assert not AccessEvent.objects.exists()


def test_the_overview_is_logged_once_a_day_so_it_never_crowds_out_other_rows(person, therapist) -> None:
    link(person, therapist, "measures")
    therapist.client.get(reverse("care:client_measures", args=[person.user.pk]))
    for _ in range(3):
        therapist.client.get(reverse("care:overview"))
    assert [e.what for e in AccessEvent.objects.order_by("pk")] == [
        "your questionnaire results",
        "an overview of what you share",
    ]


def test_an_invitation_links_once_even_when_two_accept_together(person, other_person, therapist, monkeypatch) -> None:
    _, code = Invitation.issue(therapist.user)
    stale = Invitation.find(code)  # the second request looked the code up before the first used it
    CareLink.accept(person.user, code, {"measures"})
    monkeypatch.setattr(Invitation, "find", classmethod(lambda cls, c: stale))
    with pytest.raises(NotFound, match="used already"):
        CareLink.accept(other_person.user, code, {"measures"})
    assert CareLink.objects.count() == 1


def test_the_safety_panel_offers_to_reach_a_linked_therapist(person, therapist) -> None:
    from kindvoice.apps.care.models import SafetyAlert
    from kindvoice.apps.journal.models import Entry

    link(person, therapist, "measures")  # no crisis alerts opted in: this is the person's own choice
    entry = Entry(user=person.user, text="I want to die.")
    entry.analyse()
    entry.save()
    page = person.client.get(reverse("journal:entry", args=[entry.pk])).text
    assert "Let Dr. Lee know, in the app" in page
    response = person.client.post(reverse("care:reach"), follow=True)
    assert "Your therapist has been told" in response.text
    assert SafetyAlert.objects.get().source.startswith("your client's own request")
    assert "safety alert" in therapist.client.get(reverse("care:overview")).text


def test_a_malformed_practice_number_is_not_found_not_an_error(therapist) -> None:
    response = therapist.client.post(reverse("care:own"), {"action": "delete_practice", "practice": "abc"})
    assert response.status_code == 404
