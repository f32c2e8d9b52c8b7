"""`kindvoice care …`: a therapist invites and prepares; a client accepts and decides what to share."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from kindvoice.cli_journal import AsOption, whose
from kindvoice.errors import InvalidInput, NotFound

if TYPE_CHECKING:
    from kindvoice.apps.accounts.models import User

care_app = typer.Typer(help="You and your therapist: invitations, sharing, summaries.", no_args_is_help=True)
out = Console()


def _therapist(email: str | None) -> User:
    user = whose(email)
    if user.role != "therapist":
        raise InvalidInput(f"{user.email} is not a therapist's account.")
    return user


@care_app.command("invite")
def invite(
    note: Annotated[str, typer.Option(help="Your reminder of whom it is for")] = "", as_: AsOption = None
) -> None:
    """Create an invitation code for a client (it works once, for 7 days)."""
    from kindvoice.apps.care.models import Invitation
    from kindvoice.text import check_text

    invitation, code = Invitation.issue(
        _therapist(as_), check_text(note.strip(), label="The note", max_length=200, allow_markup=False)
    )
    out.print(f"Invitation code: [bold]{code}[/bold] (valid until {invitation.expires:%d %B %Y %H:%M})")
    out.print("The client enters it with `kindvoice care accept CODE` or in the browser under Care.")


@care_app.command("accept")
def accept(
    code: Annotated[str, typer.Argument(help="The code your therapist gave you")],
    share: Annotated[
        str, typer.Option(help="What to share, comma-separated: measures,practices,marked,journal")
    ] = "measures",
    notify: Annotated[bool, typer.Option(help="Tell them, in the app, when you write crisis language")] = False,
    as_: AsOption = None,
) -> None:
    """Link with your therapist, choosing what they can see."""
    from kindvoice.apps.care.models import CareLink

    shares = {part.strip() for part in share.split(",") if part.strip()}
    link = CareLink.accept(whose(as_), code, shares, notify=notify)
    out.print(f"Linked with {escape(link.therapist.display_name or link.therapist.email)}.")
    sharing(as_=as_)


@care_app.command("sharing")
def sharing(
    therapist: Annotated[str | None, typer.Option(help="Change the link with this therapist (email)")] = None,
    share: Annotated[str | None, typer.Option(help="The new list: measures,practices,marked,journal (or none)")] = None,
    notify: Annotated[
        bool | None, typer.Option("--notify/--no-notify", help="Crisis alerts to them, in the app")
    ] = None,
    revoke: Annotated[bool, typer.Option(help="End the link with --therapist at once")] = False,
    as_: AsOption = None,
) -> None:
    """What each of your therapists can see; change it with --therapist and --share, or --revoke."""
    from kindvoice.apps.care.models import SHARES, CareLink

    user = whose(as_)
    if therapist:
        link = CareLink.objects.filter(client=user, therapist__email__iexact=therapist, revoked=None).first()
        if link is None:
            raise NotFound(f"You are not linked with {therapist}.")
        if revoke:
            link.revoke()
            out.print(f"The link with {therapist} has ended. They can no longer see anything of yours.")
            return
        if share is not None or notify is not None:
            chosen = link_shares = {k for k in SHARES if link.shares(k)}
            if share is not None:
                chosen = {p.strip() for p in share.split(",") if p.strip() and p.strip() != "none"}
                unknown = chosen - set(SHARES)
                if unknown:
                    raise InvalidInput(f"{sorted(unknown)[0]!r} is not one of {', '.join(SHARES)}.")
            link.set_shares(chosen if share is not None else link_shares, notify=notify)
            out.print("Saved. The change takes effect at once.")
    table = Table("therapist", "shares", "crisis alerts")
    for link in CareLink.objects.filter(client=user, revoked=None).select_related("therapist"):
        shared = ", ".join(k for k in SHARES if link.shares(k)) or "nothing"
        table.add_row(link.therapist.email, shared, "yes" if link.notify_on_crisis else "no")
    out.print(table if table.row_count else "You are not linked with a therapist.")


@care_app.command("clients")
def clients(as_: AsOption = None) -> None:
    """Your clients, what needs attention first (each is logged in their access log)."""
    from kindvoice.apps.care import dashboard

    table = Table("client", "attention", "due", "brought", "homework")
    for row in dashboard.rows(_therapist(as_)):
        attention = ("safety alert; " if row.new_alerts else "") + ", ".join(
            f"reliable deterioration: {name}" for name in row.deteriorations
        )
        homework = f"{row.done} of {row.expected}" if row.expected else ""
        table.add_row(
            escape(f"{row.name} ({row.link.client.email})"),
            attention,
            ", ".join(row.due),
            "" if row.marked is None else str(row.marked),
            homework,
        )
    out.print(table if table.row_count else "No clients yet. `kindvoice care invite` makes a code.")


@care_app.command("summary")
def summary(
    client: Annotated[str, typer.Argument(help="The client's email")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON")] = False,
    as_: AsOption = None,
) -> None:
    """A session summary for one client, since the last note (logged in their access log)."""
    from kindvoice.apps.accounts.models import User
    from kindvoice.apps.care.access import open_client
    from kindvoice.apps.care.summary import as_data, since_last_session

    found = User.objects.filter(email__iexact=client).first()
    link = open_client(_therapist(as_), found.pk if found else -1, "summary")
    data = as_data(link, since_last_session(link))
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    out.print(f"[bold]{escape(data['client'])}[/bold], since {data['since']}")
    for m in data.get("measures", []):
        change = m["change"]
        moved = f"; {change['before']:g} → {change['after']:g}, {change['verdict']}" if change else ""
        out.print(f"  {m['instrument']}: {m['total']} {m['band'] or ''}{moved}", highlight=False)
    for h in data.get("homework", []):
        out.print(f"  homework {h['practice']} ({h['schedule']}): done {h['done']} of {h['expected']}", highlight=False)
    for item in data.get("brought_to_session", []):
        out.print(
            f"  brought: {escape(item.get('text') or '; '.join(map(str, item.get('answers', []))))}", highlight=False
        )


@care_app.command("homework")
def homework(as_: AsOption = None) -> None:
    """What your therapists asked you to practise, and whether it is due today."""
    from kindvoice.apps.care.models import Assignment

    found = Assignment.objects.filter(link__client=whose(as_), link__revoked=None, cancelled=None)
    table = Table("practice", "how often", "from", "note", "today")
    for assignment in found.select_related("link__therapist"):
        table.add_row(
            assignment.practice_id,
            assignment.schedule,
            escape(assignment.link.therapist.display_name or assignment.link.therapist.email),
            escape(assignment.note),
            "due" if assignment.due_today() else "done",
        )
    out.print(table if table.row_count else "Nothing assigned.")
    if table.row_count:
        out.print("[dim]Do one with: kindvoice practice run ID[/dim]")
