"""Practices in the browser's pages: one step at a time, nothing lost, and only ever the person's own."""

import json

import pytest
from django.urls import reverse

from kindvoice.apps.practices.models import PersonalList, Photo, Run

pytestmark = pytest.mark.django_db
BREAK = "self-compassion-break"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def begin(persona, practice_id: str = BREAK) -> Run:
    response = persona.client.post(reverse("practices:detail", args=[practice_id]))
    assert response.status_code == 302, response.content
    return Run.objects.filter(user=persona.user).latest("pk")


def step(persona, run: Run, **data) -> str:
    run.refresh_from_db()
    current = run.runner().current
    response = persona.client.post(reverse("practices:run", args=[run.pk]), {"step": current.id, **data})
    assert response.status_code == 302, response.content
    return persona.client.get(reverse("practices:run", args=[run.pk])).text


def test_the_library_lists_every_practice_with_gentle_picks_for_right_now(person) -> None:
    page = person.client.get(reverse("practices:library")).text
    assert "If things feel like too much right now" in page
    assert "Self-compassion break" in page and "Soothing-rhythm breathing" in page


def test_the_library_filters_by_purpose_and_length(person) -> None:
    page = person.client.get(reverse("practices:library"), {"tag": "with-therapist", "length": "5"}).text
    assert "Self-compassion break" not in page.split("All practices")[1]


def test_a_practice_is_done_one_step_at_a_time_with_ratings_before_and_after(person) -> None:
    run = begin(person)
    page = person.client.get(reverse("practices:run", args=[run.pk])).text
    assert "step 1 of" in page and "how heavy does this moment feel" in page
    page = step(person, run, answer="6")
    assert "step 2 of" in page and "What&#x27;s hard right now" in page
    page = step(person, run, answer="I snapped at my son.")
    for _ in range(3):
        page = step(person, run)  # three read steps
    page = step(person, run, action="skip")  # their own words: skipped
    page = step(person, run, answer="3")
    page = step(person, run)
    assert "Thank you for taking this time" in page and "Distress: 6 before, 3 after" in page
    run.refresh_from_db()
    assert run.finished is not None and run.ratings == {"distress": {"before": 6, "after": 3}}


def test_high_distress_offers_slow_breathing_first(person) -> None:
    run = begin(person)
    page = step(person, run, answer="9")
    assert "data-pacer" in page and "A few slow breaths first" in page


def test_a_practice_can_be_paused_and_the_words_typed_are_kept(person) -> None:
    run = begin(person)
    step(person, run, answer="5")
    response = person.client.post(
        reverse("practices:run", args=[run.pk]), {"step": "what_happened", "action": "pause", "answer": "half a tho"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("practices:library")
    assert "Continue where you left off" in person.client.get(reverse("practices:library")).text
    assert "Practices you paused" in person.client.get(reverse("home")).text
    page = person.client.get(reverse("practices:run", args=[run.pk])).text
    assert "half a tho" in page


def test_autosave_keeps_a_step_s_words_and_notices_crisis_language(person) -> None:
    run = begin(person)
    step(person, run, answer="5")
    url = reverse("practices:draft", args=[run.pk, "what_happened"])
    saved = person.client.post(url, {"text": "I don't want to be here anymore."}).json()
    assert saved["crisis"] != "none" and saved["saved"]
    run.refresh_from_db()
    assert run.runner().state.drafts["what_happened"] == "I don't want to be here anymore."


def test_crisis_language_in_an_answer_shows_the_safety_panel_and_never_blocks(person) -> None:
    run = begin(person)
    step(person, run, answer="5")
    page = step(person, run, answer="Honestly I want to die.")
    assert 'id="live-safety">' in page and "You don't have to face this alone" in page
    assert "step 3 of" in page, "the practice goes on"


def test_an_answer_out_of_range_is_explained_and_nothing_moves(person) -> None:
    run = begin(person)
    response = person.client.post(
        reverse("practices:run", args=[run.pk]), {"step": "distress_before", "answer": "11"}, follow=True
    )
    assert "Please choose a number from 0 (light) to 10 (as heavy as it gets)." in response.text
    assert "step 1 of" in response.text


def test_an_answer_for_a_step_another_window_already_passed_is_kept_as_a_draft(person) -> None:
    run = begin(person)
    step(person, run, answer="5")
    step(person, run, answer="first")
    response = person.client.post(
        reverse("practices:run", args=[run.pk]), {"step": "what_happened", "answer": "second thoughts"}, follow=True
    )
    assert "moved on in another window" in response.text
    run.refresh_from_db()
    assert run.runner().state.drafts["what_happened"] == "second thoughts"


def test_the_soothing_menu_builds_a_list_picks_from_it_and_ranks_what_helps(person) -> None:
    PersonalList.put(person.user, "soothing_menu", ["a warm bath"])
    for before, after, item in ((8, 3, "a warm bath"), (7, 6, "music")):
        run = Run.objects.create(
            user=person.user, practice_id="self-soothing-menu", title="Self-soothing menu", version="x", state="{}"
        )
        run.state = json.dumps({"practice": "self-soothing-menu", "version": "x", "answers": {"picked": item}})
        run.ratings = {"distress": {"before": before, "after": after}}
        run.save()
    page = person.client.get(reverse("practices:what_helps")).text
    assert page.index("a warm bath") < page.index("music")
    assert "distress eased by 5.0 on average" in page


def test_a_private_photo_is_encrypted_and_shown_only_to_its_owner(person, other_person) -> None:
    run = begin(person)
    photo = Photo.store(run, "photo", PNG)
    assert person.client.get(reverse("practices:photo", args=[photo.pk])).content == PNG
    assert other_person.client.get(reverse("practices:photo", args=[photo.pk])).status_code == 404
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT data FROM practices_photo WHERE id = %s", [photo.pk])
        assert cursor.fetchone()[0].startswith("kv1:")


def test_a_file_that_is_not_a_photo_is_refused_clearly(person) -> None:
    from kindvoice.errors import InvalidInput

    run = begin(person)
    with pytest.raises(InvalidInput, match="isn't a JPEG, PNG or WebP"):
        Photo.store(run, "photo", b"%PDF-1.7 not a photo")


def test_no_one_else_can_open_or_answer_a_person_s_run(person, other_person, therapist, admin, anonymous) -> None:
    run = begin(person)
    url = reverse("practices:run", args=[run.pk])
    for someone in (other_person, therapist, admin):
        assert someone.client.get(url).status_code == 404
        assert someone.client.post(url, {"step": "distress_before", "answer": "3"}).status_code == 404
        assert (
            someone.client.post(reverse("practices:draft", args=[run.pk, "what_happened"]), {"text": "x"}).status_code
            == 404
        )
    assert anonymous.get(url).status_code == 302
    run.refresh_from_db()
    assert run.answers == {}


def test_history_shows_before_and_after_as_a_chart_with_words(person) -> None:
    run = begin(person)
    for data in ({"answer": "6"}, {"answer": "x"}, {}, {}, {}, {"action": "skip"}, {"answer": "2"}, {}):
        step(person, run, **data)
    page = person.client.get(reverse("practices:history")).text
    assert '<svg class="chart"' in page and "6 before, 2 after" in page


def test_a_person_can_delete_a_run_and_its_answers(person) -> None:
    run = begin(person)
    response = person.client.post(reverse("practices:delete", args=[run.pk]))
    assert response.status_code == 302 and not Run.objects.filter(pk=run.pk).exists()


def test_an_autosave_that_crosses_an_answer_never_undoes_it(person) -> None:
    run = begin(person)
    stale = Run.objects.get(pk=run.pk)  # read by an autosave request still on its way
    step(person, run, answer="5")
    stale.keep_draft("what_happened", "half a thought")
    run.refresh_from_db()
    runner = run.runner()
    assert runner.state.answers == {"distress_before": 5}, "the answer stands"
    assert runner.state.drafts == {"what_happened": "half a thought"}, "and the words are kept too"
