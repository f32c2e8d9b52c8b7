"""A practice in the browser: by keyboard, with the pacer (or its text count), nothing typed lost."""

import pytest

from kindvoice.apps.practices.models import Run
from tests.browser import people

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, base_url: str, start: str = "/practices/") -> None:
    people.log_in(page, base_url, "sam@example.org", start)


def begin_break(page, base_url: str) -> None:
    log_in(page, base_url)
    page.get_by_role("link", name="Self-compassion break").first.click()
    page.get_by_role("button", name="Begin").click()
    page.get_by_text("how heavy does this moment feel?").wait_for()


def test_a_practice_done_by_keyboard_records_before_and_after(base_url, page) -> None:
    begin_break(page, base_url)
    page.get_by_label("6").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("If you'd like, name what is hurting").fill("A hard day at work.")
    page.get_by_role("button", name="Continue").click()
    for _ in range(3):
        page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Skip this step").click()
    page.get_by_label("2", exact=True).check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Continue").click()
    page.get_by_text("Distress: 6 before, 2 after.").wait_for()
    page.goto(base_url + "/practices/history/")
    assert page.locator("svg.chart circle.dot-after").count() == 1
    assert not page.problems  # type: ignore[attr-defined]


def test_high_distress_brings_a_breathing_pacer_that_counts_in_words_when_motion_is_reduced(base_url, browser) -> None:
    context = browser.new_context(reduced_motion="reduce")
    page = context.new_page()
    begin_break(page, base_url)
    page.get_by_label("9").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("heading", name="A few slow breaths first").wait_for()
    assert page.locator(".pacer-circle").is_hidden(), "no animation when motion is reduced"
    page.get_by_role("button", name="Start").click()
    page.locator(".pacer-phase", has_text="Breathe in").wait_for()
    page.locator(".pacer-count", has_text="2").wait_for(timeout=15_000)
    context.close()


def test_words_typed_in_a_step_survive_a_reload(base_url, page) -> None:
    begin_break(page, base_url)
    page.get_by_label("3").check()
    page.get_by_role("button", name="Continue").click()
    box = page.get_by_label("If you'd like, name what is hurting")
    box.press_sequentially("My friend didn't call back", delay=5)
    page.get_by_text("Saved.").wait_for(timeout=10_000)
    page.reload()
    assert page.get_by_label("If you'd like, name what is hurting").input_value() == "My friend didn't call back"
    run = Run.objects.get()
    assert run.runner().state.drafts["what_happened"] == "My friend didn't call back"
