"""Loading rule files: YAML checked against a schema, with errors a therapist can act on."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from kindvoice.errors import InvalidInput


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RuleSpec(_Strict):
    id: str = Field(pattern=r"^[a-z_]+\.[a-z_]+$")
    category: Literal["suicidal_thoughts", "self_harm", "harm_from_others"]
    level: Literal["concern", "urgent"]
    form: Literal["direct", "indirect"]
    phrases: list[str] = Field(min_length=1)


class PhraseList(_Strict):
    phrases: list[str] = Field(min_length=1)


class CrisisRuleFile(_Strict):
    version: Literal[1]
    rules: list[RuleSpec] = Field(min_length=1)
    urgency: PhraseList
    not_crisis: PhraseList


class CriticRuleSpec(_Strict):
    id: str = Field(pattern=r"^[a-z_]+\.[a-z_]+$")
    phrases: list[str] = Field(min_length=1)


class CriticRuleFile(_Strict):
    version: Literal[1]
    macros: dict[str, str] = Field(default_factory=dict)
    rules: list[CriticRuleSpec] = Field(min_length=1)
    not_critic: PhraseList


def load_rule_file[Schema: BaseModel](path: Path, schema: type[Schema]) -> Schema:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise InvalidInput(f"{path}: cannot be read ({error}).") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f" at line {mark.line + 1}" if mark else ""
        raise InvalidInput(f"{path}: is not valid YAML{line}: {getattr(error, 'problem', error)}.") from None
    try:
        return schema.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise InvalidInput(f"{path}: {where}: {first['msg']}.") from None
