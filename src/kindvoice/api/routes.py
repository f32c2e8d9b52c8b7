"""The JSON API under /api/: one NinjaAPI, routers from each domain, one error envelope."""

from __future__ import annotations

import logging

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, ValidationError
from ninja.security import django_auth

import kindvoice
from kindvoice.api.analyze import router as analyze_router
from kindvoice.api.auth import BearerToken
from kindvoice.apps.accounts.api import router as accounts_router
from kindvoice.apps.accounts.api import tokens_router
from kindvoice.apps.care.api import router as care_router
from kindvoice.apps.journal.api import router as journal_router
from kindvoice.apps.measures.api import instruments_router, results_router
from kindvoice.apps.practices.api import library_router, runs_router
from kindvoice.errors import KindvoiceError

log = logging.getLogger("kindvoice")

api = NinjaAPI(
    title="kindvoice API",
    version=kindvoice.__version__,
    description=(
        "Your own data, for your own programs. Authenticate with a personal access token "
        "(`Authorization: Bearer kv_…`, created in Settings or with `kindvoice token create`). "
        'Every error has the shape `{"error": {"code": "...", "message": "..."}}`.'
    ),
    auth=[BearerToken(), django_auth],
    urls_namespace="api",
)
api.add_router("/me", accounts_router)
api.add_router("/tokens", tokens_router)
api.add_router("/analyze", analyze_router)
api.add_router("/journal", journal_router)
api.add_router("/practices", library_router)
api.add_router("/practice-runs", runs_router)
api.add_router("/measures", instruments_router)
api.add_router("/measure-results", results_router)
api.add_router("/care", care_router)


def error(request: HttpRequest, status: int, code: str, message: str) -> HttpResponse:
    response = api.create_response(request, {"error": {"code": code, "message": message}}, status=status)
    if status == 401:
        response["WWW-Authenticate"] = "Bearer"
    return response


@api.get("/health", auth=None, tags=["service"], summary="Is the service up?")
def health(request: HttpRequest) -> dict[str, str]:
    return {"status": "ok", "version": kindvoice.__version__}


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return error(request, 422, "invalid", describe_validation(exc.errors))


@api.exception_handler(AuthenticationError)
def on_authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return error(
        request,
        401,
        "unauthorized",
        "Send a valid token as `Authorization: Bearer <token>`, or log in.",
    )


@api.exception_handler(AuthorizationError)
def on_authorization_error(request: HttpRequest, exc: AuthorizationError) -> HttpResponse:
    return error(request, 403, "forbidden", "You do not have access to this.")


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return error(request, 404, "not_found", "There is nothing here, or it is not yours to see.")


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if exc.status_code == 403 and "CSRF" in str(exc):
        return error(
            request,
            403,
            "csrf",
            "This request used a login session without a CSRF token. Send the X-CSRFToken header, "
            "or authenticate with `Authorization: Bearer <token>`.",
        )
    if exc.status_code == 400:
        if "json" not in (request.content_type or ""):
            return error(
                request, 415, "unsupported_media_type", "Send the body as application/json. Nothing was saved."
            )
        return error(request, 400, "bad_request", "The request body is not valid JSON. Nothing was saved.")
    return error(request, exc.status_code, "http_error", str(exc))


@api.exception_handler(KindvoiceError)
def on_kindvoice_error(request: HttpRequest, exc: KindvoiceError) -> HttpResponse:
    return error(request, exc.status, exc.code, exc.message)


@api.exception_handler(Exception)
def on_unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    log.exception("Unexpected error on %s %s", request.method, request.path)
    return error(
        request,
        500,
        "internal",
        "Something went wrong on our side. Nothing you sent was half-saved.",
    )


def describe_validation(errors: list[dict[str, object]]) -> str:
    """Turn pydantic's error list into one sentence a person can act on."""
    parts = []
    for item in errors:
        where = [str(p) for p in item.get("loc", ()) if p not in ("body", "payload", "query", "path")]  # type: ignore[attr-defined]
        message = str(item.get("msg", "is not valid"))
        if item.get("type") == "json_invalid":
            return "The request body is not valid JSON."
        parts.append(f"{'.'.join(where) or 'body'}: {message}")
    return "; ".join(parts) or "The request is not valid."
