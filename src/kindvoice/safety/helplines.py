"""Load helplines.yaml, check every entry has its source and checked date, and pick by region."""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, HttpUrl, ValidationError, model_validator

from kindvoice.errors import InvalidInput

INTERNATIONAL = "international"


class Helpline(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    call: str | None = None
    text: str | None = None
    url: HttpUrl | None = None
    hours: str
    source: HttpUrl
    checked: date
    checked_how: str = Field(min_length=10)

    @model_validator(mode="after")
    def _reachable(self) -> Helpline:
        if not (self.call or self.text or self.url):
            raise ValueError("a helpline needs a number to call, a number to text, or a web address")
        return self

    @property
    def tel(self) -> str | None:
        return "tel:" + re.sub(r"[^\d+]", "", self.call) if self.call else None

    @property
    def sms(self) -> str | None:
        return "sms:" + re.sub(r"[^\d+]", "", self.text) if self.text else None


class Region(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = ""
    name: str
    emergency: str
    helplines: list[Helpline] = Field(min_length=1)

    @property
    def emergency_tel(self) -> str | None:
        """A call link only when the emergency entry is a number, not words about one."""
        if not re.fullmatch(r"[\d ]{2,6}", self.emergency.strip()):
            return None
        return "tel:" + re.sub(r"\D", "", self.emergency)


class HelplineFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: Literal[1]
    regions: dict[str, Region]


def load(path: Path) -> dict[str, Region]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        parsed = HelplineFile.model_validate(data)
    except (OSError, yaml.YAMLError) as error:
        raise InvalidInput(f"{path}: cannot be read as YAML ({error}).") from None
    except ValidationError as error:
        first = error.errors()[0]
        raise InvalidInput(f"{path}: {'.'.join(str(p) for p in first['loc'])}: {first['msg']}.") from None
    if INTERNATIONAL not in parsed.regions:
        raise InvalidInput(f"{path}: needs an 'international' region for everyone else.")
    return {code: region.model_copy(update={"code": code}) for code, region in parsed.regions.items()}


@cache
def regions() -> dict[str, Region]:
    return load(Path(str(resources.files("kindvoice.safety") / "helplines.yaml")))


def helplines_for(code: str | None) -> Region:
    """The region's helplines, or the international directory when there is no entry for it."""
    known = regions()
    return known.get((code or "").upper()) or known[INTERNATIONAL]
