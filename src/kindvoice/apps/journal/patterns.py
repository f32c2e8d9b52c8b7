"""Patterns over time: what the person's own entries show, week by week, as numbers for a chart."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from kindvoice.apps.journal.models import Entry, KindReply
from kindvoice.language.analysis import COMPONENTS

KIND_POLES = ("self_kindness", "common_humanity", "mindfulness")
WEEKS = 12
PRESENT = 0.5  # a component counts as present in a sentence at this score


@dataclass
class Week:
    start: date
    critic: int = 0
    kind: int = 0

    @property
    def label(self) -> str:
        return f"{self.start:%d %b}"


@dataclass
class Patterns:
    weeks: list[Week]
    traps: list[tuple[str, int]]
    components: dict[str, float]
    sentences: int


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def patterns(user: Any, today: date) -> Patterns:
    first = monday(today) - timedelta(weeks=WEEKS - 1)
    weeks = {first + timedelta(weeks=i): Week(first + timedelta(weeks=i)) for i in range(WEEKS)}
    traps: Counter[str] = Counter()
    present: Counter[str] = Counter()
    total = 0
    for entry in Entry.objects.filter(user=user).prefetch_related("corrections"):
        said = {(c.sentence_start, c.label): c.person_said for c in entry.corrections.all()}
        week = weeks.get(monday(entry.created.date()))
        for sentence in entry.analysis_data.get("sentences", []):
            total += 1
            critic = said.get((sentence["start"], "critic"), "yes" if sentence["critic"]["flag"] else "no") == "yes"
            components = sentence.get("components", {})
            kind = not critic and any(components.get(pole, 0.0) >= PRESENT for pole in KIND_POLES)
            if week:
                week.critic += critic
                week.kind += kind
            for name in COMPONENTS:
                present[name] += components.get(name, 0.0) >= PRESENT
            if critic and sentence["traps"]:
                top = sentence["traps"][0]["name"]
                if said.get((sentence["start"], "trap:" + top)) != "no":
                    traps[top] += 1
    for reply in KindReply.objects.filter(user=user, created__date__gte=first):
        week = weeks.get(monday(reply.created.date()))
        if week:
            week.kind += 1
    share = {name: (present[name] / total if total else 0.0) for name in COMPONENTS}
    return Patterns(list(weeks.values()), traps.most_common(5), share, total)


def bars(weeks: list[Week], width: int = 640, height: int = 220) -> dict[str, Any]:
    """Coordinates for a grouped bar chart (critic and kind voice, per week)."""
    top = max([1] + [max(w.critic, w.kind) for w in weeks])
    left, bottom, chart_h = 36, 30, height - 50
    slot = (width - left) / len(weeks)
    bar = slot * 0.36
    groups = []
    for i, week in enumerate(weeks):
        x = left + i * slot + slot * 0.12
        critic_h = chart_h * week.critic / top
        kind_h = chart_h * week.kind / top
        groups.append(
            {
                "week": week,
                "critic": {"x": round(x, 1), "y": round(height - bottom - critic_h, 1), "h": round(critic_h, 1)},
                "kind": {"x": round(x + bar, 1), "y": round(height - bottom - kind_h, 1), "h": round(kind_h, 1)},
                "label_x": round(x + bar, 1),
            }
        )
    ticks = sorted({0, top // 2, top})
    return {
        "width": width,
        "height": height,
        "bar": round(bar - 2, 1),
        "groups": groups,
        "baseline": height - bottom,
        "left": left,
        "ticks": [{"value": t, "y": round(height - bottom - chart_h * t / top, 1)} for t in ticks],
    }
