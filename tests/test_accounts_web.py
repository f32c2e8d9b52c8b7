"""Signing up, logging in and out, passwords, throttling, settings and the admin site."""

import pytest
from django.urls import reverse

from kindvoice.apps.accounts.models import User
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

STRONG = "a gentle river at dusk 42"


def signup(client, **overrides):
    data = {"email": "new@example.org", "display_name": "Robin", "password": STRONG, "password_again": STRONG}
    return client.post(reverse("signup"), {**data, **overrides})


def test_a_newcomer_signs_up_and_lands_on_a_warm_home_page(anonymous) -> None:
    response = signup(anonymous)
    assert response.status_code == 302 and response.url == reverse("home")
    home = anonymous.get(reverse("home"))
    assert "Hello, Robin" in home.text
    assert "not therapy" in home.text and "emergency" in home.text
    user = User.objects.get(email="new@example.org")
    assert user.role == "person"
    assert user.password.startswith("argon2"), "passwords are hashed with Argon2"


def test_an_anonymous_visitor_sees_what_kindvoice_is_and_where_urgent_help_is(anonymous) -> None:
    page = anonymous.get(reverse("home"))
    assert page.status_code == 200
    assert "Create an account" in page.text
    assert "If you need help now" in page.text


@pytest.mark.parametrize(
    ("password", "message"),
    [
        pytest.param("short", "too short", id="too-short"),
        pytest.param("password123", "too common", id="common"),
        pytest.param("8237461928374", "entirely numeric", id="numeric"),
    ],
)
def test_weak_passwords_get_djangos_validator_messages(anonymous, password: str, message: str) -> None:
    response = signup(anonymous, password=password, password_again=password)
    assert response.status_code == 200
    assert message in response.text
    assert not User.objects.filter(email="new@example.org").exists()


def test_a_password_too_like_the_email_is_refused(anonymous) -> None:
    email = "robin.tamsin@example.org"
    response = signup(anonymous, email=email, password=email, password_again=email)
    assert "too similar" in response.text


def test_mismatched_passwords_and_a_taken_email_are_explained(anonymous, person) -> None:
    assert "not the same" in signup(anonymous, password_again=STRONG + "x").text
    assert "already exists" in signup(anonymous, email="PAT@example.org").text


def test_markup_in_a_name_is_refused_with_a_message(anonymous) -> None:
    response = signup(anonymous, display_name="<script>alert(1)</script>")
    assert "plain words" in response.text
    assert not User.objects.filter(email="new@example.org").exists()


def test_login_works_with_any_capitalisation_of_the_email(anonymous, person) -> None:
    response = anonymous.post(reverse("login"), {"username": "Pat@Example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert anonymous.get(reverse("home")).context["user"] == person.user


def test_login_returns_to_a_safe_next_page_but_never_to_another_site(anonymous, person) -> None:
    data = {"username": person.email, "password": PASSWORD}
    assert anonymous.post(reverse("login") + "?next=/settings/", data).url == "/settings/"
    anonymous.post(reverse("logout"))
    assert anonymous.post(reverse("login") + "?next=https://evil.example/", data).url == reverse("home")


def test_repeated_failed_logins_pause_further_attempts_even_with_the_right_password(anonymous, person) -> None:
    for _ in range(5):
        response = anonymous.post(reverse("login"), {"username": person.email, "password": "wrong"})
        assert response.status_code == 200
    response = anonymous.post(reverse("login"), {"username": person.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "please wait" in response.text
    assert "_auth_user_id" not in anonymous.session


def test_the_pause_for_one_email_does_not_lock_out_another_person(anonymous, person, other_person) -> None:
    for _ in range(5):
        anonymous.post(reverse("login"), {"username": person.email, "password": "wrong"})
    response = anonymous.post(reverse("login"), {"username": other_person.email, "password": PASSWORD})
    assert response.status_code == 302


def test_logout_is_a_post_and_ends_the_session(person) -> None:
    assert person.client.get(reverse("logout")).status_code == 405
    assert person.client.post(reverse("logout")).status_code == 302
    assert person.client.get(reverse("settings")).status_code == 302


def test_a_person_changes_their_password_and_stays_logged_in(person) -> None:
    new = "another quiet morning 99"
    response = person.client.post(
        reverse("password_change"), {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    )
    assert response.status_code == 302
    assert person.client.get(reverse("settings")).status_code == 200
    person.user.refresh_from_db()
    assert person.user.check_password(new)


def test_a_wrong_old_password_does_not_change_anything(person) -> None:
    new = "another quiet morning 99"
    response = person.client.post(
        reverse("password_change"), {"old_password": "nope", "new_password1": new, "new_password2": new}
    )
    assert response.status_code == 200 and "incorrectly" in response.text
    person.user.refresh_from_db()
    assert person.user.check_password(PASSWORD)


def test_what_a_person_writes_is_shown_back_escaped(person) -> None:
    text = "I said <b>no</b> & meant it"
    response = person.client.post(reverse("settings"), {"display_name": "Pat", "intention": text})
    assert response.status_code == 302
    home = person.client.get(reverse("home")).text
    assert "I said &lt;b&gt;no&lt;/b&gt; &amp; meant it" in home
    assert "<b>no</b>" not in home


def test_an_overlong_intention_is_refused_with_the_limit(person) -> None:
    response = person.client.post(reverse("settings"), {"display_name": "Pat", "intention": "x" * 2001})
    assert response.status_code == 200
    assert "the limit is 2,000" in response.text


def test_settings_need_a_login(anonymous) -> None:
    response = anonymous.get(reverse("settings"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


@pytest.mark.parametrize(
    ("who", "status"),
    [("admin", 200), ("person", 403), ("therapist", 403), ("anonymous", 302)],
)
def test_only_admins_enter_the_admin_site(personas, who: str, status: int) -> None:
    client = personas[who] if who == "anonymous" else personas[who].client
    assert client.get("/admin/", follow=(status == 403)).status_code == status


def test_the_admin_user_list_never_shows_what_people_wrote(admin, person) -> None:
    person.user.intention = "my private hope"
    person.user.save()
    page = admin.client.get(f"/admin/accounts/user/{person.user.pk}/change/")
    assert page.status_code == 200
    assert person.email in page.text
    assert "my private hope" not in page.text and "Pat" not in page.text


def test_the_admin_login_page_is_ours_so_it_is_throttled_too(anonymous) -> None:
    response = anonymous.get("/admin/login/?next=/admin/")
    assert response.status_code == 302 and response.url == "/login/?next=/admin/"


def test_forms_are_protected_by_csrf(csrf_client, person) -> None:
    response = csrf_client.post(reverse("login"), {"username": person.email, "password": PASSWORD})
    assert response.status_code == 403
    assert "nothing was saved" in response.text


def test_cookies_are_secure_httponly_and_samesite(anonymous, person) -> None:
    response = anonymous.post(reverse("login"), {"username": person.email, "password": PASSWORD})
    cookie = response.cookies["kv_session"]
    assert cookie["secure"] and cookie["httponly"] and cookie["samesite"] == "Lax"


def test_every_page_has_a_strict_content_security_policy_and_the_usual_headers(anonymous) -> None:
    response = anonymous.get(reverse("home"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_pages_carry_no_inline_script_or_style(anonymous, person) -> None:
    for client, url in (
        (anonymous, "home"),
        (anonymous, "signup"),
        (person.client, "home"),
        (person.client, "settings"),
    ):
        html = client.get(reverse(url)).text
        assert "<style" not in html and " style=" not in html
        assert "<script>" not in html and " onclick=" not in html and " onsubmit=" not in html
        assert "http://" not in html.replace("http://testserver", "") and "https://" not in html, "assets are local"
