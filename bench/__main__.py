"""`python -m bench [--sizes 300,100000,1000000] [--repeat 7] [--no-postgres]`."""

from __future__ import annotations

import argparse
import functools
import logging
import multiprocessing
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

import sqlalchemy as sa

from bench import datasets, naive, ours, report, server
from bench.floor import floor
from bench.measure import Timing, cpu_probe_ms, timed
from data.engine import writable_engine

log = logging.getLogger("bench")
# A recomputation after a change, its floor and the naive computation take from seconds
# to minutes on large databases: they are repeated at most so many times above so many
# participants (clicks and unchanged refreshes, whose p95 the targets judge, still
# `repeat` times; a recomputation is judged by its median against the floor's).
# At a million participants one round of every view, its floor and the naive computation
# take four to five minutes per database, and repeat within 2 to 3 % (two rounds on
# SQLite: 41.8 and 42.9 s for the event's aggregates, 33.5 and 34.4 s their floor): one
# round there, so that the whole bench fits in its fifteen minutes. At 100,000 a round
# takes about 25 s on SQLite.
SLOW_REPEATS = ((200_000, 1), (20_000, 3))


def slow_repeat(participants: int, repeat: int) -> int:
    """How many times the slow measurements are repeated at a size."""
    for above, times in SLOW_REPEATS:
        if participants > above:
            return min(repeat, times)
    return repeat


def biggest_event(url: str) -> int:
    """The event with the most participants."""
    engine = sa.create_engine(writable_engine(url).url)
    with engine.connect() as conn:
        event = conn.execute(
            sa.text(
                "SELECT event_id FROM participants GROUP BY event_id ORDER BY count(*) DESC LIMIT 1"
            )
        ).scalar_one()
    engine.dispose()
    return int(event)


def _ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 2) if a and b else None


def _floor(url: str, statements: list, repeat: int) -> Timing | None:
    return floor(url, statements, repeat) if statements else None


@dataclass(frozen=True)
class Rounds:
    """How many times each thing is timed."""

    repeat: int  # clicks and unchanged refreshes
    slow: int  # rounds after a change, their floor and the naive computation


def naive_timings(url: str, event: int, repeat: int) -> dict[str, Timing]:
    """Each view's naive computation: every function of naive.VIEWS timed once per round,
    and a view's time the sum of its functions' times in the same round."""
    functions = list(dict.fromkeys(f for parts in naive.VIEWS.values() for f in parts))
    samples: dict = {function: [] for function in functions}
    engine = sa.create_engine(writable_engine(url).url)
    with engine.connect() as conn:
        for _ in range(repeat):
            for function in functions:
                samples[function] += timed(lambda f=function: f(conn, event), 1).samples
    engine.dispose()
    return {
        view: functools.reduce(Timing.plus, (Timing(tuple(samples[f])) for f in parts))
        for view, parts in naive.VIEWS.items()
    }


def view_row(
    view: str,
    changed: ours.Changed,
    figures: ours.Figures,
    floors: dict[str, Timing | None],
    slow: Timing,
    participants: int,
) -> dict:
    """One view's row: ours (`changed`, `figures`), the floor and the naive baseline (`slow`).

    `changed` holds the rounds after a change, which left the view's largest answers in
    `changed.sizes`; `figures` the view's clicks and unchanged refreshes; `floors` the
    floors of the shared parts ("events", "shared") and of each view's own statements.
    """
    sizes = changed.sizes[view]
    after = changed.of(view)
    parts = [floors[part] for part in changed.parts(view) if floors[part] is not None]
    bare = functools.reduce(Timing.plus, parts) if parts else None
    interaction = figures.click or figures.unchanged  # the wall has no filters: its refresh
    row = {
        "view": view,
        "changed": after.as_json(),
        "reads_shared": changed.reads_shared[view],
        "floor": bare.as_json() if bare else None,
        "statements": len(changed.statements_of(view)),
        "naive": slow.as_json(),
        "unchanged": figures.unchanged.as_json(),
        "click": figures.click.as_json() if figures.click else None,
        "responses_bytes": sizes,
        "max_response_kb": round(max(sizes.values()) / 1000, 1),
        "ours_per_floor": _ratio(after.median, bare.median if bare else None),
        "naive_per_ours": _ratio(slow.median, interaction.median),
        "naive_per_changed": _ratio(slow.median, after.median),
    }
    row["targets"] = report.verdicts(row, participants)
    return row


def run(backend: str, url: str, participants: int, repeat: int, with_server: bool) -> dict:
    """Every view on one database, in this order: ours (after a change, then clicks and
    unchanged refreshes); the process's memory and a download, while it holds what a
    worker that served every view holds (bench.server); the floor; the naive computation,
    which loads whole tables and would leave the process larger."""
    event = biggest_event(url)
    site, workdir = ours.open_site(url, event)
    rounds = Rounds(repeat, slow_repeat(participants, repeat))
    with workdir:
        changed = ours.after_change(site, rounds.slow, warm=rounds.slow >= rounds.repeat)
        figures = {}
        for view in ours.VIEWS:
            log.info("%s %s: %s", backend, participants, view)
            values, sizes = changed.values[view], changed.sizes[view]
            figures[view] = ours.measure(site, view, values, sizes, rounds.repeat)
        served = server.measure(site) if with_server else None
    log.info("%s %s: the floor", backend, participants)
    floors = {
        part: _floor(url, changed.statements[part], rounds.slow)
        for part in ("events", "shared", *ours.VIEWS)
    }
    log.info("%s %s: the naive computation", backend, participants)
    naive_times = naive_timings(url, event, rounds.slow)
    views = [
        view_row(view, changed, figures[view], floors, naive_times[view], participants)
        for view in ours.VIEWS
    ]
    if served:
        served["rest_met"] = served["rest_mb"] < report.REST_LIMIT_MB
    shared = {
        "changed": changed.shared.as_json(),
        "floor": floors["shared"].as_json() if floors["shared"] else None,
        "statements": len(changed.statements["shared"]),
        "events": changed.events.as_json(),
    }
    return {
        "backend": backend,
        "participants": participants,
        "event": event,
        "rounds": {"clicks": rounds.repeat, "after_change": rounds.slow},
        "shared_recomputation": shared,
        "views": views,
        "server": served,
    }


LOG_FORMAT = "%(asctime)s %(name)s %(message)s"


def _logging() -> None:
    logging.basicConfig(level=logging.INFO, format=LOG_FORMAT)


def run_apart(backend: str, url: str, participants: int, repeat: int, with_server: bool) -> dict:
    """`run` in a process of its own, as a worker serves one database: nothing that a run
    before left in memory (its apps, caches, connections and garbage) weighs on this one's
    clicks."""
    # By the module's name: run as `python -m bench`, this module is __main__, which a
    # spawned process cannot import by that name.
    from bench import __main__ as named

    # An executor, not a Pool: a worker killed (out of memory) raises BrokenProcessPool
    # instead of leaving the bench waiting for ever.
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(1, mp_context=spawn, initializer=named._logging) as pool:
        return pool.submit(named.run, backend, url, participants, repeat, with_server).result()


def main(argv: list[str] | None = None) -> dict:
    """Measure each size on SQLite (and PostgreSQL when reachable); print and write."""
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--sizes", default="300,100000,1000000")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--no-server", action="store_true", help="no memory or export figures")
    args = parser.parse_args(argv)
    _logging()
    sizes = [int(size) for size in args.sizes.split(",")]
    results = {
        "load_average": os.getloadavg()[0],
        "cores": os.cpu_count(),
        "cpu_probe_ms": round(cpu_probe_ms(), 1),
        "runs": [],
    }
    path = report.new_path()
    started = time.perf_counter()
    for size in sizes:
        urls = [] if args.no_sqlite else [("sqlite", datasets.sqlite_url(size))]
        if not args.no_postgres and (pg := datasets.postgres_url(size)):
            urls.append(("postgresql", pg))
        for backend, url in urls:
            results["runs"].append(run_apart(backend, url, size, args.repeat, not args.no_server))
            results["load_average_after"] = os.getloadavg()[0]
            results["minutes"] = round((time.perf_counter() - started) / 60, 1)
            report.write(results, path)  # after each run: an interrupted bench keeps its figures
    sys.stdout.write(report.table(results) + f"\n\nwritten to {path}\n")
    return results


if __name__ == "__main__":
    main()
