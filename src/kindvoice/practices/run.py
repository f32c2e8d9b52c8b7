"""Running a practice: one step at a time, any step skippable, pausable and resumable.

A run is plain data (`RunState`), so the web, the API and the terminal can each keep it
wherever they keep things and pick it up days later. `Runner` is the small interpreter that
moves through a practice's steps, passing over those whose condition does not hold.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from kindvoice.errors import InvalidInput
from kindvoice.practices import conditions
from kindvoice.practices.schema import (
    FREE_TEXT_KINDS,
    Checklist,
    Choice,
    ListBuilder,
    Photo,
    Practice,
    Prompt,
    Rating,
    Step,
)
from kindvoice.text import check_text

LIST_ITEMS_MAX = 50
LIST_ITEM_MAX = 200


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class RunState:
    practice: str
    version: str
    started: str = field(default_factory=now)
    finished: str | None = None
    position: int = 0  # the index, in the practice's steps, of the next step to consider
    answers: dict[str, Any] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    drafts: dict[str, str] = field(default_factory=dict)  # words typed but not yet given as an answer

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RunState:
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        return cls(**known)


class Runner:
    def __init__(self, practice: Practice, state: RunState | None = None):
        self.practice = practice
        self.state = state or RunState(practice.id, practice.version)
        self._conditions = [conditions.parse(step.when) for step in practice.steps]

    # -- where we are -------------------------------------------------------------------

    def _shown(self, index: int) -> bool:
        return self._conditions[index].holds(self.state.answers, set(self.state.skipped))

    def _next_index(self, start: int) -> int | None:
        return next((i for i in range(start, len(self.practice.steps)) if self._shown(i)), None)

    @property
    def current(self) -> Step | None:
        """The step to show now, or None when every step has been answered or skipped."""
        if self.state.finished:
            return None
        index = self._next_index(self.state.position)
        return None if index is None else self.practice.steps[index]

    @property
    def done(self) -> bool:
        return self.current is None

    def progress(self) -> tuple[int, int]:
        """(steps behind us, steps in all) with the answers so far.

        A step that depends on a question not yet reached is counted as if it will be shown, so
        the total can only shrink as answers come in, never jump up.
        """
        decided = set(self.state.answers) | set(self.state.skipped)
        reached = {s.id for s in self.practice.steps[: self.state.position]}
        shown = [
            i
            for i, condition in enumerate(self._conditions)
            if self._shown(i) or not condition.steps <= (decided | reached)
        ]
        behind = sum(1 for i in shown if i < self.state.position)
        return behind, len(shown)

    # -- moving -------------------------------------------------------------------------

    def answer(self, value: Any) -> Step:
        """Accept an answer to the current step and move on; returns the step answered."""
        step = self._require_current()
        self.state.answers[step.id] = accept(step, value)
        self.state.drafts.pop(step.id, None)
        if step.id in self.state.skipped:
            self.state.skipped.remove(step.id)
        self.state.position = self.practice.steps.index(step) + 1
        return step

    def skip(self) -> Step:
        step = self._require_current()
        if not step.skippable:
            raise InvalidInput("This step is part of what makes the practice work, so it can't be skipped.")
        self.state.answers.pop(step.id, None)
        if step.id not in self.state.skipped:
            self.state.skipped.append(step.id)
        self.state.position = self.practice.steps.index(step) + 1
        return step

    def back(self) -> Step | None:
        """Return to the previous step shown (its answer is kept until it is answered again)."""
        index = self.state.position - 1
        while index >= 0 and not self._shown(index):
            index -= 1
        if index < 0:
            return None
        self.state.position = index
        self.state.finished = None
        return self.practice.steps[index]

    def keep_draft(self, step_id: str, text: str) -> None:
        """Keep what is being typed for a step, so a lost connection or a pause loses nothing."""
        if step_id not in {s.id for s in self.practice.steps}:
            raise InvalidInput("That step is not part of this practice.")
        if text.strip():
            self.state.drafts[step_id] = check_text(text, label="Your answer", max_length=20_000)
        else:
            self.state.drafts.pop(step_id, None)

    def finish(self) -> None:
        """End the run, whether or not every step was reached (stopping early is allowed)."""
        self.state.finished = self.state.finished or now()

    def _require_current(self) -> Step:
        step = self.current
        if step is None:
            raise InvalidInput("This practice is already complete.")
        return step

    # -- what the run holds -------------------------------------------------------------

    def ratings(self) -> dict[str, dict[str, int]]:
        """{"distress": {"before": 7, "after": 4}}: ratings that name what they record."""
        found: dict[str, dict[str, int]] = {}
        for index, step in enumerate(self.practice.steps):
            # An answer left behind on a branch the person went back and changed does not count.
            if not self._shown(index):
                continue
            if isinstance(step, Rating) and step.records and step.id in self.state.answers:
                found.setdefault(step.records, {})[step.moment] = self.state.answers[step.id]
        return found

    def free_text(self) -> list[str]:
        """Everything the person wrote in their own words, to read for crisis language."""
        texts: list[str] = []
        for index, step in enumerate(self.practice.steps):
            if not self._shown(index):
                continue
            value = self.state.answers.get(step.id)
            if step.kind in FREE_TEXT_KINDS and value:
                texts.extend(value if isinstance(value, list) else [value])
        return texts


def accept(step: Step, value: Any) -> Any:
    """The answer in its stored form, or InvalidInput saying, kindly, what would fit."""
    if isinstance(step, Prompt):
        text = _text(value, label="Your answer", max_length=step.max_length)
        if not text:
            raise InvalidInput("There's nothing written yet. You can write a few words, or skip this step.")
        return text
    if isinstance(step, Checklist):
        chosen = value if isinstance(value, list) else [value] if value not in (None, "") else []
        wrong = [c for c in chosen if c not in step.options]
        if wrong:
            raise InvalidInput(f"{wrong[0]!r} is not one of the options here.")
        return [option for option in step.options if option in chosen]
    if isinstance(step, Choice):
        if value not in step.options:
            raise InvalidInput(f"Please choose one of: {', '.join(step.options)}.")
        return value
    if isinstance(step, Rating):
        return _rating(step, value)
    if isinstance(step, ListBuilder):
        if step.mode == "pick":
            item = _text(value, label="Your choice", max_length=LIST_ITEM_MAX)
            if not item:
                raise InvalidInput("Pick one thing from your list, or write a new one.")
            return item
        return _list(value)
    if isinstance(step, Photo):
        if value in (None, ""):
            raise InvalidInput("No photo was attached. You can attach one, or skip this step.")
        return str(value)  # the adapter stores the photo and gives us its reference
    return True  # read, timer, breathing, paced, look back: done


def _text(value: Any, *, label: str, max_length: int) -> str:
    if not isinstance(value, str):
        raise InvalidInput(f"{label} should be text.")
    return check_text(value, label=label, max_length=max_length).strip()


def _rating(step: Rating, value: Any) -> int:
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput(f"Please choose a whole number from {step.min} to {step.max}.")
    if not step.min <= value <= step.max:
        raise InvalidInput(f"Please choose a number from {step.min} ({step.low}) to {step.max} ({step.high}).")
    return value


def _list(value: Any) -> list[str]:
    items = value.splitlines() if isinstance(value, str) else value
    if not isinstance(items, list):
        raise InvalidInput("Your list should be a list of short lines.")
    cleaned: list[str] = []
    for item in items:
        text = _text(item, label="A line of your list", max_length=LIST_ITEM_MAX)
        if text and text not in cleaned:
            cleaned.append(text)
    if len(cleaned) > LIST_ITEMS_MAX:
        raise InvalidInput(f"Your list has {len(cleaned)} lines; it can hold {LIST_ITEMS_MAX}. Nothing was saved.")
    return cleaned
