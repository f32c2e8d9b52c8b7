"""Change between two administrations: reliable or not, and only where a published rule allows saying so.

Jacobson & Truax (1991): SE = SD·√(1 − r), S_diff = √2·SE, a change is reliable when it is
larger than 1.96·S_diff. Where NHS Talking Therapies publish a threshold in points (PHQ-9: 6,
GAD-7: 4) that threshold is used instead. An instrument with neither gets the raw difference
and no claim at all.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Literal

from kindvoice.measures.schema import Instrument

Direction = Literal["improved", "deteriorated", "no reliable change", "unknown"]


@dataclass(frozen=True)
class Change:
    scale: str  # "total" or a subscale
    before: float
    after: float
    difference: float
    threshold: float | None  # points needed for a reliable change; None: no published basis
    verdict: Direction
    source: str
    recovered: bool | None = None  # moved from caseness to below it, with reliable improvement

    def to_dict(self) -> dict[str, Any]:
        return {
            "scale": self.scale,
            "before": self.before,
            "after": self.after,
            "difference": self.difference,
            "reliable_change_threshold": self.threshold,
            "verdict": self.verdict,
            "source": self.source,
            "reliable_recovery": self.recovered,
        }


def threshold(sd: float, reliability: float) -> float:
    """Points of change needed for a reliable change (p < .05)."""
    standard_error = sd * math.sqrt(1 - reliability)
    return 1.96 * math.sqrt(2) * standard_error


def compare(instrument: Instrument, before: float, after: float, scale: str = "total") -> Change:
    difference = round(after - before, 6)
    rule = instrument.reliable_change.get(scale)
    if rule is None:
        return Change(scale, before, after, difference, None, "unknown", "no published basis for reliable change")
    points = rule.threshold if rule.threshold is not None else threshold(rule.sd or 0, rule.reliability or 0)
    better = difference > 0 if instrument.scoring.higher_is == "better" else difference < 0
    if abs(difference) < points - 1e-9:
        verdict: Direction = "no reliable change"
    else:
        verdict = "improved" if better else "deteriorated"
    recovered = None
    if rule.caseness_above is not None:
        was_case = before > rule.caseness_above
        recovered = was_case and after <= rule.caseness_above and verdict == "improved"
    return Change(scale, before, after, difference, round(points, 2), verdict, rule.source, recovered)
