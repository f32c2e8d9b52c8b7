from __future__ import annotations

from django.http import HttpRequest
from ninja.security import HttpBearer

from kindvoice.apps.accounts.models import AccessToken, User


class BearerToken(HttpBearer):
    """`Authorization: Bearer kv_…`, checked against the stored digests."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        return AccessToken.user_for(token)
