"""Odd databases: empty, only an event, a million rows of one country; every page is sensible."""

from __future__ import annotations

import base64
import datetime as dt
from pathlib import Path

import pytest
import sqlalchemy as sa

from app import create_app
from dashboard.auth import STAFF, WALL
from data import schema
from data.engine import writable_engine
from layouts import ids
from tests.attacks import callback_body, client_as, dash_apps, update_url
from tests.conftest import STAFF_PASSWORD

AUTH = {"Authorization": "Basic " + base64.b64encode(f"sam:{STAFF_PASSWORD}".encode()).decode()}
# Every callback runs on every browse: the path only changes the page the shell draws.
PATHS = ["/", "/tables"]
EVENT = dict(
    id=1,
    name="Lonely Event 2026",
    starts_on=dt.date(2026, 9, 17),
    ends_on=dt.date(2026, 9, 18),
    city="Kiel",
    timezone="Europe/Berlin",
)
MANY = 1_000_000


def _database(tmp_path: Path, kind: str) -> str:
    url = f"sqlite:///{tmp_path / (kind + '.sqlite')}"
    engine = writable_engine(url)
    schema.metadata.create_all(engine)
    with engine.begin() as conn:
        if kind != "empty":
            conn.execute(schema.events.insert(), [EVENT])
        if kind == "many":
            _many_of_one_country(conn)
    engine.dispose()
    return url


def _many_of_one_country(conn: sa.Connection) -> None:
    conn.execute(
        schema.organisations.insert(),
        [dict(id=1, name="Alles GmbH", country_code="DE", sector="Digital", org_type="sme")],
    )
    # Written by SQLite itself: a million rows from Python would take the test a minute.
    conn.exec_driver_sql(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
        "INSERT INTO participants (id, event_id, organisation_id, first_name, last_name, email,"
        " country_code, status, registered_at, matchmaking_opt_in) "
        "SELECT i, 1, 1, 'F' || i, 'L' || i, 'p' || i || '@example.org', 'DE', 'confirmed',"
        " datetime('2026-06-01 09:00', '+' || (i / 60) || ' minutes'), 1 FROM n",
        (MANY,),
    )


def browse_all(server, seed_path: str, rounds: int = 2) -> list[tuple[int, str]]:
    """Run every callback of every Dash app as a browser would; (status, text) of each."""
    guard = server.config["DASHBOARD_GUARD"]
    results: list[tuple[int, str]] = []
    for dash_app in dash_apps(server):
        prefix = dash_app.config.routes_pathname_prefix
        staff = STAFF in guard.dash_prefixes[prefix]
        client = client_as(server, STAFF, "sam") if staff else client_as(server, WALL)
        values: dict = {
            (ids.URL, "pathname"): seed_path,
            (ids.URL, "search"): "?event=1",
            (ids.WALL_URL, "search"): "?event=1",
            (ids.WALL_SCREEN, "data"): 1080,
        }
        for _ in range(rounds):
            for key in dash_app.callback_map:
                body = callback_body(dash_app, key, values)
                response = client.post(update_url(dash_app), json=body)
                results.append((response.status_code, response.get_data(as_text=True)))
                if response.status_code == 200 and response.is_json:
                    for ident, props in (response.get_json().get("response") or {}).items():
                        values.update({(ident, p): v for p, v in props.items()})
    return results


def _assert_sensible(results: list[tuple[int, str]]) -> str:
    bad = [(status, text[:300]) for status, text in results if status not in (200, 204)]
    assert bad == []
    assert not [text[:300] for _, text in results if "Traceback" in text]
    return "".join(text for _, text in results)


@pytest.mark.parametrize("kind", ["empty", "event", "many"])
def test_every_page_and_the_api_answer_sensibly(tmp_path, settings_for, kind):
    app = create_app(settings_for(_database(tmp_path, kind)))
    answered = "".join(
        _assert_sensible(browse_all(app.server, path, 2 if path == "/" else 1)) for path in PATHS
    )
    api = app.server.test_client()
    events = api.get("/api/v1/events", headers=AUTH)
    summary = api.get("/api/v1/events/1/summary", headers=AUTH)
    csv = api.get("/api/v1/events/1/summary.csv", headers=AUTH)
    assert api.get("/healthz").status_code == 200
    if kind == "empty":
        assert events.status_code == 200 and events.get_json() == []
        assert summary.status_code == 404 and csv.status_code == 404
        assert "The database holds no event yet." in answered
        return
    assert [e["name"] for e in events.get_json()] == ["Lonely Event 2026"]
    assert summary.status_code == 200 and csv.status_code == 200
    people = summary.get_json()["participants"]
    expected = (MANY, 1) if kind == "many" else (0, 0)
    assert (people["active"], people["countries"]) == expected
    assert "Lonely Event 2026" in answered and "Data as of" in answered
    assert "Data unavailable" not in answered and "taking too long" not in answered
    assert ("1,000,000" in answered) == (kind == "many")
