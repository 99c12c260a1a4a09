"""`python -m dashboard add-user | list-users | remove-user`: the accounts of the dashboard."""

from __future__ import annotations

import io
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from app import create_app
from dashboard import cli
from dashboard.auth import UserStore

ROOT = Path(__file__).resolve().parents[1]


class Terminal(io.StringIO):
    """Standard input that is a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def users_file(tmp_path, monkeypatch) -> Path:
    """The users file named by DASHBOARD_USERS_FILE, not yet written."""
    path = tmp_path / "accounts" / "users.json"
    monkeypatch.setenv("DASHBOARD_USERS_FILE", str(path))
    return path


def _run(monkeypatch, argv: list[str], stdin: str = "") -> int:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    return cli.main(argv)


def _one_line_error(capsys, word: str) -> None:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error:") and word in err, err


def test_add_user_reads_the_password_from_a_pipe(users_file, monkeypatch, capsys):
    assert _run(monkeypatch, ["add-user", "ann", "--role", "official"], "ann-password-1\n") == 0
    assert "ann (official)" in capsys.readouterr().out
    account = UserStore(users_file).verify("ann", "ann-password-1")
    assert (account.name, account.role) == ("ann", "official")
    assert "ann-password-1" not in users_file.read_text()
    assert stat.S_IMODE(users_file.stat().st_mode) == 0o600


def test_at_a_terminal_the_password_is_typed_twice(users_file, monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", Terminal())
    typed = iter(["bob-password-1", "bob-password-1", "bob-password-2", "bob-password-X"])
    monkeypatch.setattr(cli.getpass, "getpass", lambda prompt="": next(typed))
    assert cli.main(["add-user", "bob", "--role", "staff"]) == 0
    assert UserStore(users_file).verify("bob", "bob-password-1").role == "staff"
    assert cli.main(["add-user", "bob", "--role", "staff"]) == 2
    _one_line_error(capsys, "differ")
    assert UserStore(users_file).verify("bob", "bob-password-1") is not None


def test_adding_again_replaces_role_and_password(users_file, monkeypatch):
    _run(monkeypatch, ["add-user", "ann", "--role", "official"], "first-password\n")
    _run(monkeypatch, ["add-user", "ann", "--role", "staff"], "second-password\n")
    users = UserStore(users_file)
    assert users.verify("ann", "first-password") is None
    assert users.verify("ann", "second-password").role == "staff"


def test_list_and_remove_users(users_file, monkeypatch, capsys):
    assert _run(monkeypatch, ["list-users"]) == 0
    assert "no users" in capsys.readouterr().out
    _run(monkeypatch, ["add-user", "zoe", "--role", "staff"], "zoe-password\n")
    _run(monkeypatch, ["add-user", "ann", "--role", "official"], "ann-password\n")
    capsys.readouterr()
    assert _run(monkeypatch, ["list-users"]) == 0
    listing = capsys.readouterr().out
    assert listing.splitlines() == ["ann\tofficial", "zoe\tstaff"]
    assert _run(monkeypatch, ["remove-user", "zoe"]) == 0
    assert [a.name for a in UserStore(users_file).accounts()] == ["ann"]
    assert _run(monkeypatch, ["remove-user", "zoe"]) == 2
    _one_line_error(capsys, "zoe")


@pytest.mark.parametrize(
    ("argv", "stdin", "word"),
    [
        (["add-user", "ann", "--role", "admin"], "long-enough-1\n", "role"),
        (["add-user", "ann", "--role", "staff"], "short\n", "8 characters"),
        (["add-user", "ann", "--role", "staff"], "", "8 characters"),
        (["add-user", "a b", "--role", "staff"], "long-enough-1\n", "user name"),
        (["add-user", "--role", "staff"], "long-enough-1\n", "name"),
    ],
)
def test_bad_requests_are_one_line_and_exit_2(users_file, monkeypatch, capsys, argv, stdin, word):
    try:
        code = _run(monkeypatch, argv, stdin)
    except SystemExit as stop:  # argparse's own complaints
        code = stop.code
    assert code == 2
    _one_line_error(capsys, word)
    assert not users_file.exists()


def test_an_unreadable_users_file_is_never_overwritten(users_file, monkeypatch, capsys):
    users_file.parent.mkdir(parents=True)
    users_file.write_text("{not json")
    assert _run(monkeypatch, ["add-user", "ann", "--role", "staff"], "ann-password-1\n") == 2
    _one_line_error(capsys, "cannot be read")
    assert users_file.read_text() == "{not json"


def test_an_account_added_on_the_command_line_can_log_in(small_db, settings_for, tmp_path):
    path = tmp_path / "cli-users.json"
    env = {**os.environ, "DASHBOARD_USERS_FILE": str(path)}
    command = [sys.executable, "-m", "dashboard", "add-user", "eve", "--role", "official"]
    done = subprocess.run(
        command, input="eve-password-1\n", env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "eve-password-1" not in done.stdout + done.stderr
    client = create_app(settings_for(small_db, users_file=str(path))).server.test_client()
    form = {"username": "eve", "password": "eve-password-1"}
    assert client.post("/login", data=form).status_code == 302
    assert client.get("/_dash-layout").status_code == 200
