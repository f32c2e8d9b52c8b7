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
from functools import lru_cache

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
# A comma, a semicolon or a dash inside a sentence is read as a space, so that "I want to die,
# honestly" and "I, honestly, want to die" meet the same phrases. The length never changes.
QUOTES.update({ord(c): " " for c in ",;\u2013\u2014"})
_REPLACEMENTS = [(chr(code), replacement) for code, replacement in QUOTES.items()]


@lru_cache(maxsize=512)  # the crisis and the critic rules both read each sentence
def normalize(text: str) -> str:
    """Lowercase and straighten quotes without changing length, so offsets stay valid."""
    lowered = text.lower()
    if len(lowered) != len(text):
        # A few characters grow when lowercased (Turkish İ): keep those as they are.
        lowered = "".join(low if len(low := ch.lower()) == 1 else ch for ch in text)
    # A few C-level replaces are several times faster than translate() with a table.
    for char, replacement in _REPLACEMENTS:
        if char in lowered:
            lowered = lowered.replace(char, replacement)
    return lowered


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


# The words each built-in macro can end up as, once apostrophes are dropped.
MACRO_WORDS: dict[str, frozenset[str] | None] = {
    "{I}": frozenset({"i", "im", "am", "ive", "have", "id", "would", "ill", "will"}),
    "{ME}": frozenset({"me", "myself"}),
    "{MY}": frozenset({"my"}),
    "{PERSON}": None,
}


def required_words(phrase: str, macros: dict[str, str] | None = None) -> frozenset[str] | None:
    """Words of which a sentence must hold at least one for the phrase to match, or None.

    Every part of a phrase matches whole words, so a part that can only be one of a few words
    gives a cheap test: skip the phrase unless one of them is in the sentence. Of the parts
    that allow it, the one with the longest (so rarest) words is chosen. `macros` are a rule
    file's own macros, as written. None means the phrase must always be tried.
    """
    found = required_sets(phrase, macros)
    return max(found, key=_rarity) if found else None


def required_sets(phrase: str, macros: dict[str, str] | None = None) -> list[frozenset[str]]:
    """For every part of the phrase that must be one of a few words, those words."""
    return [words for unit in _units(phrase.strip().lower()) if (words := _unit_words(unit, macros or {}))]


# Words in most sentences make a poor test, however long.
COMMON = frozenset(
    "about after again all also always am and any are back be because been being but can cant could day did "
    "didnt do does dont even ever every feel for from get going gonna got had has have how if in into is it its "
    "just know like make me more much my never no not now of off on one only or out over really same should so "
    "some still than that the them then there they thing things think this time to too up very want was way we "
    "well were what when which who why will with would you your".split()
)


def _rarity(words: frozenset[str]) -> tuple[bool, int, int]:
    return not (words & COMMON), min(len(w) for w in words), -len(words)


def _units(text: str) -> list[str]:
    """The phrase's parts, split at spaces outside brackets."""
    units, depth, current = [], 0, ""
    for char in text:
        depth += {"(": 1, ")": -1, "[": 1, "]": -1}.get(char, 0)
        if char == " " and depth == 0:
            if current:
                units.append(current)
            current = ""
        else:
            current += char
    return [*units, current] if current else units


def _unit_words(unit: str, macros: dict[str, str]) -> frozenset[str] | None:
    if re.fullmatch(r"[a-z0-9']+", unit):
        return frozenset({unit.replace("'", "")})
    if re.fullmatch(r"[a-z0-9']+\?", unit):
        return frozenset({unit[:-2].replace("'", ""), unit[:-1].replace("'", "")})  # "cliffs?": cliff or cliffs
    if joined := re.fullmatch(r"([a-z0-9']+)\[[- ]+\]\?([a-z0-9']+)", unit):
        # "self[- ]?harm" is the words "self" and "harm", or the one word "selfharm".
        first, second = (part.replace("'", "") for part in joined.groups())
        return frozenset({first, first + second})
    if unit.startswith("(") and unit[_closing(unit) + 1 :].startswith("?") and len(unit) > _closing(unit) + 2:
        return _unit_words(unit[_closing(unit) + 2 :], macros)  # "(all )?fault": the word after is certain
    if re.fullmatch(r"\{[a-z]+\}", unit):
        name = unit.upper()
        if name in MACRO_WORDS:
            return MACRO_WORDS[name]
        source = macros.get(unit[1:-1]) or macros.get(unit[1:-1].upper())
        return required_words(source, macros) if source else None
    if unit.startswith("(") and unit.endswith(")") and _closing(unit) == len(unit) - 1:
        found: set[str] = set()
        for choice in _top_level_choices(unit[1:-1]):
            words = required_words(choice, macros)
            if words is None:
                return None
            found |= words
        return frozenset(found)
    return None  # optional parts, fillers, character sets: no word is certain


def _closing(unit: str) -> int:
    depth = 0
    for index, char in enumerate(unit):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0:
            return index
    return -1


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


class PhraseSet:
    """Many phrases, each under a key (a rule id), each tried only when a word it needs is present.

    Hundreds of small expressions, most skipped at the cost of a dictionary lookup per word of
    the sentence: far cheaper than trying each one, or one large alternation at every position.
    """

    def __init__(self, phrases: list[tuple[str, str, str]], macros: dict[str, str] | None = None):
        """`phrases` are (key, phrase, where) with `where` naming the phrase's place for errors."""
        compiled = compile_macros(macros or {})
        self.keys: list[str] = []
        self.patterns: list[re.Pattern[str]] = []
        self.always: list[int] = []
        self.by_word: dict[str, list[int]] = {}
        # The phrase's other required parts: checked with set operations before its expression runs.
        self.others: list[list[frozenset[str]]] = []
        for index, (key, phrase, where) in enumerate(phrases):
            self.keys.append(key)
            self.patterns.append(compile_phrases([phrase], where=where, macros=compiled))
            sets = required_sets(phrase, macros)
            words = max(sets, key=_rarity) if sets else None
            self.others.append([other for other in sets if other is not words])
            if words is None:
                self.always.append(index)
            for word in words or ():
                self.by_word.setdefault(word, []).append(index)
        self.vocabulary = frozenset(self.by_word)

    def find(self, norm: str, words: frozenset[str] | None = None) -> list[tuple[str, int, int]]:
        """(key, start, end) of every match in normalised text, in the order the phrases were given."""
        present = sentence_words(norm) if words is None else words
        chosen = set(self.always)
        for word in present & self.vocabulary:
            chosen.update(self.by_word[word])
        if not chosen:
            return []
        return [
            (self.keys[i], *m.span())
            for i in sorted(chosen)
            if all(other & present for other in self.others[i])
            for m in self.patterns[i].finditer(norm)
        ]

    def find_all(self, norm: str) -> list[tuple[str, int, int]]:
        """The same as `find`, trying every phrase: what the word index must never change."""
        return [(self.keys[i], *m.span()) for i in range(len(self.keys)) for m in self.patterns[i].finditer(norm)]


_WORD = re.compile(r"\w+")


@lru_cache(maxsize=512)
def sentence_words(norm: str) -> frozenset[str]:
    """The sentence's words with apostrophes dropped ("don't" is "dont"), as phrases see them."""
    return frozenset(_WORD.findall(norm.replace("'", "")))


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
