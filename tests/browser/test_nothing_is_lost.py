"""Nothing typed is lost: not on a reload, a dropped connection, or a session that expired while typing."""

import pytest

from kindvoice.apps.accounts.models import User
from kindvoice.apps.journal.models import Draft, Entry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a gentle river at dusk 42"
WORDS = "Today I finally told my sister how tired I have been"


def log_in(page, base_url: str) -> None:
    if not User.objects.filter(email="kai@example.org").exists():
        User.objects.create_user("kai@example.org", PASSWORD, display_name="Kai", region="IE")
    page.goto(base_url + "/login/?next=/journal/new/")
    page.get_by_label("Email address").fill("kai@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("heading", name="Write").wait_for()


def type_words(page, text: str = WORDS) -> None:
    page.get_by_label("What's on your mind?").press_sequentially(text, delay=5)
    page.get_by_text("Saved.").wait_for(timeout=10_000)


def test_a_reload_keeps_what_was_typed(base_url, page) -> None:
    log_in(page, base_url)
    type_words(page)
    page.reload()
    assert page.get_by_label("What's on your mind?").input_value() == WORDS
    page.get_by_text("We brought back what you were writing").wait_for()
    assert Draft.objects.get().text == WORDS, "the server has it too"


def test_a_dropped_connection_while_saving_loses_nothing(base_url, page) -> None:
    log_in(page, base_url)
    type_words(page)
    page.context.set_offline(True)
    page.get_by_label("What's on your mind?").press_sequentially(" and it helped.", delay=5)
    page.get_by_text("Saved on this device. We will keep trying").wait_for(timeout=10_000)
    page.get_by_role("button", name="Save", exact=True).click()  # fails: no connection
    page.context.set_offline(False)
    page.goto(base_url + "/journal/new/")
    assert page.get_by_label("What's on your mind?").input_value() == WORDS + " and it helped."
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url("**/journal/*/?saved=*")
    assert Entry.objects.get().text == WORDS + " and it helped."
    page.goto(base_url + "/journal/new/")
    assert page.get_by_label("What's on your mind?").input_value() == "", "the saved copy is forgotten"


def test_a_session_that_expired_while_typing_loses_nothing(base_url, page) -> None:
    log_in(page, base_url)
    type_words(page)
    page.context.clear_cookies(name="kv_session")  # the session expires; the CSRF cookie lasts a year
    page.get_by_label("What's on your mind?").press_sequentially(" today.", delay=5)
    page.get_by_text("You have been logged out").wait_for(timeout=10_000)
    page.get_by_role("button", name="Save", exact=True).click()
    log_in_again = page.get_by_label("Email address")
    log_in_again.wait_for()
    log_in(page, base_url)
    assert page.get_by_label("What's on your mind?").input_value() == WORDS + " today."


def test_the_safety_panel_appears_while_typing_once_a_sentence_is_finished(base_url, page) -> None:
    log_in(page, base_url)
    panel = page.locator("#live-safety")
    assert panel.is_hidden()
    page.get_by_label("What's on your mind?").press_sequentially(
        "I keep thinking everyone would be better off without me.", delay=5
    )
    panel.get_by_role("link", name="Call 116 123").wait_for(timeout=10_000)
    assert panel.is_visible()
    assert page.get_by_label("What's on your mind?").is_enabled(), "writing is never blocked"
