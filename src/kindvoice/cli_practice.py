"""`kindvoice practice …`: the practice library in the terminal, one calm step at a time.

At any question, type /skip, /back or /pause; Ctrl-C pauses too, and keeps every answer so far.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.live import Live
from rich.panel import Panel
from rich.table import Table

from kindvoice.cli_journal import AsOption, whose
from kindvoice.errors import InvalidInput

if TYPE_CHECKING:
    from kindvoice.apps.practices.models import Run
    from kindvoice.practices import Runner
    from kindvoice.practices.schema import Step

practice_app = typer.Typer(help="Guided practices: list, run, look back.", no_args_is_help=True)
out = Console()
COMMANDS = ("/skip", "/back", "/pause")


class Paused(Exception):
    """The person asked to stop for now."""


class Move(Exception):
    def __init__(self, command: str):
        self.command = command


@practice_app.command("list")
def list_practices(
    as_json: Annotated[bool, typer.Option("--json", help="One JSON array: id, title, tags, source, minutes")] = False,
) -> None:
    """The practice library."""
    from kindvoice.practices import builtin

    practices = list(builtin().values())
    if as_json:
        rows = [
            {
                "id": p.id,
                "title": p.title,
                "purpose": p.purpose,
                "tags": list(p.tags),
                "source": p.source.model_dump(),
                "minutes": p.minutes,
                "days": p.days,
                "for_right_now": p.for_right_now,
                "best_with_therapist": p.best_with_therapist,
            }
            for p in practices
        ]
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    table = Table("practice", "min")
    table.add_column("id", no_wrap=True, style="cyan")
    for p in practices:
        table.add_row(f"{p.title}\n[dim]{p.purpose}[/dim]", str(p.minutes), p.id)
    out.print(table)
    out.print("[dim]Begin one with: kindvoice practice run ID[/dim]")


@practice_app.command("validate")
def validate(files: Annotated[list[Path], typer.Argument(help="Practice files (YAML) to check")]) -> None:
    """Check practice files: every problem named with its file and line, and every step reachable."""
    from kindvoice.cli_files import check_files
    from kindvoice.practices import Practice, load_practice
    from kindvoice.practices.walk import unreachable

    def load(path: Path) -> Practice:
        practice = load_practice(path)
        stranded = unreachable(practice)
        if stranded:
            raise InvalidInput(
                f"{path}: no answers can ever reach the step{'s' if len(stranded) > 1 else ''} "
                f"{', '.join(stranded)}; check the conditions that lead there."
            )
        return practice

    check_files(files, load, lambda practice: f"{practice.title}, {len(practice.steps)} steps")


@practice_app.command("history")
def history(as_: AsOption = None) -> None:
    """Your practice runs, newest first, with ratings before and after."""
    from kindvoice.apps.practices.models import Run

    runs = list(Run.objects.filter(user=whose(as_))[:100])
    if not runs:
        out.print("No practices yet. `kindvoice practice list` shows them all.")
        return
    table = Table("run", "started", "practice", "ratings", "")
    for run in runs:
        ratings = "; ".join(
            f"{name} " + " → ".join(str(pair[k]) for k in ("before", "after", "now") if k in pair)
            for name, pair in run.ratings.items()
        )
        table.add_row(str(run.pk), f"{run.started:%Y-%m-%d %H:%M}", run.title, ratings, "paused" if run.paused else "")
    out.print(table)


@practice_app.command("run")
def run_practice(
    practice_id: Annotated[str, typer.Argument(help="The practice's id (see `kindvoice practice list`)")],
    new: Annotated[bool, typer.Option("--new", help="Start afresh instead of resuming a paused run")] = False,
    as_: AsOption = None,
) -> None:
    """Do a practice, one step at a time. Ctrl-C (or /pause) pauses and keeps your answers."""
    from kindvoice.apps.practices.models import Run

    user = whose(as_)
    from kindvoice.apps.care.models import practice_for

    practice = practice_for(user, practice_id)
    run = None if new else Run.objects.filter(user=user, practice_id=practice.id, finished=None).first()
    if run is None:
        run = Run.begin(user, practice)
        out.print(Panel(f"[bold]{practice.title}[/bold]\n{practice.purpose}", subtitle=f"about {practice.minutes} min"))
        out.print("[dim]Type /skip, /back or /pause at any question. Ctrl-C pauses too.[/dim]\n")
    else:
        out.print(f"[bold]Welcome back.[/bold] Continuing {practice.title} where you left off.\n")
    runner = run.runner()
    try:
        _steps(run, runner, user)
    except (Paused, KeyboardInterrupt, EOFError, typer.Abort):  # Ctrl-C at a question arrives as Abort
        run.keep(runner)
        out.print("\n[bold]Paused.[/bold] Everything so far is kept.")
        out.print(f"Continue with: kindvoice practice run {practice.id}", highlight=False)
        return
    run.keep(runner)
    out.print("\n[bold]Thank you for taking this time.[/bold] However it went, you gave yourself some care.")
    for name, pair in runner.ratings().items():
        if "before" in pair and "after" in pair:
            out.print(f"{name.capitalize()}: {pair['before']} before, {pair['after']} after.")


def _steps(run: Run, runner: Runner, user: Any) -> None:
    while (step := runner.current) is not None:
        done, total = runner.progress()
        heading = step.title or runner.practice.title
        if step.part:
            out.print(f"\n[bold cyan]{step.part}[/bold cyan]")
        out.print(f"\n[dim]step {done + 1} of {total}[/dim]  [bold]{heading}[/bold]")
        try:
            value = _ask(run, runner, step, user)
        except InvalidInput as error:
            out.print(f"[yellow]{error.message}[/yellow]", highlight=False)
            continue
        except Move as move:
            if move.command == "/pause":
                raise Paused from None
            if move.command == "/back":
                if runner.back() is None:
                    out.print("[dim]This is the first step.[/dim]")
                continue
            try:
                runner.skip()
            except InvalidInput as error:
                out.print(f"[yellow]{error.message}[/yellow]")
            run.keep(runner)
            continue
        try:
            answered = runner.answer(value)
        except InvalidInput as error:
            out.print(f"[yellow]{error.message}[/yellow]")
            continue
        from kindvoice.apps.practices.models import PersonalList

        PersonalList.remember(user, answered, runner.state.answers[answered.id])
        run.keep(runner)
        if answered.kind in ("prompt", "list"):
            _safety(run, runner, user)


def _safety(run: Run, runner: Runner, user: Any) -> None:
    from kindvoice.cli_language import safety_panel

    if run.crisis_level(runner) != "none" and not getattr(run, "_panel_shown", False):
        out.print()
        safety_panel(user.region)
        run._panel_shown = True  # type: ignore[attr-defined]  # once per sitting is enough


def _line(prompt: str = "›") -> str:
    answer = str(typer.prompt(prompt, default="", show_default=False)).strip()
    if answer.lower() in COMMANDS:
        raise Move(answer.lower())
    return answer


def _ask(run: Run, runner: Runner, step: Step, user: Any) -> Any:
    kind = step.kind
    if step.text and kind not in ("prompt", "choice", "checklist", "rating", "list"):
        out.print(step.text, highlight=False)
    if kind == "prompt":
        out.print(step.text, highlight=False)
        draft = runner.state.drafts.get(step.id)
        if draft:
            out.print(f"[dim]You had started: {draft}[/dim]")
        return _line()
    if kind in ("choice", "checklist"):
        out.print(step.text, highlight=False)
        options = step.options  # type: ignore[union-attr]
        for number, option in enumerate(options, 1):
            out.print(f"  {number}. {option}", highlight=False)
        hint = "a number" if kind == "choice" else "numbers separated by commas (or leave empty)"
        picked = [_option(part, options) for part in _line(f"Choose {hint}").replace(",", " ").split()]
        return picked[0] if kind == "choice" and picked else picked if kind == "checklist" else ""
    if kind == "rating":
        out.print(step.text, highlight=False)
        return _line(f"{step.min} ({step.low}) to {step.max} ({step.high})")  # type: ignore[union-attr]
    if kind == "list":
        return _list(step, user)
    if kind == "look_back":
        from kindvoice.apps.practices.insights import earlier_answers

        practice_id, _, step_id = step.step.rpartition(".")  # type: ignore[union-attr]
        earlier = earlier_answers(user, practice_id or run.practice_id, step_id, step.limit, exclude=run.pk)  # type: ignore[union-attr]
        for when, value in earlier:
            shown = ", ".join(value) if isinstance(value, list) else value
            out.print(f"  [dim]{when:%d %B %Y}[/dim] {shown}", highlight=False)
        if not earlier:
            out.print("[dim]Nothing to look back on yet; next time, today's answer will be here.[/dim]")
    elif kind == "breathing":
        _breathe(step)
    elif kind == "timer":
        _countdown(step.seconds, step.end_text)  # type: ignore[union-attr]
    elif kind == "paced":
        for line in step.lines:  # type: ignore[union-attr]
            out.print(f"  {line}", highlight=False)
            time.sleep(step.seconds_per_line)  # type: ignore[union-attr]
    elif kind == "photo":
        out.print("[dim]Photos can be attached in the browser. Skipping this step here.[/dim]")
        raise Move("/skip")
    _line("Press Enter to continue")
    return True


def _option(part: str, options: list[str]) -> str:
    if part.isdigit() and 1 <= int(part) <= len(options):
        return options[int(part) - 1]
    raise InvalidInput(f"{part!r} is not one of the numbers shown.")


def _list(step: Step, user: Any) -> Any:
    from kindvoice.apps.practices.models import PersonalList

    items = PersonalList.of(user, step.list_name)  # type: ignore[union-attr]
    out.print(step.text, highlight=False)
    if step.mode == "pick":  # type: ignore[union-attr]
        for number, item in enumerate(items, 1):
            out.print(f"  {number}. {item}", highlight=False)
        answer = _line("A number, or write something new")
        return items[int(answer) - 1] if answer.isdigit() and 1 <= int(answer) <= len(items) else answer
    if items:
        out.print("Your list so far: " + "; ".join(items), highlight=False)
    if step.suggestions:  # type: ignore[union-attr]
        out.print("[dim]Ideas: " + "; ".join(step.suggestions) + "[/dim]", highlight=False)  # type: ignore[union-attr]
    out.print("[dim]Add one thing per line; an empty line ends. Your list keeps what is already on it.[/dim]")
    added = []
    while line := _line("+"):
        added.append(line)
    return [*items, *added]


def _countdown(seconds: int, end_text: str = "") -> None:
    with Live(console=out, transient=True) as live:
        for left in range(seconds, 0, -1):
            live.update(f"[cyan]{left // 60}:{left % 60:02d}[/cyan] [dim](Ctrl-C pauses)[/dim]")
            time.sleep(1)
    out.print(end_text or "That's the time. Stay as long as you like, then carry on when you're ready.")


def _breathe(step: Step) -> None:
    phases = [("Breathe in", step.inhale), ("Hold", step.hold), ("Breathe out", step.exhale)]  # type: ignore[union-attr]
    elapsed = 0.0
    with Live(console=out, transient=True) as live:
        while elapsed < step.seconds:  # type: ignore[union-attr]
            for name, length in phases:
                if length <= 0:
                    continue
                # Whole seconds shown as dots, then the fraction left: 4.5 s in is 4.5 s, not 4 or 5.
                for second in range(int(length)):
                    live.update(f"[bold cyan]{name}[/bold cyan] {'●' * (second + 1)}")
                    time.sleep(1)
                time.sleep(length - int(length))
                elapsed += length
    out.print("That's the time. Let your breath find its own pace.")
