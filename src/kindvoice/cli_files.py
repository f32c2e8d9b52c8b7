"""Checking content files in the terminal: one line per file, ✓ or the problem, exit 1 if any."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape

from kindvoice.errors import InvalidInput

out = Console()


def check_files[Content](
    files: list[Path], load: Callable[[Path], Content], describe: Callable[[Content], str]
) -> None:
    failed = 0
    for path in files:
        try:
            content = load(path)
        except InvalidInput as error:
            failed += 1
            out.print(f"[red]✗[/red] {escape(error.message)}", highlight=False, soft_wrap=True)
        else:
            out.print(f"[green]✓[/green] {escape(f'{path}: {describe(content)}')}", highlight=False, soft_wrap=True)
    if failed:
        raise typer.Exit(1)
