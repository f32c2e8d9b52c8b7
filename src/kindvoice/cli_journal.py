"""`kindvoice journal …`: write and read the journal from the terminal, with the same analysis and safety panel."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from kindvoice.errors import InvalidInput, NotFound

if TYPE_CHECKING:
    from collections.abc import Iterable

    from kindvoice.apps.accounts.models import User
    from kindvoice.apps.journal.models import Entry

journal_app = typer.Typer(help="Write and read your journal.", no_args_is_help=True)
out = Console()
AsOption = Annotated[
    str | None, typer.Option("--as", help="Whose account (default: $KINDVOICE_USER, or the only account)")
]


def whose(email: str | None) -> User:
    from kindvoice.apps.accounts.models import User

    email = email or os.environ.get("KINDVOICE_USER", "").strip() or None
    if email:
        try:
            return User.objects.get_by_natural_key(email)
        except User.DoesNotExist:
            raise NotFound(f"There is no account for {email}.") from None
    people = list(User.objects.all()[:2])
    if len(people) == 1:
        return people[0]
    raise InvalidInput("Say whose journal this is: --as EMAIL, or set KINDVOICE_USER.")


@journal_app.command("add")
def add(
    text: Annotated[
        str | None, typer.Argument(help="The entry; without it, your $EDITOR opens (or stdin is read)")
    ] = None,
    tag: Annotated[list[str] | None, typer.Option("--tag", help="A tag (repeat for more)")] = None,
    mood: Annotated[
        int | None, typer.Option(min=0, max=10, help="How you feel, 0 (very low) to 10 (very good)")
    ] = None,
    as_: AsOption = None,
) -> None:
    """Write an entry; it is analysed at once, and the safety panel shows if it is needed."""
    from kindvoice.apps.journal.forms import EntryForm
    from kindvoice.apps.journal.models import Entry
    from kindvoice.cli_language import show
    from kindvoice.language import analyze

    user = whose(as_)
    if text is None:
        text = sys.stdin.read() if not sys.stdin.isatty() else write_in_editor()
    form = EntryForm({"text": text, "tags": ",".join(tag or []), "mood": "" if mood is None else str(mood)})
    if not form.is_valid():
        problems = " ".join(str(e) for errors in form.errors.values() for e in errors)
        raise InvalidInput(f"{problems} Nothing was saved.")
    entry = form.save(Entry(user=user))
    out.print(f"Saved as entry {entry.pk}.\n")
    show(analyze(entry.text), user.region)


@journal_app.command("list")
def list_entries(as_: AsOption = None) -> None:
    """List your entries, newest first."""
    from kindvoice.apps.journal.models import Entry

    table(Entry.objects.filter(user=whose(as_))[:100])


@journal_app.command("search")
def search(
    words: Annotated[list[str], typer.Argument(help="Words that must all appear")], as_: AsOption = None
) -> None:
    """Find your entries that contain all the words (or tags)."""
    from kindvoice.apps.journal.models import Entry

    table(Entry.search(whose(as_), words))


@journal_app.command("show")
def show_entry(entry_id: int, as_: AsOption = None) -> None:
    """Show one entry with what the app noticed in it."""
    from kindvoice.apps.journal.models import Entry
    from kindvoice.cli_language import show
    from kindvoice.language import analyze

    user = whose(as_)
    entry = Entry.objects.filter(pk=entry_id, user=user).first()
    if entry is None:
        raise NotFound(f"You have no entry {entry_id}.")
    out.print(
        f"[bold]{entry.created:%A %d %B %Y, %H:%M}[/bold]"
        + (f"  mood {entry.mood}/10" if entry.mood is not None else "")
    )
    show(analyze(entry.text), user.region)
    for reply in entry.replies.all():
        out.print(f"[green]Your kind voice:[/green] {reply.text}", highlight=False)


def write_in_editor() -> str:
    """Open $EDITOR on a private temporary file; what is saved there becomes the entry."""
    import shlex
    import subprocess
    import tempfile
    from pathlib import Path

    editor = shlex.split(os.environ.get("VISUAL") or os.environ.get("EDITOR") or "nano")
    with tempfile.TemporaryDirectory(prefix="kindvoice-") as folder:
        path = Path(folder) / "entry.txt"
        path.touch(mode=0o600)
        try:
            subprocess.run([*editor, str(path)], check=True)
        except (OSError, subprocess.CalledProcessError) as error:
            raise InvalidInput(
                f"Could not open the editor {editor[0]!r} ({error}). Give the text as an argument instead."
            ) from None
        return path.read_text(encoding="utf-8")


def table(entries: Iterable[Entry]) -> None:
    rows = Table("id", "written", "mood", "tags", "beginning")
    count = 0
    for entry in entries:
        count += 1
        rows.add_row(
            str(entry.pk),
            f"{entry.created:%Y-%m-%d %H:%M}",
            "" if entry.mood is None else str(entry.mood),
            ", ".join(entry.tag_list),
            entry.text[:60].replace("\n", " "),
        )
    out.print(rows if count else "No entries.")
