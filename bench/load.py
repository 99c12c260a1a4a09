"""`python -m bench.load`: the event's load against gunicorn, on loopback, for a few minutes.

50 wall screens refresh every 5 s, 20 officials click filters on the statistics pages
(a new view every 2 to 8 s), 5 staff scroll the People table a block at a time (one
every 1 to 4 s) and download a filtered CSV now and then. The server is gunicorn with
2 workers x 4 threads, Redis as the shared cache when reachable, on the
100,000-participant demo (PostgreSQL when reachable, else SQLite); with --change-every
the simulator also writes a change every few seconds, as a registration desk would,
and the figures are recomputed behind the clicks. Latencies are
measured by the clients, so they include the loopback and the clients' own share of
the two cores.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench import datasets
from bench.__main__ import biggest_event
from bench.measure import Timing
from bench.ours import GRID_REQUEST, Site, _concrete_table, find_key
from bench.report import RESULTS_DIR
from bench.web import Gunicorn, HttpClient
from dashboard.vocab import BALTIC_SEA_REGION
from data import simulate
from tests.attacks import callback_body, update_url

log = logging.getLogger("bench.load")
PASSWORD = "load-password-1"
WALL_KEY = "load-wall-key-0123456789"
PAGES = ("overview", "participants", "matchmaking", "workshops")
# What a page shows when it could not answer: counted as errors, like a 500.
DEGRADED = (b"Data unavailable", b"taking too long", b"Traceback")
SORTS = ("last_name", "country", "organisation", "registered_at")
THINK_S = (2.0, 8.0)  # how long an official looks at a view before the next click
SCROLL_S = (1.0, 4.0)  # how long staff read a block of rows before the next


@dataclass
class Tally:
    """Every request's latency by kind, and the errors with their reasons."""

    ms: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, ms: float, error: str | None = None) -> None:
        """Record one request (or one click: a page's chain of callbacks)."""
        with self.lock:
            self.ms.setdefault(kind, []).append(ms)
            if error:
                self.errors.setdefault(kind, []).append(error)

    def summary(self) -> dict[str, dict[str, float]]:
        """Count, errors, median, p95 and max per kind."""
        out = {}
        for kind, values in sorted(self.ms.items()):
            timing = Timing(tuple(values))
            out[kind] = {
                "count": len(values),
                "errors": len(self.errors.get(kind, [])),
                "median_ms": round(timing.median, 1),
                "p95_ms": round(timing.p95, 1),
                "max_ms": round(max(values), 1),
            }
        return out


class Timed:
    """A site whose posts are timed and checked for errors."""

    def __init__(self, site: Site, tally: Tally, kind: str) -> None:
        self.site, self.tally, self.kind = site, tally, kind

    def run(self, action) -> None:
        """Time one action (a click or a refresh); an exception is an error."""
        started = time.perf_counter()
        error = None
        try:
            action()
        except Exception as exc:
            error = f"{type(exc).__name__}: {str(exc)[:200]}"
        self.tally.add(self.kind, (time.perf_counter() - started) * 1000, error)


def _check(client: HttpClient) -> None:
    if any(marker in client.last_body for marker in DEGRADED):
        raise RuntimeError("degraded answer: " + client.last_body[:200].decode(errors="replace"))


def wall_screen(site: Site, tally: Tally, stop: threading.Event, every_s: float) -> None:
    """A wall screen: the whole chain once, then the refresh tick every few seconds."""
    timed = Timed(site, tally, "wall refresh")
    values = site._seed("wall")
    timed.run(lambda: site.load("wall", values))
    while not stop.wait(every_s * random.uniform(0.9, 1.1)):
        timed.run(lambda: (site.tick("wall", values), _check(site.clients["wall"])))


def official(site: Site, tally: Tally, stop: threading.Event, event: int) -> None:
    """An official: a page, a country filter (or none), looked at for a few seconds."""
    countries = [*BALTIC_SEA_REGION, None]
    while not stop.wait(random.uniform(*THINK_S)):
        page = random.choice(PAGES)
        values = site._seed(page, random.choice(countries))
        timed = Timed(site, tally, f"click {page}")
        timed.run(lambda p=page, v=values: (site.load(p, v), _check(site.clients["main"])))


def staff(site: Site, tally: Tally, stop: threading.Event, event: int) -> None:
    """Staff: scroll the People table, filtered and sorted, and download it as CSV."""
    app = site.apps["main"]
    key = find_key(app, "getRowsResponse")
    client = site.clients["main"]
    rows = Timed(site, tally, "table block")
    download = Timed(site, tally, "csv download")
    while not stop.wait(random.uniform(*SCROLL_S)):
        country = random.choice(BALTIC_SEA_REGION)
        values = site._seed("tables", country)
        start = random.randrange(0, 20) * 100
        request = {**GRID_REQUEST, "startRow": start, "endRow": start + 100}
        request["sortModel"] = [{"colId": random.choice(SORTS), "sort": "asc"}]
        body = _concrete_table(callback_body(app, key, values))
        for item in body["inputs"]:
            if isinstance(item.get("id"), dict) and item["property"] == "getRowsRequest":
                item["value"] = request
        rows.run(lambda b=body: client.post_json(update_url(app), b, expect=200))
        if random.random() < 0.05:
            path = f"/downloads/people.csv?event={event}&country={country}"
            download.run(lambda p=path: client.get(p, expect=200))


def _sites(url: str, event: int, port: int, counts: dict[str, int]) -> dict[str, list[Site]]:
    """One logged-in Site per virtual user; the apps only lend their callback maps."""
    template = Site(url, event)
    with tempfile.TemporaryDirectory() as tmp:
        template.start(Path(tmp))  # builds the apps in this process, for their callback maps
    sites: dict[str, list[Site]] = {}
    for role, count in counts.items():
        for _ in range(count):
            site = Site(url, event, apps=template.apps)
            client = HttpClient(port)
            if role == "wall":
                client.get(f"/wall/?key={WALL_KEY}", expect=200)
            else:
                client.login(role, PASSWORD)
            site.clients = {"main": client, "wall": client}
            sites.setdefault(role, []).append(site)
    return sites


def _simulate(url: str, event: int, stop: threading.Event, every_s: float) -> None:
    """The registration desk: a change every few seconds (new data for every view)."""
    simulate.run(url, rate=1 / every_s, seed=7, event_id=event, stop=stop)


def _warm(sites: dict[str, list[Site]]) -> float:
    """Open every page once, one after the other, as the organisers do before the doors open.

    The first computation of a big event's figures takes seconds (the database's
    aggregation); it happens once, when the server starts, and is not part of the load.
    """
    started = time.perf_counter()
    for role, views in (("official", PAGES), ("wall", ("wall",)), ("staff", ("tables",))):
        for site in sites.get(role, [])[:1]:
            patient = HttpClient(site.clients["main"].port, timeout_s=600)
            patient.cookies = site.clients["main"].cookies
            site.clients = {"main": patient, "wall": patient}
            for view in views:
                site.load(view, site._seed(view))
            original = HttpClient(patient.port)
            original.cookies = patient.cookies
            site.clients = {"main": original, "wall": original}
    return time.perf_counter() - started


def run(url: str, redis_url: str | None, seconds: float, counts: dict[str, int], change_s: float):
    """Serve, warm up, load, and return the figures."""
    event = biggest_event(url)
    with tempfile.TemporaryDirectory(prefix="bench-load-") as workdir:
        server = Gunicorn(url, redis_url, Path(workdir), PASSWORD, WALL_KEY)
        try:
            sites = _sites(url, event, server.port, counts)
            warm_s = _warm(sites)
            log.info("warmed up in %.0f s", warm_s)
            tally, stop = Tally(), threading.Event()
            users = [(wall_screen, s, (5.0,)) for s in sites.get("wall", [])]
            users += [(official, s, (event,)) for s in sites.get("official", [])]
            users += [(staff, s, (event,)) for s in sites.get("staff", [])]
            threads = [
                threading.Thread(target=f, args=(s, tally, stop, *a), daemon=True)
                for f, s, a in users
            ]
            if change_s > 0:
                writer = threading.Thread(target=_simulate, args=(url, event, stop, change_s))
                threads.append(writer)
            log.info("%d users for %.0f s against port %d", len(users), seconds, server.port)
            for thread in threads:
                thread.start()
            time.sleep(seconds)
            stop.set()
            for thread in threads:
                thread.join(timeout=120)
            rss = server.worker_rss_mb()
        finally:
            server.stop()
            computed = server.computations()
    return tally, rss, warm_s, computed


def main(argv: list[str] | None = None) -> int:
    """Run the load, print the figures, write them as JSON; exit 1 on any error."""
    parser = argparse.ArgumentParser(prog="python -m bench.load")
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument("--participants", type=int, default=100_000)
    parser.add_argument("--database", help="default: the demo on PostgreSQL, else SQLite")
    parser.add_argument("--redis", default=os.environ.get("REDIS_URL", datasets.REDIS_URL))
    parser.add_argument("--walls", type=int, default=50)
    parser.add_argument("--officials", type=int, default=20)
    parser.add_argument("--staff", type=int, default=5)
    parser.add_argument(
        "--change-every", type=float, default=0.0, help="s between writes of the simulator"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    url = args.database or datasets.postgres_url(args.participants)
    url = url or datasets.sqlite_url(args.participants)
    redis_url = datasets.reachable_redis(args.redis)
    counts = {"wall": args.walls, "official": args.officials, "staff": args.staff}
    tally, rss, warm_s, computed = run(url, redis_url, args.minutes * 60, counts, args.change_every)
    summary = tally.summary()
    participants = datasets.participants_in(url, biggest_event(url))
    clicks = [ms for kind, values in tally.ms.items() if kind.startswith("click") for ms in values]
    result = {
        "database": url.split("://")[0],
        "participants": participants,
        "redis": bool(redis_url),
        "minutes": args.minutes,
        "users": counts,
        "change_every_s": args.change_every,
        "kinds": summary,
        "clicks_p95_ms": round(Timing(tuple(clicks)).p95, 1) if clicks else None,
        "errors": sum(len(e) for e in tally.errors.values()),
        "error_samples": {k: v[:3] for k, v in tally.errors.items()},
        "worker_rss_mb": rss,
        "warm_up_s": round(warm_s, 1),
        "computed": computed,
        "load_average": os.getloadavg()[0],
    }
    RESULTS_DIR.mkdir(exist_ok=True)
    path = RESULTS_DIR / time.strftime("load-%Y%m%d-%H%M%S.json")
    path.write_text(json.dumps(result, indent=2))
    sys.stdout.write(_table(result) + f"\nwritten to {path}\n")
    met = result["errors"] == 0 and (result["clicks_p95_ms"] or 0) < 500
    return 0 if met else 1


def _table(result: dict) -> str:
    lines = [
        f"load: {result['users']} for {result['minutes']} min on {result['database']} "
        f"({result['participants']:,} participants), Redis {'on' if result['redis'] else 'off'}, "
        + (
            f"a change every {result['change_every_s']} s"
            if result["change_every_s"]
            else "no data changes"
        ),
        f"{'kind':>20} {'count':>7} {'errors':>7} {'median ms':>10} {'p95 ms':>8} {'max ms':>8}",
    ]
    for kind, row in result["kinds"].items():
        lines.append(
            f"{kind:>20} {row['count']:>7} {row['errors']:>7} {row['median_ms']:>10.1f} "
            f"{row['p95_ms']:>8.1f} {row['max_ms']:>8.1f}"
        )
    lines.append(
        f"clicks p95 {result['clicks_p95_ms']} ms (target < 500); errors {result['errors']} "
        f"(target 0); worker memory {result['worker_rss_mb']} MB; "
        f"warm-up before the clock {result['warm_up_s']} s"
    )
    computed = result["computed"].items()
    lines.append(
        "computed (warm-up included): "
        + ", ".join(f"{k} {v['count']}x ~{v['median_ms']} ms" for k, v in computed)
    )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
