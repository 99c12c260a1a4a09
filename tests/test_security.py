"""Roles on the server: every route and callback declares them, and crafted requests fail.

The crafted requests are built from the apps' callback maps and the Flask URL map,
so that whatever other pages add later is attacked by these tests too.
"""

from __future__ import annotations

import logging
import re

import pytest
from dash import Input, Output

from app import create_app
from callbacks.guard import declared_roles, secure_callback
from dashboard import web
from dashboard.auth import OFFICIAL, PUBLIC, STAFF_ONLY, WALL
from data.engine import writable_engine
from data.schema import metadata
from layouts import ids
from tests import small_event
from tests.attacks import (
    ORGANISATION_NAMES,
    PERSONAL,
    browse,
    callback_body,
    client_as,
    dash_apps,
    leaked,
    relabelled,
    update_url,
)
from tests.conftest import OFFICIAL_PASSWORD, STAFF_PASSWORD, WALL_KEY

REFUSED = (204, 401, 403)
EVENT_NAMES = [e["name"] for e in small_event.EVENTS]
STORED = {"query": "?event=2", "lang": "en", "ignored": []}
PEOPLE_OUTPUT = "test-people"


def _log_in(server, role: str):
    client = server.test_client()
    user, password = ("sam", STAFF_PASSWORD) if role == "staff" else ("olga", OFFICIAL_PASSWORD)
    assert client.post("/login", data={"username": user, "password": password}).status_code == 302
    return client


def _add_people_callback(app, guard=None, roles=STAFF_ONLY):
    """A callback that returns people's names, as a staff table would (secured or not)."""
    names = [f"{p['first_name']} {p['last_name']} <{p['email']}>" for p in small_event.PARTICIPANTS]
    dependencies = (Output(PEOPLE_OUTPUT, "children"), Input(ids.STATE, "data"))
    if guard is None:
        register = app.callback(*dependencies)
    else:
        register = secure_callback(app, guard, roles, *dependencies)

    @register
    def list_people(_state):
        return names


def _app(database_url: str, settings_for):
    """The whole app, with a staff-only callback that lists people as a staff table would."""
    dash_app = create_app(settings_for(database_url))
    _add_people_callback(dash_app, dash_app.server.config["DASHBOARD_GUARD"])
    dash_app.server.test_client().get("/healthz")  # Dash completes its setup at a first request
    return dash_app


@pytest.fixture
def app(small_db, settings_for):
    """The app on the small event."""
    return _app(small_db, settings_for)


def _callbacks(dash_app):
    return [(a, key) for a in dash_apps(dash_app.server) for key in a.callback_map]


def undeclared(server) -> list[str]:
    """Routes and callbacks of a server that declare no roles."""
    guard = server.config["DASHBOARD_GUARD"]
    missing = [
        rule.rule
        for rule in server.url_map.iter_rules()
        if not guard.rule_roles(rule.rule, server.view_functions.get(rule.endpoint))
    ]
    for dash_app in dash_apps(server):
        declared = declared_roles(dash_app)
        missing += [key for key in dash_app.callback_map if not declared.get(key)]
    return missing


def test_every_route_and_callback_declares_its_roles(app):
    assert len(dash_apps(app.server)) >= 1
    assert len(app.callback_map) >= 5
    assert undeclared(app.server) == []


def test_a_callback_or_route_without_roles_is_found_and_refused(small_db, settings_for):
    dash_app = create_app(settings_for(small_db))
    _add_people_callback(dash_app)  # plain app.callback: no roles declared
    dash_app.server.add_url_rule("/export", "export", lambda: "First1 Last1")
    assert set(undeclared(dash_app.server)) == {PEOPLE_OUTPUT + ".children", "/export"}
    staff = _log_in(dash_app.server, "staff")
    body = callback_body(dash_app, PEOPLE_OUTPUT + ".children")
    for response in (staff.post("/_dash-update-component", json=body), staff.get("/export")):
        assert response.status_code == 403
        assert leaked(response.get_data(as_text=True)) == []


@pytest.mark.parametrize("role", [None, WALL, OFFICIAL])
def test_every_callback_refuses_the_roles_it_does_not_serve(app, role):
    client = _log_in(app.server, role) if role == OFFICIAL else client_as(app.server, role)
    attacked = 0
    for dash_app, key in _callbacks(app):
        if role in declared_roles(dash_app)[key]:
            continue
        for body in (callback_body(dash_app, key), relabelled(callback_body(dash_app, key))):
            response = client.post(update_url(dash_app), json=body)
            assert response.status_code in REFUSED, (role, key)
            assert leaked(response.get_data(as_text=True)) == [], (role, key)
            attacked += 1
    assert attacked >= 2


def test_staff_only_callbacks_refuse_officials(app, caplog):
    official, staff = _log_in(app.server, "official"), _log_in(app.server, "staff")
    staff_only = [(a, key) for a, key in _callbacks(app) if declared_roles(a)[key] <= STAFF_ONLY]
    assert staff_only, "the test app has a staff-only callback"
    for dash_app, key in staff_only:
        for body in (callback_body(dash_app, key), relabelled(callback_body(dash_app, key))):
            with caplog.at_level(logging.WARNING):
                response = official.post(update_url(dash_app), json=body)
            assert response.status_code in REFUSED, key
            assert leaked(response.get_data(as_text=True)) == [], key
            assert "refused for role official" in caplog.text
        # The same request from staff is answered: the refusal was the role, not the body.
        assert staff.post(update_url(dash_app), json=callback_body(dash_app, key)).status_code in (
            200,
            204,
        )


@pytest.fixture
def plain_app(small_db, settings_for):
    """The app exactly as it is served, without the test's own callback."""
    return create_app(settings_for(small_db))


def _seed(dash_app) -> dict:
    """What a browser's first requests hold: the URL of the page or of the wall."""
    if dash_app.config.routes_pathname_prefix == "/":
        return {(ids.URL, "pathname"): "/", (ids.URL, "search"): "?event=2"}
    return {(ids.WALL_URL, "search"): "?event=2", (ids.WALL_SCREEN, "data"): 1080}


@pytest.mark.parametrize("role", [WALL, OFFICIAL])
def test_browsing_every_app_gives_officials_and_the_wall_no_personal_data(plain_app, role):
    server = plain_app.server
    client = _log_in(server, role) if role == OFFICIAL else client_as(server, role)
    guard = server.config["DASHBOARD_GUARD"]
    answered = ""
    for dash_app in dash_apps(server):
        if role in guard.dash_prefixes[dash_app.config.routes_pathname_prefix]:
            answers = browse(client, dash_app, _seed(dash_app))
            assert leaked("".join(answers)) == []
            answered += "".join(answers)
    assert "Baltic Clusters 2026" in answered  # the figures were computed, not refused


def test_staff_browsing_the_same_way_reach_peoples_data(plain_app):
    answers = browse(_log_in(plain_app.server, "staff"), plain_app, _seed(plain_app))
    assert leaked("".join(answers))


def test_staff_receive_the_people_list_that_officials_are_refused(app):
    body = callback_body(app, PEOPLE_OUTPUT + ".children", {ids.STATE: {"query": ""}})
    staff = _log_in(app.server, "staff").post("/_dash-update-component", json=body)
    assert staff.status_code == 200 and "person1@example.org" in staff.get_data(as_text=True)
    official = _log_in(app.server, "official").post("/_dash-update-component", json=body)
    assert official.status_code == 204 and official.get_data() == b""


def test_the_callback_itself_refuses_when_the_route_check_is_gone(app, monkeypatch):
    # Two locks: with the guard's check of each callback removed, the callback still refuses.
    monkeypatch.setattr(web, "_check_callback", lambda declared, role: None)
    body = callback_body(app, PEOPLE_OUTPUT + ".children", {ids.STATE: {"query": ""}})
    official = _log_in(app.server, "official").post("/_dash-update-component", json=body)
    assert official.status_code == 204
    assert leaked(official.get_data(as_text=True)) == []


def test_the_wall_key_opens_the_wall_and_nothing_else(app):
    guard = app.server.config["DASHBOARD_GUARD"]
    walls = [prefix for prefix, roles in guard.dash_prefixes.items() if WALL in roles]
    assert walls, "a wall app is mounted"
    client = app.server.test_client()
    for prefix in walls:
        assert client.get(f"{prefix}?key=not-the-key").status_code == 403
        assert client.get(prefix).status_code == 302
        assert client.get(f"{prefix}?key={WALL_KEY}").status_code == 200
        assert client.get(prefix + "_dash-layout").status_code == 200  # the wall session
    assert client.get("/").status_code == 403
    assert client.get("/_dash-layout").status_code == 403
    assert client.get("/api/v1/events").status_code == 401
    body = callback_body(app, PEOPLE_OUTPUT + ".children", {ids.STATE: STORED})
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 403 and leaked(response.get_data(as_text=True)) == []


def test_the_wall_key_on_a_statistics_page_gives_no_session(app):
    client = app.server.test_client()
    response = client.get(f"/?key={WALL_KEY}")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    body = callback_body(app, PEOPLE_OUTPUT + ".children")
    assert client.post(f"/_dash-update-component?key={WALL_KEY}", json=body).status_code == 401


@pytest.mark.parametrize("route", ["_dash-layout", "_dash-dependencies"])
def test_layout_and_dependencies_carry_no_data(app, settings_for, tmp_path, route):
    empty_db = f"sqlite:///{tmp_path / 'empty.sqlite'}"
    engine = writable_engine(empty_db)
    metadata.create_all(engine)
    engine.dispose()
    staff = _log_in(app.server, "staff")
    empty = _log_in(_app(empty_db, settings_for).server, "staff")
    for dash_app in dash_apps(app.server):
        url = dash_app.config.routes_pathname_prefix + route
        response = staff.get(url)
        text = response.get_data(as_text=True)
        assert response.status_code == 200, url
        assert leaked(text, [*PERSONAL, *ORGANISATION_NAMES, *EVENT_NAMES]) == [], url
        # An app on an empty database answers the same: nothing in the answer is data.
        assert empty.get(url).get_data(as_text=True) == text, url


def _sample_url(rule: str) -> str:
    url = re.sub(r"<int:\w+>", "2", rule)
    return re.sub(r"<(?:\w+:)?\w+>", "tables", url)


def test_routes_refuse_whoever_lacks_their_roles(app):
    guard = app.server.config["DASHBOARD_GUARD"]
    clients = {
        None: client_as(app.server, None),
        WALL: client_as(app.server, WALL),
        OFFICIAL: _log_in(app.server, OFFICIAL),
    }
    checked = 0
    for rule in app.server.url_map.iter_rules():
        roles = guard.rule_roles(rule.rule, app.server.view_functions[rule.endpoint])
        url = _sample_url(rule.rule)
        method = "POST" if "POST" in rule.methods and "GET" not in rule.methods else "GET"
        for role, client in clients.items():
            if roles == PUBLIC or role in roles:
                continue
            response = client.open(url, method=method, json={})
            assert response.status_code in (302, 401, 403), (role, url)
            assert leaked(response.get_data(as_text=True)) == [], (role, url)
            checked += 1
    assert checked >= 20
