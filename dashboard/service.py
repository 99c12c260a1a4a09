"""The data service: one computation per data change, shared; the last good figures kept.

After a change, a request waits for the new figures a short while only (the service's
recompute wait); a computation that takes longer (a big event) goes on in the
background while requests get the figures of the version before, so that a click or a
wall's refresh never waits for the database's aggregation. A computation that took
long is not started again for as long as it took, so that a stream of changes cannot
keep the machine busy with recomputing. Without a wait (None, the default outside the
app), every request waits for its version's figures.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import datetime as dt
import gc
import hashlib
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as WaitedEnough
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from dashboard.cache import Cache
from dashboard.event_data import (
    Event,
    EventCubes,
    Registrations,
    events_from_frame,
    load_event,
    load_registrations,
)
from data import queries
from data.contract import missing_parts
from data.version import DataUnavailable, data_version

log = logging.getLogger(__name__)
T = TypeVar("T")
Moment = dt.datetime

CACHE_TTL_S = 6 * 3600
REST_FROM_S = 1.0  # computations shorter than this are never held back
BACKGROUND_COMPUTATIONS = 2  # computations one worker runs in the background at once
HOLD_MAX_S = 180  # a computation's hold, should its worker die before it ends
TIMEOUT_WORDS = ("statement timeout", "max_statement_time", "interrupted", "canceling statement")


ROOT = Path(__file__).resolve().parents[1]


def code_digest(root: Path = ROOT) -> str:
    """A digest of the code that computes and reads the cached values (dashboard/, data/).

    Part of every cache key: workers of another release sharing Redis (during a deploy,
    or after it, for the hours a value is kept) neither read values of a shape they do
    not know nor overwrite each other's.
    """
    digest = hashlib.sha256()
    for path in sorted([*root.glob("dashboard/**/*.py"), *root.glob("data/**/*.py")]):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


CODE_DIGEST = code_digest()


class TooSlow(DataUnavailable):
    """A query ran past the statement timeout."""


@dataclass(frozen=True)
class Snapshot:
    """An event's figures as last read, and whether they are current."""

    cubes: EventCubes | None
    version: str | None
    checked_at: dt.datetime | None
    stale_since: dt.datetime | None = None
    problem: str | None = None
    slow: bool = False

    @property
    def stale(self) -> bool:
        """True when the database could not be read at the last look."""
        return self.problem is not None


def describe(exc: Exception) -> DataUnavailable:
    """Turn a database error into one line a user may read (never the SQL)."""
    if isinstance(exc, DataUnavailable):
        return exc
    orig = getattr(exc, "orig", exc)
    first = (str(orig).strip().splitlines() or [type(orig).__name__])[0][:200]
    if any(word in first.lower() for word in TIMEOUT_WORDS):
        return TooSlow(first)
    return DataUnavailable(first)


class DataService:
    """Reads aggregates through the cache, keyed by the data version."""

    def __init__(
        self, engine: sa.Engine, cache: Cache, recompute_wait_s: float | None = None
    ) -> None:
        self.engine = engine
        self.cache = cache
        self._wait_s = recompute_wait_s
        self._background = recompute_wait_s is not None
        # At most two computations at once in a worker (of different names or events).
        self._computing = threading.BoundedSemaphore(BACKGROUND_COMPUTATIONS)
        # name -> (version, value, read at): what a request gets while its version computes
        self._latest: dict[str, tuple[str, object, dt.datetime]] = {}
        self._request = threading.local()
        place = f"{engine.url.render_as_string()}|{CODE_DIGEST}"
        self._db_key = hashlib.sha256(place.encode()).hexdigest()[:12]
        self._locks: dict[str, threading.Lock] = {}
        self._locks_guard = threading.Lock()
        self._last_good: dict[int, Snapshot] = {}
        self._stale_since: dt.datetime | None = None
        self._contract_ok = False

    def version(self) -> str:
        """The current data version token (raises DataUnavailable)."""
        try:
            version = data_version(self.engine)
            if not self._contract_ok:
                self._check_contract()
            return version
        except (SQLAlchemyError, OSError) as exc:
            raise describe(exc) from exc

    def _check_contract(self) -> None:
        with self.engine.connect() as conn:
            missing = missing_parts(conn)
        if missing:
            raise DataUnavailable("the database lacks " + ", ".join(missing))
        self._contract_ok = True

    def peek_version(self) -> str | None:
        """The current data version, or None when the database cannot be read."""
        try:
            return self.version()
        except DataUnavailable:
            return None

    def _lock(self, key: str) -> threading.Lock:
        with self._locks_guard:
            return self._locks.setdefault(key, threading.Lock())

    def cached(self, name: str, version: str, compute: Callable[[sa.Connection], T]) -> T:
        """Return the value for (name, version), computing it once for all workers.

        While a computation runs past the recompute wait, the value of the version
        before is returned instead, and the request is marked behind (see `behind`).
        """
        return self._cached(name, version, compute)[0]

    def _cached(self, name: str, version: str, compute: Callable) -> tuple[T, str, Moment]:
        """The value, the version it belongs to and when it was known to be current."""
        now = dt.datetime.now(dt.UTC)
        value = self.cache.get(self._key(name, version))
        if value is not None:
            self._latest[name] = (version, value, now)
            return value, version, now
        previous = self._latest.get(name)
        if not self._background or previous is None:
            return self._compute(name, version, compute, now), version, now
        if not self.cache.hold(self._hold_key(name), HOLD_MAX_S):
            # Computed now by another thread or worker, or resting after a long computation:
            # the figures before, meanwhile.
            self._request.behind = True
            return previous[1], previous[0], previous[2]
        # The hold makes this the only computation of the name: no other thread starts one.
        running = _in_background(self._computing, self._compute, name, version, compute, now)
        try:
            return running.result(timeout=self._wait_s), version, now
        except WaitedEnough:
            self._request.behind = True
            return previous[1], previous[0], previous[2]

    def _key(self, name: str, version: str) -> str:
        return f"{self._db_key}:{version}:{name}"

    def _hold_key(self, name: str) -> str:
        return f"{self._db_key}:{name}"

    def behind(self) -> bool:
        """Whether this request got any value of an older version than it asked for."""
        return getattr(self._request, "behind", False)

    def settled(self, version: str | None) -> str | None:
        """The version to remember a drawing by: marked when it showed older values.

        A drawing remembered by the current version is not redrawn until the data
        changes again; one that showed older values must be, once newer ones are
        computed (the mark holds the count of computations so far).
        """
        if not self.behind():
            return version
        # Marked by the version asked for (the one peek_settled will see), not the older
        # one the figures are of.
        return f"behind {getattr(self._request, 'asked', version)} {self._generation()}"

    def peek_settled(self, drawn: object) -> str | None:
        """What a drawing remembered as `drawn` would be remembered by if drawn again now.

        Equal to `drawn` when nothing changed, and also while the figures it showed are
        still the newest computed: walls behind a long computation are not redrawn at
        every tick with the same figures.
        """
        version = self.peek_version()
        behind = f"behind {version} "
        # The count of computations is read only for a drawing that was behind: an
        # unchanged refresh costs the version probe alone.
        if isinstance(drawn, str) and drawn.startswith(behind):
            return drawn if drawn == behind + str(self._generation()) else version
        return version

    def _generation(self) -> int:
        return self.cache.count(self._generation_key())

    def _generation_key(self) -> str:
        return f"{self._db_key}:computations"

    def _compute(
        self, name: str, version: str, compute: Callable[[sa.Connection], T], read_at: Moment
    ) -> T:
        """Compute (name, version) once across threads and workers; remember it as the latest."""
        started = time.perf_counter()
        try:
            value = self._compute_once(self._key(name, version), name, compute)
        finally:
            took_s = time.perf_counter() - started
            self._rest(name, took_s)
        self.cache.incr(self._generation_key(), CACHE_TTL_S)
        latest = self._latest.get(name)
        self._latest[name] = (version, value, read_at)
        if latest is not None and latest[0] != version:
            # Only the newest version is asked for again: the one before need not be kept.
            self.cache.delete(self._key(name, latest[0]))
        _give_back_memory(took_s)
        return value

    def _rest(self, name: str, took_s: float) -> None:
        """Hold the next computation of a name back for as long as this one took, if long.

        Neither this worker nor another then starts it again before: a stream of changes
        costs half the database's time and a core at most, and clicks keep the rest.
        Figures lag by up to twice the computation.
        """
        if self._background and took_s >= REST_FROM_S:
            self.cache.hold(self._hold_key(name), max(1, round(took_s)), replace=True)
        else:
            self.cache.release(self._hold_key(name))

    def _compute_once(self, key: str, name: str, compute: Callable[[sa.Connection], T]) -> T:
        with self._lock(key):
            value = self.cache.get(key)
            if value is None:
                value = self._wait_for_other_worker(key)
            if value is not None:
                return value
            started = time.perf_counter()
            try:
                with self.engine.connect() as conn:
                    value = compute(conn)
            except (DBAPIError, SQLAlchemyError, OSError) as exc:
                raise describe(exc) from exc
            log.info("computed %s in %.0f ms", name, (time.perf_counter() - started) * 1000)
            self.cache.set(key, value, CACHE_TTL_S)
            return value

    def _wait_for_other_worker(self, key: str, wait_s: float = 15.0) -> object | None:
        if self.cache.claim(key, int(wait_s)):
            return None
        deadline = time.monotonic() + wait_s
        while time.monotonic() < deadline:
            time.sleep(0.05)
            value = self.cache.get(key)
            if value is not None:
                return value
        return None

    def events(self, version: str | None = None) -> list[Event]:
        """The events of the database, newest first."""
        version = version or self.version()
        # Read once per version: every callback asks (a matchmaking click twice).
        return list(self.cached("events", version, _read_events))

    def event_cubes(self, event_id: int, version: str | None = None) -> EventCubes | None:
        """The read aggregates of one event, or None for an unknown event."""
        return self._event_cubes(event_id, version or self.version())[0]

    def event(self, event_id: int | None, version: str | None = None) -> Event | None:
        """One event of the database, or None for an unknown one."""
        return next((e for e in self.events(version) if e.id == event_id), None)

    def event_registrations(
        self, event_id: int, version: str | None = None
    ) -> Registrations | None:
        """The registrations of one event (its cubes' when they are there), or None.

        Another edition's registration curve needs no more: at a million participants
        its cubes took 45 s to compute and 47 MB to keep.
        """
        version = version or self.version()
        cubes = self.cache.get(self._key(_cubes_name(event_id), version))
        if cubes is not None:
            return Registrations(cubes.event, cubes.registrations)
        event = self.event(event_id, version)
        if event is None:
            return None
        name = f"registrations:{event_id}"
        return self.cached(name, version, lambda conn: load_registrations(conn, event))

    def _event_cubes(self, event_id: int, version: str) -> tuple[EventCubes | None, str, Moment]:
        event = self.event(event_id, version)
        if event is None:
            return None, version, dt.datetime.now(dt.UTC)
        return self._cached(_cubes_name(event_id), version, lambda c: load_event(c, event))

    def snapshot(self, event_id: int | None) -> Snapshot:
        """The event's figures now, or the last good ones with the reason they are stale.

        Without an event (none chosen, or none in the database) the snapshot holds no
        figures, and says why only if the database could not be read.
        """
        now = dt.datetime.now(dt.UTC)
        self._request.behind = False
        try:
            version = self._request.asked = self.version()
            if event_id is not None:
                cubes, version, now = self._event_cubes(event_id, version)
            else:
                cubes = None
        except DataUnavailable as exc:
            log.warning("data unavailable: %s", exc)
            self._stale_since = self._stale_since or now
            last = self._last_good.get(event_id or 0, Snapshot(None, None, None))
            return Snapshot(
                last.cubes,
                last.version,
                last.checked_at,
                self._stale_since,
                str(exc),
                isinstance(exc, TooSlow),
            )
        self._stale_since = None
        snapshot = Snapshot(cubes, version, now)
        if cubes is not None:
            self._last_good[event_id] = snapshot
        return snapshot


def _in_background(
    slots: threading.BoundedSemaphore, function: Callable[..., T], *args: object
) -> Future:
    """Run a computation in a thread of its own, which ends with it, once a slot is free.

    Computations are rare (one per name and data change, held across workers), so a
    thread each costs nothing, and no idle pool thread outlives them (a pool's idle
    threads are what a test server that stops every new thread finds to kill).
    """
    future: Future = Future()

    def run() -> None:
        with slots:
            future.set_running_or_notify_cancel()
            try:
                future.set_result(function(*args))
            except BaseException as exc:  # handed to whoever waits for it
                future.set_exception(exc)

    threading.Thread(target=run, name="recompute", daemon=True).start()
    return future


def _malloc_trim() -> Callable[[int], int] | None:
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):  # not glibc: its allocator gives memory back itself
        return None


_MALLOC_TRIM = _malloc_trim()


def _give_back_memory(took_s: float) -> None:
    """Hand the memory that a computation used and freed back to the system; after a long
    one, leave what it keeps out of later garbage collections.

    glibc keeps freed memory for the process: after a computation over 100,000
    participants a worker would stay at the peak it reached instead of what it holds.
    Python's full collection, which the allocations of a long computation soon bring
    about, walks every object alive: at a million participants it took 103 ms of a
    150 ms click. Collected here instead and frozen (see freeze_memory), the objects kept
    are not walked again by a request; the next long computation unfreezes them, so that
    those no longer kept are collected. A full collection costs about 80 ms: not worth it
    after a short computation.
    """
    if took_s >= REST_FROM_S:
        gc.unfreeze()
        gc.collect()
        freeze_memory()
    if _MALLOC_TRIM is not None:
        _MALLOC_TRIM(0)


def freeze_memory() -> None:
    """Leave every object alive now out of Python's garbage collections (the app's code,
    built once; the figures' cubes, until the next long computation)."""
    gc.freeze()


def _read_events(conn: sa.Connection) -> list[Event]:
    return events_from_frame(queries.events_frame(conn))


def _cubes_name(event_id: int) -> str:
    """The cache name of an event's cubes (looked up by event_registrations too)."""
    return f"event:{event_id}"
