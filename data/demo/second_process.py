"""Two cores for big SQLite demos: the current edition written by a second process."""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import tempfile
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import sqlalchemy as sa

from data import schema
from data.demo.dice import Dice
from data.demo.editions import edition_world, write_edition, write_editions
from data.demo.names import name_pools
from data.demo.organisations import make_organisations
from data.demo.world import Plan
from data.demo.writing import drop_indexes
from data.engine import writable_engine

PARALLEL_FROM = 20_000  # participants from which a second process writes the current edition


def worthwhile(engine: sa.Engine, size: int) -> bool:
    """Use a second process for big SQLite demos, where the machine has the cores for it."""
    forkable = "fork" in multiprocessing.get_all_start_methods() and sys.platform == "linux"
    return (
        engine.dialect.name == "sqlite"
        and size >= PARALLEL_FROM
        and forkable
        and (os.cpu_count() or 1) > 1
    )


def write_editions_in_two(engine: sa.Engine, seed: int, plans: list[Plan]) -> dict[str, int]:
    """Write the current edition to a side file in a child process, then copy it over."""
    target = Path(engine.url.database).resolve()
    with tempfile.TemporaryDirectory(prefix=".demo-", dir=target.parent) as workdir:
        side = str(Path(workdir) / "edition.sqlite")
        context = multiprocessing.get_context("fork")  # no re-import of the caller's __main__
        engine.dispose()  # the child gets no open connection of ours
        with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
            child = pool.submit(_edition_file, side, seed, plans)
            written, offsets = write_editions(engine, seed, plans, editions=-1)
            counts = Counter(written)
            counts.update(child.result())
        _copy_edition(engine, side, offsets)
    return dict(counts)


def _edition_file(path: str, seed: int, plans: list[Plan]) -> dict[str, int]:
    """Write the last edition to a SQLite file of its own (run in the child process)."""
    gc.disable()
    engine = writable_engine(f"sqlite:///{path}")
    try:
        schema.metadata.create_all(engine)
        drop_indexes(engine)
        orgs = make_organisations(Dice(f"{seed}:organisations"), plans[-1].size)
        world = edition_world(seed, plans, plans[-1], True, name_pools(seed))
        return write_edition(engine, world, plans[-1], orgs)
    finally:
        engine.dispose()


def _copy_edition(engine: sa.Engine, path: str, offsets: dict[str, int]) -> None:
    """Copy the side file's rows; ids that count on from the first edition move past it."""
    tables = (
        schema.participants,
        schema.meeting_requests,
        schema.workshops,
        schema.workshop_bookings,
        schema.checkins,
    )
    with engine.connect() as conn:
        conn.exec_driver_sql("ATTACH DATABASE ? AS edition", (path,))
        for table in tables:
            side = table.to_metadata(sa.MetaData(), schema="edition")
            columns = [side.c.id + offsets.get(table.name, 0)]
            columns += [column for column in side.c if column.name != "id"]
            names = ["id", *(column.name for column in table.c if column.name != "id")]
            conn.execute(table.insert().from_select(names, sa.select(*columns)))
        conn.commit()
        conn.exec_driver_sql("DETACH DATABASE edition")
        conn.commit()
