"""The inner critic's most telling phrases, read from rules/critic.yaml."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from pathlib import Path

from kindvoice.language.phrases import compile_macros, compile_phrases, negated_before, normalize
from kindvoice.language.rulefile import CriticRuleFile, load_rule_file


class CriticRules:
    def __init__(self, rules: list[tuple[str, re.Pattern[str]]], not_critic: re.Pattern[str]):
        self.rules, self.not_critic = rules, not_critic

    @classmethod
    def from_file(cls, path: Path) -> CriticRules:
        data = load_rule_file(path, CriticRuleFile)
        where = f"{path.name}: "
        macros = compile_macros(data.macros, where=where)
        rules = [(r.id, compile_phrases(r.phrases, where=f"{where}rule {r.id}: ", macros=macros)) for r in data.rules]
        return cls(rules, compile_phrases(data.not_critic.phrases, where=f"{where}not_critic: ", macros=macros))

    def spans(self, text: str) -> list[tuple[str, int, int]]:
        """(rule id, start, end) of every self-attacking phrase in one sentence."""
        norm = normalize(text)
        excluded = [m.span() for m in self.not_critic.finditer(norm)]
        found = []
        for rule_id, pattern in self.rules:
            for match in pattern.finditer(norm):
                start, end = match.span()
                # A frame ("my boss said", "I used to think") covers what comes after it.
                if any(s <= start for s, _ in excluded):
                    continue
                if negated_before(norm, start):
                    continue
                found.append((rule_id, start, end))
        return found


@cache
def default_rules() -> CriticRules:
    return CriticRules.from_file(Path(str(resources.files("kindvoice.language") / "rules" / "critic.yaml")))
