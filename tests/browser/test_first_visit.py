"""A newcomer's first visit, in a real browser: sign up, home, log out, log in."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a gentle river at dusk 42"


def test_a_newcomer_signs_up_reaches_home_logs_out_and_logs_back_in(base_url, page) -> None:
    page.goto(base_url + "/")
    page.get_by_role("link", name="Create an account").first.click()

    page.get_by_label("Email").fill("robin@example.org")
    page.get_by_label("What would you like to be called?").fill("Robin")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password, once more").fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()

    page.get_by_role("heading", name="Hello, Robin").wait_for()
    assert page.get_by_text("not therapy").count() >= 1

    page.get_by_role("button", name="Log out").click()
    page.get_by_role("heading", name="Welcome back").wait_for()

    page.get_by_label("Email address").fill("Robin@Example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("heading", name="Hello, Robin").wait_for()

    assert page.problems == [], f"console errors (a CSP violation would show here): {page.problems}"


def test_the_stylesheet_and_scripts_load_under_the_strict_policy(base_url, page) -> None:
    page.goto(base_url + "/")
    assert page.evaluate("getComputedStyle(document.querySelector('.skip-link')).position") == "absolute"
    assert page.evaluate("typeof window.htmx") == "object"
    assert page.problems == []


def test_the_skip_link_is_the_first_thing_the_keyboard_reaches(base_url, page) -> None:
    page.goto(base_url + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
