"""The inner critic's most telling phrases, read from rules/critic.yaml."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from pathlib import Path

from kindvoice.language.phrases import PhraseSet, compile_macros, compile_phrases, negated_before, normalize
from kindvoice.language.rulefile import CriticRuleFile, load_rule_file


class CriticRules:
    def __init__(self, phrases: PhraseSet, not_critic: re.Pattern[str]):
        self.phrases, self.not_critic = phrases, not_critic

    @classmethod
    def from_file(cls, path: Path) -> CriticRules:
        data = load_rule_file(path, CriticRuleFile)
        where = f"{path.name}: "
        phrases = PhraseSet([(r.id, p, f"{where}rule {r.id}: ") for r in data.rules for p in r.phrases], data.macros)
        macros = compile_macros(data.macros, where=where)
        return cls(phrases, compile_phrases(data.not_critic.phrases, where=f"{where}not_critic: ", macros=macros))

    def spans(self, text: str) -> list[tuple[str, int, int]]:
        """(rule id, start, end) of every self-attacking phrase in one sentence, none overlapping."""
        norm = normalize(text)
        candidates = self.phrases.find(norm)
        if not candidates:
            return []
        excluded = [m.start() for m in self.not_critic.finditer(norm)]
        found: list[tuple[str, int, int]] = []
        for rule_id, start, end in candidates:
            # A frame ("my boss said", "I used to think") covers what comes after it.
            if any(s <= start for s in excluded):
                continue
            if negated_before(norm, start):
                continue
            if any(s < end and start < e for _, s, e in found):
                continue  # two phrases of the file found the same words
            found.append((rule_id, start, end))
        return found


@cache
def default_rules() -> CriticRules:
    return CriticRules.from_file(Path(str(resources.files("kindvoice.language") / "rules" / "critic.yaml")))
