"""The `kindvoice` command: a thin layer over the accounts, privacy and ops modules.

Every expected failure becomes one friendly line on stderr and exit status 1; Django is
set up only for the commands that need it, so `--help` is instant.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from typer.core import TyperGroup

from kindvoice.cli_care import care_app
from kindvoice.cli_journal import journal_app
from kindvoice.cli_language import analyze, model_app
from kindvoice.cli_measure import measure_app
from kindvoice.cli_practice import practice_app
from kindvoice.errors import KindvoiceError

if TYPE_CHECKING:
    from kindvoice.apps.accounts.models import User

out = Console()
err = Console(stderr=True)


def say_error(label: str, message: str) -> NoReturn:
    err.print(f"[red]{label}:[/red] {escape(message)}", highlight=False, soft_wrap=True)
    raise typer.Exit(1)


class FriendlyGroup(TyperGroup):
    """Turns expected failures into one line on stderr and exit status 1, for every command."""

    def invoke(self, ctx: Any) -> Any:  # typer vendors click privately; its Context is not public
        from django.core.exceptions import ImproperlyConfigured
        from django.db import DatabaseError

        # Help for any command needs no Django, no data directory and no valid settings.
        ctx.meta["help_only"] = "--help" in [*ctx._protected_args, *ctx.args]
        try:
            return super().invoke(ctx)
        except KindvoiceError as error:
            say_error("Error", error.message)
        except ImproperlyConfigured as error:
            say_error("Configuration error", str(error))
        except DatabaseError as error:
            say_error("Database error", f"{error}. Is the database reachable, and has `kindvoice migrate` run?")


app = typer.Typer(
    cls=FriendlyGroup,
    help="kindvoice: a private companion for compassion practice.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
user_app = typer.Typer(help="Manage accounts.", no_args_is_help=True)
token_app = typer.Typer(help="Manage personal API tokens.", no_args_is_help=True)
keys_app = typer.Typer(help="Manage the encryption keys.", no_args_is_help=True)
app.add_typer(user_app, name="user")
app.add_typer(token_app, name="token")
app.add_typer(keys_app, name="keys")
app.add_typer(model_app, name="model")
app.add_typer(journal_app, name="journal")
app.add_typer(practice_app, name="practice")
app.add_typer(measure_app, name="measure")
app.add_typer(care_app, name="care")
app.command("analyze")(analyze)


class Failure(KindvoiceError):
    """A CLI-only mistake, such as a missing confirmation."""


def fail(message: str) -> NoReturn:
    raise Failure(message)


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kindvoice.web.settings")
    import django

    django.setup()


def find_user(email: str) -> User:
    from kindvoice.apps.accounts.models import User

    try:
        return User.objects.get_by_natural_key(email)
    except User.DoesNotExist:
        fail(f"There is no account for {email}.")


def read_password(from_stdin: bool) -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            fail("No password was given on standard input.")
        return password
    if not sys.stdin.isatty():
        fail("No terminal to ask for a password; pass it with --password-stdin.")
    typed: str = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    return typed


def validate_password(password: str, user: User) -> None:
    from django.contrib.auth.password_validation import validate_password as django_validate
    from django.core.exceptions import ValidationError

    try:
        django_validate(password, user)
    except ValidationError as error:
        fail("That password is too weak: " + " ".join(error.messages))


def confirm(question: str, yes: bool) -> None:
    if yes:
        return
    if not sys.stdin.isatty():
        fail("This needs confirmation; run it in a terminal or add --yes.")
    if not typer.confirm(question, default=False):
        fail("Nothing was changed.")


@app.callback()
def _setup(ctx: typer.Context) -> None:
    # Runs before every subcommand; skipped when only help was asked for.
    if not ctx.meta.get("help_only"):
        setup_django()


# -- serving and setup -----------------------------------------------------------------------


@app.command()
def serve(
    host: Annotated[
        str | None, typer.Option(help="Address to listen on (default: $KINDVOICE_HOST or 127.0.0.1)")
    ] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on (default: $KINDVOICE_PORT or 8000)")] = None,
) -> None:
    """Serve kindvoice over HTTP (waitress)."""
    from kindvoice import config
    from kindvoice.ops import server

    host = host or config.get("KINDVOICE_HOST")
    port = port or config.get_int("KINDVOICE_PORT", minimum=1)
    server.check_ready()
    server.serve(
        host,
        port,
        lambda url: out.print(f"kindvoice is running at [bold]{url}[/bold]  (Ctrl-C to stop)"),
    )


@app.command()
def migrate() -> None:
    """Create or update the database, and create the key files on first run."""
    from django.core.management import call_command
    from django.db import DatabaseError

    from kindvoice import keys
    from kindvoice.apps.accounts.models import User

    if not keys.key_file().exists():
        try:
            has_people = User.objects.exists()
        except DatabaseError:
            has_people = False  # no tables yet: a new install
        if has_people:
            fail(
                f"The database has accounts but there is no encryption key file at {keys.key_file()}. "
                "Put the key file back; a new key could not read the existing data."
            )
        keys.create_if_missing()
        out.print(f"Created a new encryption key file at {keys.key_file()} (keep a copy somewhere safe).")
    call_command("migrate", interactive=False, verbosity=0)
    out.print("The database is up to date.")


@app.command()
def doctor() -> None:
    """Check configuration, key files, database and migrations. Exit status 0 only when healthy."""
    from kindvoice.ops.doctor import checks

    results = checks()
    table = Table(show_header=False, box=None)
    for check in results:
        table.add_row("[green]ok[/green]" if check.ok else "[red]problem[/red]", check.name, check.detail)
    out.print(table)
    if not all(c.ok for c in results):
        raise typer.Exit(1)
    out.print("[green]kindvoice is healthy.[/green]")


# -- accounts --------------------------------------------------------------------------------


@user_app.command("create")
def user_create(
    email: str,
    role: Annotated[str, typer.Option(help="person, therapist or admin")] = "person",
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="Read the password from stdin")] = False,
) -> None:
    """Create an account."""
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    from kindvoice.apps.accounts.models import Role, User, normalize_email

    if role not in Role.values:
        fail(f"--role must be one of {', '.join(Role.values)}, not {role!r}.")
    try:
        validate_email(normalize_email(email))
    except ValidationError:
        fail(f"{email!r} is not an email address.")
    if User.objects.filter(email=normalize_email(email)).exists():
        fail(f"An account for {email} already exists.")
    password = read_password(password_stdin)
    validate_password(password, User(email=email))
    user = User.objects.create_user(email, password, role=role)
    out.print(f"Created {user.email} ({user.role}).")


@user_app.command("reset-password")
def user_reset_password(
    email: str,
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="Read the password from stdin")] = False,
) -> None:
    """Set a new password for an account and end its browser sessions (API tokens keep working)."""
    from kindvoice.privacy.data_rights import delete_sessions_of

    user = find_user(email)
    password = read_password(password_stdin)
    validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    delete_sessions_of(user)
    out.print(f"The password for {user.email} has been changed.")


@user_app.command("list")
def user_list() -> None:
    """List accounts (email, role, active, joined)."""
    from kindvoice.apps.accounts.models import User

    table = Table("email", "role", "active", "joined")
    for user in User.objects.order_by("email"):
        table.add_row(user.email, user.role, "yes" if user.is_active else "no", f"{user.date_joined:%Y-%m-%d}")
    out.print(table)


# -- tokens ----------------------------------------------------------------------------------


@token_app.command("create")
def token_create(email: str, name: Annotated[str, typer.Option(help="A name to recognise it by")] = "terminal") -> None:
    """Create a token and print it (it is shown only once)."""
    from kindvoice.apps.accounts.models import AccessToken
    from kindvoice.text import check_text

    user = find_user(email)
    name = check_text(name.strip(), label="--name", max_length=100, allow_markup=False)
    _, secret = AccessToken.issue(user, name or "terminal")
    # The token alone on stdout, so `TOKEN=$(kindvoice token create me@x)` works.
    print(secret)
    err.print("Keep this token secret; it will not be shown again.")


@token_app.command("list")
def token_list(email: str) -> None:
    """List an account's tokens."""
    user = find_user(email)
    table = Table("id", "name", "starts with", "created", "last used")
    for token in user.tokens.all():
        last = f"{token.last_used:%Y-%m-%d %H:%M}" if token.last_used else "never"
        table.add_row(str(token.pk), token.name, token.hint + "…", f"{token.created:%Y-%m-%d}", last)
    out.print(table)


@token_app.command("revoke")
def token_revoke(email: str, token_id: int) -> None:
    """Revoke one of an account's tokens (see `token list` for ids)."""
    user = find_user(email)
    deleted, _ = user.tokens.filter(pk=token_id).delete()
    if not deleted:
        fail(f"{email} has no token with id {token_id}.")
    out.print("The token has been revoked.")


# -- data rights -----------------------------------------------------------------------------


@app.command()
def export(email: str) -> None:
    """Print everything of an account as JSON (schema: docs/data-export.md)."""
    user = find_user(email)
    sys.stdout.write(json.dumps(user.export_data(), indent=2, ensure_ascii=False) + "\n")


@app.command("delete-account")
def delete_account(
    email: str,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation")] = False,
) -> None:
    """Delete an account and every row of its data, for good."""
    user = find_user(email)
    confirm(f"Delete {user.email} and everything they wrote? This cannot be undone.", yes)
    user.delete_account()
    out.print(f"{email} and all their data have been deleted.")


@app.command("backup")
def backup_command(path: Path) -> None:
    """Write a consistent backup of the database to PATH (a file, or a folder)."""
    from kindvoice.ops.backup import backup

    target = backup(path)
    out.print(f"Backup written to {target}.")
    err.print("The encryption key file is not in the backup: keep a copy of it somewhere safe.")


@app.command("restore")
def restore_command(
    path: Path,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation")] = False,
) -> None:
    """Replace the database with a backup (the current one is kept in the data directory first)."""
    from kindvoice.ops.backup import check, restore

    check(path)
    confirm(f"Replace the current database with {path}?", yes)
    safety = restore(path)
    out.print(f"Restored from {path}.")
    out.print(f"The database as it was before is kept at {safety}.")


@keys_app.command("rotate")
def keys_rotate() -> None:
    """Make a new encryption key and re-encrypt everything with it."""
    from rich.progress import Progress

    from kindvoice.privacy.rotation import rotate

    with Progress(console=err, transient=True) as progress:
        task = progress.add_task("Re-encrypting", total=None)
        new_id, count = rotate(lambda done, total: progress.update(task, completed=done, total=total))
    out.print(f"New active key {new_id}; {count} value(s) re-encrypted. Old keys are kept for older backups.")


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        err.print("Stopped.")
        sys.exit(130)
    except Exception as error:
        if os.environ.get("KINDVOICE_DEBUG") == "true":
            raise
        err.print(
            f"[red]Unexpected error:[/red] {type(error).__name__}: {error}. "
            "Run again with KINDVOICE_DEBUG=true to see the details.",
            highlight=False,
            soft_wrap=True,
        )
        sys.exit(1)
