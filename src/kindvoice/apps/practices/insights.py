"""What a person's practice history shows: before/after changes, what helps, what moves them.

Each function reads only the person's own runs and returns plain data for a page, the API or
the terminal to show.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from kindvoice.apps.practices.models import Run

SOOTHING_MENU = ("self-soothing-menu", "picked")
MOMENTS = ("moments-that-move-me", "moved_by")
MOMENT_TEXT = "what_happened"


@dataclass(frozen=True)
class Change:
    when: datetime
    title: str
    before: int | None
    after: int | None


def changes(user: Any, records: str) -> list[Change]:
    """Before and after ratings of one thing (e.g. distress) across runs, oldest first."""
    found = []
    for run in Run.objects.filter(user=user).order_by("started", "pk"):
        pair = run.ratings.get(records)
        if pair and ("before" in pair or "after" in pair):
            found.append(Change(run.started, run.title, pair.get("before"), pair.get("after")))
    return found


def readings(user: Any) -> dict[str, list[tuple[datetime, int]]]:
    """Single readings ("now") over time, by what they record: the three circles, for example."""
    found: dict[str, list[tuple[datetime, int]]] = defaultdict(list)
    for run in Run.objects.filter(user=user).order_by("started", "pk"):
        for records, pair in run.ratings.items():
            if "now" in pair:
                found[records].append((run.started, pair["now"]))
    return dict(found)


def recorded_names(user: Any) -> list[str]:
    """Everything the person has rated before and after, most used first."""
    counts: Counter[str] = Counter()
    for ratings in Run.objects.filter(user=user).values_list("ratings", flat=True):
        counts.update(name for name, pair in (ratings or {}).items() if "before" in pair or "after" in pair)
    return [name for name, _ in counts.most_common()]


@dataclass(frozen=True)
class Helper:
    item: str
    times: int
    average_drop: float  # distress before minus after: higher helped more


def what_helps(user: Any) -> list[Helper]:
    """The person's soothing menu, ranked by how much distress came down after each choice."""
    practice_id, step_id = SOOTHING_MENU
    drops: dict[str, list[int]] = defaultdict(list)
    for run in Run.objects.filter(user=user, practice_id=practice_id):
        pair = run.ratings.get("distress", {})
        picked = run.answers.get(step_id)
        if picked and "before" in pair and "after" in pair:
            drops[picked].append(pair["before"] - pair["after"])
    ranked = [Helper(item, len(values), sum(values) / len(values)) for item, values in drops.items()]
    return sorted(ranked, key=lambda h: (-h.average_drop, -h.times, h.item.lower()))


@dataclass(frozen=True)
class Moments:
    count: int
    common: list[tuple[str, int]]  # what moved the person, most often first
    recent: list[tuple[datetime, str]]


def moments(user: Any) -> Moments:
    practice_id, step_id = MOMENTS
    counts: Counter[str] = Counter()
    recent: list[tuple[datetime, str]] = []
    runs = list(Run.objects.filter(user=user, practice_id=practice_id))
    for run in runs:
        answers = run.answers
        counts.update(answers.get(step_id) or [])
        text = answers.get(MOMENT_TEXT) or ""
        if text:
            recent.append((run.started, text))
    return Moments(len(runs), counts.most_common(), recent[:10])


def earlier_answers(user: Any, practice_id: str, step_id: str, limit: int, exclude: int | None = None) -> list[Any]:
    """(when, answer) for a step in the person's earlier runs, newest first: for "look back" steps."""
    found = []
    runs = Run.objects.filter(user=user, practice_id=practice_id)
    for run in runs.exclude(pk=exclude) if exclude is not None else runs:
        value = run.answers.get(step_id)
        if value not in (None, "", []):
            found.append((run.started, value))
        if len(found) >= limit:
            break
    return found
