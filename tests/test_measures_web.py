"""Measures in the browser's pages: saved as you go, explained gently, charted, exported, private."""

import csv
import io
import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kindvoice.apps.measures.models import Administration, Schedule
from kindvoice.errors import InvalidInput

pytestmark = pytest.mark.django_db
SCS = [2, 4, 3, 2, 4, 3, 4, 2, 1, 3, 2, 2]  # worked example: mean 3.83, high


def take(persona, instrument_id: str, answers: list[int], **extra):
    data = {f"item-{n}": str(v) for n, v in enumerate(answers, 1)} | extra
    return persona.client.post(reverse("measures:take", args=[instrument_id]), data)


def test_the_measures_page_lists_each_instrument(person) -> None:
    page = person.client.get(reverse("measures:list")).text
    for name in ("Self-Compassion Scale", "Professional Quality of Life", "PHQ-9", "GAD-7", "WHO-5"):
        assert name in page


def test_the_form_shows_every_item_exactly_with_its_licence_notice(person) -> None:
    page = person.client.get(reverse("measures:take", args=["scs-sf"])).text
    assert "I’m intolerant and impatient towards those aspects of my personality I don’t like." in page
    assert "When I fail at something that’s important to me, I tend to feel alone in my failure</legend>" in page
    assert "Kristin Neff grants permission" in page


def test_a_completed_questionnaire_is_scored_and_explained_gently(person) -> None:
    response = take(person, "scs-sf", SCS)
    assert response.status_code == 302
    page = person.client.get(response["Location"]).text
    assert "<strong>3.83</strong>" in page and "(high)" in page
    assert "not a diagnosis" in page


def test_an_incomplete_questionnaire_keeps_its_answers_and_says_what_is_missing(person) -> None:
    response = take(person, "phq-9", [1, 1, 1], **{"item-5": "2"})
    assert response.status_code == 200
    assert "items 4, 6, 7, 8, 9 are missing" in response.text and "Your answers so far are kept" in response.text
    assert Administration.objects.get().answers == {1: 1, 2: 1, 3: 1, 5: 2}
    assert 'value="2" checked' in response.text


def test_answers_are_saved_as_you_go_and_item_9_shows_the_safety_panel_at_once(person) -> None:
    person.client.get(reverse("measures:take", args=["phq-9"]))
    administration = Administration.objects.get()
    url = reverse("measures:save", args=[administration.pk])
    assert person.client.post(url, {"item-1": "2"}).json() == {"saved": True, "answered": 1, "crisis": "none"}
    assert person.client.post(url, {"item-9": "1"}).json()["crisis"] == "concern"
    page = person.client.get(reverse("measures:take", args=["phq-9"])).text
    assert 'id="live-safety">' in page, "a reload still shows it"


def test_item_9_shows_the_safety_panel_on_the_result_whatever_the_total(person) -> None:
    response = take(person, "phq-9", [0, 0, 0, 0, 0, 0, 0, 0, 1, 0])
    page = person.client.get(response["Location"]).text
    assert "You don't have to face this alone" in page and "(minimal)" in page


def test_an_out_of_range_answer_is_refused_and_nothing_is_lost(person) -> None:
    person.client.get(reverse("measures:take", args=["gad-7"]))
    administration = Administration.objects.get()
    url = reverse("measures:save", args=[administration.pk])
    person.client.post(url, {"item-1": "2"})
    response = person.client.post(url, {"item-2": "7"})
    assert response.status_code == 422 and "takes one of 0, 1, 2, 3" in response.json()["error"]["message"]
    administration.refresh_from_db()
    assert administration.answers == {1: 2}


def test_a_second_phq9_shows_a_reliable_improvement(person) -> None:
    take(person, "phq-9", [2, 2, 2, 2, 2, 2, 2, 2, 0, 1])  # 16
    response = take(person, "phq-9", [1, 1, 1, 1, 1, 1, 1, 1, 0, 1])  # 8
    page = person.client.get(response["Location"]).text
    assert "From 16 to 8" in page and "reliable improvement" in page
    assert "below the level usually counted as a concern" in page


def test_the_chart_shows_every_administration_with_bands_and_reliable_changes(person) -> None:
    take(person, "phq-9", [2, 2, 2, 2, 2, 2, 2, 2, 0, 1])
    take(person, "phq-9", [1, 1, 1, 1, 1, 1, 1, 1, 0, 1])
    page = person.client.get(reverse("measures:detail", args=["phq-9"])).text
    assert page.count('class="measure-dot"') == 2 and 'class="band band-' in page
    assert 'class="reliable-ring reliable-improved"' in page and "a reliable improvement" in page


def test_proqol_uses_the_person_s_role_in_its_items(person) -> None:
    take(person, "proqol-5", [3] * 30, role="nurse")
    administration = Administration.objects.get()
    assert administration.role == "nurse"
    assert administration.result["subscale_bands"] == {
        "compassion_satisfaction": "moderate", "burnout": "moderate", "secondary_traumatic_stress": "moderate",
    }  # fmt: skip


def test_a_schedule_cannot_be_more_often_than_the_recall_window(person) -> None:
    url = reverse("measures:detail", args=["phq-9"])
    response = person.client.post(url, {"every_days": "7"}, follow=True)
    assert "asks about the last 14 days, so it can repeat every 14 days at the most often" in response.text
    person.client.post(url, {"every_days": "14"})
    assert Schedule.objects.get().every_days == 14


def test_a_due_measure_appears_on_the_home_page(person) -> None:
    Schedule.objects.create(user=person.user, instrument_id="who-5", every_days=14, next_due=timezone.localdate())
    assert "WHO-5" in person.client.get(reverse("home")).text
    Schedule.objects.update(next_due=timezone.localdate() + timedelta(days=3))
    assert "WHO-5" not in person.client.get(reverse("home")).text


def test_completing_a_scheduled_measure_moves_its_next_date(person) -> None:
    Schedule.objects.create(user=person.user, instrument_id="who-5", every_days=14, next_due=timezone.localdate())
    take(person, "who-5", [3] * 5)
    assert Schedule.objects.get().next_due == timezone.localdate() + timedelta(days=14)


def test_csv_export_has_every_administration(person) -> None:
    take(person, "who-5", [3] * 5)
    take(person, "gad-7", [1] * 7)
    rows = list(csv.DictReader(io.StringIO(person.client.get(reverse("measures:export_csv")).text)))
    assert [(r["instrument"], r["total"]) for r in rows] == [("who-5", "60"), ("gad-7", "7")]


def test_fhir_export_is_a_bundle_of_valid_questionnaire_responses(person) -> None:
    from fhir.resources.R4B.bundle import Bundle

    take(person, "phq-9", [1] * 9 + [0])
    body = person.client.get(reverse("measures:export_fhir")).content
    bundle = Bundle.model_validate(json.loads(body))
    response = bundle.entry[0].resource
    assert response.get_resource_type() == "QuestionnaireResponse" and response.questionnaire.endswith("44249-1")


def test_no_one_else_sees_or_changes_a_person_s_results(person, other_person, therapist, admin, anonymous) -> None:
    take(person, "phq-9", [1] * 9 + [0])
    done = Administration.objects.get()
    person.client.get(reverse("measures:take", args=["gad-7"]))
    open_one = Administration.objects.get(completed=None)
    for someone in (other_person, therapist, admin):
        assert someone.client.get(reverse("measures:result", args=[done.pk])).status_code == 404
        assert someone.client.post(reverse("measures:delete", args=[done.pk])).status_code == 404
        assert someone.client.post(reverse("measures:save", args=[open_one.pk]), {"item-1": "3"}).status_code == 404
        assert "44249-1" not in someone.client.get(reverse("measures:export_fhir")).text
    assert anonymous.get(reverse("measures:list")).status_code == 302
    open_one.refresh_from_db()
    assert open_one.answers == {}


def test_a_late_autosave_never_undoes_a_completed_questionnaire(person) -> None:
    person.client.get(reverse("measures:take", args=["who-5"]))
    stale = Administration.objects.get()  # loaded by an autosave request still on its way
    take(person, "who-5", [3] * 5)
    with pytest.raises(InvalidInput, match="already complete"):
        stale.save_answers({1: 0})
    done = Administration.objects.get()
    assert done.completed is not None and done.answers[1] == 3 and done.result["total"] == 60


def test_a_broken_clinic_file_is_left_out_and_the_pages_still_work(person, settings) -> None:
    from kindvoice.apps.measures.models import clinic_folder

    folder = clinic_folder()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "broken.yaml").write_text("id: broken\nname: [\n", encoding="utf-8")
    try:
        assert person.client.get(reverse("home")).status_code == 200
        page = person.client.get(reverse("measures:list"))
        assert page.status_code == 200 and "PHQ-9" in page.text and "broken.yaml" not in page.text
    finally:
        (folder / "broken.yaml").unlink()


def test_an_autosave_arriving_after_the_submit_is_quietly_ignored(person) -> None:
    person.client.get(reverse("measures:take", args=["who-5"]))
    administration = Administration.objects.get()
    take(person, "who-5", [3] * 5)
    late = person.client.post(reverse("measures:save", args=[administration.pk]), {"item-1": "0"})
    assert late.status_code == 200 and late.json()["complete"] is True
    administration.refresh_from_db()
    assert administration.answers[1] == 3


def test_results_of_an_instrument_a_clinic_removed_stay_readable(person) -> None:
    from kindvoice.apps.measures.models import clinic_folder
    from tests.test_measure_engine import CLINIC

    folder = clinic_folder()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "clinic.yaml"
    path.write_text(CLINIC, encoding="utf-8")
    take(person, "clinic-scale", [1, 0, 0, 1])
    take(person, "clinic-scale", [1, 1, 1, 1])
    take(person, "who-5", [3] * 5)
    path.unlink()
    assert person.client.get(reverse("measures:list")).status_code == 200
    assert person.client.get(reverse("measures:export_fhir")).status_code == 200
    assert "clinic-scale" in person.client.get(reverse("measures:export_csv")).text
    from tests.test_journal import api

    assert api(person).get("/api/measure-results").status_code == 200
