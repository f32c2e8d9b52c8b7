"""The JSON API: tokens, one error envelope everywhere, and no one reaches another's data."""

import json

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kindvoice.apps.accounts.models import AccessToken

pytestmark = pytest.mark.django_db


def bearer(persona) -> dict[str, str]:
    _, secret = AccessToken.issue(persona.user, "tests")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def assert_error(response, status: int, code: str) -> str:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code
    assert "Traceback" not in body["error"]["message"]
    return body["error"]["message"]


def test_a_token_reads_its_owners_account(person) -> None:
    response = Client().get("/api/me", **bearer(person))
    assert response.status_code == 200
    assert response.json()["email"] == person.email
    assert response.json()["display_name"] == "Pat"


def test_tokens_are_stored_only_as_digests(person) -> None:
    token, secret = AccessToken.issue(person.user, "tests")
    assert secret.startswith("kv_") and len(secret) > 40
    assert secret not in token.digest and token.hint == secret[:8]


@pytest.mark.parametrize(
    "header",
    [
        pytest.param({}, id="no-header"),
        pytest.param({"HTTP_AUTHORIZATION": "Bearer kv_not-a-real-token"}, id="unknown-token"),
        pytest.param({"HTTP_AUTHORIZATION": "Basic dXNlcjpwYXNz"}, id="wrong-scheme"),
    ],
)
def test_without_a_valid_token_the_api_answers_401_in_the_envelope(header) -> None:
    response = Client().get("/api/me", **header)
    assert_error(response, 401, "unauthorized")
    assert response["WWW-Authenticate"] == "Bearer"


def test_a_revoked_token_stops_working_at_once(person) -> None:
    auth = bearer(person)
    token = person.user.tokens.get()
    assert Client().delete(f"/api/tokens/{token.pk}", **auth).status_code == 204
    assert_error(Client().get("/api/me", **auth), 401, "unauthorized")


def test_a_token_of_an_inactive_account_is_refused(person) -> None:
    auth = bearer(person)
    person.user.is_active = False
    person.user.save()
    assert_error(Client().get("/api/me", **auth), 401, "unauthorized")


def test_creating_a_token_shows_it_once_and_lists_it_without_the_secret(person) -> None:
    auth = bearer(person)
    created = Client().post("/api/tokens", {"name": "backup script"}, content_type="application/json", **auth)
    assert created.status_code == 201
    secret = created.json()["token"]
    listed = Client().get("/api/tokens", **auth).json()
    assert {t["name"] for t in listed} == {"tests", "backup script"}
    assert secret not in json.dumps(listed)
    assert Client().get("/api/me", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200


def test_another_persons_token_cannot_be_revoked_or_even_seen_to_exist(person, other_person) -> None:
    olus_token, _ = AccessToken.issue(other_person.user, "olu's")
    response = Client().delete(f"/api/tokens/{olus_token.pk}", **bearer(person))
    assert_error(response, 404, "not_found")
    assert_error(Client().delete("/api/tokens/999999", **bearer(person)), 404, "not_found")
    assert AccessToken.objects.filter(pk=olus_token.pk).exists()


def test_a_logged_in_browser_session_may_use_the_api_with_its_csrf_token(person) -> None:
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(person.user)
    assert browser.get("/api/me").status_code == 200
    message = assert_error(
        browser.patch("/api/me", {"display_name": "P"}, content_type="application/json"), 403, "csrf"
    )
    assert "X-CSRFToken" in message


@pytest.mark.parametrize(
    ("body", "status", "code", "words"),
    [
        pytest.param({"display_name": 5}, 422, "invalid", "display_name", id="wrong-type"),
        pytest.param({"nickname": "x"}, 422, "invalid", "nickname", id="unknown-field"),
        pytest.param([], 422, "invalid", "", id="not-an-object"),
        pytest.param({"display_name": "<b>Pat</b>"}, 422, "invalid", "markup", id="markup-in-a-name"),
        pytest.param({"display_name": "Pat\u0000"}, 422, "invalid", "control characters", id="nul"),
        pytest.param({"intention": "x" * 2001}, 422, "invalid", "limit is 2,000", id="too-long"),
    ],
)
def test_bad_input_gets_a_clear_message_and_changes_nothing(person, body, status, code, words) -> None:
    response = Client().patch("/api/me", body, content_type="application/json", **bearer(person))
    assert words in assert_error(response, status, code)
    person.user.refresh_from_db()
    assert person.user.display_name == "Pat" and person.user.intention == ""


def test_broken_json_and_broken_utf8_are_named_as_such(person) -> None:
    auth = bearer(person)
    broken = Client().patch("/api/me", b'{"display_name": ', content_type="application/json", **auth)
    assert "not valid JSON" in assert_error(broken, 400, "bad_request")
    latin1 = Client().patch("/api/me", b'{"display_name": "J\xf6rg"}', content_type="application/json", **auth)
    assert "UTF-8" in assert_error(latin1, 400, "invalid_encoding")


def test_an_oversized_body_is_refused_with_the_limit(person, settings) -> None:
    body = json.dumps({"intention": "x" * (settings.MAX_BODY_BYTES + 10)})
    response = Client().patch("/api/me", body, content_type="application/json", **bearer(person))
    assert "the limit is 1024 KiB" in assert_error(response, 413, "too_large")


def test_unknown_routes_and_methods_answer_in_the_envelope(person) -> None:
    assert_error(Client().get("/api/nothing-here", **bearer(person)), 404, "not_found")
    response = Client().put("/api/me", {}, content_type="application/json", **bearer(person))
    assert_error(response, 405, "method_not_allowed")
    assert "GET" in response["Allow"]


def test_the_openapi_document_and_docs_page_are_served_without_a_cdn(anonymous) -> None:
    spec = anonymous.get("/api/openapi.json")
    assert spec.status_code == 200
    paths = spec.json()["paths"]
    assert "/api/me" in paths
    assert {"401", "422"} <= set(paths["/api/me"]["patch"]["responses"]), "the error envelope is documented"
    docs = anonymous.get("/api/docs")
    assert docs.status_code == 200
    assert "cdn" not in docs.text.lower() and "https://" not in docs.text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(max_size=120), intention=st.text(max_size=300))
def test_no_text_whatsoever_makes_the_api_fail_with_a_500(person, name: str, intention: str) -> None:
    auth = {"HTTP_AUTHORIZATION": f"Bearer {AccessToken.issue(person.user, 'fuzz')[1]}"}
    response = Client().patch(
        "/api/me", {"display_name": name, "intention": intention}, content_type="application/json", **auth
    )
    assert response.status_code in (200, 422), response.content
    if response.status_code == 200:
        assert response.json()["intention"] == intention.strip()


def test_a_form_encoded_body_is_told_to_send_json(person) -> None:
    response = Client().patch(
        "/api/me", "display_name=Pat", content_type="application/x-www-form-urlencoded", **bearer(person)
    )
    assert "application/json" in assert_error(response, 415, "unsupported_media_type")
