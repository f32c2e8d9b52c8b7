"""The journal: entries are their writer's alone, read back gently and, when needed, with the safety panel."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from kindvoice.apps.accounts.models import AccessToken
from kindvoice.apps.journal.models import Entry, KindReply, SafetyPlan
from kindvoice.safety import helplines_for, regions
from tests.test_cli import kv

pytestmark = pytest.mark.django_db

CRITICAL = "My train was cancelled this morning. I'm such an idiot. Then I made tea."
CRISIS = "Work was long. I don't want to be here anymore."


def write(persona, text: str = CRITICAL, **extra) -> Entry:
    response = persona.client.post(reverse("journal:new"), {"text": text, "tags": "work, tired", "mood": "3", **extra})
    assert response.status_code == 302, response.content
    return Entry.objects.filter(user=persona.user).latest("pk")


def test_an_entry_is_saved_analysed_and_shown_with_the_critic_sentence_marked(person) -> None:
    entry = write(person)
    assert entry.tag_list == ["work", "tired"] and entry.mood == 3
    page = person.client.get(reverse("journal:entry", args=[entry.pk])).text
    assert '<mark class="critic"' in page and "I&#x27;m such an idiot." in page
    assert "What would a kind voice say?" in page
    assert "suggestions, not verdicts" in page
    assert "safety-panel" not in page, "no panel without crisis language"


def test_the_person_writes_their_own_kind_reply_and_finds_it_saved(person) -> None:
    entry = write(person)
    start = CRITICAL.index("I'm such")
    response = person.client.post(
        reverse("journal:reply", args=[entry.pk]),
        {"sentence_start": start, "text": "You had a full day; forgetting once makes you human."},
    )
    assert response.status_code == 302
    assert KindReply.objects.get(entry=entry).text.startswith("You had a full day")
    page = person.client.get(reverse("journal:entry", args=[entry.pk])).text
    assert "Your kind voice:" in page and "makes you human" in page


def test_crisis_language_shows_the_calm_panel_with_working_links_for_the_region(person) -> None:
    person.user.region = "GB"
    person.user.save()
    SafetyPlan.objects.create(user=person.user, people_to_ask="My sister, 07700 900123")
    entry = write(person, CRISIS)
    page = person.client.get(reverse("journal:entry", args=[entry.pk])).text
    assert "You don't have to face this alone" in page
    assert 'href="tel:116123"' in page and 'href="tel:999"' in page
    assert "My sister, 07700 900123" in page, "their own safety plan is right there"
    assert "suicidal" not in page.lower(), "never a diagnosis"


def test_the_panel_has_text_links_where_a_helpline_takes_texts(person) -> None:
    person.user.region = "US"
    person.user.save()
    page = person.client.get(reverse("journal:entry", args=[write(person, CRISIS).pk])).text
    assert 'href="tel:988"' in page and 'href="sms:988"' in page


def test_crisis_never_blocks_saving(person) -> None:
    entry = write(person, "I want to die. " * 50)
    assert Entry.objects.filter(pk=entry.pk).exists()


@pytest.mark.parametrize("action", ["entry", "edit", "delete", "reply"])
def test_another_person_cannot_see_or_touch_an_entry_and_learns_nothing_of_it(person, other_person, action) -> None:
    entry = write(person)
    url = reverse(f"journal:{action}", args=[entry.pk])
    response = (
        other_person.client.post(url, {"text": "x", "sentence_start": 0})
        if action in ("delete", "reply")
        else other_person.client.get(url)
    )
    assert response.status_code == 404
    assert Entry.objects.get(pk=entry.pk).text == CRITICAL


@pytest.mark.parametrize("who", ["therapist", "admin"])
def test_neither_a_therapist_nor_an_admin_can_read_an_entry(personas, who) -> None:
    entry = write(personas["person"])
    assert personas[who].client.get(reverse("journal:entry", args=[entry.pk])).status_code == 404


def test_the_journal_needs_a_login(anonymous, person) -> None:
    entry = write(person)
    for url in (reverse("journal:list"), reverse("journal:entry", args=[entry.pk]), reverse("journal:safety_plan")):
        assert anonymous.get(url).status_code == 302


def test_search_finds_only_ones_own_entries_by_word_or_tag(person, other_person) -> None:
    write(person, "The garden was lovely today.")
    write(other_person, "My garden too.")
    page = person.client.get(reverse("journal:list"), {"q": "garden"}).text
    assert "The garden was lovely" in page and "My garden too" not in page
    assert "The garden" in person.client.get(reverse("journal:list"), {"q": "tired"}).text


def test_editing_re_analyses_and_deleting_removes(person) -> None:
    entry = write(person)
    person.client.post(reverse("journal:edit", args=[entry.pk]), {"text": CRISIS, "tags": "", "mood": ""})
    entry.refresh_from_db()
    assert entry.crisis_level == "concern" and entry.mood is None
    person.client.post(reverse("journal:delete", args=[entry.pk]))
    assert not Entry.objects.filter(pk=entry.pk).exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": "   "}, "This field is required"),
        ({"text": "x" * 20_001}, "the limit is 20,000"),
        ({"text": "ok", "tags": "<b>x</b>"}, "plain words"),
        ({"text": "ok", "mood": "11"}, "Select a valid choice"),
    ],
    ids=["empty", "too-long", "markup-tag", "mood-out-of-range"],
)
def test_bad_entries_are_explained_and_nothing_is_saved(person, data, message) -> None:
    response = person.client.post(reverse("journal:new"), data)
    assert response.status_code == 200 and message in response.text
    assert not Entry.objects.filter(user=person.user).exists()


def test_entries_are_in_the_export_and_gone_after_deletion(person) -> None:
    entry = write(person)
    KindReply.objects.create(user=person.user, entry=entry, sentence_start=0, text="be gentle")
    data = person.user.export_data()
    assert data["records"]["journal.entry"][0]["text"] == CRITICAL
    assert data["records"]["journal.kindreply"][0]["text"] == "be gentle"
    person.user.delete_account()
    assert not Entry.objects.exists() and not KindReply.objects.exists()


def test_the_safety_plan_is_saved_and_private(person, other_person) -> None:
    person.client.post(reverse("journal:safety_plan"), {"warning_signs": "not sleeping", "coping_alone": "a walk"})
    assert SafetyPlan.objects.get(user=person.user).warning_signs == "not sleeping"
    assert "not sleeping" not in other_person.client.get(reverse("journal:safety_plan")).text


def test_every_helpline_has_a_source_and_a_checked_date() -> None:
    for code, region in regions().items():
        assert region.emergency
        for line in region.helplines:
            assert line.source and line.checked and line.checked_how, f"{code}: {line.name}"
    assert helplines_for("nowhere").code == "international"


# -- API ---------------------------------------------------------------------------------


def api(persona) -> Client:
    client = Client()
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {AccessToken.issue(persona.user, 't')[1]}"
    return client


def test_the_api_creates_an_entry_with_its_analysis_and_safety_information(person) -> None:
    response = api(person).post(
        "/api/journal/entries", {"text": CRISIS, "tags": ["work"], "mood": 2}, content_type="application/json"
    )
    assert response.status_code == 201
    body = response.json()
    assert body["analysis"]["crisis"]["level"] == "concern"
    assert body["safety"]["helplines"] and body["tags"] == ["work"]


def test_the_api_reaches_only_ones_own_entries(person, other_person) -> None:
    entry = write(person)
    theirs = api(other_person)
    for method in ("get", "patch", "delete"):
        response = getattr(theirs, method)(
            f"/api/journal/entries/{entry.pk}", {"text": "x"}, content_type="application/json"
        )
        assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
    assert theirs.get("/api/journal/entries").json() == []
    mine = api(person)
    assert [e["id"] for e in mine.get("/api/journal/entries").json()] == [entry.pk]
    assert (
        mine.patch(f"/api/journal/entries/{entry.pk}", {"mood": 7}, content_type="application/json").json()["mood"] == 7
    )
    assert mine.delete(f"/api/journal/entries/{entry.pk}").status_code == 204


@pytest.mark.parametrize(
    "body",
    [
        {"text": ""},
        {"text": 5},
        {"text": "ok", "mood": 11},
        {"text": "ok", "tags": ["<i>x</i>"]},
        {"text": "ok", "extra": 1},
    ],
    ids=["empty", "wrong-type", "mood", "markup-tag", "unknown-field"],
)
def test_the_api_refuses_bad_entries_in_the_envelope(person, body) -> None:
    response = api(person).post("/api/journal/entries", body, content_type="application/json")
    assert response.status_code == 422 and set(response.json()) == {"error"}
    assert not Entry.objects.exists()


# -- terminal ----------------------------------------------------------------------------


def test_the_terminal_adds_lists_searches_and_shows_entries(person) -> None:
    person.user.region = "AU"
    person.user.save()
    added = kv("journal", "add", CRISIS, "--tag", "work", "--mood", "4", "--as", person.email)
    assert added.exit_code == 0, added.output
    assert "Lifeline" in added.output and "13 11 14" in added.output
    entry = Entry.objects.get(user=person.user)
    assert "work" in kv("journal", "list", "--as", person.email).output
    assert str(entry.pk) in kv("journal", "search", "long", "--as", person.email).output
    shown = kv("journal", "show", str(entry.pk), "--as", person.email)
    assert shown.exit_code == 0 and "Work was long" in shown.output


def test_the_terminal_needs_to_know_whose_journal_when_there_are_several(person, other_person) -> None:
    result = kv("journal", "list")
    assert result.exit_code == 1 and "--as EMAIL" in result.output
    assert kv("journal", "show", "999", "--as", person.email).exit_code == 1


def test_the_terminal_reads_an_entry_from_stdin(person) -> None:
    result = kv("journal", "add", "--as", person.email, input="Written in a pipe.\n")
    assert result.exit_code == 0 and Entry.objects.get(user=person.user).text == "Written in a pipe."
    assert json.loads(person.user.export_data()["records"]["journal.entry"][0]["tags"]) == []


def test_the_person_can_say_a_highlight_is_wrong_and_it_goes_away_but_is_kept_for_evaluation(person) -> None:
    from kindvoice.apps.journal.models import LabelCorrection

    entry = write(person)
    start = CRITICAL.index("I'm such")
    person.client.post(
        reverse("journal:correct", args=[entry.pk]), {"sentence_start": start, "label": "critic", "person_said": "no"}
    )
    page = person.client.get(reverse("journal:entry", args=[entry.pk])).text
    assert '<mark class="critic"' not in page
    correction = LabelCorrection.objects.get(entry=entry)
    assert (correction.label, correction.app_said, correction.person_said) == ("critic", "yes", "no")


def test_the_person_can_mark_a_sentence_the_app_missed(person) -> None:
    entry = write(person, "Everyone else manages fine. Then I made tea.")
    person.client.post(
        reverse("journal:correct", args=[entry.pk]), {"sentence_start": 0, "label": "critic", "person_said": "yes"}
    )
    page = person.client.get(reverse("journal:entry", args=[entry.pk])).text
    assert '<mark class="critic" id="s0">Everyone else manages fine.</mark>' in page


@pytest.mark.parametrize(
    "data",
    [
        {"sentence_start": 999, "label": "critic", "person_said": "no"},
        {"sentence_start": 0, "label": "mood", "person_said": "no"},
        {"sentence_start": "x"},
    ],
    ids=["no-such-sentence", "unknown-label", "wrong-type"],
)
def test_a_correction_that_makes_no_sense_changes_nothing(person, data) -> None:
    from kindvoice.apps.journal.models import LabelCorrection

    entry = write(person)
    response = person.client.post(reverse("journal:correct", args=[entry.pk]), data, follow=True)
    assert "could not be understood" in response.text and not LabelCorrection.objects.exists()


def test_another_person_cannot_correct_an_entry(person, other_person) -> None:
    entry = write(person)
    response = other_person.client.post(
        reverse("journal:correct", args=[entry.pk]), {"sentence_start": 0, "label": "critic", "person_said": "no"}
    )
    assert response.status_code == 404


def test_where_there_is_no_local_number_the_panel_says_so_in_words_not_a_false_button(person) -> None:
    page = person.client.get(reverse("journal:entry", args=[write(person, CRISIS).pk])).text
    assert "your local emergency number" in page and 'href="tel:' not in page
    assert "Draft key" not in person.client.get(reverse("journal:new")).text
