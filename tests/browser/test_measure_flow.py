"""Questionnaires in the browser: taken twice, both on the chart; one item at a time on a phone."""

import pytest

from kindvoice.apps.measures.models import Administration
from tests.browser import people

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCS = [2, 4, 3, 2, 4, 3, 4, 2, 1, 3, 2, 2]


def log_in(page, base_url: str, start: str) -> None:
    people.log_in(page, base_url, "rae@example.org", start, name="Rae", region="US")


def answer_scs(page, answers: list[int]) -> None:
    for number, value in enumerate(answers, 1):
        page.locator(f"#item-{number} input[value='{value}']").check()
    page.get_by_role("button", name="See my score").click()


def test_the_scs_sf_taken_twice_shows_both_on_the_chart(base_url, page) -> None:
    log_in(page, base_url, "/measures/scs-sf/take/")
    answer_scs(page, SCS)
    page.get_by_text("3.83").first.wait_for()
    page.get_by_text("not a diagnosis").first.wait_for()
    page.goto(base_url + "/measures/scs-sf/take/")
    answer_scs(page, [3] * 12)
    page.get_by_role("link", name="See it over time").click()
    assert page.locator("svg.chart circle.measure-dot").count() == 2
    assert "3.83" in page.locator("svg.chart desc").text_content()
    assert not page.problems  # type: ignore[attr-defined]


def test_on_a_phone_items_come_one_at_a_time_and_each_answer_is_saved(base_url, browser) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    log_in(page, base_url, "/measures/phq-9/take/")
    page.locator("#item-1").wait_for()
    assert page.locator("#item-2").is_hidden()
    page.locator("#item-1 label", has_text="Several days").click()
    page.locator("#item-2").wait_for(state="visible")
    page.get_by_text("Saved.").wait_for()
    assert Administration.objects.get().answers == {1: 1}
    context.close()


def test_any_answer_above_0_on_item_9_shows_the_safety_panel_at_once(base_url, page) -> None:
    log_in(page, base_url, "/measures/phq-9/take/")
    panel = page.locator("#live-safety")
    assert panel.is_hidden()
    page.locator("#item-9 label", has_text="Several days").click()
    panel.wait_for(state="visible")
    assert page.locator("#live-safety a[href^='tel:']").count() >= 1
