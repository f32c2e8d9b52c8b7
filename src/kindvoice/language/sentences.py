"""Split text into sentences, keeping each sentence's position in the original text."""

from __future__ import annotations

import re
from typing import NamedTuple

# A sentence ends at . ! ? or … (possibly repeated, possibly followed by closing quotes or
# brackets) and then whitespace, or at a line break. Texts people write are often
# unpunctuated, so a line break is always a boundary.
_BOUNDARY = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+|\n+")


class Sentence(NamedTuple):
    text: str
    start: int
    end: int


def split_sentences(text: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    position = 0
    for match in _BOUNDARY.finditer(text):
        _append(sentences, text, position, match.start())
        position = match.end()
    _append(sentences, text, position, len(text))
    return sentences


def _append(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        offset = start + piece.index(stripped)
        sentences.append(Sentence(stripped, offset, offset + len(stripped)))
