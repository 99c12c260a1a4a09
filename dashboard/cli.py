"""Command line: demo data, the simulator, checking a database."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import sys
from collections.abc import Sequence

import sqlalchemy as sa

from dashboard.event_data import events_from_frame, load_event
from dashboard.quality import LABELS, event_problems
from data import quality, queries
from data.contract import missing_parts
from data.engine import DatabaseUrlError, make_engine, parse_url, sqlite_path

log = logging.getLogger("dashboard.cli")
DEFAULT_URL = "sqlite:///demo.sqlite"


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
        counts = simulate.run(_database(args), rate=args.rate, duration_s=args.duration)
    except KeyboardInterrupt:
        return 0
    _say("changes written: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return 0


def cmd_check_db(args: argparse.Namespace) -> int:
    """Check the contract (exit 1 if violated) and report row-level problems."""
    url = _database(args)
    engine = make_engine(url)
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
    return 0


def _report_problems(conn: sa.Connection, problems: dict[str, int], scope: str) -> None:
    found = {key: n for key, n in problems.items() if n}
    _say(f"{scope}: " + ("no row-level problems" if not found else "row-level problems"))
    for key, n in found.items():
        _say(f"  {n:>7}  {LABELS[key]}")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m dashboard", description=__doc__)
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
