"""Write a demo registration database: this year's and last year's Baltic cluster conference."""

from __future__ import annotations

import gc
import logging
import time as clock
from datetime import UTC, date, datetime

from data.demo import second_process
from data.demo.dice import Dice
from data.demo.editions import write_editions
from data.demo.world import plan_editions
from data.demo.writing import (
    analyze,
    create_indexes,
    drop_indexes,
    prepare_tables,
    reset_sequences,
)
from data.engine import writable_engine

log = logging.getLogger(__name__)


def generate(
    database_url: str,
    participants: int = 300,
    seed: int = 2026,
    event_date: date | None = None,
    force: bool = False,
    now: datetime | None = None,
) -> dict[str, int]:
    """Write two editions of the conference to the database and return the rows per table."""
    if participants < 20:
        raise ValueError("a demo needs at least 20 participants")
    started = clock.monotonic()
    plans = plan_editions(Dice(seed), participants, event_date, _naive_utc(now))
    engine = writable_engine(database_url)
    gc_was_enabled = gc.isenabled()
    # Millions of small long-lived objects: the cyclic collector would rescan them all the time.
    gc.disable()
    try:
        prepare_tables(engine, force)
        drop_indexes(engine)
        if second_process.worthwhile(engine, participants):
            counts = second_process.write_editions_in_two(engine, seed, plans)
        else:
            counts, _ = write_editions(engine, seed, plans)
        create_indexes(engine)
        reset_sequences(engine)
        analyze(engine)
    finally:
        if gc_was_enabled:
            gc.enable()
        engine.dispose()
    log.info("demo data written in %.1f s: %s", clock.monotonic() - started, counts)
    return counts


def _naive_utc(now: datetime | None) -> datetime:
    if now is None:
        now = datetime.now(UTC)
    if now.tzinfo is not None:
        now = now.astimezone(UTC).replace(tzinfo=None)
    return now.replace(microsecond=0)
