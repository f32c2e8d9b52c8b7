"""Checks that run before any view: oversized bodies and broken text never reach a form."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qsl

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from kindvoice.errors import KindvoiceError
from kindvoice.web.errors import CODES, error_response

Handler = Callable[[HttpRequest], HttpResponse]
_TEXT_TYPES = ("application/x-www-form-urlencoded", "application/json", "text/")


def reject_bad_bodies(get_response: Handler) -> Handler:
    limit = settings.MAX_BODY_BYTES

    def middleware(request: HttpRequest) -> HttpResponse:
        if request.method not in ("POST", "PUT", "PATCH", "DELETE"):
            return get_response(request)
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return error_response(request, 400, "bad_request", "The Content-Length header is not a number.")
        if length > limit:
            return error_response(
                request,
                413,
                "too_large",
                f"That was {length // 1024} KiB; the limit is {limit // 1024} KiB. Nothing was saved. "
                "Copy your text somewhere safe and send it in smaller parts.",
            )
        if (request.content_type or "").startswith(_TEXT_TYPES) and not _is_utf8(request):
            return error_response(
                request,
                400,
                "invalid_encoding",
                "The text sent was not valid UTF-8, so nothing was saved. "
                "If you pasted it from another program, try typing or pasting it again.",
            )
        return get_response(request)

    return middleware


def _is_utf8(request: HttpRequest) -> bool:
    body = request.body
    try:
        if request.content_type == "application/x-www-form-urlencoded":
            # Form values hide their bytes behind %XX escapes: decode those strictly too.
            parse_qsl(body.decode("ascii"), keep_blank_values=True, encoding="utf-8", errors="strict")
        else:
            body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def permissions_policy(get_response: Handler) -> Handler:
    """Switch off browser features kindvoice never uses."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        response.headers.setdefault(
            "Permissions-Policy",
            "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
        )
        return response

    return middleware


def api_errors_as_json(get_response: Handler) -> Handler:
    """Whatever answered an /api/ request with an error (Django, ninja, a 405), answer in JSON."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        if (
            request.path.startswith("/api/")
            and response.status_code >= 400
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            code, message = CODES.get(response.status_code, ("error", "The request could not be completed."))
            replacement = error_response(request, response.status_code, code, message)
            if "Allow" in response:
                replacement["Allow"] = response["Allow"]
            return replacement
        return response

    return middleware


class KindvoiceErrors:
    """An expected error raised in a web view becomes a calm page with its own message."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, KindvoiceError):
            return error_response(request, exception.status, exception.code, exception.message)
        return None
