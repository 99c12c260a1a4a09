"""Hostile and broken input: every callback's inputs and the API's parameters, fuzzed.

Bodies are built from each Dash app's callback_map (tests/attacks.py), so callbacks added
later are fuzzed too. Whatever comes in: never a 500, never a traceback in an answer.
"""

from __future__ import annotations

import base64
import urllib.parse

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import create_app
from dashboard.auth import STAFF, WALL
from data.engine import writable_engine
from layouts import ids
from tests import small_event
from tests.attacks import callback_body, client_as, dash_apps, update_url
from tests.conftest import STAFF_PASSWORD

AUTH = {"Authorization": "Basic " + base64.b64encode(f"sam:{STAFF_PASSWORD}".encode()).decode()}
HOSTILE_TEXT = [
    "' OR 1=1 --",
    "1; DROP TABLE participants; --",
    '" UNION SELECT email FROM participants --',
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "../../../etc/passwd",
    "\x00\x01\ufffd",
    "%s%s%n",
    "?event=2&country=' OR 1=1--&day=2026-13-45&lang=xx&page=-1&sort=;",
    "?event=99999999999999999999&country=DE&country=DE&sector[]=x",
    "NaN",
    "-1",
    "1e309",
]
FIXED = [None, True, -1, 10**30, 1.5, "", "x" * 100_000, [], {}, [[[[]]]], {"a": {"b": [None]}}]
FIXED += HOSTILE_TEXT
_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True
)


def _json_values() -> st.SearchStrategy:
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=True, allow_infinity=True),
        st.text(max_size=40),
        st.sampled_from(HOSTILE_TEXT),
    )
    return st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
        max_leaves=12,
    )


HUGE = st.builds(
    lambda s, n: (s * (100_000 // max(len(s), 1)))[:n],
    st.sampled_from(HOSTILE_TEXT),
    st.integers(1, 100_000),
)
STATE_LIKE = st.fixed_dictionaries(
    {
        "query": st.one_of(
            st.sampled_from(HOSTILE_TEXT), st.text(max_size=80), HUGE, _json_values()
        ),
        "lang": st.one_of(st.sampled_from(["en", "de", "xx", None]), _json_values()),
        "ignored": _json_values(),
    }
)
VALUE = st.one_of(_json_values(), HUGE, STATE_LIKE, st.sampled_from(FIXED))

GOOD = {
    (ids.URL, "pathname"): "/",
    (ids.URL, "search"): "?event=2",
    (ids.STATE, "data"): {"query": "?event=2", "lang": "en", "ignored": []},
    (ids.WALL_URL, "search"): "?event=2",
    (ids.WALL_SCREEN, "data"): 1080,
    (ids.WORKSHOPS_SELECTED, "data"): 1,
}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The app on the small event."""
    from dashboard.auth import UserStore
    from dashboard.settings import Settings

    tmp = tmp_path_factory.mktemp("fuzz")
    url = f"sqlite:///{tmp / 'small.sqlite'}"
    small_event.load(writable_engine(url))
    UserStore(tmp / "users.json").add("sam", "staff", STAFF_PASSWORD)
    settings_ = Settings(
        database_url=url,
        secret_key="test-secret-key-0123456789",
        users_file=str(tmp / "users.json"),
        wall_key="wall-key-for-tests",
    )
    return create_app(settings_).server


def _targets(server) -> list[tuple[object, object, str]]:
    """(client, dash app, callback key) for every callback, with a session it serves."""
    guard = server.config["DASHBOARD_GUARD"]
    staff, wall = client_as(server, STAFF, "sam"), client_as(server, WALL)
    return [
        (staff if STAFF in guard.dash_prefixes[a.config.routes_pathname_prefix] else wall, a, key)
        for a in dash_apps(server)
        for key in a.callback_map
    ]


def _dependencies(dash_app, key: str) -> list[tuple[str, str]]:
    spec = dash_app.callback_map[key]
    return [(d["id"], d["property"]) for d in [*spec["inputs"], *spec["state"]]]


def _assert_handled(response, what: object) -> None:
    text = response.get_data(as_text=True)
    assert response.status_code < 500, (what, response.status_code, text[:500])
    assert "Traceback" not in text, (what, text[:500])


def test_every_callback_survives_each_hostile_value_in_every_input(server):
    targets = _targets(server)
    assert len(targets) >= 10
    for client, dash_app, key in targets:
        for value in FIXED:
            values = {dep: value for dep in _dependencies(dash_app, key)}
            response = client.post(update_url(dash_app), json=callback_body(dash_app, key, values))
            _assert_handled(response, (key, repr(value)[:80]))


@_SETTINGS
@given(data=st.data())
def test_every_callback_survives_random_mixed_inputs(server, data):
    client, dash_app, key = data.draw(st.sampled_from(_targets(server)), label="callback")
    # Each input either hostile or as a browser sends it: the hostile one reaches the code.
    values = {
        dep: GOOD[dep] if dep in GOOD and data.draw(st.booleans()) else data.draw(VALUE)
        for dep in _dependencies(dash_app, key)
    }
    # The page's state is a dict in the browser; most of the time keep it dict-shaped.
    if (ids.STATE, "data") in values and data.draw(st.booleans()):
        values[(ids.STATE, "data")] = data.draw(STATE_LIKE)
    response = client.post(update_url(dash_app), json=callback_body(dash_app, key, values))
    _assert_handled(response, key)


PARAMETERS = st.lists(
    st.tuples(
        st.sampled_from(["country", "sector", "org_type", "day", "countries", "event", "x"]),
        st.one_of(
            st.sampled_from(HOSTILE_TEXT), st.text(max_size=30), HUGE.map(lambda s: s[:5000])
        ),
    ),
    max_size=5,
)


@_SETTINGS
@given(
    path=st.sampled_from(["/api/v1/events/{}/summary", "/api/v1/events/{}/summary.csv"]),
    event=st.one_of(st.integers(-5, 10**25), st.sampled_from(["2", "two", "2;--", "%00"])),
    params=PARAMETERS,
)
def test_api_parameters_never_break_it(server, path, event, params):
    url = (
        path.format(urllib.parse.quote(str(event), safe="")) + "?" + urllib.parse.urlencode(params)
    )
    response = server.test_client().get(url, headers=AUTH)
    _assert_handled(response, url[:200])
    assert response.status_code in (200, 400, 404), url[:200]
    if response.status_code != 200:
        assert response.is_json and "error" in response.get_json()
