"""Care in the terminal: invite, accept, sharing, clients, summary."""

import json
import re

import pytest

from kindvoice.apps.care.models import AccessEvent, CareLink
from tests.test_care import pats_data
from tests.test_cli import kv

pytestmark = pytest.mark.django_db


def code_from(output: str) -> str:
    return re.search(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", output).group(0)


def test_a_therapist_invites_and_a_client_accepts_in_the_terminal(person, therapist) -> None:
    invited = kv("care", "invite", "--as", therapist.email)
    assert invited.exit_code == 0, invited.output
    accepted = kv("care", "accept", code_from(invited.output), "--share", "measures,practices", "--as", person.email)
    assert accepted.exit_code == 0, accepted.output
    assert "dr.lee@example.org" in accepted.output and "measures, practices" in accepted.output
    changed = kv("care", "sharing", "--therapist", therapist.email, "--share", "none", "--as", person.email)
    assert "takes effect at once" in changed.output and not CareLink.objects.get().share_measures


def test_a_person_cannot_invite_and_a_bad_share_is_explained(person, therapist) -> None:
    assert "is not a therapist" in kv("care", "invite", "--as", person.email).output
    code = code_from(kv("care", "invite", "--as", therapist.email).output)
    result = kv("care", "accept", code, "--share", "diary", "--as", person.email)
    assert result.exit_code == 1 and "Unknown sharing choice: diary" in result.output


def test_clients_and_summary_are_logged_for_the_client(person, therapist) -> None:
    pats_data(person)
    code = code_from(kv("care", "invite", "--as", therapist.email).output)
    kv("care", "accept", code, "--as", person.email)
    listed = kv("care", "clients", "--as", therapist.email)
    assert "pat@example.org" in listed.output
    body = json.loads(kv("care", "summary", person.email, "--json", "--as", therapist.email).output)
    assert body["measures"][0]["instrument"] == "phq-9"
    assert {e.what for e in AccessEvent.objects.all()} == {"an overview of what you share", "your session summary"}


def test_a_summary_of_someone_not_linked_is_not_found(person, other_person, therapist) -> None:
    result = kv("care", "summary", other_person.email, "--as", therapist.email)
    assert result.exit_code == 1 and "no client here" in result.output


def test_revoking_in_the_terminal_ends_access(person, therapist) -> None:
    code = code_from(kv("care", "invite", "--as", therapist.email).output)
    kv("care", "accept", code, "--as", person.email)
    kv("care", "sharing", "--therapist", therapist.email, "--revoke", "--as", person.email)
    assert kv("care", "summary", person.email, "--as", therapist.email).exit_code == 1


def test_a_client_sees_their_homework_in_the_terminal(person, therapist) -> None:
    code = code_from(kv("care", "invite", "--as", therapist.email).output)
    kv("care", "accept", code, "--as", person.email)
    from kindvoice.apps.care.models import Assignment

    Assignment.objects.create(link=CareLink.objects.get(), practice_id="soothing-rhythm-breathing", note="Before bed.")
    result = kv("care", "homework", "--as", person.email)
    assert "soothing-rhythm-breathing" in result.output and "Before bed." in result.output and "due" in result.output
