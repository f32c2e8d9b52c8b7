"""Reading content files (YAML checked against a schema) with errors a therapist can act on.

Practices, rule files and questionnaires are written by people who are not programmers, so
an error names the file, the line, the place in words ("step 4 (rating), field high") and
what to change, never a traceback or pydantic's own vocabulary.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from kindvoice.errors import InvalidInput

MAX_BYTES = 1_000_000  # a content file is prose and structure; anything bigger is a mistake


def read_yaml(path: Path) -> tuple[Any, yaml.Node | None]:
    """The file's data and its node tree (which knows the line of every value)."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise InvalidInput(f"{path}: cannot be read ({error.strerror}).") from None
    if len(raw) > MAX_BYTES:
        raise InvalidInput(f"{path}: is {len(raw):,} bytes; a content file may be at most {MAX_BYTES:,}.")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        bad_line = raw[: error.start].count(b"\n") + 1
        raise InvalidInput(
            f"{path}, line {bad_line}: is not UTF-8 text. Save the file as UTF-8 and try again."
        ) from None
    return parse_yaml(text, str(path))


def parse_yaml(text: str, where: str) -> tuple[Any, yaml.Node | None]:
    """YAML text (a file's, or one pasted into a form) and its node tree."""
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise InvalidInput(f"{where}: is longer than a content file may be ({MAX_BYTES:,} bytes).")
    try:
        return yaml.safe_load(text), yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f", line {mark.line + 1}" if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        raise InvalidInput(f"{where}{line}: is not valid YAML ({problem}). Check the indentation and quotes.") from None


def describer(lists: dict[str, str], tagged: frozenset[str] = frozenset()) -> Any:
    """Name a place in words: with {"steps": "step"}, ("steps", 3, "rating", "high") is
    "step 4 (rating), high". In `tagged` lists (pydantic unions), the kind follows the number."""

    def describe(loc: tuple[int | str, ...]) -> str:
        words: list[str] = []
        parts = list(loc)
        while parts:
            part = parts.pop(0)
            if isinstance(part, str) and part in lists and parts and isinstance(parts[0], int):
                number = int(parts.pop(0)) + 1
                tag = str(parts.pop(0)) if part in tagged and parts and isinstance(parts[0], str) else ""
                words.append(f"{lists[part]} {number}" + (f" ({tag})" if tag else ""))
            elif isinstance(part, int):
                words.append(f"entry {part + 1}")
            else:
                words.append(str(part))
        return ", ".join(words)

    return describe


def load[Schema: BaseModel](path: Path, schema: type[Schema], *, describe: Any = None) -> Schema:
    """Validate a YAML file against `schema`; `describe(loc)` may name a place in words."""
    data, root = read_yaml(path)
    return validate(data, schema, where=str(path), root=root, describe=describe)


def validate[Schema: BaseModel](
    data: Any, schema: type[Schema], *, where: str, root: yaml.Node | None = None, describe: Any = None
) -> Schema:
    try:
        return schema.model_validate(data)
    except ValidationError as error:
        problems = [_explain(e, where, root, describe) for e in error.errors()[:3]]
        more = len(error.errors()) - len(problems)
        tail = f"\n(and {more} more problem{'s' if more > 1 else ''})" if more > 0 else ""
        raise InvalidInput("\n".join(problems) + tail) from None


def line_of(root: yaml.Node | None, loc: tuple[int | str, ...]) -> int | None:
    """The line of the value at `loc`, or of the nearest enclosing value that exists."""
    node = root
    line = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            found = next((value for key, value in node.value if key.value == part), None)
            if found is None:
                continue  # a union's tag, or a key that is missing: stay on the mapping
            node = found
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            continue
        line = node.start_mark.line + 1
    return line


_PLAIN = {
    "missing": "is missing",
    "extra_forbidden": "is not a field that belongs here; check its spelling",
}


def _explain(error: Any, where: str, root: yaml.Node | None, describe: Any) -> str:
    loc = tuple(error["loc"])
    line = line_of(root, loc)
    place = describe(loc) if describe else ".".join(str(p) for p in loc)
    message = _PLAIN.get(error["type"]) or _lower_first(str(error["msg"]).removeprefix("Value error, "))
    if error["type"] == "string_type" and isinstance(error.get("input"), bool):
        # YAML reads a bare yes, no, on or off as true or false.
        message = f"YAML read it as {str(error['input']).lower()}; put the words in quotes"
    if error["type"] == "union_tag_invalid":
        message = f"{error['ctx']['tag']!r} is not a kind of step; use one of {error['ctx']['expected_tags']}"
    at = f", line {line}" if line else ""
    return f"{where}{at}: {place}: {message}." if place else f"{where}{at}: {message}."


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
