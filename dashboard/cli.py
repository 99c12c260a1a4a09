"""Command line: demo data, the simulator, checking a database, the dashboard's accounts."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import logging
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

import sqlalchemy as sa

from dashboard.auth import ACCOUNT_ROLES, UserStore
from dashboard.event_data import events_from_frame, load_event
from dashboard.quality import LABELS, event_problems
from data import indexes, quality, queries
from data.contract import missing_parts
from data.engine import DatabaseUrlError, make_engine, parse_url, sqlite_path

log = logging.getLogger("dashboard.cli")
DEFAULT_URL = "sqlite:///demo.sqlite"
DEFAULT_USERS_FILE = "users.json"


CHECK_TIMEOUT_S = 3600.0


def _say(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def _fail(text: str, code: int = 2) -> int:
    sys.stderr.write(f"error: {text}\n")
    return code


def _database(args: argparse.Namespace) -> str:
    return args.database or os.environ.get("DATABASE_URL") or DEFAULT_URL


def cmd_demo(args: argparse.Namespace) -> int:
    """Write the demo event (and its previous edition) to a database."""
    from data import demo

    counts = demo.generate(
        _database(args),
        participants=args.participants,
        seed=args.seed,
        event_date=args.event_date,
        force=args.force,
    )
    _say("demo database written: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return 0


def cmd_simulate(args: argparse.Namespace) -> int:
    """Keep writing plausible changes to a demo database."""
    from data import simulate

    try:
        # Ctrl-C during a run ends it with its counts; only one before it started lands here.
        counts = simulate.run(_database(args), rate=args.rate, duration_s=args.duration)
    except KeyboardInterrupt:
        return 0
    _say("changes written: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return 0


def cmd_check_db(args: argparse.Namespace) -> int:
    """Check the contract (exit 1 if violated) and report row-level problems."""
    url = _database(args)
    # A person waits for this report: no page's statement timeout (a million rows take
    # minutes to check).
    engine = make_engine(url, statement_timeout_s=CHECK_TIMEOUT_S)
    path = sqlite_path(engine.url)
    if path is not None and not path.exists():
        return _fail(f"no database file at {path}")
    _say(f"database: {parse_url(url).render_as_string(hide_password=True)}")
    with engine.connect() as conn:
        missing = missing_parts(conn)
        if missing:
            _say("contract violated: the database lacks " + ", ".join(missing))
            return 1
        _say("contract: every table and column of registration-schema.sql is there")
        _report_problems(conn, quality.dangling_counts(conn), "all events")
        for event in events_from_frame(queries.events_frame(conn)):
            problems = event_problems(load_event(conn, event))
            problems["duplicate_registrations"] = quality.duplicate_registrations(conn, event.id)
            _report_problems(conn, problems, f"event {event.id} ({event.name})")
        _report_indexes(indexes.missing(conn))
        _report_statistics(indexes.without_statistics(conn))
    return 0


def _report_indexes(lacking: list[indexes.Recommended]) -> None:
    if not lacking:
        _say("indexes: every index the dashboard can use is there")
        return
    _say("indexes: these would make the dashboard faster (it never writes; the owner may add them)")
    for recommended in lacking:
        _say(f"  {recommended.statement()}")
        _say(f"      -- {recommended.why}")


def _report_statistics(tables: list[str]) -> None:
    if not tables:
        return
    _say(
        "statistics: PostgreSQL has none for "
        + ", ".join(tables)
        + " (autovacuum off, or rows just loaded): its plans can be hundreds of times"
        " slower; the owner may run:"
    )
    _say(f"  ANALYZE {', '.join(tables)};")


def _report_problems(conn: sa.Connection, problems: dict[str, int], scope: str) -> None:
    found = {key: n for key, n in problems.items() if n}
    _say(f"{scope}: " + ("no row-level problems" if not found else "row-level problems"))
    for key, n in found.items():
        _say(f"  {n:>7}  {LABELS[key]}")


def _users(args: argparse.Namespace) -> UserStore:
    path = args.users_file or os.environ.get("DASHBOARD_USERS_FILE") or DEFAULT_USERS_FILE
    return UserStore(path)


def _read_password() -> str:
    """The password from standard input: typed twice at a terminal, one line from a pipe."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    try:
        password = getpass.getpass("Password: ")
        again = getpass.getpass("Password again: ")
    except EOFError:
        raise ValueError("no password given") from None
    if password != again:
        raise ValueError("the two passwords differ")
    return password


def cmd_add_user(args: argparse.Namespace) -> int:
    """Create an account, or replace its role and password; the password comes from stdin."""
    users = _users(args)
    account = users.add(args.name, args.role, _read_password())
    _say(f"user {account.name} ({account.role}) saved in {users.path}")
    return 0


def cmd_list_users(args: argparse.Namespace) -> int:
    """List the accounts (names and roles, never passwords)."""
    users = _users(args)
    accounts = users.accounts()
    if not accounts:
        _say(f"no users in {users.path}")
    for account in accounts:
        _say(f"{account.name}\t{account.role}")
    return 0


def cmd_remove_user(args: argparse.Namespace) -> int:
    """Remove an account; its sessions end at their next request."""
    users = _users(args)
    users.remove(args.name)
    _say(f"user {args.name} removed from {users.path}")
    return 0


def _user_commands(commands: argparse._SubParsersAction) -> None:
    add = commands.add_parser("add-user", help=cmd_add_user.__doc__)
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=ACCOUNT_ROLES)
    listing = commands.add_parser("list-users", help=cmd_list_users.__doc__)
    remove = commands.add_parser("remove-user", help=cmd_remove_user.__doc__)
    remove.add_argument("name")
    for sub, handler in ((add, cmd_add_user), (listing, cmd_list_users), (remove, cmd_remove_user)):
        sub.add_argument(
            "--users-file",
            help=f"the users file (default: $DASHBOARD_USERS_FILE or {DEFAULT_USERS_FILE})",
        )
        sub.set_defaults(handler=handler)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line, like every other error here."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"error: {message} (see {self.prog} --help)\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m dashboard", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    demo = commands.add_parser("demo", help=cmd_demo.__doc__)
    demo.add_argument("--participants", type=int, default=300)
    demo.add_argument("--seed", type=int, default=2026)
    demo.add_argument("--event-date", type=_date, default=None)
    demo.add_argument("--force", action="store_true", help="replace existing tables")
    simulate = commands.add_parser("simulate", help=cmd_simulate.__doc__)
    simulate.add_argument("--rate", type=float, default=1.0, help="changes per second")
    simulate.add_argument("--duration", type=float, default=None, help="seconds (default: ever)")
    check = commands.add_parser("check-db", help=cmd_check_db.__doc__)
    for sub in (demo, simulate, check):
        sub.add_argument(
            "--database", help=f"database URL (default: $DATABASE_URL or {DEFAULT_URL})"
        )
    demo.set_defaults(handler=cmd_demo)
    simulate.set_defaults(handler=cmd_simulate)
    check.set_defaults(handler=cmd_check_db)
    _user_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; errors are one line on stderr and exit code 2, never a traceback."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    args = _parser().parse_args(argv)
    try:
        return args.handler(args)
    except DatabaseUrlError as exc:
        return _fail(str(exc))
    except sa.exc.SQLAlchemyError as exc:
        orig = getattr(exc, "orig", exc)
        return _fail(f"database error: {str(orig).splitlines()[0] if str(orig) else exc}")
    except (ValueError, OSError) as exc:
        return _fail(str(exc))
