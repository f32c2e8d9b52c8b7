"""The practice engine as a library: files checked with errors a therapist can act on, and runs that
move one step at a time, branch on answers, skip, go back, pause and resume."""

import re
from pathlib import Path

import pytest

from kindvoice.errors import InvalidInput
from kindvoice.practices import Runner, RunState, builtin, find, load_practice
from kindvoice.practices.conditions import parse
from kindvoice.practices.schema import TAGS
from kindvoice.practices.walk import unreachable

LIBRARY = Path(__file__).resolve().parents[1] / "src" / "kindvoice" / "practices" / "library"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
# Every practice the brief names, by its id in the library.
REQUIRED = {
    "what-would-a-kind-voice-say", "mindful-noticing", "balanced-view", "reflect-and-write", "one-small-act-today",
    "remember-being-compassionate", "moments-that-move-me", "three-steps-of-self-compassion", "self-soothing-menu",
    "fake-it-compassionate-stance", "watch-yourself-from-a-distance", "make-a-re-decision", "self-compassion-break",
    "soothing-rhythm-breathing", "reach-out-to-someone", "signs-of-growing-compassion", "three-circles-check-in",
}  # fmt: skip

MINIMAL = """\
id: tiny
title: Tiny
purpose: A test.
minutes: 2
source: {article: "004", title: A title}
tags: [soothing]
steps:
  - id: distress
    kind: rating
    text: How heavy?
    low: light
    high: heavy
  - id: breathe
    kind: breathing
    when: distress >= 8
  - id: mood
    kind: choice
    text: Which?
    options: [tired and sad, fine]
  - id: why
    kind: prompt
    text: Why?
    when: mood == 'tired and sad'
    skippable: false
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "practice.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_library_holds_every_practice_the_brief_names() -> None:
    assert REQUIRED <= set(builtin())


@pytest.mark.parametrize("practice_id", sorted(REQUIRED))
def test_every_practice_names_its_source_tags_and_a_realistic_length(practice_id: str) -> None:
    practice = find(practice_id)
    assert practice.source.article in {"000", "001", "002", "003", "004"}
    assert set(practice.tags) <= set(TAGS) and 1 <= practice.minutes <= 60
    assert practice.purpose.endswith(".") and len(practice.purpose) < 200


def _shingles(text: str, n: int = 8) -> set[str]:
    words = re.findall(r"[a-z']+", text.lower().replace("’", "'"))
    return {" ".join(words[i : i + n]) for i in range(len(words) - n + 1)}


@pytest.mark.skipif(not SEEDS.exists(), reason="the source articles are not beside the project")
def test_no_practice_copies_a_sentence_from_the_source_articles() -> None:
    seeds = set().union(*(_shingles(p.read_text(encoding="utf-8")) for p in SEEDS.glob("*.txt")))
    for path in LIBRARY.glob("*.yaml"):
        body = path.read_text(encoding="utf-8").split("steps:", 1)[1]  # titles of sources may be quoted
        copied = _shingles(body) & seeds
        assert not copied, f"{path.name} repeats the source's words: {sorted(copied)[:2]}"


@pytest.mark.parametrize("practice_id", sorted(REQUIRED))
def test_every_step_of_every_practice_is_reachable_along_some_branch(practice_id: str) -> None:
    assert unreachable(find(practice_id)) == []


def test_a_step_no_answer_can_reach_is_found(tmp_path) -> None:
    practice = load_practice(
        write(tmp_path, MINIMAL.replace("when: distress >= 8", "when: distress >= 10 and distress <= 2"))
    )
    assert unreachable(practice) == ["breathe"]


def test_a_schema_error_names_the_file_the_line_and_the_problem(tmp_path) -> None:
    path = write(tmp_path, MINIMAL.replace("    high: heavy\n", ""))
    with pytest.raises(InvalidInput, match=r"practice.yaml, line 8: step 1 \(rating\), high: is missing\."):
        load_practice(path)
    path = write(tmp_path, MINIMAL.replace("kind: choice", "kind: choise"))
    with pytest.raises(InvalidInput, match=r"line 16: step 3: 'choise' is not a kind of step; use one of"):
        load_practice(path)
    path = write(tmp_path, MINIMAL.replace("    text: Why?\n", "    text: Why?\n    colour: blue\n"))
    with pytest.raises(InvalidInput, match=r"colour: is not a field that belongs here; check its spelling"):
        load_practice(path)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("when: distress >= 8", "when: later >= 8"), "'later', which is not an earlier step"),
        (("when: mood == 'tired and sad'", "when: mood == 'tired'"), "'tired' is not one of the options of 'mood'"),
        (("when: mood == 'tired and sad'", "when: mood >= 8"), "only ratings are compared with numbers"),
        (("when: distress >= 8", "when: distress == 12"), "12 is outside the scale of 'distress'"),
        (("when: distress >= 8", "when: distress >= 8 and mood is answered or x is skipped"), "mixes 'and' with 'or'"),
        (("when: distress >= 8", "when: distress is big"), "is not understood; write it like"),
        (("  - id: mood", "  - id: distress"), "the id 'distress' is used twice"),
    ],
)
def test_a_condition_that_could_never_work_is_refused_with_the_reason(tmp_path, change, message) -> None:
    with pytest.raises(InvalidInput, match=re.escape(message)):
        load_practice(write(tmp_path, MINIMAL.replace(*change)))


def test_broken_yaml_and_broken_encodings_are_explained(tmp_path) -> None:
    with pytest.raises(InvalidInput, match=r"line \d+: is not valid YAML"):
        load_practice(write(tmp_path, MINIMAL + "  - id: [oops\n"))
    path = tmp_path / "latin1.yaml"
    path.write_bytes(MINIMAL.encode() + "# caf\xe9\n".encode("latin-1"))
    with pytest.raises(InvalidInput, match="is not UTF-8 text"):
        load_practice(path)


def test_a_run_branches_on_answers_and_a_required_step_cannot_be_skipped(tmp_path) -> None:
    runner = Runner(load_practice(write(tmp_path, MINIMAL)))
    runner.answer(3)
    assert runner.current.id == "mood", "calm enough: no breathing offered"
    runner.answer("tired and sad")
    assert runner.current.id == "why"
    with pytest.raises(InvalidInput, match="can't be skipped"):
        runner.skip()
    with pytest.raises(InvalidInput, match="There's nothing written yet"):
        runner.answer("   ")
    runner.answer("a long day")
    assert runner.done


def test_high_distress_brings_the_breathing_step_in(tmp_path) -> None:
    runner = Runner(load_practice(write(tmp_path, MINIMAL)))
    runner.answer(9)
    assert runner.current.id == "breathe"


def test_back_returns_to_the_last_step_shown_and_keeps_its_answer(tmp_path) -> None:
    runner = Runner(load_practice(write(tmp_path, MINIMAL)))
    runner.answer(2)
    runner.answer("fine")
    assert runner.done
    assert runner.back().id == "mood"
    assert runner.back().id == "distress", "the breathing step was never shown, so back passes over it"
    assert runner.state.answers == {"distress": 2, "mood": "fine"}


def test_a_run_is_plain_data_that_resumes_where_it_paused(tmp_path) -> None:
    practice = load_practice(write(tmp_path, MINIMAL))
    runner = Runner(practice)
    runner.answer(9)
    runner.keep_draft("why", "half a thought")
    saved = runner.state.to_dict()
    resumed = Runner(practice, RunState.from_dict(saved))
    assert resumed.current.id == "breathe" and resumed.state.drafts == {"why": "half a thought"}


@pytest.mark.parametrize(
    ("value", "message"),
    [(11, "from 0 (light) to 10 (heavy)"), ("seven", "a whole number"), (True, "a whole number"), (-1, "from 0")],
)
def test_a_rating_out_of_range_or_of_the_wrong_type_is_refused_kindly(tmp_path, value, message) -> None:
    runner = Runner(load_practice(write(tmp_path, MINIMAL)))
    with pytest.raises(InvalidInput, match=re.escape(message)):
        runner.answer(value)
    assert runner.current.id == "distress"


def test_text_answers_refuse_control_characters_and_overlong_text(tmp_path) -> None:
    runner = Runner(load_practice(write(tmp_path, MINIMAL)))
    runner.answer(1)
    runner.answer("tired and sad")
    with pytest.raises(InvalidInput, match="control characters"):
        runner.answer("a\x00b")
    with pytest.raises(InvalidInput, match="the limit is 5,000"):
        runner.answer("x" * 5_001)


def test_ratings_that_name_what_they_record_are_paired_before_and_after() -> None:
    runner = Runner(find("self-compassion-break"))
    runner.answer(7)
    while runner.current is not None and runner.current.id != "distress_after":
        runner.skip() if runner.current.skippable else runner.answer(True)
    runner.answer(4)
    assert runner.ratings() == {"distress": {"before": 7, "after": 4}}


def test_conditions_read_like_sentences() -> None:
    answers = {"mood": "tired and sad", "worries": ["money"], "distress": 8}
    assert parse("mood == 'tired and sad' and distress >= 8").holds(answers, set())
    assert parse("worries contains 'money'").holds(answers, set())
    assert parse("letter is skipped or distress < 3").holds(answers, {"letter"})
    assert parse("letter != 'x'").holds(answers, set()), "an unanswered step equals nothing"
    assert not parse("letter is answered").holds(answers, set())


def test_a_photo_step_must_be_skippable(tmp_path) -> None:
    text = MINIMAL + "  - id: picture\n    kind: photo\n    text: A photo?\n    skippable: false\n"
    with pytest.raises(InvalidInput, match="a photo step must be skippable"):
        load_practice(write(tmp_path, text))


def test_words_compared_with_a_rating_are_refused(tmp_path) -> None:
    with pytest.raises(InvalidInput, match="only choices and lists are compared with words"):
        load_practice(write(tmp_path, MINIMAL.replace("when: distress >= 8", "when: distress == 'high'")))


def test_an_answer_left_on_an_abandoned_branch_does_not_count() -> None:
    runner = Runner(find("self-soothing-menu"))
    runner.answer("Pick something to do now")
    runner.answer(9)  # distress before, on the picking branch
    runner.back()
    runner.back()
    runner.answer("Add to my soothing menu")
    assert runner.ratings() == {}


def test_a_problem_deep_in_a_step_is_named_in_words(tmp_path) -> None:
    with pytest.raises(InvalidInput, match=r"step 3 \(choice\), options, entry 2: string should have at least 1"):
        load_practice(
            write(tmp_path, MINIMAL.replace("options: [tired and sad, fine]", "options: [tired and sad, '']"))
        )
