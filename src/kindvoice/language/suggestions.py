"""What a kind voice might say: up to three suggestions for a self-critical sentence.

Built from the phrase banks in rules/kind_voice.yaml: each suggestion acknowledges the pain
first, then offers one of Neff's three positive poles (or an answer to the thinking trap the
sentence might hold). Where the person described what happened, it is reused, turned to
"you", so the suggestion is about their situation, not a slogan.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from kindvoice.errors import InvalidInput
from kindvoice.language.analysis import Analysis, Suggestion

Pole = Literal["self_kindness", "common_humanity", "mindfulness"]
MAX_SITUATION_WORDS = 14
_SWAP = {
    "i": "you", "i'm": "you're", "im": "you're", "i've": "you've", "ive": "you've", "i'd": "you'd",
    "i'll": "you'll", "me": "you", "my": "your", "mine": "yours", "myself": "yourself", "am": "are",
    "i was": "you were", "i wasn't": "you weren't", "i wasnt": "you weren't",
}  # fmt: skip
_WORD = re.compile(r"\b(i was(?:n'?t)?|i'm|im|i've|ive|i'd|i'll|i|me|my|mine|myself|am)\b", re.IGNORECASE)
# Only a clause with its own subject reads well after "It sounds like": "because I missed my train".
_BECAUSE = re.compile(
    r"\b(?:because|after|when|since|for)\s+((?:i|i'm|my|we|they|he|she|it|the|our)\b.+)$", re.IGNORECASE
)


class Bank(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: Literal[1]
    acknowledge: list[str] = Field(min_length=1)
    acknowledge_situation: list[str] = Field(min_length=1)
    poles: dict[Pole, list[str]]
    traps: dict[str, list[str]]
    never_say: list[str] = Field(min_length=1)

    @model_validator(mode="after")
    def _kind(self) -> Bank:
        lines = [*self.acknowledge, *self.acknowledge_situation]
        lines += [line for group in (*self.poles.values(), *self.traps.values()) for line in group]
        for line in lines:
            for phrase in self.never_say:
                if re.search(rf"\b{re.escape(phrase)}\b", line, re.IGNORECASE):
                    raise ValueError(f"the line {line!r} says {phrase!r}, which is on the never_say list")
        for line in self.acknowledge_situation:
            if "{situation}" not in line.lower():
                raise ValueError(f"the line {line!r} under acknowledge_situation has no {{situation}}")
        return self


def load_bank(path: Path) -> Bank:
    try:
        return Bank.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError) as error:
        raise InvalidInput(f"{path}: cannot be read as YAML ({error}).") from None
    except ValidationError as error:
        first = error.errors()[0]
        raise InvalidInput(f"{path}: {'.'.join(str(p) for p in first['loc'])}: {first['msg']}.") from None


@cache
def default_bank() -> Bank:
    return load_bank(Path(str(resources.files("kindvoice.language") / "rules" / "kind_voice.yaml")))


def to_you(text: str) -> str:
    """Turn a first-person description into second person: "I forgot my keys" → "you forgot your keys"."""
    return _WORD.sub(lambda m: _SWAP.get(m.group(0).lower(), m.group(0)), text)


def situation(analysis: Analysis, index: int) -> str | None:
    """What happened, in the person's own words: the cause in the sentence, or the sentence before it."""
    sentence = analysis.sentences[index]
    cause = _BECAUSE.search(sentence.text)
    candidates = [cause.group(1)] if cause else []
    for back in (1, 2):
        if index - back >= 0:
            before = analysis.sentences[index - back]
            if not before.critic.flag and before.crisis.level == "none":
                candidates.append(before.text)
                break
    for text in candidates:
        text = text.strip().rstrip(".!?…,;:").strip()
        if 2 <= len(text.split()) <= MAX_SITUATION_WORDS:
            return to_you(text[0].lower() + text[1:] if not text.startswith("I ") else text)
    return None


def _pick(options: list[str], seed: int, offset: int = 0) -> str:
    return options[(seed + offset) % len(options)]


def suggest(analysis: Analysis, index: int, bank: Bank | None = None) -> list[Suggestion]:
    """Up to three suggestions for sentence `index`; none unless the inner critic is there."""
    bank = bank or default_bank()
    sentence = analysis.sentences[index]
    if not sentence.critic.flag or sentence.crisis.level != "none":
        return []
    # The same sentence always gets the same words, so a reload never reshuffles them.
    seed = int(hashlib.sha256(sentence.text.lower().encode("utf-8")).hexdigest()[:8], 16)
    found = situation(analysis, index)
    trap = next((name for name, _ in sentence.traps if name in bank.traps), None)
    plan: list[tuple[str, list[str]]] = [("self_kindness", bank.poles["self_kindness"])]
    plan.append((trap, bank.traps[trap]) if trap else ("common_humanity", bank.poles["common_humanity"]))
    plan.append(("mindfulness", bank.poles["mindfulness"]))
    suggestions = []
    for number, (kind, lines) in enumerate(plan):
        if found and number == 0:
            opening = _pick(bank.acknowledge_situation, seed)
            opening = opening.replace("{situation}", found).replace("{Situation}", found[0].upper() + found[1:])
        else:
            opening = _pick(bank.acknowledge, seed, number)
        suggestions.append(Suggestion(f"{opening} {_pick(lines, seed, number)}", kind))
    return suggestions
