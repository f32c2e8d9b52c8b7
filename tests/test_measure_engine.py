"""The measure engine: every instrument scored against worked examples computed by hand."""

import math
import re
from pathlib import Path

import pytest

from kindvoice.errors import InvalidInput
from kindvoice.measures import compare, find, instruments, load_instrument, score
from kindvoice.measures.change import threshold
from kindvoice.measures.fhir import response

MEASURES_MD = Path(__file__).resolve().parents[2] / "shared" / "docs" / "measures.md"


def test_every_instrument_the_issue_names_ships_with_its_licence_notice() -> None:
    shipped = instruments()
    assert {"scs-sf", "proqol-5", "phq-9", "gad-7", "who-5"} <= set(shipped)
    for instrument in shipped.values():
        assert instrument.licence.notice and instrument.citation


@pytest.mark.skipif(not MEASURES_MD.exists(), reason="the instrument specification is not beside the project")
@pytest.mark.parametrize(
    ("instrument_id", "section"),
    [("scs-sf", "1."), ("proqol-5", "4."), ("phq-9", "8."), ("gad-7", "9."), ("who-5", "10.")],
)
def test_item_texts_are_exactly_those_of_the_specification(instrument_id: str, section: str) -> None:
    text = MEASURES_MD.read_text(encoding="utf-8")
    for item in find(instrument_id).scored_items:
        wanted = item.text + (" *" if instrument_id == "proqol-5" and item.reverse else "")
        assert re.search(rf"^{item.number}\. {re.escape(wanted)}$", text, re.M), f"{instrument_id} item {item.number}"


# -- SCS-SF: mean of 12 items, items 1, 4, 8, 9, 11, 12 reversed (6 − x) -----------------


def test_scs_sf_worked_example_with_reversed_items() -> None:
    # Reversed: item 1: 2→4, 4: 2→4, 8: 2→4, 9: 1→5, 11: 2→4, 12: 2→4. Sum 46, mean 46/12.
    result = score(find("scs-sf"), [2, 4, 3, 2, 4, 3, 4, 2, 1, 3, 2, 2])
    assert result.total == 3.83 and result.band == "high"
    assert result.subscales == {
        "self_kindness": 3.5, "self_judgement": 4.0, "common_humanity": 3.5,
        "isolation": 4.0, "mindfulness": 3.5, "over_identification": 4.5,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("answers", "total", "band"),
    [
        # Non-reversed items are 2, 3, 5, 6, 7, 10; a reversed item answered 3 counts 3.
        ([3, 4, 4, 3, 4, 4, 4, 3, 3, 4, 3, 3], 3.5, "moderate"),  # sum 42: the top of moderate
        ([2, 4, 4, 3, 4, 4, 4, 3, 3, 4, 3, 3], 3.58, "high"),  # sum 43
        ([3, 2, 2, 3, 2, 2, 2, 3, 3, 2, 3, 3], 2.5, "moderate"),  # sum 30: the bottom of moderate
        ([4, 2, 2, 3, 2, 2, 2, 3, 3, 2, 3, 3], 2.42, "low"),  # sum 29
        ([5, 1, 1, 5, 1, 1, 1, 5, 5, 1, 5, 5], 1.0, "low"),
        ([1, 5, 5, 1, 5, 5, 5, 1, 1, 5, 1, 1], 5.0, "high"),
    ],
)
def test_scs_sf_band_boundaries(answers, total, band) -> None:
    result = score(find("scs-sf"), answers)
    assert (result.total, result.band) == (total, band)


# -- ProQOL 5: three subscale sums, burnout items 1, 4, 15, 17, 29 reversed -----------------


def test_proqol_worked_example_reverses_the_burnout_items() -> None:
    # All "Never" (1): CS 10, STS 10; burnout: five plain items 5, five reversed items 5 × 5 = 25 → 30.
    result = score(find("proqol-5"), [1] * 30)
    assert result.subscales == {"compassion_satisfaction": 10, "burnout": 30, "secondary_traumatic_stress": 10}
    assert result.bands == {
        "compassion_satisfaction": "low",
        "burnout": "moderate",
        "secondary_traumatic_stress": "low",
    }


@pytest.mark.parametrize(("raised", "total", "band"), [(2, 22, "low"), (3, 23, "moderate"), (10, 30, "moderate")])
def test_proqol_compassion_satisfaction_boundaries_low_moderate(raised, total, band) -> None:
    cs = [3, 6, 12, 16, 18, 20, 22, 24, 27, 30]
    answers = {n: 1 for n in range(1, 31)} | {n: 2 for n in cs} | {n: 3 for n in cs[:raised]}
    result = score(find("proqol-5"), answers)
    assert (result.subscales["compassion_satisfaction"], result.bands["compassion_satisfaction"]) == (total, band)


@pytest.mark.parametrize(("fours", "total", "band"), [(1, 41, "moderate"), (2, 42, "high")])
def test_proqol_burnout_boundaries_moderate_high(fours, total, band) -> None:
    # Burnout at 40: plain items 8, 10, 19, 21, 26 at 5 (25) and reversed items at 3 (3 each, 15).
    answers = {n: 3 for n in range(1, 31)} | {n: 5 for n in (8, 10, 19, 21, 26)}
    for n in (1, 4, 15, 17, 29)[:fours]:
        answers[n] = 2  # reversed: 2 counts 4, one more than a 3
    result = score(find("proqol-5"), answers)
    assert (result.subscales["burnout"], result.bands["burnout"]) == (total, band)


def test_proqol_helper_can_be_replaced_by_the_person_s_role() -> None:
    proqol = find("proqol-5")
    assert proqol.text_of(proqol.items[11], {"[helper]": "nurse"}) == "I like my work as a nurse."
    assert proqol.text_of(proqol.items[11]) == "I like my work as a helper."


# -- PHQ-9: sum of 9, bands 5/10/15/20, item 10 unscored, item 9 raises the safety flag ------


@pytest.mark.parametrize(
    ("total", "band"),
    [(0, "minimal"), (4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"), (14, "moderate"),
     (15, "moderately severe"), (19, "moderately severe"), (20, "severe"), (27, "severe")],
)  # fmt: skip
def test_phq9_band_boundaries(total, band) -> None:
    answers = [min(3, max(0, total - 3 * i)) for i in range(8)] + [0, 0]  # item 9 left at 0
    if sum(answers) < total:
        answers[8] = total - sum(answers)
    result = score(find("phq-9"), answers)
    assert (result.total, result.band) == (total, band)


def test_phq9_item_9_raises_the_safety_flag_whatever_the_total() -> None:
    result = score(find("phq-9"), [0, 0, 0, 0, 0, 0, 0, 0, 1, 0])
    assert result.total == 1 and result.band == "minimal" and result.flags == ["safety"]
    assert score(find("phq-9"), [3] * 8 + [0, 3]).flags == []


def test_the_difficulty_question_is_asked_but_not_added() -> None:
    assert score(find("phq-9"), [1] * 9 + [3]).total == 9
    assert score(find("gad-7"), [1] * 7 + [3]).total == 7
    assert score(find("phq-9"), [1] * 9).total == 9, "it may be left out"


# -- GAD-7: sum of 7, bands 5/10/15 ----------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "total", "band"),
    [([0] * 7, 0, "minimal"), ([1, 1, 1, 1, 0, 0, 0], 4, "minimal"), ([1, 1, 1, 1, 1, 0, 0], 5, "mild"),
     ([3, 3, 3, 0, 0, 0, 0], 9, "mild"), ([3, 3, 3, 1, 0, 0, 0], 10, "moderate"), ([2] * 7, 14, "moderate"),
     ([3, 3, 3, 3, 3, 0, 0], 15, "severe"), ([3] * 7, 21, "severe")],
)  # fmt: skip
def test_gad7_band_boundaries(answers, total, band) -> None:
    result = score(find("gad-7"), answers)
    assert (result.total, result.band) == (total, band)


# -- WHO-5: raw 0–25 times 4 ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "total", "band"),
    [([3] * 5, 60, "good enough"), ([5] * 5, 100, "good enough"), ([0] * 5, 0, "low"),
     ([3, 3, 2, 2, 2], 48, "low"), ([3, 3, 3, 2, 2], 52, "good enough")],
)  # fmt: skip
def test_who5_is_the_raw_sum_times_four(answers, total, band) -> None:
    result = score(find("who-5"), answers)
    assert (result.total, result.band) == (total, band)


# -- refusing what cannot be scored -----------------------------------------------------------


@pytest.mark.parametrize(
    ("instrument_id", "answers", "message"),
    [
        ("phq-9", [1] * 8, "item 9 is missing"),
        ("phq-9", [1, None, 1, 1, 1, None, 1, 1, 1], "items 2, 6 are missing"),
        ("phq-9", [1] * 8 + [4], "Item 9 of the PHQ-9 takes one of 0, 1, 2, 3; 4 is not one of them."),
        ("scs-sf", [0] * 12, "takes one of 1, 2, 3, 4, 5; 0 is not one of them"),
        ("who-5", [3] * 6, "WHO-5 has 5 items, but 6 answers were given"),
        ("gad-7", {"12": 1}, "GAD-7 has no item 12"),
        ("gad-7", ["a"] * 7, "'a' is not one of them"),
        ("gad-7", [True] * 7, "True is not one of them"),
    ],
)
def test_incomplete_or_out_of_range_answers_are_refused_clearly(instrument_id, answers, message) -> None:
    with pytest.raises(InvalidInput, match=re.escape(message)):
        score(find(instrument_id), answers)


# -- reliable change ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("instrument_id", "before", "after", "verdict", "recovered"),
    [
        ("phq-9", 16, 10, "improved", False),  # 6 points: reliable, still above caseness (>9)
        ("phq-9", 16, 11, "no reliable change", False),
        ("phq-9", 14, 8, "improved", True),  # reliable improvement and below caseness: recovery
        ("phq-9", 12, 18, "deteriorated", False),
        ("gad-7", 10, 6, "improved", True),  # 4 points, and 6 is not above 7
        ("gad-7", 10, 7, "no reliable change", False),
        ("who-5", 40, 80, "unknown", None),  # no published SD and reliability: no claim
        ("scs-sf", 2.0, 3.5, "unknown", None),
    ],
)
def test_reliable_change_follows_the_published_rule_or_makes_no_claim(
    instrument_id, before, after, verdict, recovered
) -> None:
    change = compare(find(instrument_id), before, after)
    assert (change.verdict, change.recovered) == (verdict, recovered)
    assert change.difference == after - before


def test_the_jacobson_truax_threshold_matches_a_hand_computation() -> None:
    # SD 10, reliability .88: 1.96 × √2 × 10 × √.12 = 9.60 (measures.md §4's illustration).
    assert math.isclose(threshold(10, 0.88), 9.602, abs_tol=0.001)


# -- clinic instruments and file errors -----------------------------------------------------

CLINIC = """\
id: clinic-scale
name: A clinic's own scale
short_name: CS
citation: Someone (2020).
licence: {notice: Used with the authors' permission.}
instructions: How true is each?
options: [{value: 0, label: "No"}, {value: 1, label: "Yes"}]
items:
  - {number: 1, text: One.}
  - {number: 2, text: Two., reverse: true}
  - {number: 3, text: Three.}
  - {number: 4, text: Four.}
subscales: {a: [1, 2], b: [3, 4]}
scoring:
  {method: mean_of_subscale_means, higher_is: better, decimals: 2, prorate_missing: 1, prorate_source: its manual}
reliable_change: {total: {sd: 0.5, reliability: 0.9, source: a paper}}
"""


def test_a_clinic_instrument_loads_from_its_own_folder_and_scores(tmp_path) -> None:
    (tmp_path / "clinic.yaml").write_text(CLINIC, encoding="utf-8")
    clinic = instruments(tmp_path)["clinic-scale"]
    # a: (1 + reversed 0 → 1) / 2 = 1.0; b: (0 + 1) / 2 = 0.5; grand mean 0.75.
    assert score(clinic, [1, 0, 0, 1]).total == 0.75
    # One answer may be missing (prorated): b is then just item 4.
    result = score(clinic, [1, 0, None, 1])
    assert result.total == 1.0 and result.prorated == [3]
    assert compare(clinic, 0.2, 1.0).verdict == "improved"  # threshold 1.96·√2·0.5·√.1 = 0.44


def test_a_clinic_file_error_names_the_file_the_line_and_the_problem(tmp_path) -> None:
    (tmp_path / "clinic.yaml").write_text(CLINIC.replace("b: [3, 4]", "b: [3, 9]"), encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"clinic.yaml, line 1: subscale 'b' names item 9, which does not exist"):
        instruments(tmp_path)
    (tmp_path / "clinic.yaml").write_text(CLINIC.replace("id: clinic-scale", "id: phq-9"), encoding="utf-8")
    with pytest.raises(InvalidInput, match="already used by another instrument"):
        instruments(tmp_path)


def test_a_grand_mean_of_subscale_means_differs_from_the_item_mean(tmp_path) -> None:
    # Neff's 26-item SCS: subscales of 5, 5, 4, 4, 4, 4 items. With unequal sizes the two differ.
    text = CLINIC.replace("b: [3, 4]", "b: [3]").replace("  - {number: 4, text: Four.}\n", "")
    path = tmp_path / "x.yaml"
    path.write_text(text.replace("subscales: {a: [1, 2], b: [3]}", "subscales: {a: [1, 2], b: [3]}"), encoding="utf-8")
    clinic = load_instrument(path)
    result = score(clinic, [1, 1, 1])  # a: (1 + 0) / 2 = 0.5, b: 1 → 0.75; item mean would be 2/3
    assert result.total == 0.75


# -- FHIR -----------------------------------------------------------------------------------


def test_the_fhir_export_validates_as_an_r4_questionnaire_response() -> None:
    from datetime import UTC, datetime

    from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

    phq = find("phq-9")
    answers = dict(enumerate([1, 2, 0, 3, 1, 0, 0, 1, 1, 2], 1))
    data = response(phq, answers, score(phq, answers), datetime(2026, 3, 3, tzinfo=UTC), "adm-1")
    parsed = QuestionnaireResponse.model_validate(data)
    assert parsed.status == "completed" and data["questionnaire"] == "http://loinc.org/q/44249-1"
    total = next(i for i in data["item"] if i["linkId"] == "total")
    assert total["answer"] == [{"valueInteger": 9}]  # 1+2+0+3+1+0+0+1+1; item 10 is not scored
    first = data["item"][0]["answer"][0]["valueCoding"]
    assert first["code"] == "1" and first["display"] == "Several days"
    assert response(find("gad-7"), {1: 0}, score(find("gad-7"), [0] * 7), datetime.now(UTC), "x")[
        "questionnaire"
    ].endswith("69737-5")


def test_yes_and_no_read_as_true_and_false_by_yaml_get_a_hint_to_quote_them(tmp_path) -> None:
    path = tmp_path / "clinic.yaml"
    path.write_text(CLINIC.replace('label: "No"', "label: No"), encoding="utf-8")
    with pytest.raises(InvalidInput, match="YAML read it as false; put the words in quotes"):
        load_instrument(path)


PROQOL = {
    "compassion_satisfaction": [3, 6, 12, 16, 18, 20, 22, 24, 27, 30],
    "burnout": [1, 4, 8, 10, 15, 17, 19, 21, 26, 29],
    "secondary_traumatic_stress": [2, 5, 7, 9, 11, 13, 14, 23, 25, 28],
}


@pytest.mark.parametrize("subscale", sorted(PROQOL))
@pytest.mark.parametrize(
    ("total", "band"), [(10, "low"), (22, "low"), (23, "moderate"), (41, "moderate"), (42, "high"), (50, "high")]
)
def test_proqol_every_subscale_at_every_band_boundary(subscale, total, band) -> None:
    """Build the wanted sum from item scores (after reversal), then answer so that reversal gives them."""
    members = PROQOL[subscale]
    scores = [1] * 10
    for i in range(total - 10):
        scores[i % 10] += 1
    answers = dict.fromkeys(range(1, 31), 3)
    reversed_items = {1, 4, 15, 17, 29}
    for number, wanted in zip(members, scores, strict=True):
        answers[number] = 6 - wanted if number in reversed_items else wanted
    result = score(find("proqol-5"), answers)
    assert (result.subscales[subscale], result.bands[subscale]) == (total, band)


def test_prorating_never_scores_a_part_with_no_answers(tmp_path) -> None:
    (tmp_path / "clinic.yaml").write_text(CLINIC.replace("prorate_missing: 1", "prorate_missing: 2"), encoding="utf-8")
    clinic = instruments(tmp_path)["clinic-scale"]
    with pytest.raises(InvalidInput, match="no item of the b part is answered"):
        score(clinic, [1, 0, None, None])


def test_the_difficulty_question_has_a_code_system_of_its_own_in_fhir() -> None:
    from datetime import UTC, datetime

    phq = find("phq-9")
    answers = dict(enumerate([1] * 9 + [1], 1))
    items = response(phq, answers, score(phq, answers), datetime.now(UTC), "x")["item"]
    systems = {items[0]["answer"][0]["valueCoding"]["system"], items[9]["answer"][0]["valueCoding"]["system"]}
    assert len(systems) == 2
