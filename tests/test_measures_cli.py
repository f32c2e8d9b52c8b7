"""Measures in the terminal: list, score as JSON without saving, take with the safety panel, history."""

import json

import pytest

from kindvoice.apps.measures.models import Administration
from tests.test_cli import kv

pytestmark = pytest.mark.django_db


def test_list_names_every_instrument(person) -> None:
    result = kv("measure", "list")
    for instrument_id in ("scs-sf", "proqol-5", "phq-9", "gad-7", "who-5"):
        assert instrument_id in result.output


def test_score_prints_json_and_saves_nothing(person) -> None:
    result = kv("measure", "score", "phq-9", "--answers", "1,1,1,1,1,1,1,1,1")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {
        "instrument": "phq-9", "total": 9, "subscales": {}, "band": "mild", "flags": ["safety"],
    }  # fmt: skip
    assert not Administration.objects.exists()


def test_score_of_the_scs_sf_gives_its_mean_and_subscales() -> None:
    body = json.loads(kv("measure", "score", "scs-sf", "--answers", "2,4,3,2,4,3,4,2,1,3,2,2").output)
    assert body["total"] == 3.83 and body["band"] == "high" and body["subscales"]["over_identification"] == 4.5


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ("1,1", "items 3, 4, 5 are missing"),
        ("9,1,1,1,1", "takes one of 5, 4, 3, 2, 1, 0"),
        ("a,b", "'a' is not a number"),
    ],
)
def test_score_refuses_bad_answers_with_a_clear_message(answers, message) -> None:
    result = kv("measure", "score", "who-5", "--answers", answers)
    assert result.exit_code == 1 and message in result.output.replace("\n", " ")


def test_take_asks_each_item_keeps_answers_and_shows_the_safety_panel_for_item_9(person) -> None:
    answers = "\n".join(["1"] * 8 + ["7", "2", ""]) + "\n"  # item 9: a wrong answer, then 2
    result = kv("measure", "take", "phq-9", "--as", person.email, input=answers)
    assert result.exit_code == 0, result.output
    assert "takes one of 0, 1, 2, 3" in result.output and "sounds really painful" in result.output
    assert "PHQ-9: 10" in result.output and "(moderate)" in result.output
    assert Administration.objects.get().completed is not None


def test_take_can_stop_and_carry_on(person) -> None:
    kv("measure", "take", "gad-7", "--as", person.email, input="1\n2\n")
    assert Administration.objects.get().answers == {1: 1, 2: 2}
    result = kv("measure", "take", "gad-7", "--as", person.email, input="0\n0\n0\n0\n0\n\n")
    assert "GAD-7: 3" in result.output


def test_history_shows_reliable_change(person) -> None:
    kv("measure", "take", "phq-9", "--as", person.email, input="\n".join(["2"] * 8 + ["0", ""]) + "\n")
    kv("measure", "take", "phq-9", "--as", person.email, input="\n".join(["1"] * 8 + ["0", ""]) + "\n")
    result = kv("measure", "history", "phq-9", "--as", person.email)
    assert "-8 improved" in result.output


def test_enter_on_a_scored_question_asks_again(person) -> None:
    result = kv("measure", "take", "who-5", "--as", person.email, input="\n3\n3\n3\n3\n3\n")
    assert "Please choose one of the numbers above" in result.output and "WHO-5: 60" in result.output


def test_validate_names_each_problem_and_list_names_a_broken_clinic_file(tmp_path) -> None:
    from kindvoice.apps.measures.models import clinic_folder
    from tests.test_measure_engine import CLINIC

    good, bad = tmp_path / "good.yaml", tmp_path / "bad.yaml"
    good.write_text(CLINIC, encoding="utf-8")
    bad.write_text(CLINIC.replace("b: [3, 4]", "b: [3, 9]"), encoding="utf-8")
    result = kv("measure", "validate", str(good), str(bad))
    assert result.exit_code == 1 and "✓" in result.output and "names item 9" in result.output
    folder = clinic_folder()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "bad.yaml").write_bytes(bad.read_bytes())
    try:
        listed = kv("measure", "list")
        assert listed.exit_code == 0 and "Left out:" in listed.output and "phq-9" in listed.output
    finally:
        (folder / "bad.yaml").unlink()
