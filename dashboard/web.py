"""Server-side access control for every route, sessions, and security headers.

Identity comes from the signed session cookie (or, for the API, HTTP Basic
credentials) and never from anything the browser labels. Every URL rule declares
the roles it serves and how its caller proves one (a session or HTTP Basic); a
rule that declares nothing is refused (fail closed). Dash's own routes take the
roles of their app (register_dash), and each Dash callback its own roles
(server.config[CALLBACK_ROLES]), checked before Dash runs it.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import time
from collections.abc import Callable, Iterable
from urllib.parse import urlencode

import flask

from dashboard.auth import (
    FAILURE_WINDOW_S,
    PUBLIC,
    WALL,
    Throttle,
    UserStore,
    Verified,
    basic_credentials,
)
from dashboard.cache import Cache, MemoryCache
from dashboard.i18n import LANGUAGES
from dashboard.responses import json_error, safe_next, security_headers

log = logging.getLogger(__name__)

SESSION_TTL_S = 12 * 3600
CLOCK_SKEW_S = 60  # hosts behind one balancer may disagree a little on the time
SESSION, BASIC = "session", "basic"  # how the caller of a rule proves its role
# server.config key: {URL rule of an app's update route: {callback output key: roles}}
CALLBACK_ROLES = "CALLBACK_ROLES"
UPDATE_COMPONENT = "_dash-update-component"
# Dash's own routes, by what follows an app's prefix: what each needs.
DASH_PUBLIC_SUFFIXES = ("_dash-component-suites/", "assets/", "_favicon.ico")
DASH_APP_SUFFIXES = ("_dash-layout", "_dash-dependencies", UPDATE_COMPONENT, "_reload-hash")
# Plain answers in both languages: they come before any page could choose one.
FORBIDDEN = "Your account may not open this. / Ihr Konto darf dies nicht öffnen."
WRONG_WALL_KEY = "This wall key is not valid. / Dieser Schlüssel der Wandanzeige gilt nicht."
RECORDS_IN_MEMORY = 100_000


def declare(*roles: str, auth: str = SESSION) -> Callable:
    """Mark a Flask view with the roles it serves and how its caller proves one."""
    if not roles or auth not in (SESSION, BASIC):
        raise ValueError("declare the roles a view serves, and auth 'session' or 'basic'")

    def mark(view: Callable) -> Callable:
        view.roles = frozenset(roles)
        view.auth = auth
        return view

    return mark


def from_dash(view: Callable | None) -> bool:
    """True for a view that Dash itself added (such routes take their app's roles)."""
    owner = getattr(view, "__self__", None)
    modules = (getattr(view, "__module__", None), getattr(owner, "import_name", None))
    return any(isinstance(m, str) and m.startswith("dash.") for m in modules)


def _secret() -> bytes:
    key = flask.current_app.secret_key
    return key.encode() if isinstance(key, str) else bytes(key)


class Guard:
    """Decides who may use each route, and who the current request is."""

    def __init__(self, users: UserStore, cache: Cache, wall_key: str | None) -> None:
        self.users = users
        # Revocations and failure counts must outlive the cached figures: a small
        # in-process cache would forget a logout after a few data changes.
        in_memory = isinstance(cache, MemoryCache)
        self.records: Cache = MemoryCache(RECORDS_IN_MEMORY) if in_memory else cache
        if in_memory:
            log.warning(
                "logouts and failed logins are remembered by this process only: "
                "with several workers, set REDIS_URL"
            )
        self.throttle = Throttle(self.records)
        self.wall_key = wall_key
        self.dash_prefixes: dict[str, frozenset[str]] = {}
        self.verified = Verified(users)

    # --- who is asking -------------------------------------------------------------
    def role(self) -> str | None:
        """The role of the current request's session, checked against the server's records."""
        session = flask.session
        sid, role = session.get("sid"), session.get("role")
        if isinstance(sid, str) and not self.records.count(f"revoked:{sid}"):
            if role == WALL and self._wall_ok(session):
                return WALL
            if role != WALL and self._account_ok(session, role):
                return role
        if session:
            session.clear()  # an invalid cookie is dropped, never refreshed
        return None

    def _wall_ok(self, session: flask.sessions.SessionMixin) -> bool:
        mark = session.get("wall")
        if not self.wall_key or not isinstance(mark, str):
            return False
        return hmac.compare_digest(mark, self._wall_mark())

    def _account_ok(self, session: flask.sessions.SessionMixin, role: object) -> bool:
        # Sessions of accounts end after SESSION_TTL_S however active they are, and at once
        # when the account is removed, its role changes or its password changes.
        started = session.get("started")
        age = time.time() - started if isinstance(started, int) else None
        if age is None or not -CLOCK_SKEW_S <= age <= SESSION_TTL_S:
            return False
        account = self.users.get(session.get("user"))
        if account is None or account.role != role:
            return False
        return session.get("stamp") == account.stamp

    def user(self) -> str | None:
        """The name of the logged-in account, if any."""
        return flask.session.get("user") if self.role() not in (None, WALL) else None

    def _wall_mark(self) -> str:
        # A keyed mark of the wall key: changing WALL_KEY ends every wall session, and the
        # cookie does not let anybody test guesses of the key.
        message = b"wall:" + (self.wall_key or "").encode()
        return hmac.new(_secret(), message, hashlib.sha256).hexdigest()[:32]

    def start_session(self, role: str, user: str | None = None) -> None:
        """Begin a fresh session; the one before it (if any) ends for every copy of it."""
        self.end_session()
        flask.session.permanent = True
        flask.session.update({"sid": secrets.token_urlsafe(16), "role": role})
        if role == WALL:
            flask.session["wall"] = self._wall_mark()
            return
        account = self.users.get(user)
        stamp = account.stamp if account is not None else ""
        flask.session.update({"user": user, "started": int(time.time()), "stamp": stamp})

    def end_session(self) -> None:
        """Revoke the session on the server too, so that a copy of the cookie stops working."""
        sid = flask.session.get("sid")
        if isinstance(sid, str):
            self.records.incr(f"revoked:{sid}", SESSION_TTL_S)
        flask.session.clear()

    def wall_key_matches(self, key: object) -> bool:
        """True when key is the organisers' wall key."""
        return (
            bool(self.wall_key)
            and isinstance(key, str)
            and hmac.compare_digest(key.encode(), self.wall_key.encode())
        )

    # --- HTTP Basic, for the API -----------------------------------------------------
    def basic_blocked(self) -> bool:
        """True when the Basic credentials' user or the address failed too often."""
        credentials = basic_credentials(flask.request.headers.get("Authorization", ""))
        address = flask.request.remote_addr or "?"
        return credentials is not None and self.throttle.blocked(credentials[0], address)

    def basic_auth_role(self) -> str | None:
        """The role of valid HTTP Basic credentials (for the API), throttled like logins."""
        credentials = basic_credentials(flask.request.headers.get("Authorization", ""))
        if credentials is None:
            return None
        name, password = credentials
        address = flask.request.remote_addr or "?"
        if self.throttle.blocked(name, address):
            return None
        key = hmac.new(_secret(), f"{name}\0{password}".encode(), hashlib.sha256).hexdigest()
        account = self.verified.get(key, name) or self.users.verify(name, password)
        if account is None:
            self.throttle.failed(name, address)
            log.warning("failed API login for user %r from %s", name[:64], address)
            return None
        self.verified.add(key, account)
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
        if not from_dash(view):
            return None
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
            return None  # Flask answers 404 or 405 itself
        view = server.view_functions.get(rule.endpoint)
        roles = flask.g.rule_roles = guard.rule_roles(rule.rule, view)
        if roles is None:
            log.error("route %s declares no roles: refused", rule.rule)
            return json_error("forbidden", 403)
        if flask.request.method not in ("GET", "HEAD", "OPTIONS") and _cross_site():
            log.warning("cross-site %s to %s refused", flask.request.method, rule.rule)
            return json_error("cross-site request refused", 403)
        if roles == PUBLIC:
            return None
        if getattr(view, "auth", SESSION) == BASIC:
            return _check_basic(guard, roles)
        key = flask.request.args.get("key")
        if WALL in roles and guard.wall_key_matches(key) and guard.role() is None:
            guard.start_session(WALL)
        role = guard.role()
        if role not in roles:
            return _refuse(roles, role, login_path)
        if from_dash(view) and rule.rule.endswith(UPDATE_COMPONENT):
            return _check_callback(server.config.get(CALLBACK_ROLES, {}).get(rule.rule, {}), role)
        return None

    headers = security_headers(tuple(script_hashes), bool(server.config["SESSION_COOKIE_SECURE"]))
    server.config["DASHBOARD_GUARD"] = guard  # for the tests that walk every rule

    @server.after_request
    def add_security_headers(response: flask.Response) -> flask.Response:
        for name, value in headers.items():
            response.headers.setdefault(name, value)
        if flask.g.get("rule_roles") != PUBLIC:
            response.headers.setdefault("Cache-Control", "no-store")
        return response


def _cross_site() -> bool:
    # Browsers say where a request comes from; a form on another site must not log in.
    return flask.request.headers.get("Sec-Fetch-Site", "").lower() == "cross-site"


def _text(message: str, status: int) -> flask.Response:
    return flask.Response(message, status, mimetype="text/plain")


def _check_basic(guard: Guard, roles: frozenset[str]) -> flask.Response | None:
    """Refuse a request without valid HTTP Basic credentials: JSON, never a page or redirect."""
    if guard.basic_blocked():
        response = json_error("too many failed attempts: wait a minute and try again", 429)
        response.headers["Retry-After"] = str(FAILURE_WINDOW_S)
        return response
    role = guard.basic_auth_role()
    if role is None:
        response = json_error("valid credentials required (HTTP Basic)", 401)
        response.headers["WWW-Authenticate"] = 'Basic realm="statistics", charset="UTF-8"'
        return response
    return None if role in roles else json_error("forbidden", 403)


def _check_callback(declared: dict[str, frozenset[str]], role: str) -> flask.Response | None:
    """Refuse a callback the role may not run before Dash even looks at it."""
    body = flask.request.get_json(silent=True)
    output = body.get("output") if isinstance(body, dict) else None
    roles = declared.get(output) if isinstance(output, str) else None
    if roles is None:
        log.error("callback %.120r declares no roles: refused", output)
        return json_error("forbidden", 403)
    if role not in roles:
        log.warning("callback %.120r refused for role %s", output, role)
        return flask.Response(status=204)
    return None


def _refuse(roles: frozenset[str], role: str | None, login_path: str) -> flask.Response:
    wants_page = flask.request.method == "GET" and "/_dash-" not in flask.request.path
    if role is not None:  # logged in, but this is not for the account's role
        return _text(FORBIDDEN, 403) if wants_page else json_error("forbidden", 403)
    if not wants_page:
        return json_error("login required", 401)
    if WALL in roles and flask.request.args.get("key") is not None:
        return _text(WRONG_WALL_KEY, 403)
    query = {"next": safe_next(flask.request.script_root + flask.request.full_path.rstrip("?"))}
    if flask.request.args.get("lang") in LANGUAGES:
        query["lang"] = flask.request.args["lang"]  # the login page in the page's language
    return flask.redirect(f"{login_path}?{urlencode(query)}")
