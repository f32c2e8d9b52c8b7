"""A small phrase language for rules that therapists can read and write.

A phrase is words separated by spaces, matched case-insensitively on word boundaries:

    {I} want to die            {I} is any first-person form: i, i'm, im, i've, i'd, i'll …
    {I} ... want to die        ... is up to three words, none of them a negation
    (wish|hope) {I} was dead   (a|b) is a choice of words
    self[- ]?harm              a bracket is a set of characters; ? after a word or (group) makes it optional

Apostrophes are optional ("don't" also matches "dont"), and curly quotes count as
straight ones, because that is how people type on phones.
"""

from __future__ import annotations

import re

from kindvoice.errors import InvalidInput

NEGATIONS = (
    "not", "never", "no", "don't", "dont", "didn't", "didnt", "won't", "wont", "wouldn't",
    "wouldnt", "doesn't", "doesnt", "isn't", "isnt", "wasn't", "wasnt", "ain't", "aint",
)  # fmt: skip
MACROS = {
    "{I}": r"(?:i|i'?m|i\s+am|i'?ve|i\s+have|i'?d|i\s+would|i'?ll|i\s+will)",
    "{ME}": r"(?:me|myself)",
    "{MY}": r"(?:my|my\s+own)",
    "{PERSON}": (
        r"(?:he|she|they|(?:my|his|her|our)\s+(?:dad|father|mum|mom|mother|step-?dad|stepfather|step-?mum|"
        r"step-?mom|husband|wife|partner|boyfriend|girlfriend|bf|gf|ex|brother|sister|uncle|aunt|cousin|grandad|"
        r"grandpa|grandfather|grandma|boss|coach|teacher|landlord|carer|flatmate|roommate|son|daughter))"
    ),
}
_NOT_NEGATION = r"(?!(?:" + "|".join(re.escape(n).replace("'", "'?") for n in NEGATIONS) + r")\b)"
FILLER = rf"(?:{_NOT_NEGATION}[\w']+\s+){{0,3}}"
_ALLOWED = re.compile(r"^[a-z0-9'()|?\[\]\- .{}]+$")


QUOTES: dict[int, str] = {ord(c): "'" for c in "\u2019\u2018`\u00b4"}


def normalize(text: str) -> str:
    """Lowercase and straighten quotes without changing length, so offsets stay valid."""
    lowered = text.lower()
    if len(lowered) != len(text):
        # A few characters grow when lowercased (Turkish İ): keep those as they are.
        lowered = "".join(low if len(low := ch.lower()) == 1 else ch for ch in text)
    return lowered.translate(QUOTES)


def compile_phrase(phrase: str, *, where: str = "", macros: dict[str, str] | None = None) -> str:
    """Turn one phrase into a regular expression (as a string), or explain what is wrong."""
    text = phrase.strip().lower()
    if not text or not _ALLOWED.match(text):
        raise InvalidInput(f"{where}phrase {phrase!r} may use only letters, digits, ' ( ) | ? [ ] - and {{I}}.")
    known = {**MACROS, **(macros or {})}
    unknown = [m for m in re.findall(r"\{[a-z]+\}", text) if m.upper() not in known]
    if unknown:
        raise InvalidInput(f"{where}phrase {phrase!r} uses an unknown macro {unknown[0]}; known: {', '.join(known)}.")
    parts: list[str] = []
    for token in text.split():
        if token == "...":  # noqa: S105 - the filler marker, not a password
            parts.append(FILLER)
            continue
        # Spaces inside (a b|c) become \s+ like any other, so groups may hold several words.
        token = token.replace("'", "'?")
        for name, expansion in known.items():
            token = token.replace(name.lower(), expansion)
        if token.startswith("(") and token.endswith(")?"):
            # An optional word takes its space with it: "i'm (so)? tired" matches "i'm tired".
            parts.append(f"(?:{token[:-1]}\\s+)?")
        else:
            parts.append(token + r"\s+")
    pattern = "".join(parts)
    pattern = pattern[: -len(r"\s+")] if pattern.endswith(r"\s+") else pattern
    try:
        re.compile(pattern)
    except re.error as error:
        raise InvalidInput(f"{where}phrase {phrase!r} is not well formed: {error}.") from None
    return pattern


def compile_macros(defined: dict[str, str], *, where: str = "") -> dict[str, str]:
    """A rule file's own macros ({INSULT}: a list of words), themselves written as phrases."""
    return {
        "{" + name.upper() + "}": f"(?:{compile_phrase(value, where=f'{where}macro {name}: ')})"
        for name, value in defined.items()
    }


def compile_phrases(phrases: list[str], *, where: str = "", macros: dict[str, str] | None = None) -> re.Pattern[str]:
    """One regular expression that matches any of the phrases, on word boundaries."""
    body = "|".join(f"(?:{compile_phrase(p, where=where, macros=macros)})" for p in phrases)
    return re.compile(rf"(?<![\w'])(?:{body})(?![\w'])")


def trigger_words(phrases: list[str], macros: dict[str, str] | None = None) -> frozenset[str] | None:
    """Words of which at least one must be in a sentence for any of the phrases to match.

    The last word of a phrase must be present, so a phrase can be skipped cheaply when none of
    its possible last words are. Returns None (always try it) when a phrase's ending is not a
    plain word or a choice of them (a macro, an optional part, a character set).
    """
    words: set[str] = set()
    for phrase in phrases:
        found = _tails(phrase.strip().lower())
        if found is None:
            return None
        words |= found
    return frozenset(words)


def _tails(text: str) -> set[str] | None:
    """The possible last words of a phrase or of one choice in a group."""
    text = text.strip()
    if not text or text.endswith(("?", "...", "}")):
        return None
    if text.endswith(")"):
        depth, opening = 0, -1
        for index in range(len(text) - 1, -1, -1):
            depth += {")": 1, "(": -1}.get(text[index], 0)
            if depth == 0:
                opening = index
                break
        if opening < 0:
            return None
        found: set[str] = set()
        for choice in _top_level_choices(text[opening + 1 : -1]):
            tails = _tails(choice)
            if tails is None:
                return None
            found |= tails
        return found
    tail = text.split()[-1]
    return {tail.replace("'", "")} if re.fullmatch(r"[a-z0-9']+", tail) else None


def _top_level_choices(group: str) -> list[str]:
    choices, depth, current = [], 0, ""
    for char in group:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "|" and depth == 0:
            choices.append(current)
            current = ""
        else:
            current += char
    return [*choices, current]


def sentence_words(norm: str) -> frozenset[str]:
    return frozenset(w.replace("'", "") for w in re.findall(r"[\w']+", norm))


# A negation just before a hit ("I'm not going to hurt myself") cancels it, but only when
# the words between are about intent: "why I shouldn't just kill myself" must still fire.
_NEGATED = re.compile(
    r"(?:^|[\s,;])(?:not|never|no\s+longer|don'?t|won'?t|wouldn'?t|haven'?t|hasn'?t|hadn'?t|didn'?t|"
    r"am\s+not|'m\s+not|isn'?t)\s+"
    r"(?:(?:going|gonna|want|wanna|wanting|to|ever|really|actually|planning|trying|try|about|even|thinking|of|do|"
    r"would|will|again|that|feel|feeling|like|plan|intend|intending|i|i'm|im|gonna)\s+){0,4}$"
)


def negated_before(norm: str, start: int) -> bool:
    """Whether the phrase starting at `start` (in normalised text) is negated just before it."""
    return bool(_NEGATED.search(norm[max(0, start - 60) : start]))
