"""The journal in a real browser: a harsh sentence is met kindly, and crisis language with a calm panel."""

import pytest

from kindvoice.apps.accounts.models import User
from kindvoice.apps.journal.models import KindReply

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a gentle river at dusk 42"


def log_in(page, base_url: str, region: str = "GB") -> None:
    User.objects.create_user("sam@example.org", PASSWORD, display_name="Sam", region=region)
    page.goto(base_url + "/login/")
    page.get_by_label("Email address").fill("sam@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("heading", name="Hello, Sam").wait_for()


def test_a_self_critical_entry_gets_a_highlight_and_the_persons_own_kind_reply_is_saved(base_url, page) -> None:
    log_in(page, base_url)
    page.get_by_role("link", name="Journal").click()
    page.get_by_role("link", name="Write an entry").click()
    page.get_by_label("What's on your mind?").fill("I snapped at my son this morning. I'm such a terrible mother.")
    page.get_by_role("button", name="Save", exact=True).click()

    page.locator("mark.critic").wait_for()
    assert "terrible mother" in page.locator("mark.critic").inner_text()
    page.get_by_role("heading", name="What would a kind voice say?").wait_for()
    page.get_by_text("Suggestions from the app").click()
    suggestions = page.locator("details.suggestions li")
    assert suggestions.count() == 3 and suggestions.first.is_visible()
    page.get_by_label("In your own words, what would a kind voice say?").fill(
        "You were tired and you love him; you can say sorry and start again."
    )
    page.get_by_role("button", name="Save my reply").click()
    page.get_by_text("Your kind voice:").wait_for()
    assert KindReply.objects.get().text.startswith("You were tired")
    assert page.problems == []


def test_a_crisis_sentence_shows_the_safety_panel_with_working_helpline_links(base_url, page) -> None:
    log_in(page, base_url, region="US")
    page.goto(base_url + "/journal/new/")
    page.get_by_label("What's on your mind?").fill("Another bad day. I wish I could go to sleep and not wake up.")
    page.get_by_role("button", name="Save", exact=True).click()
    panel = page.locator("#safety-panel")
    panel.wait_for()
    assert panel.get_by_role("link", name="Call 988").get_attribute("href") == "tel:988"
    assert panel.get_by_role("link", name="Text 988").get_attribute("href") == "sms:988"
    assert panel.get_by_role("link", name="Call 911").get_attribute("href") == "tel:911"
    assert page.problems == []
