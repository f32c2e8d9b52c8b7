"""`kindvoice measure …`: questionnaires in the terminal, and scoring for other tools."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from kindvoice.cli_journal import AsOption, whose
from kindvoice.errors import InvalidInput

measure_app = typer.Typer(help="Validated questionnaires: list, take, look back, score.", no_args_is_help=True)
out = Console()


@measure_app.command("list")
def list_measures() -> None:
    """The instruments available (built in, and any your clinic added; a broken file is named)."""
    from kindvoice.apps.measures.models import clinic_folder
    from kindvoice.measures import instruments

    problems: list[str] = []
    found_all = instruments(clinic_folder(), problems)
    table = Table("instrument", "items", "about")
    table.add_column("id", no_wrap=True, style="cyan")
    for found in found_all.values():
        window = f"the last {found.recall_days} days" if found.recall_days else "how you typically are"
        table.add_row(found.name, str(len(found.items)), window, found.id)
    out.print(table)
    for problem in problems:
        out.print(f"[yellow]Left out:[/yellow] {escape(problem)}", soft_wrap=True)


@measure_app.command("validate")
def validate(files: Annotated[list[Path], typer.Argument(help="Instrument files (YAML) to check")]) -> None:
    """Check instrument files before putting them in the clinic folder; each problem named with its line."""
    from kindvoice.cli_files import check_files
    from kindvoice.measures import load_instrument

    check_files(files, load_instrument, lambda found: f"{found.name}, {len(found.items)} items")


@measure_app.command("score")
def score_answers(
    instrument_id: Annotated[str, typer.Argument(help="The instrument's id, e.g. phq-9")],
    answers: Annotated[str, typer.Option("--answers", help="The answers in item order, e.g. 1,2,0,3")],
) -> None:
    """Score answers and print the result as JSON, saving nothing."""
    from kindvoice.apps.measures.models import instrument
    from kindvoice.measures import score

    parts = [part.strip() for part in answers.split(",")]
    values: list[int | None] = []
    for part in parts:
        if part == "":
            values.append(None)
        elif part.lstrip("-").isdigit():
            values.append(int(part))
        else:
            raise InvalidInput(f"{part!r} is not a number; give the answers like 1,2,0,3.")
    typer.echo(json.dumps(score(instrument(instrument_id), values).to_dict(), ensure_ascii=False))


@measure_app.command("take")
def take(
    instrument_id: Annotated[str, typer.Argument(help="The instrument's id (see `kindvoice measure list`)")],
    role: Annotated[str, typer.Option(help="ProQOL: your role, in place of 'helper' (e.g. nurse)")] = "",
    as_: AsOption = None,
) -> None:
    """Answer a questionnaire one item at a time; each answer is kept as you go (Ctrl-C to stop)."""
    from kindvoice.apps.measures.models import Administration, instrument
    from kindvoice.cli_language import safety_panel

    user = whose(as_)
    found = instrument(instrument_id)
    administration = Administration.in_progress(user, found.id)
    if role:
        from kindvoice.text import check_text

        administration.save_answers(
            {}, role=check_text(role.strip(), label="Your role", max_length=40, allow_markup=False)
        )
    instructions = escape(found.substitute(found.instructions, administration.substitutions))
    out.print(f"[bold]{escape(found.name)}[/bold]\n{instructions}\n", highlight=False)
    shown_panel = False
    try:
        for item in found.items:
            if administration.answers.get(item.number) is not None:
                continue
            options = found.options_for(item)
            text = found.text_of(item, administration.substitutions)
            out.print(f"[bold]{item.number}.[/bold] {escape(text)}", highlight=False)
            out.print("   " + "   ".join(f"{o.value} {o.label}".strip() for o in options), highlight=False)
            while True:
                typed = str(typer.prompt("  your answer", default="", show_default=False)).strip()
                if typed == "" and not item.scored:
                    break
                if typed == "":
                    out.print("  Please choose one of the numbers above (Ctrl-C stops and keeps your answers).")
                    continue
                try:
                    administration.save_answers({item.number: typed})
                    break
                except InvalidInput as error:
                    out.print(f"  [yellow]{error.message}[/yellow]", highlight=False)
            value = administration.answers.get(item.number)
            if item.flag == "safety" and item.flag_at is not None and value is not None and value >= item.flag_at:
                if not shown_panel:
                    out.print()
                    safety_panel(user.region)
                    shown_panel = True
        result = administration.complete()
    except (KeyboardInterrupt, EOFError, typer.Abort):
        out.print(f"\nStopped. Your answers so far are kept: `kindvoice measure take {found.id}` carries on.")
        return
    band = f" ({result['band']})" if result["band"] else ""
    out.print(f"\n[bold]{found.short_name}: {result['total']}[/bold]{band}")
    from kindvoice.measures.score import meaning

    if result["band"]:
        out.print(meaning(found, result["band"]), highlight=False)
    for name, value in result["subscales"].items():
        band = result.get("subscale_bands", {}).get(name)
        out.print(f"  {name.replace('_', ' ')}: {value}" + (f" ({band})" if band else ""), highlight=False)
    change = administration.change_since(administration.previous())
    if change is not None:
        out.print(f"Since last time: {change.before:g} → {change.after:g} ({change.verdict}).")
    out.print("[dim]A snapshot of how things have been, not a diagnosis.[/dim]")
    out.print(f"[dim]{found.licence.notice}[/dim]", highlight=False)


@measure_app.command("history")
def history(
    instrument_id: Annotated[str | None, typer.Argument(help="Only this instrument")] = None,
    as_: AsOption = None,
) -> None:
    """Your results, newest first, with reliable change from the time before."""
    from kindvoice.apps.measures.models import Administration

    found = list(Administration.completed_for(whose(as_), instrument_id)[:200])
    if not found:
        out.print("No results yet. `kindvoice measure list` shows what you can take.")
        return
    table = Table("date", "instrument", "total", "band", "change")
    for administration in found:
        change = administration.change_since(administration.previous())
        data = administration.result
        table.add_row(
            f"{administration.completed:%Y-%m-%d}" if administration.completed else "",
            administration.instrument_id,
            str(data.get("total")),
            data.get("band") or "",
            "" if change is None else f"{change.difference:+g} {change.verdict}",
        )
    out.print(table)
