"""The Dash app: create_app(settings) wires pages, callbacks and routes; `server` is for gunicorn."""

from __future__ import annotations

import logging
import sys

from dash import Dash

from callbacks import overview as overview_callbacks
from callbacks import shell as shell_callbacks
from dashboard.cache import make_cache
from dashboard.service import DataService
from dashboard.settings import Settings, SettingsError, from_env
from data.engine import DatabaseUrlError, make_engine
from layouts import overview, shell

log = logging.getLogger("dashboard")

PAGES = {"/": overview.layout}


def create_app(settings: Settings) -> Dash:
    """Create the dashboard for the settings given."""
    engine = make_engine(settings.database_url, settings.statement_timeout_s)
    service = DataService(engine, make_cache(settings.redis_url))
    app = Dash(
        __name__,
        title="Cluster Conference Dashboard",
        update_title=None,
        suppress_callback_exceptions=True,
        serve_locally=True,
        external_stylesheets=[],
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    app.layout = lambda: shell.root(settings.refresh_seconds)
    shell_callbacks.register(app, service, PAGES, settings.demo)
    overview_callbacks.register(app, service)
    app.server.config["DASHBOARD_SERVICE"] = service
    return app


def main() -> None:
    """Run the development server with the settings from the environment."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    try:
        settings = from_env()
        app = create_app(settings)
    except (SettingsError, DatabaseUrlError) as exc:
        print(f"error: {exc}", file=sys.stderr)  # noqa: T201 - a start-up message for a person
        raise SystemExit(2) from None
    log.info("serving at http://%s:%s", settings.host, settings.port)
    app.run(host=settings.host, port=settings.port, debug=settings.debug)


if __name__ == "__main__":
    main()
