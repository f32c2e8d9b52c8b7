"""Crisis language: deterministic rules, read from rules/crisis.yaml.

Rules decide first. A model may add a flag later, never remove one. The rules favour
recall: a calm panel shown once too often costs little; one not shown costs a great deal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal

from kindvoice.language.phrases import PhraseSet, compile_phrases, negated_before, normalize
from kindvoice.language.rulefile import CrisisRuleFile, load_rule_file

Level = Literal["none", "concern", "urgent"]
LEVELS: tuple[Level, ...] = ("none", "concern", "urgent")
CATEGORIES = ("suicidal_thoughts", "self_harm", "harm_from_others")

# Recovery told in the past ("I used to self-harm, clean for two years") is not a crisis now,
# unless the sentence also says it is back.
_PAST = re.compile(
    r"\b(?:used\s+to|years\s+ago|in\s+the\s+past|back\s+in\s+my|in\s+my\s+(?:teens|twenties|youth)|"
    r"when\s+i\s+was\s+(?:younger|little|a\s+kid|a\s+teen(?:ager)?|at\s+school|in\s+school|at\s+uni|\d+|"
    r"(?:thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)[\w-]*))\b"
)
# Signs that it is happening now, which outweigh a past-tense frame.
_NOW = re.compile(
    r"\b(?:again|agian|lately|recently|still|tonight|right\s+now|started|every\s+(?:day|night)|"
    r"now\s+(?:i'?m|i\s+am|i|it'?s|they'?re))\b"
)
CONTEXT_SENTENCES = 2


@dataclass(frozen=True, slots=True)
class Hit:
    rule: str
    category: str
    level: Level
    start: int
    end: int


@dataclass(slots=True)
class CrisisResult:
    level: Level = "none"
    category: str | None = None
    hits: list[Hit] = field(default_factory=list)

    def add(self, hit: Hit) -> None:
        self.hits.append(hit)
        if LEVELS.index(hit.level) > LEVELS.index(self.level):
            self.level, self.category = hit.level, hit.category
        elif self.category is None:
            self.category = hit.category


@dataclass(frozen=True, slots=True)
class _Rule:
    category: str
    level: Level


class CrisisRules:
    def __init__(
        self, rules: dict[str, _Rule], phrases: PhraseSet, urgency: re.Pattern[str], not_crisis: re.Pattern[str]
    ):
        self.rules, self.phrases = rules, phrases
        self.urgency, self.not_crisis = urgency, not_crisis

    @classmethod
    def from_file(cls, path: Path) -> CrisisRules:
        data = load_rule_file(path, CrisisRuleFile)
        where = f"{path.name}: "
        phrases = PhraseSet([(r.id, p, f"{where}rule {r.id}: ") for r in data.rules for p in r.phrases])
        return cls(
            {r.id: _Rule(r.category, r.level) for r in data.rules},
            phrases,
            compile_phrases(data.urgency.phrases, where=f"{where}urgency: "),
            compile_phrases(data.not_crisis.phrases, where=f"{where}not_crisis: "),
        )

    def sentence(self, text: str) -> CrisisResult:
        norm = normalize(text)
        found = self.phrases.find(norm)
        result = CrisisResult()
        if not found:
            return result  # most sentences: no need to look for exclusions at all
        excluded = [(m.start(), m.end()) for m in self.not_crisis.finditer(norm)]
        past = _PAST.search(norm)
        for rule_id, start, end in found:
            if any(s <= start < e or s < end <= e for s, e in excluded):
                continue
            if negated_before(norm, start):
                continue
            # The past frame may come just after the phrase too ("tried suicide when I was 19").
            if past and (past.start() < start or past.start() - end < 20) and not _NOW.search(norm):
                continue
            rule = self.rules[rule_id]
            result.add(Hit(rule_id, rule.category, rule.level, start, end))
        return result

    def urgent_spans(self, text: str) -> list[tuple[int, int]]:
        return [m.span() for m in self.urgency.finditer(normalize(text))]

    def text(self, sentences: list[str]) -> list[CrisisResult]:
        """Assess each sentence, then let timing, means or a goodbye near a crisis sentence make it urgent.

        People split one thought over sentences ("I have the pills. Tonight."), so urgency
        is looked for up to two sentences either side of a crisis sentence.
        """
        results = [self.sentence(s) for s in sentences]
        anchors = [i for i, r in enumerate(results) if r.category in ("suicidal_thoughts", "self_harm")]
        for i, sentence in enumerate(sentences):
            near = [a for a in anchors if abs(a - i) <= CONTEXT_SENTENCES]
            if not near:
                continue
            spans = self.urgent_spans(sentence)
            if spans:
                category = results[min(near, key=lambda a: abs(a - i))].category or "suicidal_thoughts"
                for start, end in spans:
                    results[i].add(Hit("urgency.context", category, "urgent", start, end))
        return results


@cache
def default_rules() -> CrisisRules:
    return CrisisRules.from_file(Path(str(resources.files("kindvoice.language") / "rules" / "crisis.yaml")))
