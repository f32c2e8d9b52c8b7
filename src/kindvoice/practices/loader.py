"""Loading practice files: the schema first, then the checks the schema cannot make."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from kindvoice import datafile
from kindvoice.errors import InvalidInput, NotFound
from kindvoice.practices import conditions
from kindvoice.practices.schema import Checklist, Choice, LookBack, Photo, Practice, Rating, Step

LIBRARY = Path(str(resources.files("kindvoice.practices") / "library"))


describe = datafile.describer({"steps": "step"}, tagged=frozenset({"steps"}))


def load_practice(path: Path) -> Practice:
    """Read and check one practice file, or raise InvalidInput naming the file, line and problem."""
    data, root = datafile.read_yaml(path)
    return _checked(data, root, str(path))


def parse_practice(text: str, where: str = "your practice") -> Practice:
    """A practice written in a form (a therapist's own), checked exactly like a file."""
    data, root = datafile.parse_yaml(text, where)
    return _checked(data, root, where)


def _checked(data: Any, root: Any, where: str) -> Practice:
    practice = datafile.validate(data, Practice, where=where, root=root, describe=describe)
    check(practice, where=where, root=root)
    return practice


def check(practice: Practice, *, where: str, root: Any = None) -> None:
    """What a schema cannot see: unique step ids, and conditions and look-backs that make sense."""
    seen: set[str] = set()
    for index, step in enumerate(practice.steps):
        line = datafile.line_of(root, ("steps", index))
        at = f"{where}, line {line}" if line else where
        name = f"step {index + 1} ({step.kind})"
        if step.id in seen:
            raise InvalidInput(f"{at}: {name}: the id {step.id!r} is used twice; each step needs its own id.")
        try:
            condition = conditions.parse(step.when)
        except InvalidInput as error:
            raise InvalidInput(f"{at}: {name}: {error.message}") from None
        unknown = sorted(condition.steps - seen)
        if unknown:
            raise InvalidInput(
                f"{at}: {name}: the condition names {unknown[0]!r}, which is not an earlier step; "
                "a condition can only look at answers already given."
            )
        for clause in condition.clauses:
            problem = _clause_problem(clause, practice.step(clause.step))
            if problem:
                raise InvalidInput(f"{at}: {name}: in the condition, {problem}")
        if isinstance(step, LookBack) and "." not in step.step and step.step not in {s.id for s in practice.steps}:
            raise InvalidInput(f"{at}: {name}: looks back at {step.step!r}, which is not a step of this practice.")
        if isinstance(step, Photo) and not step.skippable:
            raise InvalidInput(f"{at}: {name}: a photo step must be skippable; photos can't be attached everywhere.")
        seen.add(step.id)


@cache
def builtin() -> dict[str, Practice]:
    """The library that ships with kindvoice, by id, in title order."""
    practices = [load_practice(path) for path in sorted(LIBRARY.glob("*.yaml"))]
    ids = [p.id for p in practices]
    duplicate = next((i for i in ids if ids.count(i) > 1), None)
    if duplicate:
        raise InvalidInput(f"{LIBRARY}: two practice files use the id {duplicate!r}.")
    return {p.id: p for p in sorted(practices, key=lambda p: p.title.lower())}


def find(practice_id: str) -> Practice:
    try:
        return builtin()[practice_id]
    except KeyError:
        raise NotFound(
            f"There is no practice called {practice_id!r}. `kindvoice practice list` shows them all."
        ) from None


def _clause_problem(clause: conditions.Clause, step: Step) -> str | None:
    """Why a clause can never be true of the step it names (a typo in an option, say), or None."""
    if clause.op in ("answered", "skipped"):
        return None
    if isinstance(clause.value, float):
        if not isinstance(step, Rating):
            return f"{clause.step!r} is a {step.kind} step; only ratings are compared with numbers."
        if not step.min <= clause.value <= step.max:
            return f"{clause.value:g} is outside the scale of {clause.step!r} ({step.min} to {step.max})."
        return None
    if not isinstance(step, Choice | Checklist) and step.kind != "list":
        return f"{clause.step!r} is a {step.kind} step; only choices and lists are compared with words."
    if clause.op == "contains":
        if not isinstance(step, Checklist):
            return f"'contains' needs a checklist, and {clause.step!r} is a {step.kind} step."
    elif clause.op not in ("==", "!="):
        return f"{clause.op!r} compares numbers; {clause.value!r} is words."
    elif isinstance(step, Checklist):
        return f"{clause.step!r} is a checklist; write \"{clause.step} contains '...'\" instead."
    if isinstance(step, Choice | Checklist) and clause.value not in step.options:
        options = ", ".join(map(repr, step.options))
        return f"{clause.value!r} is not one of the options of {clause.step!r} ({options})."
    return None
