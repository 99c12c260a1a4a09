"""The Dash app: create_app(settings) wires pages, callbacks and routes.

gunicorn serves `app:server`, built from the environment when first asked for.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
import sys
from pathlib import Path

import flask
from dash import Dash
from werkzeug.middleware.proxy_fix import ProxyFix

from callbacks import matchmaking as matchmaking_callbacks
from callbacks import overview as overview_callbacks
from callbacks import participants as participants_callbacks
from callbacks import shell as shell_callbacks
from callbacks import tables as tables_callbacks
from callbacks import workshops as workshops_callbacks
from dashboard import api, downloads, login, web
from dashboard.auth import STATISTICS, AccountError, UserStore
from dashboard.cache import make_cache
from dashboard.service import DataService, freeze_memory
from dashboard.settings import Settings, SettingsError, from_env
from dashboard.table_service import TableService
from data.engine import DatabaseUrlError, make_engine
from layouts import matchmaking, overview, participants, shell, workshops
from wall_app import create_wall

log = logging.getLogger("dashboard")

PAGES = {
    "/": overview.layout,
    "/participants": participants.layout,
    "/matchmaking": matchmaking.layout,
    "/workshops": workshops.layout,
}
DEMO_ACCOUNTS = (
    ("staff", "staff", "staff-demo-2026"),
    ("official", "official", "official-demo-2026"),
)
DEMO_WALL_KEY = "demo-wall-key"


def _demo_secret_key(settings: Settings) -> str:
    # Kept in a file beside the users file, so that every gunicorn worker and every
    # restart of a demo signs sessions with the same key.
    path = Path(settings.users_file).with_name(".demo-secret-key")
    if not path.exists():
        path.write_text(secrets.token_urlsafe(32), encoding="ascii")
        path.chmod(0o600)
    return path.read_text(encoding="ascii").strip()


def _server(settings: Settings) -> flask.Flask:
    server = flask.Flask(__name__, static_folder=None)
    if settings.trusted_proxies:
        # Behind a reverse proxy: take the client's address from X-Forwarded-For, so that
        # login throttling counts people, not the proxy.
        server.wsgi_app = ProxyFix(
            server.wsgi_app,
            x_for=settings.trusted_proxies,
            x_proto=settings.trusted_proxies,
            x_host=settings.trusted_proxies,
        )
    server.config.update(
        SECRET_KEY=settings.secret_key or _demo_secret_key(settings),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.https,
        PERMANENT_SESSION_LIFETIME=dt.timedelta(seconds=web.SESSION_TTL_S),
        MAX_CONTENT_LENGTH=2 * 1024 * 1024,
    )
    return server


def _demo_accounts(users: UserStore) -> list[tuple[str, str]]:
    for name, role, password in DEMO_ACCOUNTS:
        if users.get(name) is None:
            users.add(name, role, password)
    log.warning("demo mode: accounts %s", ", ".join(f"{n} / {p}" for n, _, p in DEMO_ACCOUNTS))
    return [(name, password) for name, _, password in DEMO_ACCOUNTS]


def create_app(settings: Settings) -> Dash:
    """Create the dashboard for the settings given."""
    engine = make_engine(
        settings.database_url, settings.statement_timeout_s, settings.postgres_work_mem_mb
    )
    cache = make_cache(settings.redis_url)
    wait_ms = settings.recompute_wait_ms
    service = DataService(engine, cache, None if wait_ms is None else wait_ms / 1000)
    server = _server(settings)
    users = UserStore(settings.users_file)
    wall_key = settings.wall_key or (DEMO_WALL_KEY if settings.demo else None)
    guard = web.Guard(users, cache, wall_key)
    if settings.demo:
        server.config["DEMO_ACCOUNTS"] = _demo_accounts(users)
    app = Dash(
        __name__,
        server=server,
        title="Cluster Conference Dashboard",
        update_title=None,
        suppress_callback_exceptions=True,
        serve_locally=True,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    app.layout = lambda: shell.root(settings.refresh_seconds)
    guard.register_dash("/", STATISTICS)
    # The tables page is for staff; anybody else gets a sentence (and no rows from any callback).
    pages = {**PAGES, "/tables": tables_callbacks.page(guard)}
    shell_callbacks.register(app, service, guard, pages, settings.demo, settings.default_language)
    overview_callbacks.register(app, service, guard)
    participants_callbacks.register(app, service, guard)
    matchmaking_callbacks.register(app, service, guard)
    workshops_callbacks.register(app, service, guard)
    tables = TableService(service)
    tables_callbacks.register(app, tables, guard)
    login.register(server, guard)
    api.register(server, service)
    downloads.register(server, guard, tables)
    wall = create_wall(server, service, guard, settings)
    web.install(server, guard, [*app.csp_hashes(), *wall.csp_hashes()])
    server.config["DASHBOARD_SERVICE"] = service
    # The code and the app, built once, stay alive: a full garbage collection (which a
    # request's allocations may start) need not walk their 160,000 objects (80 ms).
    freeze_memory()
    return app


def _settings_or_exit() -> Settings:
    try:
        return from_env()
    except SettingsError as exc:
        sys.stderr.write(f"error: {exc}\n")
        raise SystemExit(2) from None


def build_server() -> flask.Flask:
    """The Flask server for gunicorn, from the environment; bad settings exit with code 2."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    settings = _settings_or_exit()
    try:
        return create_app(settings).server
    except (DatabaseUrlError, AccountError) as exc:
        sys.stderr.write(f"error: {exc}\n")
        raise SystemExit(2) from None


def __getattr__(name: str) -> object:
    # `app:server` for gunicorn, built only when asked for: importing app has no side effects.
    if name == "server":
        return build_server()
    raise AttributeError(name)


def main() -> None:
    """Run the development server with the settings from the environment."""
    server = build_server()
    settings = _settings_or_exit()
    log.info("serving at http://%s:%s", settings.host, settings.port)
    server.run(host=settings.host, port=settings.port, debug=settings.debug, threaded=True)


if __name__ == "__main__":
    main()
