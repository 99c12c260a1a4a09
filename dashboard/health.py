"""/healthz for load balancers and monitoring: reachability and data age, nothing personal."""

from __future__ import annotations

import threading
import time

import flask

from dashboard.auth import PUBLIC
from dashboard.service import DataService
from dashboard.web import declare

# Anybody may ask: answer from the last probe when it is this fresh, so that asking
# often costs the database nothing.
PROBE_EVERY_S = 1.0


class Health:
    """Probes the database and the cache, and remembers when the data last changed."""

    def __init__(self, service: DataService) -> None:
        self.service = service
        self._lock = threading.Lock()
        self._version: str | None = None
        self._changed_at: float | None = None
        self._ok_at: float | None = None
        self._last: tuple[float, dict[str, object]] | None = None

    def report(self) -> dict[str, object]:
        """Whether the database and cache answer, and the data's age in seconds.

        The age counts from when the data version was last seen to change; while the
        database cannot be read, from the last successful probe.
        """
        with self._lock:
            now = time.monotonic()
            if self._last is None or now - self._last[0] >= PROBE_EVERY_S:
                self._last = (now, self._probe(now))
            return self._last[1]

    def _probe(self, now: float) -> dict[str, object]:
        version = self.service.peek_version()
        if version is not None:
            if version != self._version:
                self._version, self._changed_at = version, now
            self._ok_at = now
        since = self._changed_at if version is not None else self._ok_at
        return {
            "status": "ok" if version is not None else "unavailable",
            "database": version is not None,
            "cache": bool(self.service.cache.ping()),
            "data_age_s": None if since is None else round(now - since, 1),
        }


def register(server: flask.Flask, service: DataService) -> None:
    """Add /healthz: 200 while the database answers, else 503; a JSON body either way."""
    checker = Health(service)

    @declare(*PUBLIC)
    def healthz():
        body = checker.report()
        response = flask.jsonify(body)
        response.status_code = 200 if body["database"] else 503
        response.headers["Cache-Control"] = "no-store"
        return response

    server.add_url_rule("/healthz", "healthz", healthz)
