"""Signing a named person in through the real login page."""

from kindvoice.apps.accounts.models import User

PASSWORD = "a gentle river at dusk 42"


def log_in(page, base_url: str, email: str, start: str, *, name: str = "Sam", region: str = "GB") -> None:
    if not User.objects.filter(email=email).exists():
        User.objects.create_user(email, PASSWORD, display_name=name, region=region)
    page.goto(base_url + "/login/?next=" + start)
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
