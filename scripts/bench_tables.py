"""Measure the staff tables at scale: first blocks with a filter and a sort, and a streamed CSV.

Usage: python scripts/bench_tables.py [--database URL] [--participants N] [--port P] [--xlsx]
       python scripts/bench_tables.py [--database URL] --every-sort sector=Digital

Without the database file it is generated first (python -m dashboard demo, a few minutes
for a million participants). The first blocks are read in this process through the same
code the grid's callback uses; the download runs against a real server process, whose
resident memory is sampled while it streams. A tool for a person: it prints figures.
"""

from __future__ import annotations

import argparse
import contextlib
import http.cookiejar
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dashboard import tables as tb  # noqa: E402
from dashboard.auth import UserStore  # noqa: E402
from dashboard.cache import MemoryCache  # noqa: E402
from dashboard.service import DataService, DataUnavailable  # noqa: E402
from dashboard.state import parse_query  # noqa: E402
from dashboard.table_service import (  # noqa: E402
    TableRequest,
    TableService,
    wait_for_reads_aside,
)
from data.engine import make_engine, sqlite_path  # noqa: E402

BLOCKS = (  # table, filter bar, a column filter, a sort
    ("people", "country=LV", None, "last_name"),
    ("people", "sector=Digital", {"email": ("contains", "cluster")}, "country"),
    ("requests", "country=LV", None, "requested_at"),
    ("requests", "sector=Digital", None, "requested_at"),
    ("bookings", "country=LV", None, "booked_at"),
    ("bookings", "sector=Digital", None, "booked_at"),
    ("organisations", "country=LV", None, "name"),
)
PASSWORD = "bench-password-1"


def say(text: str) -> None:
    """Print a line of figures."""
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def ensure_database(url: str, participants: int) -> None:
    """Generate the demo database unless its file exists (a server's database is taken as
    it is: `make bench` generates those, bench/datasets.py)."""
    path = sqlite_path(make_engine(url).url)
    if path is None or path.exists():
        return
    say(f"generating {participants:,} participants into {url} ...")
    started = time.perf_counter()
    command = [sys.executable, "-m", "dashboard", "demo", "--participants", str(participants)]
    subprocess.run([*command, "--database", url], cwd=ROOT, check=True)
    say(f"generated in {time.perf_counter() - started:.0f} s")


def biggest_event(tables: TableService) -> int:
    """The event with the most participants (the million)."""
    best = None
    for event in tables.service.events():
        prepared = tables.prepare(TableRequest("people", parse_query(f"?event={event.id}")))
        size = tables.counts(prepared)[1]
        best = max(best or (size, event.id), (size, event.id))
    return best[1]


def _grid_filter(spec: dict | None) -> dict | None:
    if not spec:
        return None
    return {k: {"filterType": "text", "type": op, "filter": v} for k, (op, v) in spec.items()}


def _tables_at(url: str, timeout_s: float) -> tuple[TableService, int]:
    """The staff tables' service on the database, and its event with the most participants."""
    tables = TableService(DataService(make_engine(url, timeout_s), MemoryCache()))
    return tables, biggest_event(tables)


def measure_blocks(url: str, timeout_s: float) -> int:
    """Time each table's first block with its count (cold, then warm: see _block_figures)."""
    tables, event = _tables_at(url, timeout_s)
    say(f"event {event}; first block = 100 rows, with the filter and the sort shown")
    for table, bar, column_filter, sort in BLOCKS:
        request = TableRequest(
            table,
            parse_query(f"?event={event}&{bar}"),
            _grid_filter(column_filter),
            [{"colId": sort, "sort": "asc"}],
        )
        try:
            say(
                f"  {table:13} {bar:15} {json.dumps(column_filter or {}):30} sort {sort:13} "
                + _block_figures(tables, request)
            )
        except DataUnavailable as exc:
            say(f"  {table:13} {bar:15} failed: {exc} (statement timeout {timeout_s:.0f} s)")
    return event


def measure_every_sort(url: str, timeout_s: float, bar: str) -> None:
    """Time the first block of every table sorted by each of its columns, under one filter
    of the filter bar (the raw values each sort needs are read first, as after a warm-up),
    and print them slowest first."""
    tables, event = _tables_at(url, timeout_s)
    say(f"event {event}; first block = 100 rows, {bar}, sorted by each column")
    figures = []
    for table, cols in tb.COLUMNS.items():
        for col in cols:
            request = TableRequest(
                table,
                parse_query(f"?event={event}&{bar}"),
                None,
                [{"colId": col.key, "sort": "asc"}],
            )
            try:
                prepared = tables.prepare(request)
                started = time.perf_counter()
                tables.rows(prepared, 0, 100)
                figures.append((time.perf_counter() - started, f"{table} by {col.key}"))
            except DataUnavailable as exc:
                figures.append((float("inf"), f"{table} by {col.key} failed: {exc}"))
            wait_for_reads_aside()  # the count read beside it, before the next
    for seconds, what in sorted(figures, reverse=True):
        say(f"  {seconds:5.2f} s  {what}")


def _block_figures(tables: TableService, request: TableRequest) -> str:
    """The grid's first block, then the page's "n of N" (two callbacks the page sends at once).

    cold: nothing cached (the raw values of the filter's readings are read too); warm: the
    same filter sorted the other way, a query not read before, with the raw values and the
    count (which the order does not change) cached. On SQLite the count is read in the
    background while the block is (TableService._count_beside): "n of N" waits for what
    is left of it. N, the event's rows, is read once per data version.
    """
    blocks, counted, rows, counts = [], [], [], (0, 0)
    descending = [{**request.sort_model[0], "sort": "desc"}]
    for asked in (request, replace(request, sort_model=descending)):
        started = time.perf_counter()
        prepared = tables.prepare(asked)
        rows = tables.rows(prepared, 0, 100)
        blocks.append(time.perf_counter() - started)
        counts = tables.counts(prepared)
        counted.append(time.perf_counter() - started - blocks[-1])
    n, total = counts
    return (
        f"first block cold {blocks[0]:.2f} s, warm {blocks[1]:.2f} s; then n of N "
        f"{counted[0]:.2f} s, {counted[1]:.2f} s ({len(rows)} rows; {n:,} of {total:,})"
    )


def rss_kb(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


@contextlib.contextmanager
def resident_peak(pid: int, every_s: float = 0.05) -> Iterator[dict[str, int]]:
    """A process's resident memory (kB) before the block, and its peak sampled meanwhile."""
    before = rss_kb(pid, "VmRSS")
    figures = {"before": before, "peak": before}
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            figures["peak"] = max(figures["peak"], rss_kb(pid, "VmRSS"))
            time.sleep(every_s)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        yield figures
    finally:
        done.set()
        sampler.join()


def start_server(
    url: str, port: int, workdir: str, settings: dict[str, str] | None = None
) -> subprocess.Popen:
    """The dashboard as a real server process, with one staff account (and the settings
    given, as environment variables)."""
    users = Path(workdir) / "users.json"
    UserStore(users).add("bench", "staff", PASSWORD)
    env = dict(os.environ, DATABASE_URL=url, PORT=str(port), DASHBOARD_USERS_FILE=str(users))
    env.update(settings or {})
    env["SECRET_KEY"] = "bench-secret-key-0123456789"
    log = open(Path(workdir) / "server.log", "w")  # noqa: SIM115 - closed with the process
    server = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=env, stdout=log, stderr=log)
    for _ in range(100):
        time.sleep(0.3)
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=2)
            return server
        except OSError:
            continue
    server.kill()
    raise SystemExit(f"the server did not start; see {log.name}")


def _opener(port: int) -> urllib.request.OpenerDirector:
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    form = urllib.parse.urlencode({"username": "bench", "password": PASSWORD}).encode()
    opener.open(f"http://127.0.0.1:{port}/login", data=form, timeout=30)
    return opener


def measure_download(port: int, server: subprocess.Popen, event: int, fmt: str) -> None:
    """Stream a whole table from the server; report time, size and the server's memory."""
    opener = _opener(port)
    opener.open(f"http://127.0.0.1:{port}/", timeout=60).read()  # the server warmed up
    started, first, size, lines = time.perf_counter(), None, 0, 0
    url = f"http://127.0.0.1:{port}/downloads/people.{fmt}?event={event}"
    with resident_peak(server.pid) as memory, opener.open(url) as answer:
        while chunk := answer.read(1 << 16):
            first = first or time.perf_counter() - started
            size += len(chunk)
            lines += chunk.count(b"\n")
    elapsed = time.perf_counter() - started
    before, peak = memory["before"], memory["peak"]
    rows = f"{lines - 1:,} rows, " if fmt == "csv" else ""
    say(
        f"  {fmt}: {rows}{size / 1e6:.0f} MB in {elapsed:.1f} s (first byte after {first:.2f} s); "
        f"server RSS {before / 1024:.0f} MB before, peak {peak / 1024:.0f} MB: "
        f"+{(peak - before) / 1024:.0f} MB"
    )


def main() -> None:
    """Generate if needed, then measure and print."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", default="sqlite:////tmp/tables-1m.sqlite")
    parser.add_argument("--participants", type=int, default=1_000_000)
    parser.add_argument("--port", type=int, default=8065)
    parser.add_argument("--xlsx", action="store_true", help="also the XLSX download (slow)")
    parser.add_argument("--timeout", type=float, default=10.0, help="statement timeout, s")
    parser.add_argument("--blocks-only", action="store_true", help="no download")
    parser.add_argument(
        "--every-sort", metavar="FILTER", help="instead: each table by each column (sector=Digital)"
    )
    args = parser.parse_args()
    ensure_database(args.database, args.participants)
    say(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    if args.every_sort:
        measure_every_sort(args.database, args.timeout, args.every_sort)
        return
    event = measure_blocks(args.database, args.timeout)
    if args.blocks_only:
        return
    with tempfile.TemporaryDirectory(prefix="tables-bench-") as workdir:
        server = start_server(args.database, args.port, workdir)
        try:
            say("download of the whole people table of the event, through the server:")
            for fmt in ("csv", "xlsx") if args.xlsx else ("csv",):
                measure_download(args.port, server, event, fmt)
        finally:
            server.terminate()
            server.wait(timeout=30)
    say(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
