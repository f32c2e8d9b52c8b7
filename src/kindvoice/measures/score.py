"""Scoring an administration exactly as the instrument's data file says, or refusing clearly."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from kindvoice.errors import InvalidInput
from kindvoice.measures.schema import Band, Instrument, Item


@dataclass(frozen=True)
class Score:
    instrument: str
    total: float
    subscales: dict[str, float]
    band: str | None
    flags: list[str] = field(default_factory=list)
    prorated: list[int] = field(default_factory=list)  # items whose missing answer was prorated
    bands: dict[str, str] = field(default_factory=dict)  # subscale → band, where subscales have bands

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Score:
        """A score as stored (`to_dict`), so exports say what was scored then, not re-scored now."""
        return cls(
            instrument=data["instrument"],
            total=data["total"],
            subscales=dict(data.get("subscales", {})),
            band=data.get("band"),
            flags=list(data.get("flags", [])),
            prorated=list(data.get("prorated_items", [])),
            bands=dict(data.get("subscale_bands", {})),
        )

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "instrument": self.instrument,
            "total": self.total,
            "subscales": self.subscales,
            "band": self.band,
            "flags": self.flags,
        }
        if self.bands:
            data["subscale_bands"] = self.bands
        if self.prorated:
            data["prorated_items"] = self.prorated
        return data


def as_answers(instrument: Instrument, values: Sequence[Any] | Mapping[Any, Any]) -> dict[int, int | None]:
    """Answers from a list in item order, or a mapping from item number; checked for type."""
    if isinstance(values, Mapping):
        pairs = list(values.items())
    else:
        if len(values) > len(instrument.items):
            raise InvalidInput(
                f"{instrument.short_name} has {len(instrument.items)} items, but {len(values)} answers were given."
            )
        pairs = list(enumerate(values, 1))
    answers: dict[int, int | None] = {}
    for key, value in pairs:
        try:
            number = int(key)
        except (TypeError, ValueError):
            raise InvalidInput(f"{key!r} is not an item number.") from None
        if not 1 <= number <= len(instrument.items):
            raise InvalidInput(
                f"{instrument.short_name} has no item {number}; its items are 1 to {len(instrument.items)}."
            )
        answers[number] = _value(instrument, instrument.items[number - 1], value)
    return answers


def _value(instrument: Instrument, item: Item, value: Any) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        value = int(value.strip())
    allowed = [o.value for o in instrument.options_for(item)]
    if isinstance(value, bool) or not isinstance(value, int) or value not in allowed:
        raise InvalidInput(
            f"Item {item.number} of the {instrument.short_name} takes one of {', '.join(map(str, allowed))}; "
            f"{value!r} is not one of them."
        )
    return value


def _reversed(instrument: Instrument, item: Item, value: int) -> int:
    values = [o.value for o in instrument.options_for(item)]
    return min(values) + max(values) - value


def score(instrument: Instrument, values: Sequence[Any] | Mapping[Any, Any]) -> Score:
    """Total, subscales, band and flags; refuses missing answers unless the manual allows prorating."""
    answers = as_answers(instrument, values)
    missing = [item.number for item in instrument.scored_items if answers.get(item.number) is None]
    if len(missing) > instrument.scoring.prorate_missing:
        listed = ", ".join(map(str, missing[:10])) + (" …" if len(missing) > 10 else "")
        rule = (
            f" (its manual allows at most {instrument.scoring.prorate_missing} missing)"
            if instrument.scoring.prorate_missing
            else ""
        )
        raise InvalidInput(
            f"The {instrument.short_name} can only be scored with every item answered{rule}; "
            f"item{'s' if len(missing) > 1 else ''} {listed} {'are' if len(missing) > 1 else 'is'} missing."
        )
    empty = [
        name for name, members in instrument.subscales.items() if not any(answers.get(n) is not None for n in members)
    ]
    if empty:
        part = empty[0].replace("_", " ")
        raise InvalidInput(f"The {instrument.short_name} can't be scored: no item of the {part} part is answered.")
    scored = {
        item.number: _reversed(instrument, item, v) if item.reverse else v
        for item in instrument.scored_items
        if (v := answers.get(item.number)) is not None
    }
    subscales = {name: _combine(instrument, [scored[n] for n in members if n in scored], len(members))
                 for name, members in instrument.subscales.items()}  # fmt: skip
    method = instrument.scoring.method
    if method == "mean_of_subscale_means":
        means = [_mean([scored[n] for n in members if n in scored]) for members in instrument.subscales.values()]
        total = _mean(means)
    elif method == "subscale_sums":
        total = sum(subscales.values())
    else:
        total = _combine(instrument, list(scored.values()), len(instrument.scored_items))
    total = round(total * instrument.scoring.multiply, 6)
    flags = [
        item.flag
        for item in instrument.items
        if item.flag_at is not None
        and (answers.get(item.number) or 0) >= item.flag_at
        and answers.get(item.number) is not None
    ]
    decimals = instrument.scoring.decimals
    return Score(
        instrument=instrument.id,
        total=_round(total, decimals),
        subscales={
            name: _round(value, decimals if method != "subscale_sums" else 0) for name, value in subscales.items()
        },
        band=band_for(instrument.bands, _round(total, decimals)),
        flags=flags,
        prorated=missing,
        bands={
            name: found
            for name, value in subscales.items()
            if (found := band_for(instrument.bands, _round(value, decimals), subscale=name)) is not None
        },
    )


def _combine(instrument: Instrument, values: list[int], count: int) -> float:
    """Sum (prorated to the full count when answers are missing) or mean, as the scoring says."""
    if not values:
        return 0.0
    if instrument.scoring.method in ("mean", "mean_of_subscale_means"):
        return _mean(values)
    return sum(values) * count / len(values)


def _mean(values: list[float] | list[int]) -> float:
    return sum(values) / len(values) if values else 0.0


def _round(value: float, decimals: int) -> float:
    """Whole numbers stay whole (a PHQ-9 total is 9, not 9.0); means keep their decimals."""
    rounded = round(value + 0.0, decimals)
    return int(rounded) if decimals == 0 and rounded == int(rounded) else rounded


def band_for(bands: list[Band], value: float, *, subscale: str = "") -> str | None:
    for band in bands:
        if band.subscale == subscale and band.min <= value <= band.max:
            return band.label
    return None


def meaning(instrument: Instrument, label: str | None, *, subscale: str = "") -> str:
    return next((b.meaning for b in instrument.bands if b.label == label and b.subscale == subscale), "")
