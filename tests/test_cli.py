"""The `kindvoice` command: every command has help, and mistakes get one friendly line."""

import json
import os
import stat
import subprocess
import sys

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from kindvoice import keys
from kindvoice.apps.accounts.models import AccessToken, User
from kindvoice.cli import app

pytestmark = pytest.mark.django_db(transaction=True)
runner = CliRunner()
STRONG = "a gentle river at dusk 42"


def kv(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


def all_command_paths(command=None, prefix=()):
    command = command or get_command(app)
    yield prefix
    for name, sub in getattr(command, "commands", {}).items():
        yield from all_command_paths(sub, (*prefix, name))


@pytest.mark.parametrize("path", list(all_command_paths()), ids=lambda p: " ".join(p) or "kindvoice")
def test_every_command_has_help(path) -> None:
    result = kv(*path, "--help")
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output


def test_user_create_reads_the_password_from_stdin_and_sets_the_role() -> None:
    result = kv("user", "create", "Sam@Example.org", "--role", "therapist", "--password-stdin", input=STRONG + "\n")
    assert result.exit_code == 0, result.output
    user = User.objects.get(email="sam@example.org")
    assert user.role == "therapist" and user.check_password(STRONG)


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        pytest.param(["user", "create", "not-an-email", "--password-stdin"], STRONG, "not an email", id="bad-email"),
        pytest.param(
            ["user", "create", "a@b.org", "--role", "king", "--password-stdin"], STRONG, "--role", id="bad-role"
        ),
        pytest.param(["user", "create", "a@b.org", "--password-stdin"], "short", "too short", id="weak"),
        pytest.param(["user", "create", "a@b.org", "--password-stdin"], "", "No password", id="empty"),
        pytest.param(["user", "create", "pat@example.org", "--password-stdin"], STRONG, "already exists", id="taken"),
        pytest.param(["token", "create", "ghost@example.org"], None, "no account", id="unknown-user"),
        pytest.param(["delete-account", "pat@example.org"], None, "--yes", id="needs-confirmation"),
        pytest.param(["restore", "/no/such/file"], None, "no backup file", id="missing-backup"),
    ],
)
def test_mistakes_get_one_clear_line_and_exit_status_1(person, args, stdin, message) -> None:
    result = kv(*args, input=stdin)
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output
    assert User.objects.filter(email="a@b.org").count() == 0


def test_reset_password_changes_it_and_signs_the_person_out(person) -> None:
    result = kv("user", "reset-password", person.email, "--password-stdin", input=STRONG + "\n")
    assert result.exit_code == 0, result.output
    person.user.refresh_from_db()
    assert person.user.check_password(STRONG)
    assert person.client.get("/settings/").status_code == 302


def test_a_token_made_in_the_terminal_opens_the_api_and_can_be_revoked(person, anonymous) -> None:
    result = kv("token", "create", person.email, "--name", "cron job")
    assert result.exit_code == 0, result.output
    secret = result.stdout.strip().splitlines()[0]
    assert anonymous.get("/api/me", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200
    token = AccessToken.objects.get(user=person.user)
    assert "cron job" in kv("token", "list", person.email).output
    assert kv("token", "revoke", person.email, str(token.pk)).exit_code == 0
    assert anonymous.get("/api/me", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401
    assert kv("token", "revoke", person.email, str(token.pk)).exit_code == 1


def test_export_prints_the_persons_data_as_json(person) -> None:
    person.user.intention = "breathe"
    person.user.save()
    result = kv("export", person.email)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["account"]["intention"] == "breathe"


def test_delete_account_with_yes_removes_the_person(person, other_person) -> None:
    result = kv("delete-account", person.email, "--yes")
    assert result.exit_code == 0, result.output
    assert not User.objects.filter(email=person.email).exists()
    assert User.objects.filter(email=other_person.email).exists()


def test_doctor_is_healthy_on_a_set_up_installation() -> None:
    result = kv("doctor")
    assert result.exit_code == 0, result.output
    assert "healthy" in result.output


def test_doctor_fails_when_the_key_file_is_readable_by_others() -> None:
    path = keys.key_file()
    os.chmod(path, 0o644)
    try:
        result = kv("doctor")
        assert result.exit_code == 1
        assert "chmod 600" in result.output
    finally:
        os.chmod(path, 0o600)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_keys_rotate_reports_what_it_did(person) -> None:
    result = kv("keys", "rotate")
    assert result.exit_code == 0, result.output
    assert "re-encrypted" in result.output
    assert User.objects.get(pk=person.user.pk).display_name == "Pat"
    assert kv("doctor").exit_code == 0


def test_the_installed_command_runs_and_never_shows_a_traceback_for_a_mistake(tmp_path) -> None:
    env = {**os.environ, "KINDVOICE_DATA_DIR": str(tmp_path), "KINDVOICE_PORT": "eighty"}
    exe = os.path.join(os.path.dirname(sys.executable), "kindvoice")
    help_run = subprocess.run([exe, "--help"], env=env, capture_output=True, text=True, timeout=60)
    assert help_run.returncode == 0 and "serve" in help_run.stdout
    bad = subprocess.run([exe, "serve"], env=env, capture_output=True, text=True, timeout=60)
    assert bad.returncode == 1
    assert "KINDVOICE_PORT must be a whole number" in bad.stderr
    assert "Traceback" not in bad.stderr + bad.stdout


def test_help_for_any_command_works_even_with_broken_settings(tmp_path) -> None:
    env = {**os.environ, "KINDVOICE_DATA_DIR": str(tmp_path / "never-made"), "KINDVOICE_DEBUG": "maybe"}
    exe = os.path.join(os.path.dirname(sys.executable), "kindvoice")
    for args in (["user", "--help"], ["user", "create", "--help"], ["serve", "--help"]):
        run = subprocess.run([exe, *args], env=env, capture_output=True, text=True, timeout=60)
        assert run.returncode == 0, run.stderr
    assert not (tmp_path / "never-made").exists(), "help must not create the data directory"
    serve_help = subprocess.run([exe, "serve", "--help"], env=env, capture_output=True, text=True, timeout=60)
    assert "KINDVOICE_PORT" in serve_help.stdout


def test_doctor_fails_when_the_data_directory_is_open_to_others() -> None:
    from kindvoice import config

    data = config.data_dir()
    before = config.file_mode(data)
    os.chmod(data, 0o755)  # noqa: S103 - the point of the test
    try:
        result = kv("doctor")
        assert result.exit_code == 1 and "chmod 700" in result.output
    finally:
        os.chmod(data, before)
