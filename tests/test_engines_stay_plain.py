"""The engines are plain Python: they must not import Django, so they work as libraries."""

import ast
from pathlib import Path

import pytest

import kindvoice

PACKAGE = Path(kindvoice.__file__).parent
PLAIN = ["language", "practices", "measures", "keys.py", "config.py", "errors.py", "text.py", "datafile.py"]


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("part", PLAIN)
def test_engine_and_core_modules_import_no_django(part: str) -> None:
    target = PACKAGE / part
    files = [target] if target.is_file() else sorted(target.rglob("*.py"))
    assert files
    for file in files:
        offenders = {m for m in imported_modules(file) if m == "django" or m.startswith(("django.", "ninja"))}
        assert not offenders, f"{file.relative_to(PACKAGE)} imports {offenders}"


def test_the_sentence_splitter_keeps_positions_and_handles_unpunctuated_lines() -> None:
    from kindvoice.language import split_sentences

    text = "I messed up again. Why am I like this?!\nno one would care  \n\n  ok"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "I messed up again.",
        "Why am I like this?!",
        "no one would care",
        "ok",
    ]
    for s in sentences:
        assert text[s.start : s.end] == s.text
