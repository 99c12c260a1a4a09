"""The statistics API of api.md: aggregates only, for officials and staff, with HTTP Basic.

The guard (dashboard/web.py) checks the credentials of every route declared with
auth=BASIC before the view runs; the figures come from the same functions as the
pages' (dashboard/metrics.py), so for the same filters they are the same.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
from dataclasses import replace

import flask
from werkzeug.datastructures import MultiDict

from dashboard import health, metrics
from dashboard.auth import STATISTICS
from dashboard.event_data import Event, EventCubes
from dashboard.filters import DIMENSIONS, Filters, clean_values
from dashboard.responses import json_error
from dashboard.service import DataService, DataUnavailable
from dashboard.web import BASIC, declare

log = logging.getLogger(__name__)

PARAMETERS = (*DIMENSIONS, "day")
PARTICIPANT_KEYS = (
    *("active", "confirmed", "waitlisted", "cancelled", "checked_in"),
    *("countries", "organisations", "clusters", "by_country", "by_sector", "by_org_type"),
)
MATCHMAKING_KEYS = (
    *("requests", "accepted", "declined", "pending", "acceptance_rate", "response_rate"),
    *("median_response_hours", "cross_border_share", "held", "no_shows"),
)
RETRY_AFTER_S = 30


class ApiError(Exception):
    """A request the API answers with an error status and a JSON body."""

    def __init__(self, status: int, message: str, **details: object) -> None:
        super().__init__(message)
        self.status, self.message, self.details = status, message, details


def utc_iso(moment: dt.datetime) -> str:
    """A moment as UTC ISO 8601 with a Z (naive moments are UTC, as in the database)."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)
    return aware.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_filters(args: MultiDict) -> Filters:
    """The filters of a query string; an unknown parameter or a bad value is a 400."""
    for name in args:
        if name not in PARAMETERS:
            raise ApiError(400, f"unknown parameter {name[:40]!r}", parameter=name[:40])
    chosen = {}
    for dimension in DIMENSIONS:
        chosen[dimension], bad = clean_values(dimension, args.getlist(dimension))
        if bad:
            raise ApiError(400, f"not a valid {dimension}: {bad[0]!r}", parameter=dimension)
    days = set(args.getlist("day"))
    if len(days) > 1:
        raise ApiError(400, "give at most one day", parameter="day")
    return Filters(**chosen, day=days.pop() if days else None)


def event_day(filters: Filters, event: Event) -> dt.date | None:
    """The day asked for, which must be a date of the event."""
    if filters.day is None:
        return None
    try:
        day = dt.date.fromisoformat(filters.day.strip())
    except ValueError:
        day = None
    days = event.days()
    if day not in days:
        span = f"{days[0].isoformat()} to {days[-1].isoformat()}"
        message = f"day must be a date of the event ({span}), not {filters.day[:40]!r}"
        raise ApiError(400, message, parameter="day")
    return day


def summary(cubes: EventCubes, filters: Filters, day: dt.date | None, as_of: dt.datetime) -> dict:
    """The summary of api.md for an event and filters."""
    people = metrics.participant_summary(cubes, filters, day)
    meetings = metrics.matchmaking_summary(cubes, filters)
    return {
        "event": cubes.event.as_json(),
        "filters": filters.as_dict(),
        "data_as_of": utc_iso(as_of),
        "participants": {key: people[key] for key in PARTICIPANT_KEYS},
        "matchmaking": {key: meetings[key] for key in MATCHMAKING_KEYS},
        "workshops": [
            {
                "id": w.id,
                "title": w.title,
                "starts_at": utc_iso(w.starts_at),
                "capacity": w.capacity,
                "booked": w.booked,
                "waitlisted": w.waitlisted,
                "fill_level": w.fill_level,
                "overbooked": w.overbooked,
            }
            for w in metrics.workshop_figures(cubes, filters)
        ],
    }


def summary_csv(body: dict) -> str:
    """The breakdowns of a summary as CSV rows dimension,value,participants."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(("dimension", "value", "participants"))
    for dimension in DIMENSIONS:
        for value, count in body["participants"][f"by_{dimension}"].items():
            writer.writerow((dimension, value, count))
    return out.getvalue()


def _json(body: object, status: int = 200) -> flask.Response:
    # Keys in the order api.md shows them, breakdowns largest first.
    text = flask.current_app.json.dumps(body, sort_keys=False)
    return flask.Response(text, status, mimetype="application/json")


def _event_summary(service: DataService, event_id: int) -> dict:
    filters = parse_filters(flask.request.args)
    snapshot = service.snapshot(event_id)
    if snapshot.problem is not None:
        raise DataUnavailable(snapshot.problem)
    if snapshot.cubes is None:
        raise ApiError(404, f"there is no event {event_id}", event=event_id)
    day = event_day(filters, snapshot.cubes.event)
    filters = replace(filters, day=day.isoformat() if day else None)
    return summary(snapshot.cubes, filters, day, snapshot.checked_at)


def blueprint(service: DataService) -> flask.Blueprint:
    """The API's routes, each declared for officials and staff with HTTP Basic."""
    api = flask.Blueprint("api", __name__, url_prefix="/api")
    declared = declare(*STATISTICS, auth=BASIC)

    @api.get("/v1/events")
    @declared
    def list_events():
        return _json([event.as_json() for event in service.events()])

    @api.get("/v1/events/<int:event_id>/summary")
    @declared
    def event_summary(event_id: int):
        return _json(_event_summary(service, event_id))

    @api.get("/v1/events/<int:event_id>/summary.csv")
    @declared
    def event_summary_csv(event_id: int):
        response = flask.Response(summary_csv(_event_summary(service, event_id)), 200)
        response.headers["Content-Type"] = "text/csv; charset=utf-8"
        response.headers["Content-Disposition"] = (
            f'attachment; filename="event-{event_id}-summary.csv"'
        )
        return response

    @api.route("/<path:rest>", methods=["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"])
    @declared
    def unknown(rest: str):
        # Anything else under /api/ is answered in JSON too, never by a page.
        if flask.request.method not in ("GET", "HEAD"):
            raise ApiError(405, "the API is read-only: use GET")
        raise ApiError(404, "no such endpoint")

    @api.errorhandler(ApiError)
    def answer_error(exc: ApiError):
        return json_error(exc.message, exc.status, **exc.details)

    @api.errorhandler(DataUnavailable)
    def answer_unavailable(exc: DataUnavailable):
        log.warning("API: data unavailable: %s", exc)
        response = json_error("the registration database cannot be read right now", 503)
        response.headers["Retry-After"] = str(RETRY_AFTER_S)
        return response

    return api


def register(server: flask.Flask, service: DataService) -> None:
    """Add the statistics API and the health check to the server."""
    server.register_blueprint(blueprint(service))
    health.register(server, service)
