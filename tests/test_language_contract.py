"""The analysis contract other tools rely on: the same object from the library, the CLI and the API."""

import json

import pytest
from django.test import Client
from hypothesis import given, settings
from hypothesis import strategies as st

from kindvoice.apps.accounts.models import AccessToken
from kindvoice.language import analyze
from tests.test_cli import kv

ENTRY = "I messed up the presentation again. What is wrong with me? I want to die."
TOP_LEVEL = {"text", "crisis", "critic", "components", "traps", "reaction", "sentences"}


def assert_contract(data: dict) -> None:
    assert TOP_LEVEL <= set(data)
    assert data["crisis"]["level"] in ("none", "concern", "urgent")
    assert {"level", "category", "evidence"} <= set(data["crisis"])
    assert isinstance(data["critic"]["flag"], bool) and 0.0 <= data["critic"]["score"] <= 1.0
    assert isinstance(data["critic"]["evidence"], list)
    assert all({"name", "score"} == set(t) for t in data["traps"])
    for sentence in data["sentences"]:
        assert data["text"][sentence["start"] : sentence["end"]] == sentence["text"]
        for evidence in sentence["crisis"]["evidence"] + sentence["critic"]["evidence"]:
            assert data["text"][evidence["start"] : evidence["end"]] == evidence["text"]


def test_the_whole_text_summarises_its_sentences() -> None:
    data = analyze(ENTRY).to_dict()
    assert_contract(data)
    assert len(data["sentences"]) == 3
    assert data["crisis"]["level"] == "concern"  # the highest level of any sentence
    assert data["critic"]["flag"] is True  # any sentence flagged
    assert [s["critic"]["flag"] for s in data["sentences"]][1] is True


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400))
def test_any_text_at_all_gives_a_valid_analysis(text: str) -> None:
    assert_contract(analyze(text).to_dict())


def test_the_cli_writes_one_json_object_per_line() -> None:
    result = kv("analyze", "--jsonl", input="I want to die\nthis traffic is killing me\n\n")
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["crisis"]["level"] for line in lines] == ["concern", "none", "none"]
    for line in lines:
        assert_contract(line)


def test_the_cli_shows_a_readable_analysis_with_a_calm_word_on_crisis() -> None:
    result = kv("analyze", ENTRY)
    assert result.exit_code == 0
    assert "inner critic" in result.stdout and "not verdicts" in result.stdout
    assert "Find A Helpline" in result.stdout and "emergency" in result.stdout


@pytest.mark.django_db
def test_the_api_returns_the_same_object(person) -> None:
    _, token = AccessToken.issue(person.user, "t")
    response = Client().post(
        "/api/analyze", {"text": ENTRY}, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert response.status_code == 200
    assert response.json() == analyze(ENTRY).to_dict()


@pytest.mark.django_db
def test_the_api_needs_a_login_and_refuses_overlong_text(person, anonymous) -> None:
    assert anonymous.post("/api/analyze", {"text": "x"}, content_type="application/json").status_code == 401
    _, token = AccessToken.issue(person.user, "t")
    response = Client().post(
        "/api/analyze", {"text": "x" * 20_001}, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert response.status_code == 422 and "20,000" in response.json()["error"]["message"]
