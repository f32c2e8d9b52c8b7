"""Coordinates for the practice charts (drawn as SVG by the templates, described in words too)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from kindvoice.apps.practices.insights import Change

WIDTH, HEIGHT = 640, 220
LEFT, BOTTOM, TOP = 36, 30, 12
SCALE_MAX = 10
SERIES = ("threat", "drive", "soothing")


def _y(value: float) -> float:
    return round(HEIGHT - BOTTOM - (HEIGHT - BOTTOM - TOP) * value / SCALE_MAX, 1)


def _ticks() -> list[dict[str, Any]]:
    return [{"value": v, "y": _y(v)} for v in (0, 5, 10)]


def change_chart(changes: list[Change], name: str, last: int = 20) -> dict[str, Any]:
    """One column per run: a dot before, a dot after, and a line between them."""
    shown = changes[-last:]
    slot = (WIDTH - LEFT) / max(len(shown), 1)
    columns = []
    for i, change in enumerate(shown):
        x = round(LEFT + slot * (i + 0.5), 1)
        columns.append(
            {
                "x": x,
                "change": change,
                "before_y": None if change.before is None else _y(change.before),
                "after_y": None if change.after is None else _y(change.after),
                "label": f"{change.when:%d %b}",
                "show_label": len(shown) <= 10 or i % max(1, len(shown) // 8) == 0,
            }
        )
    both = shown
    drops = [c.before - c.after for c in both if c.before is not None and c.after is not None]
    average = sum(drops) / len(drops) if drops else None
    return {
        "name": name.replace("_", " "),
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "baseline": HEIGHT - BOTTOM,
        "ticks": _ticks(),
        "columns": columns,
        "average_change": None if average is None else round(average, 1),
        "count": len(drops),
    }


def readings_chart(readings: dict[str, list[tuple[datetime, int]]], last: int = 30) -> dict[str, Any] | None:
    """Lines over time for single readings (the three circles first, then anything else)."""
    if not readings:
        return None
    names = [n for n in SERIES if n in readings] + sorted(n for n in readings if n not in SERIES)
    times = sorted({when for values in readings.values() for when, _ in values[-last:]})
    slot = (WIDTH - LEFT) / max(len(times), 1)
    x_of = {when: round(LEFT + slot * (i + 0.5), 1) for i, when in enumerate(times)}
    lines = []
    for name in names:
        points = [(x_of[when], _y(value), when, value) for when, value in readings[name][-last:] if when in x_of]
        lines.append(
            {
                "name": name.replace("_", " "),
                "css": name if name in SERIES else "other",
                "points": points,
                "path": " ".join(f"{x},{y}" for x, y, _, _ in points),
            }
        )
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "baseline": HEIGHT - BOTTOM,
        "ticks": _ticks(),
        "lines": lines,
        "labels": [
            {"x": x_of[t], "text": f"{t:%d %b}"} for i, t in enumerate(times) if i % max(1, len(times) // 8) == 0
        ],
    }
