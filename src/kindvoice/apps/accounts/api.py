"""The account's own endpoints: who am I, my data, my tokens."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from pydantic import ConfigDict

from kindvoice.api.common import ERRORS, me
from kindvoice.apps.accounts.forms import INTENTION_MAX, NAME_MAX, TOKEN_NAME_MAX
from kindvoice.apps.accounts.models import AccessToken, User
from kindvoice.errors import InvalidInput
from kindvoice.text import check_text

router = Router(tags=["account"])
tokens_router = Router(tags=["tokens"])


class Strict(Schema):
    model_config = ConfigDict(extra="forbid")


class MeOut(Schema):
    email: str
    role: str
    display_name: str
    intention: str
    date_joined: datetime


class MeIn(Strict):
    display_name: str | None = None
    intention: str | None = None


class DeleteIn(Strict):
    confirm_email: str


class TokenIn(Strict):
    name: str


class TokenOut(Schema):
    id: int
    name: str
    hint: str
    created: datetime
    last_used: datetime | None


class TokenCreated(TokenOut):
    token: str


class Deleted(Schema):
    deleted: bool


@router.get("", response={200: MeOut, **ERRORS}, summary="Your account")
def read_me(request: HttpRequest) -> User:
    return me(request)


@router.patch("", response={200: MeOut, **ERRORS}, summary="Change your name or intention")
def update_me(request: HttpRequest, payload: MeIn) -> User:
    user = me(request)
    if payload.display_name is not None:
        user.display_name = check_text(
            payload.display_name.strip(),
            label="display_name",
            max_length=NAME_MAX,
            allow_markup=False,
        )
    if payload.intention is not None:
        user.intention = check_text(payload.intention.strip(), label="intention", max_length=INTENTION_MAX)
    user.save(update_fields=["display_name", "intention"])
    return user


@router.get(
    "/export",
    response={200: dict[str, Any], **ERRORS},
    summary="Everything kindvoice holds about you (schema: docs/data-export.md)",
)
def export_me(request: HttpRequest) -> dict[str, Any]:
    return me(request).export_data()


@router.post("/delete", response={200: Deleted, **ERRORS}, summary="Delete your account and all its data")
def delete_me(request: HttpRequest, payload: DeleteIn) -> dict[str, bool]:
    user = me(request)
    if payload.confirm_email.strip().lower() != user.email:
        raise InvalidInput("confirm_email must be your account's email address. Nothing was deleted.")
    user.delete_account()
    return {"deleted": True}


@tokens_router.get("", response={200: list[TokenOut], **ERRORS}, summary="Your access tokens")
def list_tokens(request: HttpRequest) -> Any:
    return me(request).tokens.all()


@tokens_router.post("", response={201: TokenCreated, **ERRORS}, summary="Create a token (shown once)")
def create_token(request: HttpRequest, payload: TokenIn) -> Status[dict[str, Any]]:
    name = check_text(payload.name.strip(), label="name", max_length=TOKEN_NAME_MAX, allow_markup=False)
    if not name:
        raise InvalidInput("name: give the token a name, so you can recognise it later.")
    token, secret = AccessToken.issue(me(request), name)
    return Status(201, {**TokenOut.model_validate(token).model_dump(), "token": secret})


@tokens_router.delete("/{token_id}", response={204: None, **ERRORS}, summary="Revoke a token")
def revoke_token(request: HttpRequest, token_id: int) -> Status[None]:
    get_object_or_404(AccessToken, pk=token_id, user=me(request)).delete()
    return Status(204, None)
