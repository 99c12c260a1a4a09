"""Shared fixtures: a fresh small SQLite database per test, and the optional servers."""

from __future__ import annotations

import datetime as dt
import os
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa

from dashboard.event_data import events_from_frame, load_event
from data import queries
from data.engine import make_engine, writable_engine
from tests import small_event

SHARED = Path(__file__).resolve().parents[2] / "shared"
POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://127.0.0.1:5432/test")
MARIADB_URL = os.environ.get("TEST_MARIADB_URL", "mysql://root@127.0.0.1:3306/test")
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def small_db(tmp_path: Path) -> str:
    """A SQLite file holding the hand-checked small event; returns its URL."""
    url = f"sqlite:///{tmp_path / 'small.sqlite'}"
    engine = writable_engine(url)
    small_event.load(engine)
    engine.dispose()
    return url


@pytest.fixture
def small_cubes(small_db: str):
    """The current event's read aggregates from the small database."""
    engine = make_engine(small_db)
    with engine.connect() as conn:
        event = next(e for e in events_from_frame(queries.events_frame(conn)) if e.id == 2)
        return load_event(conn, event)


def _server_url(base: str, kind: str) -> str:
    """Create a throwaway database on a local server; skip with the reason when unreachable."""
    admin = sa.create_engine(writable_engine(base).url, isolation_level="AUTOCOMMIT")
    name = f"dash_test_{uuid.uuid4().hex[:10]}"
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"CREATE DATABASE {name}")
    except sa.exc.OperationalError as exc:
        pytest.skip(f"{kind} not reachable at {base}: {str(exc.orig).splitlines()[0]}")
    finally:
        admin.dispose()
    return str(writable_engine(base).url.set(database=name).render_as_string(hide_password=False))


def _drop(base: str, url: str) -> None:
    admin = sa.create_engine(writable_engine(base).url, isolation_level="AUTOCOMMIT")
    name = sa.engine.make_url(url).database
    with admin.connect() as conn:
        if admin.dialect.name == "postgresql":
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        else:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name}")
    admin.dispose()


@pytest.fixture
def postgres_url():
    """An empty PostgreSQL database on the local server (skipped when there is none)."""
    url = _server_url(POSTGRES_URL, "PostgreSQL")
    yield url
    _drop(POSTGRES_URL, url)


@pytest.fixture
def mariadb_url():
    """An empty MariaDB database on the local server (skipped when there is none)."""
    url = _server_url(MARIADB_URL, "MariaDB")
    yield url
    _drop(MARIADB_URL, url)


def redis_or_skip():
    """A client of the tests' Redis database, emptied (the test is skipped without Redis)."""
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.exceptions.RedisError as exc:
        pytest.skip(f"Redis not reachable at {REDIS_URL}: {exc}")
    client.flushdb()
    return client


@pytest.fixture
def redis_url():
    """A Redis database number for tests, emptied before and after (skipped without Redis)."""
    client = redis_or_skip()
    yield REDIS_URL
    client.flushdb()


DAY1, DAY2 = dt.date(2026, 9, 17), dt.date(2026, 9, 18)


STAFF_PASSWORD = "staff-password-1"
OFFICIAL_PASSWORD = "official-password-1"
WALL_KEY = "wall-key-for-tests"


@pytest.fixture
def settings_for(tmp_path: Path):
    """Build settings for a database URL, with a staff and an official account."""
    from dashboard.auth import UserStore
    from dashboard.settings import Settings

    users_file = tmp_path / "users.json"
    users = UserStore(users_file)
    users.add("sam", "staff", STAFF_PASSWORD)
    users.add("olga", "official", OFFICIAL_PASSWORD)

    def build(database_url: str, **changes) -> Settings:
        base = Settings(
            database_url=database_url,
            secret_key="test-secret-key-0123456789",
            users_file=str(users_file),
            wall_key=WALL_KEY,
            refresh_seconds=1,
            # A test that writes and then looks expects the new figures, however busy
            # the machine: only tests of the recompute wait itself shorten it.
            recompute_wait_ms=60_000,
        )
        return base.with_(**changes)

    return build


@pytest.fixture
def client_for(settings_for):
    """A Flask test client of the app on a database, logged in as a role (or nobody)."""
    from app import create_app

    def build(database_url: str, role: str | None = "staff", **changes):
        app = create_app(settings_for(database_url, **changes))
        client = app.server.test_client()
        if role is not None:
            user, password = (
                ("sam", STAFF_PASSWORD) if role == "staff" else ("olga", OFFICIAL_PASSWORD)
            )
            response = client.post("/login", data={"username": user, "password": password})
            assert response.status_code == 302, response.data[:300]
        return client

    return build


def _chromedriver_missing() -> str | None:
    import shutil

    if shutil.which("chromedriver") is None:
        return "chromedriver is not installed (CI installs chromium-driver from Debian)"
    return None


def pytest_collection_modifyitems(config, items):
    """Skip the browser tests, with the reason, on a machine without Chromium's driver."""
    reason = _chromedriver_missing()
    if reason is None:
        return
    for item in items:
        if "dash_duo" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.skip(reason=reason))
