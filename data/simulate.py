"""Keep changing a demo database as the registration and matchmaking systems would, live."""

from __future__ import annotations

import itertools
import logging
import threading
import time as clock
from collections import Counter
from datetime import UTC, datetime

import sqlalchemy as sa

from data.demo.dice import Dice
from data.demo.live import LiveEvent
from data.demo.live_changes import CHANGES
from data.demo.names import name_pools
from data.engine import writable_engine

log = logging.getLogger(__name__)

# How often each kind of change happens, relative to the others.
KINDS = {
    "registration": 12,
    "checkin": 30,
    "answer": 15,
    "request": 15,
    "held": 10,
    "booking": 12,
    "cancellation": 3,
}
KIND_NAMES = tuple(KINDS)
KIND_CUM = tuple(itertools.accumulate(KINDS.values()))
LOG_EVERY = 100


def utc_now() -> datetime:
    """Return the current time as the schema stores it: UTC without a zone."""
    return datetime.now(UTC).replace(tzinfo=None)


def run(
    database_url: str,
    rate: float = 1.0,
    duration_s: float | None = None,
    seed: int | None = None,
    event_id: int | None = None,
    stop: threading.Event | None = None,
) -> dict[str, int]:
    """Write about rate changes a second until duration_s has passed, stop is set or Ctrl-C."""
    if rate <= 0:
        raise ValueError("rate must be positive")
    engine = writable_engine(database_url)
    try:
        simulator = Simulator(engine, Dice(seed), event_id)
        return simulator.loop(rate, duration_s, stop or threading.Event())
    finally:
        engine.dispose()


class Simulator:
    """The changes of one event, each in its own short transaction."""

    def __init__(self, engine: sa.Engine, rng: Dice, event_id: int | None) -> None:
        self.engine = engine
        self.rng = rng
        pools = name_pools(rng.randrange(1_000_000), size=40)
        with engine.connect() as conn:
            self.live = LiveEvent.load(conn, rng, pools, event_id)
        event = self.live.event
        log.info("simulating changes to event %s (%s)", event.id, event.name)

    def loop(self, rate: float, duration_s: float | None, stop: threading.Event) -> dict[str, int]:
        """Make changes at the rate until the time is up, stop is set or Ctrl-C; count each kind."""
        counts: Counter[str] = Counter({kind: 0 for kind in KINDS} | {"skipped": 0})
        started = clock.monotonic()
        deadline = started + duration_s if duration_s is not None else float("inf")
        due = started
        try:
            while not stop.is_set() and clock.monotonic() < deadline:
                kind = self._one_change()
                counts[kind] += 1
                if counts.total() % LOG_EVERY == 0:
                    log.info("%d changes so far: %s", counts.total(), dict(counts))
                due = max(due + 1 / rate, clock.monotonic() - 1)  # after a stall, do not burst
                wait = min(due, deadline) - clock.monotonic()
                if wait > 0:
                    stop.wait(wait)
        except KeyboardInterrupt:  # how a run without a duration ends: the counts still matter
            log.info("simulation interrupted")
        log.info("simulation ended after %d changes: %s", counts.total(), dict(counts))
        return dict(counts)

    def _one_change(self) -> str:
        """Make one change of a random kind; when a kind finds nothing to do, try another."""
        for _ in range(3):
            kind = self.rng.weighted(KIND_NAMES, KIND_CUM)
            if self._change(kind):
                return kind
        return "skipped"

    def _change(self, kind: str) -> bool:
        try:
            with self.engine.begin() as conn:
                return CHANGES[kind](self.live, conn, utc_now())
        except sa.exc.OperationalError as exc:  # a locked SQLite file, a dropped connection
            log.warning("could not write a %s: %s", kind, exc.orig)
            return False
