"""Walking every branch of a practice, so an author learns of a step no answer can ever reach."""

from __future__ import annotations

import copy
from typing import Any

from kindvoice.practices.conditions import parse
from kindvoice.practices.run import Runner
from kindvoice.practices.schema import Practice, Step

SAMPLES: dict[str, Any] = {"prompt": "words", "list": ["a walk"], "photo": "photo:1", "checklist": []}


def _sample(step: Step) -> Any:
    if step.kind == "choice":
        return step.options[0]
    if step.kind == "rating":
        return step.min
    if step.kind == "list" and step.mode == "pick":
        return "a walk"
    return SAMPLES.get(step.kind, True)


def _moves(step: Step, named: set[str]) -> list[Any]:
    """Every answer that can change the path: each option, the ends of a scale; else one sample."""
    if step.id not in named:
        return [_sample(step)]
    if step.kind == "choice":
        return list(step.options)
    if step.kind == "checklist":
        return [[], *([o] for o in step.options)]
    if step.kind == "rating":
        return list(range(step.min, step.max + 1))
    return [_sample(step)]


def reachable(practice: Practice, limit: int = 20_000) -> set[str]:
    """The ids of the steps some sequence of answers (or skips) shows."""
    named = {clause.step for step in practice.steps for clause in parse(step.when).clauses}
    shown: set[str] = set()
    seen: set[str] = set()
    stack = [Runner(practice)]
    while stack and len(seen) < limit:
        runner = stack.pop()
        key = repr((runner.state.position, sorted(runner.state.answers.items()), runner.state.skipped))
        if key in seen:
            continue
        seen.add(key)
        step = runner.current
        if step is None:
            continue
        shown.add(step.id)
        for move in _moves(step, named):
            branch = Runner(practice, copy.deepcopy(runner.state))
            branch.answer(move)
            stack.append(branch)
        if step.skippable:
            branch = Runner(practice, copy.deepcopy(runner.state))
            branch.skip()
            stack.append(branch)
    return shown


def unreachable(practice: Practice) -> list[str]:
    found = reachable(practice)
    return [step.id for step in practice.steps if step.id not in found]
