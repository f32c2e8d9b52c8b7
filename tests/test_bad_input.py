"""Forms answer broken encodings, oversized bodies and nonsense with a clear page, and save nothing."""

import pytest
from django.urls import reverse

from kindvoice.apps.accounts.models import User

pytestmark = pytest.mark.django_db


def test_a_form_with_invalid_utf8_gets_a_clear_page_and_saves_nothing(person) -> None:
    body = b"display_name=J%F6rg&intention=hello"  # Latin-1 ö, not UTF-8
    response = person.client.post(reverse("settings"), body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert "not valid UTF-8" in response.text and "nothing was saved" in response.text
    assert "<html" in response.text, "a page, not a bare message"
    person.user.refresh_from_db()
    assert person.user.display_name == "Pat"


def test_an_oversized_form_gets_a_clear_page_naming_the_limit(person, settings) -> None:
    body = "intention=" + "x" * (settings.MAX_BODY_BYTES + 1)
    response = person.client.post(reverse("settings"), body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413
    assert "the limit is 1024 KiB" in response.text and "Nothing was saved" in response.text


@pytest.mark.parametrize(
    ("text", "message"),
    [("a\x00b", "Null characters are not allowed"), ("a\x01b", "control characters")],
    ids=["nul", "other-control"],
)
def test_control_characters_in_a_form_are_refused_with_a_message(person, text: str, message: str) -> None:
    response = person.client.post(reverse("settings"), {"display_name": "Pat", "intention": text})
    assert response.status_code == 200
    assert message in response.text


def test_a_missing_required_field_is_named(anonymous) -> None:
    response = anonymous.post(reverse("signup"), {"email": "x@example.org"})
    assert response.status_code == 200
    assert response.text.count("This field is required") == 2
    assert not User.objects.filter(email="x@example.org").exists()


def test_an_unknown_page_is_a_calm_404_page(anonymous) -> None:
    response = anonymous.get("/no/such/page/")
    assert response.status_code == 404
    assert "We could not find that page" in response.text


def test_a_wrong_type_in_a_url_is_a_404_not_an_error(person) -> None:
    assert person.client.post("/settings/tokens/abc/revoke/").status_code == 404
    assert person.client.post("/settings/tokens/99999/revoke/").status_code == 404


@pytest.mark.django_db(transaction=True)
def test_with_the_key_file_gone_pages_say_so_plainly_instead_of_crashing(person, settings, monkeypatch) -> None:
    from kindvoice import keys

    monkeypatch.setattr(keys, "_loaded", None)  # a process starting without its key file
    settings.DEBUG_PROPAGATE_EXCEPTIONS = False
    person.client.raise_request_exception = False
    path = keys.key_file()
    saved = path.read_bytes()
    path.unlink()
    try:
        response = person.client.get(reverse("home"))
    finally:
        path.write_bytes(saved)
        path.chmod(0o600)
    assert response.status_code == 500
    assert "No encryption key file" in response.text
    assert "Traceback" not in response.text
