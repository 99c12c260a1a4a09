"""The wall screen: a second Dash app on the dashboard's Flask server, at /wall/.

It has a frame of its own (no navigation, no controls) and its own callbacks; the
guard admits any role, and turns a valid ?key= into a wall session.
"""

from __future__ import annotations

import flask
from dash import Dash

from callbacks import wall as wall_callbacks
from dashboard import web
from dashboard.auth import ANY_ROLE, PUBLIC
from dashboard.service import DataService
from dashboard.settings import Settings
from layouts import wall as wall_layout

PREFIX = "/wall/"
# Dark from the first paint, so that a reload does not flash white across a dark room.
INDEX = """<!DOCTYPE html>
<html lang="en">
    <head>
        {%metas%}
        <title>{%title%}</title>
        {%favicon%}
        {%css%}
    </head>
    <body style="background:#0b1320;color:#9fb0c6;overflow:hidden">
        {%app_entry%}
        <footer>
            {%config%}
            {%scripts%}
            {%renderer%}
        </footer>
    </body>
</html>"""


@web.declare(*PUBLIC)
def redirect_to_wall():
    """Send /wall to /wall/ with its query string (the key travels in it)."""
    query = flask.request.query_string.decode("utf-8", "replace")
    target = flask.request.script_root + PREFIX + (f"?{query}" if query else "")
    return flask.redirect(target)


def create_wall(
    server: flask.Flask, service: DataService, guard: web.Guard, settings: Settings
) -> Dash:
    """Create the wall's app on the server; call it before web.install (its scripts' hashes)."""
    wall = Dash(
        __name__,
        server=server,
        url_base_pathname=PREFIX,
        title="Wall screen – Cluster Conference Dashboard",
        update_title=None,
        serve_locally=True,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
        index_string=INDEX,
    )
    wall.layout = lambda: wall_layout.layout(settings.refresh_seconds * 1000)
    guard.register_dash(PREFIX, ANY_ROLE)
    wall_callbacks.register(wall, service, guard, settings)
    server.add_url_rule(PREFIX.rstrip("/"), "redirect_to_wall", redirect_to_wall)
    return wall
