"""A chart of every administration of one instrument: bands shaded, reliable changes marked."""

from __future__ import annotations

from typing import Any

from kindvoice.apps.measures.models import Administration
from kindvoice.measures import Instrument

WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, BOTTOM, TOP = 44, 12, 30, 12


def scale_of(instrument: Instrument) -> tuple[float, float]:
    """The lowest and highest possible total."""
    low = min(o.value for o in instrument.options)
    high = max(o.value for o in instrument.options)
    count = len(instrument.scored_items)
    method = instrument.scoring.method
    factor = instrument.scoring.multiply
    if method in ("mean", "mean_of_subscale_means"):
        return low * factor, high * factor
    return low * count * factor, high * count * factor


def chart(instrument: Instrument, administrations: list[Administration]) -> dict[str, Any]:
    low, high = scale_of(instrument)
    span = (high - low) or 1
    plot_h = HEIGHT - BOTTOM - TOP

    def y(value: float) -> float:
        return round(HEIGHT - BOTTOM - plot_h * (value - low) / span, 1)

    shown = [a for a in administrations if a.total is not None][-24:]
    slot = (WIDTH - LEFT - RIGHT) / max(len(shown), 1)
    points = []
    previous = None
    for i, administration in enumerate(shown):
        change = administration.change_since(previous)
        points.append(
            {
                "x": round(LEFT + slot * (i + 0.5), 1),
                "y": y(administration.total or 0),
                "total": administration.result.get("total"),
                "band": administration.result.get("band") or "",
                "when": administration.completed,
                "change": change,
                "reliable": change is not None and change.verdict in ("improved", "deteriorated"),
            }
        )
        previous = administration
    bands = [
        {
            "label": band.label,
            "y": y(min(band.max, high)),
            "h": round(y(max(band.min, low)) - y(min(band.max, high)), 1),
            "index": index % 4,
        }
        for index, band in enumerate(b for b in instrument.bands if not b.subscale)
    ]
    ticks = sorted({low, high, *(b.min for b in instrument.bands if not b.subscale and low < b.min < high)})
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "points": points,
        "path": " ".join(f"{p['x']},{p['y']}" for p in points),
        "bands": bands,
        "ticks": [{"value": f"{t:g}", "y": y(t)} for t in ticks],
        "baseline": HEIGHT - BOTTOM,
    }
