"""The bench over HTTP: a browser's session (cookies, form login, JSON posts) and gunicorn.

It answers like Flask's test client (status_code, get_data, get_json), so that the
bench's Site can drive a real server with the same code it drives the app in-process.
Each request opens its own connection, as a browser does once gunicorn's keep-alive
(2 s) has closed the last one.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from bench.measure import Timing
from dashboard.auth import UserStore

ROOT = Path(__file__).resolve().parents[1]
COMPUTED = re.compile(r"computed (\S+) in (\d+) ms")


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Reply:
    """A response, read whole."""

    status_code: int
    body: bytes

    def get_data(self) -> bytes:
        """The body."""
        return self.body

    def get_json(self) -> object:
        """The body as JSON."""
        return json.loads(self.body)


class HttpClient:
    """One user's session with the server at a port."""

    def __init__(self, port: int, timeout_s: float = 60.0) -> None:
        self.port, self.timeout_s = port, timeout_s
        self.cookies: dict[str, str] = {}
        self.last_body = b""

    def _send(self, method: str, path: str, body: bytes | None, headers: dict) -> Reply:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout_s)
        try:
            if self.cookies:
                headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
            conn.request(method, path, body=body, headers=headers)
            answer = conn.getresponse()
            for header in answer.headers.get_all("Set-Cookie") or []:
                name, _, rest = header.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
            data = answer.read()
        finally:
            conn.close()
        self.last_body = data
        return Reply(answer.status, data)

    def get(self, path: str, expect: int | None = None) -> Reply:
        """GET a path, read to its end."""
        reply = self._send("GET", path, None, {})
        return self._expect(reply, expect, path)

    def post(self, path: str, json: object) -> Reply:
        """POST a JSON body."""
        body = _dumps(json)
        return self._send("POST", path, body, {"Content-Type": "application/json"})

    def post_json(self, path: str, body: object, expect: int | None = None) -> Reply:
        """POST a JSON body and insist on a status."""
        return self._expect(self.post(path, body), expect, path)

    def login(self, username: str, password: str) -> HttpClient:
        """Log in through the form, as a person does."""
        form = urllib.parse.urlencode({"username": username, "password": password}).encode()
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        self._expect(self._send("POST", "/login", form, headers), 302, "/login")
        return self

    @staticmethod
    def _expect(reply: Reply, expect: int | None, path: str) -> Reply:
        if expect is not None and reply.status_code != expect:
            raise RuntimeError(f"{path}: {reply.status_code} {reply.body[:200]!r}")
        return reply


def _dumps(value: object) -> bytes:
    return json.dumps(value).encode()


class Gunicorn:
    """`make serve`'s gunicorn (2 workers x 4 threads) on a database, in a subprocess."""

    def __init__(
        self, url: str, redis_url: str | None, workdir: Path, password: str, wall_key: str
    ) -> None:
        users = workdir / "users.json"
        store = UserStore(users)
        store.add("staff", "staff", password)
        store.add("official", "official", password)
        self.port = free_port()
        env = dict(os.environ, DATABASE_URL=url, BIND=f"127.0.0.1:{self.port}")
        env |= {"WEB_CONCURRENCY": "2", "THREADS": "4", "DASHBOARD_USERS_FILE": str(users)}
        env |= {"SECRET_KEY": "load-secret-key-0123456789", "WALL_KEY": wall_key}
        env.pop("REDIS_URL", None)
        if redis_url:
            env["REDIS_URL"] = redis_url
        self.log_path = workdir / "gunicorn.log"
        command = [str(Path(sys.executable).parent / "gunicorn"), "--config", "gunicorn.conf.py"]
        with self.log_path.open("wb") as out:
            self.process = subprocess.Popen(
                [*command, "--access-logfile", "/dev/null", "app:server"],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=out,
            )
        self._wait_ready()

    def _wait_ready(self, timeout_s: float = 60) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit("gunicorn exited:\n" + self.log_path.read_text()[-2000:])
            try:
                if HttpClient(self.port, 5).get("/healthz").status_code in (200, 503):
                    return
            except OSError:
                time.sleep(0.3)
        raise SystemExit("gunicorn did not answer; see " + str(self.log_path))

    def worker_rss_mb(self) -> list[float]:
        """The resident memory of each worker, in MB."""
        import psutil

        children = psutil.Process(self.process.pid).children()
        return [round(child.memory_info().rss / 1e6, 1) for child in children]

    def computations(self) -> dict[str, dict[str, float]]:
        """What the workers computed (from their log): how often and how long, per value."""
        found: dict[str, list[float]] = {}
        for name, ms in COMPUTED.findall(self.log_path.read_text(errors="replace")):
            found.setdefault(re.sub(r":\d+$", "", name), []).append(float(ms))
        return {
            name: {"count": len(times), "median_ms": round(Timing(tuple(times)).median)}
            for name, times in sorted(found.items())
        }

    def stop(self) -> None:
        """Stop gunicorn and its workers."""
        self.process.terminate()
        self.process.wait(timeout=30)
