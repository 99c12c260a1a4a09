"""Our side: the server time of each page's callbacks, in-process through the Flask test client.

Each view is a chain of callbacks the browser runs on load, each fed the answers of the
ones before (the page's "rendered" store, the wall's config). Three situations are timed:
after a data change (cold), a live refresh when nothing changed, and a filter click.

After a change the event's aggregates are recomputed once for every view (README: How it
works): whichever view asks first pays for them. So a round after a change times the list
of events and that recomputation once, then each view's own callbacks on the new version,
and a view's time after a change is the parts it reads added (`Changed.of`): the
recomputation only for the views that ask for it. At a million participants the
recomputation takes about a minute; timing it again for each of six views made the bench
twice as long for the same figure.
"""

from __future__ import annotations

import functools
import json
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa
from dash import Dash

from bench.floor import Statement, record_statements
from bench.measure import Timing, timed
from dashboard.auth import UserStore
from dashboard.settings import Settings
from dashboard.table_service import wait_for_reads_aside
from dashboard.vocab import BALTIC_SEA_REGION
from data.engine import writable_engine
from data.schema import participants
from layouts import ids
from tests.attacks import callback_body, dash_apps, update_url

PASSWORD = "bench-password-1"
WALL_KEY = "bench-wall-key-0123456789"
SCREEN = 1080
# No statement is cut off: at a million participants one aggregate runs for tens of
# seconds (see README), and the bench measures what it costs.
STATEMENT_TIMEOUT_S = 600
# The grid's first block, as AG Grid asks for it: a column filter and a sort.
GRID_REQUEST = {
    "startRow": 0,
    "endRow": 100,
    "filterModel": {"email": {"filterType": "text", "type": "contains", "filter": "e"}},
    "sortModel": [{"colId": "last_name", "sort": "asc"}],
}
# Per view: the Dash app and the outputs (id.property) naming each callback of its chain.
VIEWS: dict[str, tuple[str, tuple[str, ...]]] = {
    "overview": ("main", (f"{ids.OVERVIEW_RENDERED}.data",)),
    "participants": ("main", (f"{ids.PARTICIPANTS_RENDERED}.data",)),
    "matchmaking": (
        "main",
        (f"{ids.MATCHMAKING_RENDERED}.data", f"{ids.MATCHMAKING_UNMATCHED}.children"),
    ),
    "workshops": (
        "main",
        (
            f"{ids.WORKSHOPS_RENDERED}.data",
            f"{ids.WORKSHOPS_DETAIL_TITLE}.children",
            f"{ids.WORKSHOPS_PEOPLE}.children",
        ),
    ),
    "tables": ("main", ("getRowsResponse", ".children", f"{ids.TABLES_VERSION}.data")),
    "wall": ("wall", (f"{ids.WALL_RENDERED}.data",)),
}
# The callback a live refresh runs per view (the interval's tick).
TICKS = {"tables": f"{ids.TABLES_VERSION}.data"}


def _outputs(key: str) -> list[str]:
    return key.strip(".").split("...") if key.startswith("..") else [key]


def find_key(app: Dash, output: str) -> str:
    """The callback key whose outputs include `output` (an id.property, or its end)."""
    found = [k for k in app.callback_map if any(o.endswith(output) for o in _outputs(k))]
    if output == ".children":  # the grid's row count: a pattern id
        found = [k for k in found if ids.TABLES_COUNT in k]
    if len(found) != 1:
        raise LookupError(f"{len(found)} callbacks output {output}")
    return found[0]


def _concrete_table(body: dict, table: str = "people") -> dict:
    """The body with the grid's wildcard (replaced by 0) naming a table."""
    text = json.dumps(body).replace('"table": 0', json.dumps({"table": table})[1:-1])
    body = json.loads(text)
    for item in body["inputs"]:
        if isinstance(item.get("id"), dict) and item["property"] == "getRowsRequest":
            item["value"] = GRID_REQUEST
    return body


@dataclass
class Answer:
    """One callback's answer: time, status, size."""

    ms: float
    status: int
    size: int


@dataclass
class Site:
    """The app in this process, with a staff session and a wall session."""

    url: str
    event: int
    apps: dict[str, Dash] = field(default_factory=dict)
    clients: dict = field(default_factory=dict)
    changes: int = 0

    def start(self, workdir: Path) -> Site:
        """Create the app, log in as staff and open the wall."""
        from app import create_app

        users = workdir / "users.json"
        UserStore(users).add("bench", "staff", PASSWORD)
        settings = Settings(
            database_url=self.url,
            secret_key="bench-secret-key-0123456789",
            users_file=str(users),
            wall_key=WALL_KEY,
            # Every request waits for its computation: the bench measures what one costs.
            recompute_wait_ms=None,
            statement_timeout_s=float(STATEMENT_TIMEOUT_S),
        )
        main = create_app(settings)
        server = main.server
        self.apps = {"main": main, "wall": next(a for a in dash_apps(server) if a is not main)}
        self.clients = {"main": server.test_client(), "wall": server.test_client()}
        answer = self.clients["main"].post(
            "/login", data={"username": "bench", "password": PASSWORD}
        )
        if answer.status_code != 302:
            raise RuntimeError(f"login failed: {answer.status_code}")
        self.clients["wall"].get(f"/wall/?key={WALL_KEY}")
        return self

    @property
    def engine(self) -> sa.Engine:
        """The app's own (read-only) engine."""
        return self.apps["main"].server.config["DASHBOARD_SERVICE"].engine

    def _seed(self, view: str, country: str | None = None) -> dict:
        query = f"?event={self.event}" + (f"&country={country}" if country else "")
        store = {"query": query, "lang": "en", "ignored": []}
        seed = {ids.STATE: store, ids.REFRESH: 1, ids.WORKSHOPS_GROUP: "none"}
        if view == "wall":
            config = self.post("wall", find_key(self.apps["wall"], f"{ids.WALL_CONFIG}.data"), {})
            seed |= {
                ids.WALL_CONFIG: config.get(ids.WALL_CONFIG, {}).get("data"),
                ids.WALL_SCREEN: SCREEN,
            }
            seed[ids.WALL_REFRESH] = 1
        return seed

    def post(self, which: str, key: str, values: dict, sizes: dict | None = None) -> dict:
        """POST one callback as the browser would; feed its answer into values."""
        app = self.apps[which]
        body = _concrete_table(callback_body(app, key, values))
        answer = self.clients[which].post(update_url(app), json=body)
        if answer.status_code not in (200, 204):
            raise RuntimeError(f"{key}: {answer.status_code} {answer.get_data()[:200]!r}")
        if sizes is not None:
            sizes[key] = max(sizes.get(key, 0), len(answer.get_data()))
        if answer.status_code != 200:
            return {}
        response = answer.get_json().get("response") or {}
        for ident, props in response.items():
            values.update({(ident, prop): value for prop, value in props.items()})
        return response

    def load(self, view: str, values: dict, sizes: dict | None = None) -> None:
        """Run a view's chain of callbacks, as on a page load."""
        which, outputs = VIEWS[view]
        for output in outputs:
            self.post(which, find_key(self.apps[which], output), values, sizes)

    def tick(self, view: str, values: dict) -> None:
        """The interval's tick: the refresh callback with the store the last answer left."""
        which, outputs = VIEWS[view]
        values[ids.WALL_REFRESH if which == "wall" else ids.REFRESH] = (
            values.get(ids.REFRESH, 1) + 1
        )
        self.post(which, find_key(self.apps[which], TICKS.get(view, outputs[0])), values)

    def change(self) -> None:
        """Write a small change, so that the data version changes."""
        # A job title nobody counts, so that every figure stays the same; a write of the
        # same value would not change SQLite's file (nor its version).
        # Unique across runs: a run after another on the same database wrote "bench
        # change 1" again, and its overview "after a change" timed no change (1.5 ms).
        self.changes += 1
        engine = writable_engine(self.url)
        with engine.begin() as conn:
            first = sa.select(sa.func.min(participants.c.id)).where(
                participants.c.event_id == self.event
            )
            conn.execute(
                sa.update(participants)
                .where(participants.c.id == first.scalar_subquery())
                .values(job_title=f"bench change {self.changes} at {time.time_ns()}")
            )
        engine.dispose()


@dataclass
class Changed:
    """Every view's load after a change, with what views share timed apart: the list of
    events (every view reads it) and the event's aggregates (computed once per version
    for every view that asks for them)."""

    events: Timing
    shared: Timing
    own: dict[str, Timing]  # each view's callbacks, on the version just recomputed
    statements: dict[str, list[Statement]]  # "events", "shared" and each view's own
    reads_shared: dict[str, bool]  # whether a view asked for the event's aggregates
    values: dict[str, dict]  # each view's callback values, as its last load left them
    sizes: dict[str, dict[str, int]]  # each view's largest answer per callback

    def parts(self, view: str) -> list[str]:
        """What a view reads after a change, shared parts first."""
        return ["events", "shared", view] if self.reads_shared[view] else ["events", view]

    def of(self, view: str) -> Timing:
        """A view's time after a change: its own callbacks plus the shared parts it reads,
        of the same rounds (what it pays when it is the first to ask)."""
        timings = {"events": self.events, "shared": self.shared, view: self.own[view]}
        return functools.reduce(Timing.plus, (timings[part] for part in self.parts(view)))

    def statements_of(self, view: str) -> list[Statement]:
        """The statements a view sends after a change."""
        return [s for part in self.parts(view) for s in self.statements[part]]


def after_change(site: Site, repeat: int, warm: bool = False) -> Changed:
    """`repeat` rounds of: a change, the events and the event's aggregates read, then every
    view's callbacks (after one load of each, with `warm`: imports, the first cubes).

    The statements are recorded in the last round.
    """
    values = {view: site._seed(view) for view in VIEWS}
    sizes: dict[str, dict[str, int]] = {view: {} for view in VIEWS}
    if warm:
        for view in VIEWS:
            site.load(view, values[view], sizes[view])
    service = site.apps["main"].server.config["DASHBOARD_SERVICE"]
    asked: set[int] = set()
    event_cubes = service._event_cubes

    def noting(event_id: int, version: str):
        asked.add(event_id)
        return event_cubes(event_id, version)

    shared = {
        "events": service.events,
        "shared": lambda: service.snapshot(site.event),
    }
    samples: dict[str, list[float]] = {name: [] for name in [*shared, *VIEWS]}
    recorded: dict[str, list[Statement]] = {}
    reads: dict[str, bool] = {}

    def time_part(name: str, action: Callable[[], object]) -> None:
        started = time.perf_counter()
        recorded[name] = record_statements(site.engine, action)
        samples[name].append((time.perf_counter() - started) * 1000)
        wait_for_reads_aside()  # what a view reads aside, before the next one

    for _ in range(repeat):
        site.change()
        for name, action in shared.items():
            time_part(name, action)
        for view in VIEWS:
            asked.clear()
            service._event_cubes = noting
            try:
                time_part(view, lambda view=view: site.load(view, values[view], sizes[view]))
            finally:
                del service._event_cubes  # the class's method again
            reads[view] = site.event in asked
    timings = {name: Timing(tuple(taken)) for name, taken in samples.items()}
    return Changed(
        timings.pop("events"), timings.pop("shared"), timings, recorded, reads, values, sizes
    )


@dataclass
class Figures:
    """Our figures for one view."""

    unchanged: Timing
    click: Timing | None


def measure(site: Site, view: str, values: dict, sizes: dict, repeat: int) -> Figures:
    """Time a view's unchanged refresh and a filter click, `repeat` times each.

    `values` are the view's callback values as its loads after a change left them.
    """
    unchanged = timed(lambda: site.tick(view, values), repeat)
    click = None
    if view != "wall":  # the wall has no filters
        countries = iter(BALTIC_SEA_REGION * (1 + repeat // len(BALTIC_SEA_REGION)))

        def choose() -> None:
            values[ids.STATE] = site._seed(view, next(countries))[ids.STATE]

        click = timed(lambda: site.load(view, values, sizes), repeat, before=choose)
    return Figures(unchanged, click)


def open_site(url: str, event: int) -> tuple[Site, tempfile.TemporaryDirectory]:
    """The app on a database, with its temporary users file (keep the directory alive)."""
    workdir = tempfile.TemporaryDirectory(prefix="bench-")
    return Site(url, event).start(Path(workdir.name)), workdir
