"""The docs keep up with the code: every setting and command is documented."""

from pathlib import Path

import pytest
from typer.main import get_command

from kindvoice.cli import app
from kindvoice.config import SETTINGS

ROOT = Path(__file__).parents[1]


def text(name: str) -> str:
    return (ROOT / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.name)
def test_every_setting_is_documented(setting) -> None:
    assert f"`{setting.name}`" in text("docs/configuration.md")


@pytest.mark.parametrize("name", sorted(get_command(app).commands), ids=str)  # type: ignore[attr-defined]
def test_every_top_level_command_is_in_the_readme(name: str) -> None:
    assert f"kindvoice {name}" in text("README.md")


def test_the_readme_gives_the_two_commands() -> None:
    readme = text("README.md")
    assert "make run" in readme and "make test" in readme
