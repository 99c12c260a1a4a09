"""Production serving: gunicorn with two workers on PostgreSQL and Redis, and faults.

The gunicorn tests share one server (module scope) to keep the suite fast. Which worker
answered is read from gunicorn's access log (%(p)s is the worker's pid), never from a
response header.
"""

from __future__ import annotations

import base64
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import threading
import time
from pathlib import Path

import psutil
import pytest
import redis
import sqlalchemy as sa

from app import create_app
from data.engine import writable_engine
from layouts import ids
from tests import small_event
from tests.attacks import callback_body
from tests.conftest import (
    POSTGRES_URL,
    REDIS_URL,
    STAFF_PASSWORD,
    _drop,
    _server_url,
    redis_or_skip,
)

ROOT = Path(__file__).resolve().parents[1]
SUMMARY = "/api/v1/events/2/summary"
AUTH = {"Authorization": "Basic " + base64.b64encode(f"sam:{STAFF_PASSWORD}".encode()).decode()}
ACCESS = re.compile(r"^ACCESS pid=<?(\d+)>? (\S+) (\d{3})$", re.M)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Gunicorn:
    """A gunicorn master with its log file; requests go to its port."""

    def __init__(self, tmp: Path, database_url: str) -> None:
        from dashboard.auth import UserStore

        users = tmp / "users.json"
        UserStore(users).add("sam", "staff", STAFF_PASSWORD)
        self.port = _free_port()
        self.log = tmp / "gunicorn.log"
        env = {
            **os.environ,
            "BIND": f"127.0.0.1:{self.port}",
            "WEB_CONCURRENCY": "2",
            "THREADS": "4",
            "SECRET_KEY": "test-secret-key-0123456789",
            "DATABASE_URL": database_url,
            "REDIS_URL": REDIS_URL,
            "DASHBOARD_USERS_FILE": str(users),
            "STATEMENT_TIMEOUT_SECONDS": "30",
            # Requests wait for their computation: the kill must catch one mid-request.
            "RECOMPUTE_WAIT_MS": "60000",
        }
        env.pop("DASHBOARD_DEMO", None)
        command = [
            str(ROOT / ".venv/bin/gunicorn"),
            "--config",
            "gunicorn.conf.py",
            "--access-logformat",
            "ACCESS pid=%(p)s %(U)s %(s)s",
            "app:server",
        ]
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=out)
        self._wait_ready()

    def _wait_ready(self, timeout_s: float = 30) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError("gunicorn exited:\n" + self.text()[-3000:])
            try:
                if self.get("/healthz", timeout=5)[0] in (200, 503):
                    return
            except OSError:
                time.sleep(0.2)
        raise AssertionError("gunicorn did not answer:\n" + self.text()[-3000:])

    def text(self) -> str:
        return self.log.read_text(errors="replace")

    def get(self, path: str, timeout: float = 30) -> tuple[int, bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request("GET", path, headers=AUTH)
            response = conn.getresponse()
            return response.status, response.read()
        finally:
            conn.close()

    def workers(self) -> set[int]:
        return {child.pid for child in psutil.Process(self.process.pid).children()}

    def computations(self) -> int:
        return self.text().count("computed event:2 ")

    def answers_from_each_worker(self, expected_active: int, rounds: int = 60) -> dict[int, int]:
        """Ask the summary until both workers answered it after now; their active counts."""
        start = len(self.text())
        seen: dict[int, int] = {}
        for _ in range(rounds):
            status, body = self.get(SUMMARY)
            assert status == 200, body[:300]
            active = json.loads(body)["participants"]["active"]
            # The access log line is written after the answer: read which pid it was.
            time.sleep(0.02)
            pids = [int(p) for p, path, _ in ACCESS.findall(self.text()[start:]) if path == SUMMARY]
            start = len(self.text())
            if pids:
                seen[pids[-1]] = active
            if len(seen) >= 2 and all(n == expected_active for n in seen.values()):
                return seen
        return seen

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """gunicorn (2 workers × 4 threads) on a PostgreSQL copy of the small event and Redis."""
    cache = redis_or_skip()
    url = _server_url(POSTGRES_URL, "PostgreSQL")
    engine = writable_engine(url)
    small_event.load(engine)
    server = Gunicorn(tmp_path_factory.mktemp("prod"), url)
    try:
        yield server, engine, cache
    finally:
        server.stop()
        engine.dispose()
        cache.flushdb()
        _drop(POSTGRES_URL, url)


def _event_keys(cache: redis.Redis) -> set[bytes]:
    return {k for k in cache.keys("*:event:2") if b":claim:" not in k}


def test_two_workers_serve_one_version_and_see_a_change_after_one_computation(served):
    server, engine, cache = served
    seen = server.answers_from_each_worker(6)
    assert len(seen) == 2 and set(seen.values()) == {6}, seen
    # The PostgreSQL version is the server's WAL position, which other databases on the
    # same server move too: every version seen must have been computed once, not per worker.
    assert server.computations() == len(_event_keys(cache)) >= 1

    before_lines, before_keys = server.computations(), _event_keys(cache)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE participants SET status = 'cancelled' WHERE id = 1"))
    seen = server.answers_from_each_worker(5)
    assert len(seen) == 2 and set(seen.values()) == {5}, seen
    new_keys = _event_keys(cache) - before_keys
    assert server.computations() - before_lines == len(new_keys) >= 1


def _pid_serving(server: Gunicorn, client_port: int) -> int | None:
    for pid in server.workers():
        for conn in psutil.Process(pid).net_connections(kind="tcp"):
            if conn.raddr and conn.raddr.port == client_port:
                return pid
    return None


def test_a_worker_killed_mid_request_and_the_next_request_succeeds(served):
    server, engine, _ = served
    # A change, then a writer holding participants locked: the computation of the new
    # version waits inside a worker.
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE participants SET job_title = 'CEO' WHERE id = 2"))
    blocker = engine.connect()
    transaction = blocker.begin()
    blocker.execute(sa.text("LOCK TABLE participants IN ACCESS EXCLUSIVE MODE"))
    slow = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    outcome: list[object] = []

    def ask() -> None:
        try:
            slow.request("GET", SUMMARY, headers=AUTH)
            outcome.append(slow.getresponse().status)
        except OSError as exc:
            outcome.append(exc)

    slow.connect()
    asker = threading.Thread(target=ask)
    asker.start()
    time.sleep(1.5)
    assert outcome == [], "the request should still be waiting for the lock"
    victim = _pid_serving(server, slow.sock.getsockname()[1])
    assert victim is not None
    os.kill(victim, signal.SIGKILL)
    asker.join(10)
    assert outcome and isinstance(outcome[0], OSError)  # the killed request is lost
    transaction.rollback()
    blocker.close()

    started = time.monotonic()
    status, body = server.get(SUMMARY)
    assert status == 200 and json.loads(body)["participants"]["active"] == 5
    # The dead worker's claim on the computation lapses after at most 15 s.
    assert time.monotonic() - started < 20
    deadline = time.monotonic() + 15
    while (len(server.workers()) < 2 or victim in server.workers()) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert victim not in server.workers() and len(server.workers()) == 2


def _overview_status(client, app) -> str:
    key = next(k for k in app.callback_map if f"{ids.OVERVIEW_STATUS}.children" in k)
    stored = {"query": "?event=2", "lang": "en", "ignored": []}
    response = client.post(
        "/_dash-update-component", json=callback_body(app, key, {ids.STATE: stored})
    )
    assert response.status_code == 200
    return json.dumps(response.get_json()["response"][ids.OVERVIEW_STATUS])


def test_database_down_at_start_then_recovers_by_itself(tmp_path, settings_for):
    path = tmp_path / "later.sqlite"
    app = create_app(settings_for(f"sqlite:///{path}"))
    staff = app.server.test_client()
    assert staff.post("/login", data={"username": "sam", "password": STAFF_PASSWORD}).status_code
    api = app.server.test_client()
    response = api.get(SUMMARY, headers=AUTH)
    assert response.status_code == 503 and "database" in response.get_json()["error"]
    assert api.get("/healthz").status_code == 503
    assert "Data unavailable" in _overview_status(staff, app)
    assert staff.get("/").status_code == 200

    small_event.load(writable_engine(f"sqlite:///{path}"))
    response = api.get(SUMMARY, headers=AUTH)
    assert response.status_code == 200 and response.get_json()["participants"]["active"] == 6
    assert "Data as of" in _overview_status(staff, app)
    # /healthz probes at most once a second: it follows within that second.
    deadline = time.monotonic() + 5
    while api.get("/healthz").status_code != 200 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert api.get("/healthz").status_code == 200
