"""Server-side access control for every route, sessions, and security headers.

Identity comes from the signed session cookie (or, for the API, HTTP Basic
credentials) and nothing the browser labels. Every URL rule must declare the
roles it serves; a rule that declares none is refused (fail closed).
"""

from __future__ import annotations

import base64
import hmac
import logging
import secrets
from collections.abc import Callable, Iterable

import flask

from dashboard.auth import ANY_ROLE, PUBLIC, WALL, Throttle, UserStore
from dashboard.cache import Cache

log = logging.getLogger(__name__)

SESSION_TTL_S = 12 * 3600
# Dash's own routes, by what follows an app's prefix: what each needs.
DASH_PUBLIC_SUFFIXES = ("_dash-component-suites/", "assets/", "_favicon.ico")
DASH_APP_SUFFIXES = ("_dash-layout", "_dash-dependencies", "_dash-update-component", "_reload-hash")


def declare(*roles: str) -> Callable:
    """Mark a Flask view with the roles it serves."""

    def mark(view: Callable) -> Callable:
        view.roles = frozenset(roles)
        return view

    return mark


class Guard:
    """Decides who may use each route, and who the current request is."""

    def __init__(self, users: UserStore, cache: Cache, wall_key: str | None) -> None:
        self.users = users
        self.cache = cache
        self.throttle = Throttle(cache)
        self.wall_key = wall_key
        self.dash_prefixes: dict[str, frozenset[str]] = {}

    # --- who is asking -------------------------------------------------------------
    def role(self) -> str | None:
        """The role of the current request's session, checked against the server's records."""
        session = flask.session
        sid, role = session.get("sid"), session.get("role")
        if not isinstance(sid, str) or self.cache.count(f"revoked:{sid}"):
            return None
        if role == WALL:
            return WALL if self.wall_key and session.get("wall") == self._wall_mark() else None
        account = self.users.get(session.get("user"))
        return account.role if account is not None and account.role == role else None

    def user(self) -> str | None:
        """The name of the logged-in account, if any."""
        return flask.session.get("user") if self.role() not in (None, WALL) else None

    def _wall_mark(self) -> str:
        # A mark of the key, so that changing WALL_KEY ends every wall session.
        return hmac.new(b"wall", (self.wall_key or "").encode(), "sha256").hexdigest()[:16]

    def start_session(self, role: str, user: str | None = None) -> None:
        """Begin a fresh session (a new id, so an old cookie cannot be reused)."""
        flask.session.clear()
        flask.session.permanent = True
        flask.session.update({"sid": secrets.token_urlsafe(16), "role": role})
        if user:
            flask.session["user"] = user
        if role == WALL:
            flask.session["wall"] = self._wall_mark()

    def end_session(self) -> None:
        """Revoke the session on the server too, so that a copy of the cookie stops working."""
        sid = flask.session.get("sid")
        if isinstance(sid, str):
            self.cache.incr(f"revoked:{sid}", SESSION_TTL_S)
        flask.session.clear()

    def wall_key_matches(self, key: object) -> bool:
        """True when key is the organisers' wall key."""
        return (
            bool(self.wall_key)
            and isinstance(key, str)
            and hmac.compare_digest(key.encode(), self.wall_key.encode())
        )

    def basic_auth_role(self) -> str | None:
        """The role of valid HTTP Basic credentials (for the API), throttled like logins."""
        header = flask.request.headers.get("Authorization", "")
        if not header.startswith("Basic "):
            return None
        try:
            name, _, password = base64.b64decode(header[6:]).decode("utf-8").partition(":")
        except (ValueError, UnicodeDecodeError):
            return None
        address = flask.request.remote_addr or "?"
        if self.throttle.blocked(name, address):
            return None
        account = self.users.verify(name, password)
        if account is None:
            self.throttle.failed(name, address)
            return None
        return account.role

    # --- which rule needs what -------------------------------------------------------
    def register_dash(self, prefix: str, roles: Iterable[str]) -> None:
        """Declare the roles a Dash app mounted at prefix serves."""
        self.dash_prefixes[prefix] = frozenset(roles)

    def rule_roles(self, rule: str, view: Callable | None) -> frozenset[str] | None:
        """The roles a URL rule serves, or None when it declares none."""
        declared = getattr(view, "roles", None)
        if declared is not None:
            return declared
        for prefix in sorted(self.dash_prefixes, key=len, reverse=True):
            if not rule.startswith(prefix):
                continue
            rest = rule[len(prefix) :]
            if rest.startswith(DASH_PUBLIC_SUFFIXES):
                return PUBLIC
            if rest in DASH_APP_SUFFIXES or rest in ("", "<path:path>"):
                return self.dash_prefixes[prefix]
        return None


def install(
    server: flask.Flask, guard: Guard, script_hashes: Iterable[str] = (), login_path: str = "/login"
) -> None:
    """Check every request against its rule's roles, and add the security headers."""

    @server.before_request
    def check_access():
        rule = flask.request.url_rule
        if rule is None:
            return None  # Flask answers 404 itself
        roles = guard.rule_roles(rule.rule, server.view_functions.get(rule.endpoint))
        if roles is None:
            log.error("route %s declares no roles: refused", rule.rule)
            return flask.jsonify(error="forbidden"), 403
        if roles == PUBLIC or "api" in roles:
            return None
        if WALL in roles and guard.wall_key_matches(flask.request.args.get("key")):
            if guard.role() is None:
                guard.start_session(WALL)
            return None
        if guard.role() in roles:
            return None
        return _refuse(roles, login_path)

    headers = security_headers(tuple(script_hashes))

    @server.after_request
    def add_security_headers(response: flask.Response) -> flask.Response:
        for name, value in headers.items():
            response.headers.setdefault(name, value)
        return response


def _refuse(roles: frozenset[str], login_path: str):
    path = flask.request.path
    wants_page = flask.request.method == "GET" and "/_dash-" not in path
    if not wants_page:
        return flask.jsonify(error="login required"), 401
    if roles == ANY_ROLE and flask.request.args.get("key") is not None:
        return flask.Response("This wall key is not valid.", 403, mimetype="text/plain")
    target = flask.request.full_path.rstrip("?")
    return flask.redirect(f"{login_path}?next={flask.request.script_root}{_safe_next(target)}")


def _safe_next(target: str) -> str:
    """Only a local path may follow the login (no open redirect)."""
    return target if target.startswith("/") and not target.startswith("//") else "/"


def security_headers(script_hashes: tuple[str, ...] = ()) -> dict[str, str]:
    """Headers for every response: a CSP that the app works under, no framing, no sniffing."""
    csp = "; ".join(
        [
            "default-src 'self'",
            # Dash's inline renderer script is allowed by its hash; plotly.js compiles
            # some functions at run time, hence 'unsafe-eval'.
            " ".join(["script-src 'self' 'unsafe-eval'", *script_hashes]),
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "worker-src 'self' blob:",
            "frame-ancestors 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "object-src 'none'",
        ]
    )
    return {
        "Content-Security-Policy": csp,
        "X-Frame-Options": "DENY",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
        "Cross-Origin-Opener-Policy": "same-origin",
    }
