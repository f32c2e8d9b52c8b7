"""What every router shares: the one error envelope, and the person making the request."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Schema

from kindvoice.apps.accounts.models import User


class ErrorBody(Schema):
    code: str
    message: str


class ErrorOut(Schema):
    error: ErrorBody


# Declared on every route so the OpenAPI document shows the one error shape.
ERRORS = {code: ErrorOut for code in (400, 401, 403, 404, 413, 422)}


def me(request: HttpRequest) -> User:
    """The authenticated person (by token or session); the routers' auth guarantees one."""
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)
    return user
