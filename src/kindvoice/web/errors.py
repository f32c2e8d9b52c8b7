"""Errors become a calm page, or the API's JSON envelope, never a traceback."""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.html import escape

log = logging.getLogger("kindvoice")

TITLES = {
    400: "That request could not be read",
    403: "This page is not available to you",
    404: "We could not find that page",
    405: "That is not something this page can do",
    413: "That was more than we can take in one go",
    422: "Something in that needs another look",
    429: "Let's pause for a moment",
    500: "Something went wrong on our side",
}

CODES = {
    400: ("bad_request", "The request was malformed. Nothing was saved."),
    401: ("unauthorized", "Send a valid token as `Authorization: Bearer <token>`, or log in."),
    403: ("forbidden", "You do not have access to this."),
    404: ("not_found", "There is nothing at this address."),
    405: ("method_not_allowed", "This address does not accept that method; see /api/docs."),
    413: ("too_large", "The request body is larger than the limit. Nothing was saved."),
    415: ("unsupported_media_type", "Send the body as application/json."),
}


def wants_json(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def json_error(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse({"error": {"code": code, "message": message}}, status=status)


def error_response(request: HttpRequest, status: int, code: str, message: str) -> HttpResponse:
    if wants_json(request):
        return json_error(status, code, message)
    title = TITLES.get(status, "Something went wrong")
    context = {"status": status, "title": title, "message": message}
    try:
        html: str = render_to_string("error.html", context, request=request)
    except Exception:
        # The page around the message needs the logged-in person; if loading them is what
        # failed (say, a missing encryption key), still say something plain.
        log.exception("Could not render the error page")
        html = f"<!doctype html><title>{escape(title)}</title><h1>{escape(title)}</h1><p>{escape(message)}</p>"
    return HttpResponse(html, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_response(request, 400, "bad_request", "The request was malformed. Nothing was saved.")


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_response(request, 403, "forbidden", "You do not have access to this.")


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_response(request, 404, "not_found", "There is nothing at this address.")


def server_error(request: HttpRequest) -> HttpResponse:
    return error_response(
        request,
        500,
        "internal",
        "Something went wrong on our side. What you had already saved is safe; please try again.",
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return error_response(
        request,
        403,
        "csrf",
        "This form had expired or came from another site, so nothing was saved. "
        "Go back, reload the page and send it again: what you typed should still be there.",
    )
