"""What a practice file may say: a pydantic schema, one model per kind of step.

Practice files are written by us and by therapists, so every field has a plain name and a
sensible default, and anything not listed here is refused (a misspelt field is a mistake,
not something to ignore silently).
"""

from __future__ import annotations

import hashlib
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

TAGS = ("self-compassion", "compassion-for-others", "soothing", "helpers", "with-therapist")
Tag = Literal["self-compassion", "compassion-for-others", "soothing", "helpers", "with-therapist"]
STEP_ID = r"^[a-z][a-z0-9_]{0,39}$"
TEXT_MAX = 2_000
ShortText = Annotated[str, Field(min_length=1, max_length=200)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Strict):
    article: str = Field(min_length=1, max_length=40)  # the seed article's number, or a citation key
    title: str = Field(min_length=1, max_length=300)
    note: str = ""


class _Step(_Strict):
    id: str = Field(pattern=STEP_ID)
    text: str = Field(default="", max_length=TEXT_MAX)
    title: str = Field(default="", max_length=120)
    part: str = Field(default="", max_length=120)  # a heading that starts a new part (multi-day practices)
    skippable: bool = True
    when: str = ""  # a condition on earlier answers, e.g. "distress_before >= 8"


class Read(_Step):
    kind: Literal["read"]
    text: str = Field(min_length=1, max_length=TEXT_MAX)


class Prompt(_Step):
    kind: Literal["prompt"]
    text: str = Field(min_length=1, max_length=TEXT_MAX)
    placeholder: str = Field(default="", max_length=200)
    max_length: int = Field(default=5_000, ge=1, le=20_000)


class Choice(_Step):
    kind: Literal["choice"]
    text: str = Field(min_length=1, max_length=TEXT_MAX)
    options: list[ShortText] = Field(min_length=2, max_length=20)

    @field_validator("options")
    @classmethod
    def _distinct(cls, options: list[str]) -> list[str]:
        if len(set(options)) != len(options):
            raise ValueError("each option must be different")
        return options


class Checklist(Choice):
    kind: Literal["checklist"]  # type: ignore[assignment]
    options: list[ShortText] = Field(min_length=1, max_length=30)


class Rating(_Step):
    kind: Literal["rating"]
    text: str = Field(min_length=1, max_length=TEXT_MAX)
    low: str = Field(min_length=1, max_length=60)  # what the bottom of the scale means
    high: str = Field(min_length=1, max_length=60)
    min: int = 0
    max: int = 10
    # What the rating tracks over time (e.g. distress). "before" and "after" ratings of the
    # same thing are compared within a run; "now" is a single reading, charted across runs.
    records: str = Field(default="", pattern=r"^([a-z][a-z0-9_]{0,39})?$")
    moment: Literal["", "before", "after", "now"] = ""

    @model_validator(mode="after")
    def _scale(self) -> Rating:
        if self.min >= self.max:
            raise ValueError("min must be lower than max")
        if bool(self.records) != bool(self.moment):
            raise ValueError("`records` and `moment` go together: name what is rated, and when (before, after or now)")
        return self


class Timer(_Step):
    kind: Literal["timer"]
    seconds: int = Field(ge=5, le=3_600)
    end_text: str = Field(default="", max_length=300)  # said gently when the time is up


class Breathing(_Step):
    kind: Literal["breathing"]
    # 4.5 s in, 6.5 s out: about 5.5 breaths a minute, the soothing-rhythm pace.
    inhale: float = Field(default=4.5, ge=1, le=12)
    hold: float = Field(default=0, ge=0, le=10)
    exhale: float = Field(default=6.5, ge=1, le=15)
    seconds: int = Field(default=120, ge=10, le=1_800)

    @property
    def breaths_per_minute(self) -> float:
        return 60 / (self.inhale + self.hold + self.exhale)


class Paced(_Step):
    kind: Literal["paced"]
    lines: list[Annotated[str, Field(min_length=1, max_length=400)]] = Field(min_length=1, max_length=60)
    seconds_per_line: int = Field(default=10, ge=2, le=120)


class ListBuilder(_Step):
    kind: Literal["list"]
    text: str = Field(min_length=1, max_length=TEXT_MAX)
    # The person's list this step builds or picks from, e.g. soothing_menu (written `list:`).
    list_name: str = Field(alias="list", pattern=STEP_ID)
    mode: Literal["build", "pick"] = "build"
    suggestions: list[ShortText] = Field(default_factory=list)


class LookBack(_Step):
    kind: Literal["look_back"]
    text: str = Field(min_length=1, max_length=TEXT_MAX)
    # A step of this practice ("moment"), or of another one ("one-small-act-today.act").
    step: str = Field(pattern=r"^([a-z0-9-]+\.)?[a-z][a-z0-9_]{0,39}$")
    limit: int = Field(default=5, ge=1, le=50)


class Photo(_Step):
    kind: Literal["photo"]
    text: str = Field(min_length=1, max_length=TEXT_MAX)


Step = Annotated[
    Read | Prompt | Choice | Checklist | Rating | Timer | Breathing | Paced | ListBuilder | LookBack | Photo,
    Field(discriminator="kind"),
]
STEP_KINDS = (
    "read",
    "prompt",
    "choice",
    "checklist",
    "rating",
    "timer",
    "breathing",
    "paced",
    "list",
    "look_back",
    "photo",
)
# Steps whose answer is words a person wrote: encrypted at rest and read for crisis language.
FREE_TEXT_KINDS = ("prompt", "list")


class Practice(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9-]{1,59}$")
    title: str = Field(min_length=1, max_length=120)
    purpose: str = Field(min_length=1, max_length=200)  # one line: what it is for
    minutes: int = Field(ge=1, le=240)  # a duration estimate for one sitting
    source: Source
    tags: list[Tag] = Field(min_length=1)
    for_right_now: bool = False  # offered first when distress is high
    best_with_therapist: bool = False
    days: int = Field(default=1, ge=1, le=60)  # practices done over several days
    steps: list[Step] = Field(min_length=1, max_length=80)

    @property
    def version(self) -> str:
        """A short fingerprint, kept with each run so that later edits never confuse old answers."""
        return hashlib.sha256(self.model_dump_json().encode("utf-8")).hexdigest()[:12]

    def step(self, step_id: str) -> Step:
        return next(s for s in self.steps if s.id == step_id)
