"""The wall screen live: what a refresh recomputes, the stale banner, what responses hold."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa
from dash import no_update

from app import create_app
from dashboard import service as service_module
from dashboard import wall
from dashboard.cache import MemoryCache
from dashboard.service import DataService
from data.engine import make_engine, writable_engine
from data.schema import checkins, metadata
from layouts import ids
from layouts import wall as wall_layout
from tests.attacks import ORGANISATION_NAMES, callback_body, dash_apps, leaked
from tests.conftest import WALL_KEY

NOW = dt.datetime(2026, 9, 17, 7, 20, tzinfo=dt.UTC)  # 09:20 in Berlin, the first day
CONFIG = wall.WallConfig(event=2)


def _number(view: wall.WallView, panel: str, key: str) -> str:
    chosen = next(p for p in view.panels if p.name == panel)
    return next(n.value for n in chosen.numbers if n.key == key)


def _scan(database_url: str, participant: int, at: dt.datetime) -> None:
    engine = writable_engine(database_url)
    with engine.begin() as conn:
        conn.execute(
            checkins.insert().values(participant_id=participant, checked_in_at=at, point="Desk")
        )
    engine.dispose()


@pytest.fixture
def counted(monkeypatch):
    """Counts of the database computations: event cubes and wall cubes."""
    calls = {"event": 0, "wall": 0}

    def counting(name, real):
        def run(*args, **kwargs):
            calls[name] += 1
            return real(*args, **kwargs)

        return run

    monkeypatch.setattr(service_module, "load_event", counting("event", service_module.load_event))
    monkeypatch.setattr(wall, "load_wall_cubes", counting("wall", wall.load_wall_cubes))
    return calls


def test_a_refresh_redraws_only_after_a_change_and_once_for_all_screens(small_db, counted):
    service = DataService(make_engine(small_db), MemoryCache())
    first = wall.refresh(service, CONFIG, 1080, None, NOW)
    other_screen = wall.refresh(service, CONFIG, 2160, None, NOW)
    assert _number(first.view, "arrivals", "checked-in") == "1"
    assert other_screen.view is not None
    assert counted == {"event": 1, "wall": 1}  # two screens, one computation

    quiet = wall.refresh(service, CONFIG, 1080, first.key, NOW + dt.timedelta(seconds=5))
    assert quiet.view is None and quiet.key == first.key
    assert quiet.as_of == "Data as of 09:20:05"  # the look, in Berlin time

    _scan(small_db, 2, NOW)  # participant 2 arrives
    changed = wall.refresh(service, CONFIG, 1080, first.key, NOW + dt.timedelta(seconds=10))
    assert _number(changed.view, "arrivals", "checked-in") == "2"
    assert _number(changed.view, "arrivals", "recent-arrivals") == "2"
    wall.refresh(service, CONFIG, 2160, other_screen.key, NOW + dt.timedelta(seconds=10))
    assert counted == {"event": 2, "wall": 2}


def test_the_quarter_hour_moves_the_wall_on_without_a_query(small_db, counted):
    service = DataService(make_engine(small_db), MemoryCache())
    first = wall.refresh(service, CONFIG, 1080, None, NOW)
    later = wall.refresh(service, CONFIG, 1080, first.key, NOW + dt.timedelta(minutes=10))
    assert later.view is not None  # 07:30 starts a new quarter hour
    assert _number(later.view, "arrivals", "recent-arrivals") == "0"
    assert counted == {"event": 1, "wall": 1}


def test_an_unreachable_database_keeps_the_figures_under_a_banner(small_db):
    service = DataService(make_engine(small_db), MemoryCache())
    first = wall.refresh(service, CONFIG, 1080, None, NOW)
    path = Path(sa.engine.make_url(small_db).database)
    hidden = path.with_suffix(".away")
    shutil.move(path, hidden)
    stale = wall.refresh(service, CONFIG, 1080, first.key, NOW + dt.timedelta(seconds=5))
    assert re.fullmatch(r"Data stale since \d\d:\d\d – database unreachable", stale.view.banner)
    assert _number(stale.view, "arrivals", "checked-in") == "1"
    assert _number(stale.view, "matchmaking", "requests") == "6"
    assert stale.view.as_of == first.view.as_of  # the time of the last good look
    still = wall.refresh(service, CONFIG, 1080, stale.key, NOW + dt.timedelta(seconds=10))
    assert still.view is None and still.as_of is None  # nothing new to draw, nothing to claim

    shutil.move(hidden, path)
    back = wall.refresh(service, CONFIG, 1080, still.key, NOW + dt.timedelta(seconds=15))
    assert back.view.banner is None
    assert _number(back.view, "arrivals", "checked-in") == "1"


def test_an_empty_database_says_so(tmp_path):
    url = f"sqlite:///{tmp_path / 'empty.sqlite'}"
    metadata.create_all(writable_engine(url))
    service = DataService(make_engine(url), MemoryCache())
    update = wall.refresh(service, wall.WallConfig(), 1080, None, NOW)
    assert update.view.banner == "No event in the database yet."
    assert update.view.panels == ()


def test_only_the_parts_that_changed_travel_to_the_screen(small_db):
    service = DataService(make_engine(small_db), MemoryCache())
    outputs = wall_layout.refresh_outputs()
    first = wall.refresh(service, CONFIG, 1080, None, NOW)
    drawn = wall_layout.refresh_values(first, "beat")
    assert all(value is not no_update for value in drawn)
    rendered = drawn[-2]

    _scan(small_db, 2, NOW)
    second = wall.refresh(service, CONFIG, 1080, rendered, NOW + dt.timedelta(seconds=10))
    values = wall_layout.refresh_values(second, "beat", rendered)
    sent = {outputs[i][0] for i, value in enumerate(values) if value is not no_update}
    assert {"wall-numbers-arrivals", "wall-chart-arrivals", "wall-happenings"} <= sent
    unchanged = {"wall-numbers-registrations", "wall-chart-map", "wall-meters-workshops"}
    assert not unchanged & sent


# --- through the server, as the browser asks -----------------------------------------------


def _wall_app(server):
    return next(a for a in dash_apps(server) if a.config.routes_pathname_prefix == "/wall/")


def _key(dash_app, output: str) -> str:
    return next(k for k in dash_app.callback_map if output in k)


def _post(client, dash_app, output: str, values: dict):
    body = callback_body(dash_app, _key(dash_app, output), values)
    return client.post("/wall/_dash-update-component", json=body)


def test_wall_responses_name_nobody(small_db, settings_for):
    server = create_app(settings_for(small_db)).server
    client = server.test_client()
    redirect = client.get(f"/wall?key={WALL_KEY}&event=2")
    assert redirect.status_code == 302
    assert redirect.headers["Location"].endswith(f"/wall/?key={WALL_KEY}&event=2")
    responses = [client.get(f"/wall/?key={WALL_KEY}&event=2")]
    assert responses[0].status_code == 200
    responses += [client.get("/wall/_dash-layout"), client.get("/wall/_dash-dependencies")]
    dash_app = _wall_app(server)
    configured = _post(client, dash_app, ids.WALL_CONFIG, {ids.WALL_URL: "?event=2"})
    config = configured.get_json()["response"][ids.WALL_CONFIG]["data"]
    values = {ids.WALL_CONFIG: config, ids.WALL_SCREEN: 1080, ids.WALL_REFRESH: 1}
    refreshed = _post(client, dash_app, ids.WALL_EVENT, values)
    responses += [configured, refreshed]
    assert all(r.status_code == 200 for r in responses), [r.status_code for r in responses]

    text = refreshed.get_data(as_text=True)
    assert "Baltic Clusters 2026" in text and "Smart Ports" in text  # the figures came
    assert '"wall-number-checked-in"' in text
    for response in responses:
        body = response.get_data(as_text=True)
        assert leaked(body) == []
        assert leaked(body, ORGANISATION_NAMES) == []


def test_every_wall_callback_is_refused_without_a_session(small_db, settings_for):
    server = create_app(settings_for(small_db)).server
    dash_app = _wall_app(server)
    anonymous = server.test_client()
    for key in dash_app.callback_map:
        response = anonymous.post("/wall/_dash-update-component", json=callback_body(dash_app, key))
        assert response.status_code == 401, key
        assert leaked(response.get_data(as_text=True)) == []


def test_the_browser_side_callback_runs_nothing_on_the_server(small_db, settings_for):
    server = create_app(settings_for(small_db)).server
    client = server.test_client()
    client.get(f"/wall/?key={WALL_KEY}")
    dash_app = _wall_app(server)
    response = _post(client, dash_app, ids.WALL_CLOCK, {})
    assert (response.status_code, response.get_data()) == (204, b"")
