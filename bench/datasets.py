"""Demo databases of each size, generated once and kept for later runs."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import sqlalchemy as sa

from data import demo, indexes
from data.demo import writing
from data.engine import writable_engine

log = logging.getLogger(__name__)
DATA_DIR = Path("bench-data")
POSTGRES_BASE = "postgresql://127.0.0.1:5432/test"
SEED = 2026
REDIS_URL = "redis://127.0.0.1:6379/14"  # not the tests' database (15), which they flush


def _holds(url: str, participants: int) -> bool:
    try:
        engine = writable_engine(url)
        with engine.connect() as conn:
            count = conn.execute(
                sa.text("SELECT count(*) FROM participants WHERE event_id = 2")
            ).scalar_one()
        engine.dispose()
    except sa.exc.SQLAlchemyError:
        return False
    return count >= participants


def participants_in(url: str, event: int) -> int:
    """How many participants an event has."""
    engine = writable_engine(url)
    with engine.connect() as conn:
        count = conn.execute(
            sa.text("SELECT count(*) FROM participants WHERE event_id = :e"), {"e": event}
        ).scalar_one()
    engine.dispose()
    return int(count)


def ensure(url: str, participants: int) -> str:
    """Generate the demo at url unless it already holds that many participants; give it
    the indexes `check-db` recommends."""
    if not _holds(url, participants):
        started = time.perf_counter()
        log.info("generating %s participants at %s (once; kept for later runs)", participants, url)
        demo.generate(url, participants=participants, seed=SEED, force=True)
        log.info("generated in %.0f s", time.perf_counter() - started)
    with_recommended_indexes(url)
    return url


def with_recommended_indexes(url: str) -> None:
    """Create the indexes that `check-db` recommends and the database lacks: the bench
    measures a database set up as the README advises (a staff table filtered by country
    scans the event's million people without them)."""
    engine = writable_engine(url)
    with engine.connect() as conn:
        lacking = indexes.missing(conn)
    for recommended in lacking:
        started = time.perf_counter()
        with engine.begin() as conn:
            conn.exec_driver_sql(recommended.statement())
        log.info("created %s in %.0f s", recommended.name, time.perf_counter() - started)
    engine.dispose()


def sqlite_url(participants: int) -> str:
    """The kept SQLite demo of a size."""
    DATA_DIR.mkdir(exist_ok=True)
    return ensure(f"sqlite:///{DATA_DIR / f'demo-{participants}.sqlite'}", participants)


def postgres_url(participants: int) -> str | None:
    """The kept PostgreSQL demo of a size, or None when no server is reachable."""
    admin = sa.create_engine(writable_engine(POSTGRES_BASE).url, isolation_level="AUTOCOMMIT")
    name = f"dashboard_bench_{participants}"
    try:
        with admin.connect() as conn:
            exists = conn.execute(
                sa.text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}
            ).first()
            if not exists:
                conn.exec_driver_sql(f"CREATE DATABASE {name}")
    except sa.exc.OperationalError as exc:
        log.warning("PostgreSQL not reachable (%s): SQLite only", str(exc.orig).splitlines()[0])
        return None
    finally:
        admin.dispose()
    url = writable_engine(POSTGRES_BASE).url.set(database=name).render_as_string(False)
    ensure(url, participants)
    engine = writable_engine(url)
    with engine.connect() as conn:
        lacking = indexes.without_statistics(conn)
    if lacking:  # a demo written before the generator analyzed its tables
        log.info("analyzing %s (no planner statistics)", ", ".join(lacking))
        writing.analyze(engine)
    engine.dispose()
    return url


def reachable_redis(url: str | None) -> str | None:
    """The Redis URL when a server answers there, else None (the in-process cache)."""
    if not url:
        return None
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.exceptions.RedisError as exc:
        log.warning("Redis not reachable at %s (%s): in-process cache", url, exc)
        return None
    return url
