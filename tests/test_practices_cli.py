"""Practices in the terminal: list (also as JSON), validate, run with pause and resume, history."""

import json

import pytest

from kindvoice.apps.practices.models import Run
from tests.test_cli import kv

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_waiting(monkeypatch):
    monkeypatch.setattr("kindvoice.cli_practice.time.sleep", lambda seconds: None)


def test_the_list_is_readable_and_also_json_for_other_tools(person) -> None:
    assert "self-compassion-break" in kv("practice", "list").output
    listed = json.loads(kv("practice", "list", "--json").output)
    one = next(p for p in listed if p["id"] == "soothing-rhythm-breathing")
    assert set(one) >= {"id", "title", "tags", "source", "minutes"} and one["source"]["article"] == "004"


def test_validate_names_each_problem_and_exits_1(tmp_path) -> None:
    good = "src/kindvoice/practices/library/self-compassion-break.yaml"
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: bad\ntitle: x\n", encoding="utf-8")
    result = kv("practice", "validate", good, str(bad))
    assert result.exit_code == 1
    assert "✓" in result.output and "purpose: is missing" in result.output and "bad.yaml, line 1" in result.output


def test_a_practice_runs_in_the_terminal_and_records_before_and_after(person) -> None:
    answers = "\n".join(["6", "I snapped at my son", "", "", "", "/skip", "3", ""]) + "\n"
    result = kv("practice", "run", "self-compassion-break", "--as", person.email, input=answers)
    assert result.exit_code == 0, result.output
    assert "Distress: 6 before, 3 after." in result.output
    run = Run.objects.get(user=person.user)
    assert run.finished and run.answers["what_happened"] == "I snapped at my son"


def test_pausing_keeps_the_answers_and_the_next_run_resumes(person) -> None:
    result = kv("practice", "run", "self-compassion-break", "--as", person.email, input="7\n/pause\n")
    assert "Paused." in result.output
    resumed = kv("practice", "run", "self-compassion-break", "--as", person.email, input="/pause\n")
    assert "Welcome back" in resumed.output
    assert Run.objects.filter(user=person.user).count() == 1
    assert Run.objects.get(user=person.user).answers == {"distress_before": 7}


def test_a_wrong_answer_is_explained_and_asked_again(person) -> None:
    result = kv("practice", "run", "self-compassion-break", "--as", person.email, input="12\n4\n/pause\n")
    assert "Please choose a number from 0 (light) to 10" in result.output
    assert Run.objects.get(user=person.user).answers == {"distress_before": 4}


def test_crisis_language_in_an_answer_shows_the_safety_panel_in_the_terminal(person) -> None:
    result = kv("practice", "run", "self-compassion-break", "--as", person.email, input="5\nI want to die\n/pause\n")
    assert "You don't have to face this alone" in result.output or "sounds really painful" in result.output


def test_history_lists_runs_with_their_ratings(person) -> None:
    kv("practice", "run", "self-compassion-break", "--as", person.email, input="7\n/pause\n")
    result = kv("practice", "history", "--as", person.email)
    assert "Self-compassion break" in result.output and "distress 7" in result.output and "paused" in result.output
