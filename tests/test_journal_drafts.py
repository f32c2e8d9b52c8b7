"""Drafts: what is being typed is kept on the server too, and finished sentences are checked for crisis language."""

import pytest
from django.urls import reverse

from kindvoice.apps.journal.models import Draft, Entry

pytestmark = pytest.mark.django_db
KEY = "3f2b9c1d4e5f60718293a4b5c6d7e8f9"


def autosave(persona, text: str, key: str = KEY, **extra):
    return persona.client.post(reverse("journal:draft"), {"key": key, "text": text, **extra})


def test_typing_is_kept_on_the_server_encrypted_and_saving_the_entry_removes_the_draft(person) -> None:
    response = autosave(person, "Half a thought about my day")
    assert response.status_code == 200 and response.json()["saved"]
    assert Draft.objects.get(user=person.user, key=KEY).text == "Half a thought about my day"
    person.client.post(reverse("journal:new"), {"text": "A whole thought.", "draft_key": KEY})
    assert not Draft.objects.filter(user=person.user).exists()
    assert Entry.objects.get(user=person.user).text == "A whole thought."


def test_only_a_finished_sentence_raises_the_safety_panel(person) -> None:
    assert autosave(person, "I want to di").json()["crisis"] == "none"
    assert autosave(person, "I want to die.").json()["crisis"] == "concern"
    assert autosave(person, "I want to die.\nbut").json()["crisis"] == "concern"


def test_an_unfinished_entry_can_be_continued_from_the_journal(person) -> None:
    autosave(person, "Something I started on my phone")
    listing = person.client.get(reverse("journal:list")).text
    assert "Continue writing" in listing and "Something I started" in listing
    resumed = person.client.get(reverse("journal:new"), {"draft": KEY}).text
    assert "Something I started on my phone" in resumed and KEY in resumed


def test_another_persons_draft_cannot_be_continued_or_overwritten(person, other_person) -> None:
    autosave(person, "private words")
    assert "private words" not in other_person.client.get(reverse("journal:new"), {"draft": KEY}).text
    autosave(other_person, "their own words")
    assert Draft.objects.get(user=person.user).text == "private words"


def test_a_draft_for_someone_elses_entry_is_refused(person, other_person) -> None:
    entry = Entry.objects.create(user=person.user, text="mine")
    assert autosave(other_person, "x", entry=str(entry.pk)).status_code == 404


@pytest.mark.parametrize(
    ("key", "text", "status"),
    [("bad key!", "x", 422), (KEY, "x" * 20_001, 422), (KEY, "a\x00b", 422)],
    ids=["bad-key", "too-long", "control-character"],
)
def test_bad_autosaves_are_refused_with_a_message(person, key, text, status) -> None:
    response = autosave(person, text, key=key)
    assert response.status_code == status and response.json()["error"]["message"]
    assert not Draft.objects.exists()


def test_clearing_the_text_removes_the_draft(person) -> None:
    autosave(person, "x")
    autosave(person, "   ")
    assert not Draft.objects.exists()


def test_autosave_needs_a_login(anonymous) -> None:
    assert anonymous.post(reverse("journal:draft"), {"key": KEY, "text": "x"}).status_code == 302
