"""`kindvoice analyze` and `kindvoice model …`: the language engine from the terminal."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from kindvoice.language import Analysis

out = Console()
err = Console(stderr=True)
model_app = typer.Typer(help="Train and evaluate the language engine's heads.", no_args_is_help=True)
DEFAULT_DATA_DIR = Path("../shared/data")
MAX_LINE = 100_000


def analyze(
    text: Annotated[str | None, typer.Argument(help="The text to analyse")] = None,
    jsonl: Annotated[
        bool, typer.Option("--jsonl", help="Read one text per line on stdin; write one JSON object per line")
    ] = False,
) -> None:
    """Analyse text offline: crisis language, the inner critic, Neff's components, thinking traps."""
    from kindvoice.language import analyze as run

    if jsonl:
        for number, line in enumerate(sys.stdin, 1):
            line = line.rstrip("\r\n")
            if len(line) > MAX_LINE:
                err.print(f"Line {number} is longer than {MAX_LINE:,} characters; skipped.")
                continue
            sys.stdout.write(json.dumps(run(line).to_dict(), ensure_ascii=False) + "\n")
            sys.stdout.flush()
        return
    if text is None:
        err.print('Give a text, e.g. kindvoice analyze "I messed up again", or use --jsonl with stdin.')
        raise typer.Exit(1)
    show(run(text))


def safety_panel(region_code: str | None) -> None:
    """The safety panel, in the terminal: the same helplines file as the web page."""
    from kindvoice.safety import helplines_for

    region = helplines_for(region_code)
    out.print(
        "[bold magenta]What you wrote sounds really painful. You don't have to face this alone.[/bold magenta]\n"
        "If you might act on it, or you are not safe right now, please reach out now:"
    )
    for line in region.helplines:
        ways = ", ".join(
            part
            for part in (
                line.call and f"call {line.call}",
                line.text and f"text {line.text}",
                line.url and str(line.url),
            )
            if part
        )
        out.print(f"  • {line.name}: {ways} ({line.hours})", highlight=False)
    out.print(f"  • In an emergency: {region.emergency}", highlight=False)
    out.print("Your safety plan is in kindvoice, under Safety plan.\n")


def show(analysis: Analysis, region_code: str | None = None) -> None:
    """A readable analysis: the text with its critic and crisis phrases marked, then the findings."""
    marked = Text(analysis.text)
    for sentence in analysis.sentences:
        for evidence in sentence.critic.evidence:
            marked.stylize("bold yellow", evidence.start, evidence.end)
        for evidence in sentence.crisis.evidence:
            marked.stylize("bold magenta", evidence.start, evidence.end)
    out.print(marked)
    out.print()
    if analysis.crisis.level != "none":
        safety_panel(region_code)
    for sentence in analysis.sentences:
        if sentence.suggestions:
            out.print(
                f"[yellow]“{sentence.text}”[/yellow] — suggestions from the app, what a kind voice might say:",
                highlight=False,
            )
            for suggestion in sentence.suggestions:
                out.print(f"  • {suggestion.text}", highlight=False)
            out.print()
    table = Table(show_header=False, box=None, padding=(0, 2))
    critic = analysis.critic
    table.add_row("inner critic", f"{'yes' if critic.flag else 'no'} ({critic.score:.2f})")
    components = ", ".join(f"{k.replace('_', ' ')} {v:.2f}" for k, v in analysis.components.items() if v >= 0.5)
    table.add_row("Neff's components", components or "none clearly present")
    traps = ", ".join(f"{name} ({score:.2f})" for name, score in analysis.traps)
    table.add_row("might be a thinking trap", traps or "none stands out")
    table.add_row("reaction", analysis.reaction or "none evident")
    out.print(table)
    out.print("[dim]Suggestions from the app, not verdicts: you know your own words best.[/dim]")


@model_app.command("train")
def train(
    output: Annotated[
        Path | None, typer.Option(help="Where to write the heads [default: the installed package]")
    ] = None,
) -> None:
    """Train every head on kindvoice's own corpora (fixed train split) and save the weights."""
    from rich.progress import Progress

    from kindvoice.language import embeddings, engine, training

    folder = output or engine.HEADS_DIR
    with Progress(console=err, transient=True) as progress:
        task = progress.add_task("loading the model", total=len(engine.HEAD_NAMES))
        heads = training.train_all(
            embeddings.encode, progress=lambda name: progress.update(task, description=name, advance=1)
        )
    for head in heads.values():
        head.save(folder)
    out.print(f"Saved {len(heads)} heads to {folder}. Run `kindvoice model evaluate` for their scores.")


@model_app.command("evaluate")
def evaluate(
    data_dir: Annotated[Path, typer.Option(help="Outside datasets used only for evaluation")] = DEFAULT_DATA_DIR,
    json_out: Annotated[Path | None, typer.Option("--json", help="Also write every number to this JSON file")] = None,
) -> None:
    """Score the engine on every held-out set and print a table."""
    from rich.progress import Progress

    from kindvoice.language import evaluation
    from kindvoice.language.engine import default_engine

    steps = 8
    with Progress(console=err, transient=True) as progress:
        task = progress.add_task("evaluating", total=steps)
        results = evaluation.evaluate(
            default_engine(), data_dir, progress=lambda name: progress.update(task, description=name, advance=1)
        )
    if json_out:
        json_out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    table = Table("held-out set", "n", "result")
    crisis = results["crisis"]
    table.add_row(
        "crisis (ours, test)",
        str(crisis["n"]),
        f"recall {crisis['recall']}, by form {crisis['recall_by_form']}, "
        f"urgent recall {crisis['urgent_recall']}, alarms {crisis['alarm_rate']}",
    )
    ordinary = results["crisis_on_selftalk"]
    table.add_row("crisis alarms on self-talk", str(ordinary["n"]), f"alarm rate {ordinary['alarm_rate']}")
    critic = results["critic"]
    table.add_row(
        "inner critic (ours, test)", str(critic["n"]), f"P {critic['precision']} R {critic['recall']} F1 {critic['f1']}"
    )
    components = results["components"]
    table.add_row("Neff's components (ours, test)", str(components["n"]), f"macro-F1 {components.get('macro_f1')}")
    reaction = results["reaction"]
    table.add_row(
        "reaction (ours, test)", str(reaction["n"]), f"macro-F1 {reaction['macro_f1']}, accuracy {reaction['accuracy']}"
    )
    for key, label in (
        ("traps", "thinking traps (ours, test)"),
        ("traps_cognitive_reframing", "thinking traps (Cognitive-Reframing)"),
    ):
        traps = results[key]
        table.add_row(label, str(traps["n"]), f"top-1 {traps.get('top1')}, top-3 {traps.get('top3')}")
    gaur = results["crisis_gaur_users"]
    table.add_row(
        "crisis, Reddit C-SSRS users",
        "",
        ", ".join(f"{k} {v['flagged']}" for k, v in gaur.items() if isinstance(v, dict)) or str(gaur),
    )
    out.print(table)
