"""What an instrument file says: items, options, reversals, subscales, scoring, bands, change rules.

Instruments are data so that a clinic can add one it has permission to use (the FSCRS, the
26-item SCS …) without code: the same loader and scorer run the built-in ones.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

ID = r"^[a-z][a-z0-9-]{1,39}$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Option(_Strict):
    value: int
    label: str = ""  # an option may be a bare number (the SCS-SF labels only its ends)


class Licence(_Strict):
    notice: str = Field(min_length=1)  # shown with the form, word for word
    url: str = ""
    note: str = ""  # for maintainers: where the permission comes from


class Item(_Strict):
    number: int = Field(ge=1)
    text: str = Field(min_length=1)
    reverse: bool = False
    scored: bool = True  # e.g. the PHQ-9's difficulty question is asked but not added up
    options: list[Option] | None = None  # when this item's options differ from the instrument's
    # Any answer at or above this value raises the flag (PHQ-9 item 9: any answer above 0).
    flag_at: int | None = None
    flag: str = ""
    loinc: str = ""
    note: str = ""  # e.g. doubtful punctuation in the sources, kept for whoever checks the PDF


class Band(_Strict):
    min: float
    max: float
    label: str = Field(min_length=1)
    meaning: str = Field(min_length=1)  # in plain, non-alarming words: what it means and does not
    subscale: str = ""  # empty: the band applies to the total


class ReliableChange(_Strict):
    """Either a published threshold in points (NHS Talking Therapies), or SD and reliability."""

    threshold: float | None = None
    sd: float | None = None
    reliability: float | None = Field(default=None, gt=0, lt=1)
    caseness_above: float | None = None  # "caseness": a score above this
    source: str = Field(min_length=1)

    @model_validator(mode="after")
    def _one_way(self) -> ReliableChange:
        if (self.threshold is None) == (self.sd is None or self.reliability is None):
            raise ValueError("give either `threshold`, or both `sd` and `reliability`")
        return self


class Scoring(_Strict):
    method: Literal["sum", "mean", "mean_of_subscale_means", "subscale_sums"]
    multiply: float = 1  # WHO-5: the raw sum times 4
    # Answers that may be missing and still be scored by prorating (the mean of the rest),
    # only where the instrument's manual allows it; 0 refuses any missing answer.
    prorate_missing: int = Field(default=0, ge=0)
    prorate_source: str = ""
    higher_is: Literal["better", "worse"]  # what direction an improvement takes
    decimals: int = Field(default=0, ge=0, le=3)
    show_total: bool = True  # the ProQOL is read by its three parts; their sum means nothing


class Instrument(_Strict):
    id: str = Field(pattern=ID)
    name: str = Field(min_length=1)
    short_name: str = Field(min_length=1, max_length=20)
    citation: str = Field(min_length=1)
    licence: Licence
    recall_days: int | None = Field(default=None, ge=1)  # the window it asks about; None: how one typically is
    instructions: str = Field(min_length=1)
    options: list[Option] = Field(min_length=2)
    items: list[Item] = Field(min_length=1)
    subscales: dict[str, list[int]] = Field(default_factory=dict)
    scoring: Scoring
    bands: list[Band] = Field(default_factory=list)
    bands_source: str = ""
    reliable_change: dict[str, ReliableChange] = Field(default_factory=dict)  # "total" or a subscale name
    loinc: str = ""  # the panel code, where one exists
    substitutions: dict[str, str] = Field(default_factory=dict)  # "[helper]": "helper", replaceable by the person
    notes: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> Instrument:
        numbers = [item.number for item in self.items]
        if numbers != list(range(1, len(numbers) + 1)):
            raise ValueError("items must be numbered 1, 2, 3 … in order")
        for name, members in self.subscales.items():
            unknown = [n for n in members if n not in numbers]
            if unknown:
                raise ValueError(f"subscale {name!r} names item {unknown[0]}, which does not exist")
        if self.scoring.method in ("mean_of_subscale_means", "subscale_sums") and not self.subscales:
            raise ValueError(f"scoring by {self.scoring.method} needs subscales")
        for band in self.bands:
            if band.subscale and band.subscale not in self.subscales:
                raise ValueError(f"a band names the subscale {band.subscale!r}, which is not defined")
        if self.bands and not self.bands_source:
            raise ValueError("bands need `bands_source`: where the cut-offs come from")
        return self

    def options_for(self, item: Item) -> list[Option]:
        return item.options or self.options

    @property
    def scored_items(self) -> list[Item]:
        return [item for item in self.items if item.scored]

    def text_of(self, item: Item, substitutions: dict[str, str] | None = None) -> str:
        """The item's words, with any allowed substitution ("[helper]" → "nurse")."""
        return self.substitute(item.text, substitutions)

    def substitute(self, text: str, substitutions: dict[str, str] | None = None) -> str:
        for slot, default in self.substitutions.items():
            text = text.replace(slot, (substitutions or {}).get(slot, default))
        return text


Answers = Annotated[dict[int, int | None], "item number → the value chosen (None: not answered)"]
