"""Rules every piece of text a person sends must meet, shared by forms, API and CLI."""

from __future__ import annotations

import re

from kindvoice.errors import InvalidInput

# PostgreSQL cannot store NUL, and other control characters are never typed by people:
# refusing them keeps SQLite and PostgreSQL holding the same text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>")


def check_text(value: str, *, label: str, max_length: int, allow_markup: bool = True) -> str:
    """Return the text unchanged if it is acceptable, or raise InvalidInput saying why.

    Long free text may contain anything a person types, "<" included: it is escaped on
    output. Short labels such as a name refuse markup, since it is never meant there.
    """
    if len(value) > max_length:
        raise InvalidInput(
            f"{label} is {len(value):,} characters long; the limit is {max_length:,}. Nothing was saved."
        )
    if _CONTROL.search(value):
        raise InvalidInput(f"{label} contains invisible control characters. Please remove them and try again.")
    if not allow_markup and _MARKUP.search(value):
        raise InvalidInput(f"{label} looks like it contains HTML markup. Please use plain words.")
    return value
