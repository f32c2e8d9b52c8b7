"""The kind voice: suggestions that acknowledge the pain first, reuse the person's situation, and never preach."""

import json

import pytest
import yaml

from kindvoice.errors import InvalidInput
from kindvoice.language import analyze
from kindvoice.language.suggestions import default_bank, load_bank, suggest, to_you

ENTRY = "My train was cancelled this morning. I'm such an idiot. Then I made tea."


def test_a_critical_sentence_gets_three_suggestions_labelled_as_the_apps() -> None:
    analysis = analyze(ENTRY)
    suggestions = suggest(analysis, 1)
    assert len(suggestions) == 3
    assert all(s.source == "app" for s in suggestions)
    assert {s.kind for s in suggestions} >= {"self_kindness", "mindfulness"}


def test_suggestions_open_by_acknowledging_the_pain() -> None:
    bank = default_bank()
    openings = bank.acknowledge + [line.split("{")[0] for line in bank.acknowledge_situation]
    for suggestion in suggest(analyze(ENTRY), 1):
        assert any(suggestion.text.startswith(opening.strip()) for opening in openings if opening.strip()), (
            suggestion.text
        )


def test_suggestions_reuse_what_the_person_described_turned_to_you() -> None:
    first = suggest(analyze(ENTRY), 1)[0].text
    assert "your train was cancelled this morning" in first.lower()
    assert "because you missed your train" not in first
    cause = suggest(analyze("I'm a failure because I missed my train."), 0)[0].text
    assert "you missed your train" in cause


def test_no_suggestions_for_kind_or_neutral_sentences_or_in_a_crisis() -> None:
    assert analyze("I made tea and sat in the garden.").sentences[0].suggestions == []
    assert analyze("I did my best today, and that's enough.").sentences[0].suggestions == []
    crisis = analyze("I'm such a failure, I want to die.").sentences[0]
    assert crisis.crisis.level != "none" and crisis.suggestions == [], (
        "a crisis is met with the safety panel, not reframes"
    )


def test_suggestions_are_stable_for_the_same_words() -> None:
    assert suggest(analyze(ENTRY), 1) == suggest(analyze(ENTRY), 1)


def test_the_phrase_banks_contain_no_toxic_positivity() -> None:
    bank = default_bank()
    every_line = bank.acknowledge + bank.acknowledge_situation
    every_line += [line for lines in (*bank.poles.values(), *bank.traps.values()) for line in lines]
    for line in every_line:
        for phrase in bank.never_say:
            assert phrase not in line.lower()


def test_a_bank_that_preaches_is_refused_with_the_line_named(tmp_path) -> None:
    path = tmp_path / "kind_voice.yaml"
    data = json.loads(default_bank().model_dump_json())
    data["poles"]["self_kindness"].append("Look on the bright side, it could be worse!")
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(InvalidInput, match="look on the bright side"):
        load_bank(path)


def test_every_trap_the_head_knows_has_an_answer_in_the_bank() -> None:
    from kindvoice.language.training import TRAPS

    assert set(TRAPS) - {"Not distorted"} <= set(default_bank().traps)


@pytest.mark.parametrize(
    ("first", "second"),
    [("I forgot my keys", "you forgot your keys"), ("I was late", "you were late"), ("I'm tired", "you're tired")],
)
def test_first_person_becomes_second_person(first: str, second: str) -> None:
    assert to_you(first) == second
