"""A browser's session over HTTP for the bench: cookies, form login, JSON posts.

It answers like Flask's test client (status_code, get_data, get_json), so that the
bench's Site can drive a real server with the same code it drives the app in-process.
Each request opens its own connection, as a browser does once gunicorn's keep-alive
(2 s) has closed the last one.
"""

from __future__ import annotations

import http.client
import json
import socket
import urllib.parse
from dataclasses import dataclass


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
