"""The statistics API of api.md on the small event, against answers worked out by hand.

The hand computations follow tests/test_metrics.py: active participants are 1 (DE),
2 (SE), 3 (DK), 4 (Unknown), 9 (FI) and 11 (DK); 1, 2 and 9 work in Digital, 3 and
11 in Agri-food, 4 in "Blue Economy" (Other); 4 is the only SME.
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import io
import shutil

import pytest

from app import create_app
from layouts import ids
from tests.attacks import callback_body, leaked
from tests.conftest import OFFICIAL_PASSWORD, STAFF_PASSWORD

OFFICIAL = ("olga", OFFICIAL_PASSWORD)
STAFF = ("sam", STAFF_PASSWORD)
ENDPOINTS = ["/api/v1/events", "/api/v1/events/2/summary", "/api/v1/events/2/summary.csv"]


def _auth(user: str, password: str) -> dict[str, str]:
    token = base64.b64encode(f"{user}:{password}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


@pytest.fixture
def app(small_db, settings_for):
    """The app on the small event."""
    return create_app(settings_for(small_db))


@pytest.fixture
def api(app):
    """GET an API path as the official, returning the response."""
    client = app.server.test_client()
    return lambda path, who=OFFICIAL: client.get(path, headers=_auth(*who))


@pytest.mark.parametrize("path", ENDPOINTS)
def test_without_or_with_wrong_credentials_401_in_json(app, path):
    client = app.server.test_client()
    for headers in ({}, _auth("olga", "wrong-password"), _auth("nobody", "x"), {"X": "y"}):
        response = client.get(path, headers=headers)
        assert response.status_code == 401
        assert response.is_json and "credentials" in response.get_json()["error"]
        assert response.headers["WWW-Authenticate"].startswith("Basic ")
        assert "Location" not in response.headers


def test_a_session_cookie_is_no_credential_for_the_api(client_for, small_db):
    staff_browser = client_for(small_db, "staff")
    assert staff_browser.get("/api/v1/events").status_code == 401


def test_throttled_after_five_failures(api):
    for _ in range(5):
        assert api("/api/v1/events", ("olga", "wrong-password")).status_code == 401
    response = api("/api/v1/events")  # the right password, too late
    assert response.status_code == 429 and "wait" in response.get_json()["error"]
    assert response.headers["Retry-After"] == "60"


def test_a_changed_password_or_removed_account_stops_working_at_once(api, app):
    users = app.server.config["DASHBOARD_GUARD"].users
    assert api("/api/v1/events").status_code == 200
    users.add("olga", "official", "a-new-password-1")
    assert api("/api/v1/events").status_code == 401
    assert api("/api/v1/events", ("olga", "a-new-password-1")).status_code == 200
    users.remove("olga")
    assert api("/api/v1/events", ("olga", "a-new-password-1")).status_code == 401


def test_events_newest_first(api):
    response = api("/api/v1/events")
    assert response.status_code == 200
    assert response.get_json() == [
        {
            "id": 2,
            "name": "Baltic Clusters 2026",
            "starts_on": "2026-09-17",
            "ends_on": "2026-09-18",
            "city": "Berlin",
            "timezone": "Europe/Berlin",
        },
        {
            "id": 1,
            "name": "Baltic Clusters 2025",
            "starts_on": "2025-09-18",
            "ends_on": "2025-09-19",
            "city": "Rostock",
            "timezone": "Europe/Berlin",
        },
    ]


def test_summary_of_everybody(api):
    body = api("/api/v1/events/2/summary", STAFF).get_json()
    assert body["event"]["id"] == 2 and body["event"]["name"] == "Baltic Clusters 2026"
    assert body["filters"] == {"country": [], "sector": [], "org_type": [], "day": None}
    as_of = dt.datetime.strptime(body["data_as_of"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
    assert abs((dt.datetime.now(dt.UTC) - as_of).total_seconds()) < 60
    assert body["participants"] == {
        "active": 6,
        "confirmed": 3,
        "waitlisted": 1,
        "cancelled": 1,
        "checked_in": 2,
        "countries": 4,
        "organisations": 3,
        "clusters": 2,
        "by_country": {"DK": 2, "DE": 1, "FI": 1, "SE": 1, "Unknown": 1},
        "by_sector": {"Digital": 3, "Agri-food": 2, "Other": 1},
        "by_org_type": {"cluster_organisation": 5, "sme": 1},
    }
    assert body["matchmaking"] == {
        "requests": 6,
        "accepted": 4,
        "declined": 1,
        "pending": 1,
        "acceptance_rate": 0.8,
        "response_rate": 0.8333,
        "median_response_hours": 2.0,
        "cross_border_share": 0.6667,
        "held": 1,
        "no_shows": 1,
    }
    assert body["workshops"] == [
        _workshop(1, "Smart Ports", "07:00", 2, 3, 1, 1.5, True),
        _workshop(2, "Green Hydrogen", "09:00", 0, 1, 0, None, True),
        _workshop(3, "Digital Twins", "12:00", 10, 0, 0, 0.0, False),
    ]


def _workshop(wid, title, time, capacity, booked, waitlisted, fill, overbooked) -> dict:
    return {
        "id": wid,
        "title": title,
        "starts_at": f"2026-09-18T{time}:00Z",
        "capacity": capacity,
        "booked": booked,
        "waitlisted": waitlisted,
        "fill_level": fill,
        "overbooked": overbooked,
    }


def test_summary_of_one_sector(api):
    body = api("/api/v1/events/2/summary?sector=Digital").get_json()
    people = body["participants"]
    assert (people["active"], people["confirmed"], people["checked_in"]) == (3, 1, 1)
    assert people["by_country"] == {"DE": 1, "FI": 1, "SE": 1}
    assert (people["countries"], people["organisations"], people["clusters"]) == (3, 1, 1)
    # Requests to Digital recipients: 2 declined (4 h), 3 accepted (1 h, not held),
    # 4 pending, 8 accepted (0.5 h, from participant 4 whose country is Unknown).
    assert body["matchmaking"] == {
        "requests": 4,
        "accepted": 2,
        "declined": 1,
        "pending": 1,
        "acceptance_rate": 0.6667,
        "response_rate": 0.75,
        "median_response_hours": 1.0,
        "cross_border_share": 1.0,
        "held": 0,
        "no_shows": 1,
    }
    ports, hydrogen, twins = body["workshops"]
    assert (ports["booked"], ports["fill_level"], ports["overbooked"]) == (2, 1.0, False)
    assert (hydrogen["booked"], hydrogen["fill_level"]) == (1, None)
    assert twins["booked"] == 0


def test_repeated_countries_select_several(api):
    body = api("/api/v1/events/2/summary?country=DK&country=se").get_json()
    assert body["filters"]["country"] == ["DK", "SE"]
    people = body["participants"]
    assert (people["active"], people["confirmed"], people["checked_in"]) == (3, 2, 1)
    assert people["by_country"] == {"DK": 2, "SE": 1}
    assert people["by_sector"] == {"Agri-food": 2, "Digital": 1}
    assert (people["organisations"], people["clusters"]) == (2, 2)
    meetings = body["matchmaking"]
    assert (meetings["requests"], meetings["accepted"], meetings["acceptance_rate"]) == (2, 2, 1.0)
    assert (meetings["median_response_hours"], meetings["cross_border_share"]) == (6.0, 0.5)
    assert (meetings["held"], meetings["no_shows"]) == (1, 0)
    assert [w["booked"] for w in body["workshops"]] == [2, 0, 0]


def test_day_limits_check_ins_only(api):
    # Participant 1 scanned on both days; 3 at 01:30 Berlin time on the second day.
    first = api("/api/v1/events/2/summary?day=2026-09-17").get_json()
    second = api("/api/v1/events/2/summary?day=2026-09-18").get_json()
    assert (first["participants"]["checked_in"], second["participants"]["checked_in"]) == (1, 2)
    assert first["filters"]["day"] == "2026-09-17"
    assert first["participants"]["active"] == second["participants"]["active"] == 6


def test_a_filter_nobody_matches_gives_undefined_rates(api):
    body = api("/api/v1/events/2/summary?org_type=sme&day=2026-09-18").get_json()
    people = body["participants"]
    assert (people["active"], people["countries"], people["checked_in"]) == (1, 0, 0)
    assert people["by_country"] == {"Unknown": 1} and people["by_sector"] == {"Other": 1}
    meetings = body["matchmaking"]
    assert meetings["requests"] == 0
    assert meetings["acceptance_rate"] is meetings["median_response_hours"] is None


def test_summary_csv_rows(api):
    response = api("/api/v1/events/2/summary.csv")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    assert list(csv.reader(io.StringIO(response.get_data(as_text=True)))) == [
        ["dimension", "value", "participants"],
        ["country", "DK", "2"],
        ["country", "DE", "1"],
        ["country", "FI", "1"],
        ["country", "SE", "1"],
        ["country", "Unknown", "1"],
        ["sector", "Digital", "3"],
        ["sector", "Agri-food", "2"],
        ["sector", "Other", "1"],
        ["org_type", "cluster_organisation", "5"],
        ["org_type", "sme", "1"],
    ]
    filtered = api("/api/v1/events/2/summary.csv?country=DK").get_data(as_text=True)
    assert filtered.splitlines()[1:] == [
        "country,DK,2",
        "sector,Agri-food,2",
        "org_type,cluster_organisation,2",
    ]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("country=XX", "country"),
        ("country=DE&country=Germany", "country"),
        ("sector=Blue%20Economy", "sector"),
        ("org_type=university", "org_type"),
        ("day=2026-09-19", "day"),
        ("day=yesterday", "day"),
        ("day=2026-09-17&day=2026-09-18", "day"),
        ("countries=DE", "countries"),
    ],
)
@pytest.mark.parametrize("path", ENDPOINTS[1:])
def test_invalid_parameter_is_400_naming_it(api, path, query, parameter):
    response = api(f"{path}?{query}")
    assert response.status_code == 400
    assert response.get_json()["parameter"] == parameter
    assert parameter in response.get_json()["error"]


@pytest.mark.parametrize("path", ["/api/v1/events/99/summary", "/api/v1/events/99/summary.csv"])
def test_unknown_event_is_404(api, path):
    response = api(path)
    assert response.status_code == 404 and response.get_json()["event"] == 99


def test_unknown_paths_and_methods_answer_in_json(api, app):
    for path in ("/api/v1/events/two/summary", "/api/v2/events", "/api/v1/"):
        response = api(path)
        assert response.status_code == 404 and response.is_json, path
    client = app.server.test_client()
    response = client.post("/api/v1/events", headers=_auth(*OFFICIAL))
    assert response.status_code == 405 and response.is_json


def test_database_unavailable_is_503(small_db, settings_for, tmp_path):
    copy = tmp_path / "copy.sqlite"
    shutil.copy(small_db.removeprefix("sqlite:///"), copy)
    app = create_app(settings_for(f"sqlite:///{copy}"))
    client = app.server.test_client()
    assert client.get("/api/v1/events/2/summary", headers=_auth(*OFFICIAL)).status_code == 200
    copy.unlink()
    for path in ENDPOINTS:
        response = client.get(path, headers=_auth(*OFFICIAL))
        assert response.status_code == 503, path
        assert "database" in response.get_json()["error"]
    health = client.get("/healthz")
    assert health.status_code == 503 and health.get_json()["database"] is False


def test_health_says_what_answers_and_nothing_personal(app):
    response = app.server.test_client().get("/healthz")
    body = response.get_json()
    assert response.status_code == 200
    assert (body["database"], body["cache"], body["status"]) == (True, True, "ok")
    assert 0 <= body["data_age_s"] < 5
    assert set(body) == {"status", "database", "cache", "data_age_s"}


def test_no_personal_data_in_any_answer(api):
    for path in (*ENDPOINTS, "/api/v1/events/2/summary?country=DK&day=2026-09-18"):
        assert leaked(api(path, STAFF).get_data(as_text=True)) == [], path


def _text_of(node: object, component_id: str) -> str | None:
    """The children of the component with the id, anywhere in a callback's answer."""
    if isinstance(node, dict):
        if node.get("props", {}).get("id") == component_id:
            return node["props"].get("children")
        nodes = node.values()
    elif isinstance(node, list):
        nodes = node
    else:
        return None
    return next((t for n in nodes if (t := _text_of(n, component_id)) is not None), None)


def test_figures_equal_the_overview_page(app, api):
    staff = app.server.test_client()
    staff.post("/login", data={"username": STAFF[0], "password": STAFF[1]})
    key = next(k for k in app.callback_map if f"{ids.OVERVIEW_KPIS}.children" in k)
    for query in ("country=DK&country=SE", "sector=Digital"):
        stored = {"query": f"?event=2&{query}", "lang": "en", "ignored": []}
        page = staff.post(
            "/_dash-update-component", json=callback_body(app, key, {ids.STATE: stored})
        ).get_json()
        body = api(f"/api/v1/events/2/summary?{query}").get_json()
        assert _text_of(page, "kpi-active") == str(body["participants"]["active"])
        assert _text_of(page, "kpi-requests") == str(body["matchmaking"]["requests"])
        assert _text_of(page, "kpi-countries") == str(body["participants"]["countries"])
