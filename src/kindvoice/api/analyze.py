"""POST /api/analyze: the language engine over HTTP, same object as `kindvoice analyze --jsonl`."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import ConfigDict

from kindvoice.api.common import ERRORS
from kindvoice.language import analyze
from kindvoice.text import check_text

router = Router(tags=["language"])
MAX_TEXT = 20_000


class AnalyzeIn(Schema):
    model_config = ConfigDict(extra="forbid")
    text: str


@router.post("", response={200: dict[str, Any], **ERRORS}, summary="Analyse a text (nothing is stored)")
def analyze_text(request: HttpRequest, payload: AnalyzeIn) -> dict[str, Any]:
    """Crisis language, the inner critic, Neff's components, thinking traps and reaction, per sentence
    and for the whole text. Nothing is saved. Scores are suggestions from the app, not verdicts."""
    text = check_text(payload.text, label="text", max_length=MAX_TEXT)
    return analyze(text).to_dict()
