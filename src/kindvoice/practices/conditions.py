"""Conditions on earlier answers, the `when:` of a step, in words a therapist can write.

    distress_before >= 8             a rating compared with a number
    mood == 'heavy'                  a choice compared with one of its options
    worries contains 'money'         a checklist that includes an option
    letter is answered               answered at all (or: is skipped)
    a >= 8 and b is answered         every clause holds (or: any clause holds, with "or")

A step whose condition does not hold is passed over. A clause about a step with no answer
is false, except "is skipped" and "!=". "and" and "or" inside quotes are part of the option.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from kindvoice.errors import InvalidInput

_CLAUSE = re.compile(
    r"""^\s*(?P<step>[a-z][a-z0-9_]*)\s+
    (?:(?P<op>>=|<=|==|!=|>|<|contains)\s+(?P<value>-?\d+(?:\.\d+)?|'[^']*'|"[^"]*")
      |is\s+(?P<state>answered|skipped))\s*$""",
    re.VERBOSE,
)
_OPS: dict[str, Callable[[Any, Any], bool]] = {
    ">=": operator.ge,
    "<=": operator.le,
    ">": operator.gt,
    "<": operator.lt,
    "==": operator.eq,
    "!=": operator.ne,
}


@dataclass(frozen=True)
class Clause:
    step: str
    op: str  # one of _OPS, "contains", "answered" or "skipped"
    value: float | str | None = None

    def holds(self, answers: Mapping[str, Any], skipped: set[str]) -> bool:
        if self.op == "skipped":
            return self.step in skipped
        if self.step not in answers or answers[self.step] is None:
            return self.op == "!="  # a step not answered is not equal to anything
        answer = answers[self.step]
        if self.op == "answered":
            return True
        if self.op == "contains":
            return isinstance(answer, list) and self.value in answer
        if isinstance(self.value, float):
            if isinstance(answer, bool) or not isinstance(answer, int | float):
                return False
        elif not isinstance(answer, str):
            return False
        return _OPS[self.op](answer, self.value)


@dataclass(frozen=True)
class Condition:
    clauses: tuple[Clause, ...]
    any_of: bool = False  # "or" rather than "and"

    def holds(self, answers: Mapping[str, Any], skipped: set[str]) -> bool:
        results = (clause.holds(answers, skipped) for clause in self.clauses)
        return any(results) if self.any_of else all(results)

    @property
    def steps(self) -> set[str]:
        return {clause.step for clause in self.clauses}


ALWAYS = Condition(())


def parse(text: str) -> Condition:
    """Read a `when:` condition, or explain what is wrong with it."""
    if not text.strip():
        return ALWAYS
    parts, joiners = _split(text.strip())
    if len(set(joiners)) > 1:
        raise InvalidInput(f"the condition {text!r} mixes 'and' with 'or'; split it into two steps instead.")
    has_or = joiners[:1] == ["or"]
    clauses = []
    for part in parts:
        match = _CLAUSE.match(part)
        if match is None:
            raise InvalidInput(
                f'the condition {part!r} is not understood; write it like "distress_before >= 8", '
                '"mood == \'heavy\'", "worries contains \'money\'" or "letter is answered".'
            )
        if match["state"]:
            clauses.append(Clause(match["step"], match["state"]))
            continue
        raw = match["value"]
        value: float | str = raw[1:-1] if raw[0] in "'\"" else float(raw)
        if match["op"] == "contains" and not isinstance(value, str):
            raise InvalidInput(f"in {part!r}, 'contains' takes an option in quotes, like 'money'.")
        clauses.append(Clause(match["step"], match["op"], value))
    return Condition(tuple(clauses), any_of=has_or)


_TOKENS = re.compile(r"""'[^']*'|"[^"]*"|\s+(and|or)\s+|[^'"\s]+|\s+""")


def _split(text: str) -> tuple[list[str], list[str]]:
    """Split at "and"/"or" outside quotes: "mood == 'tired and sad' or x is answered" is two clauses."""
    parts, joiners, current = [], [], ""
    for match in _TOKENS.finditer(text):
        if match.group(1):
            parts.append(current)
            joiners.append(match.group(1))
            current = ""
        else:
            current += match.group(0)
    return [*parts, current], joiners
