"""Logging in and out, sessions that cannot be forged or replayed, cookies and headers."""

from __future__ import annotations

import json
from pathlib import Path

import flask
import pytest

import app as app_module
from app import create_app
from dashboard.auth import UserStore
from dashboard.settings import SettingsError, from_env
from layouts import ids
from tests.attacks import callback_body, session_cookie
from tests.conftest import OFFICIAL_PASSWORD, STAFF_PASSWORD

WRONG = "Wrong user name or password."
THROTTLED = "Too many failed attempts"


@pytest.fixture
def server(small_db, settings_for):
    """The app's Flask server on the small event."""
    return create_app(settings_for(small_db)).server


def _login(client, user: str, password: str, address: str = "127.0.0.1", **form):
    data = {"username": user, "password": password, **form}
    return client.post("/login", data=data, environ_base={"REMOTE_ADDR": address})


def _signed_in(client) -> bool:
    """True when the client's session opens the app's pages."""
    return client.get("/_dash-layout").status_code == 200


def test_wrong_password_and_unknown_user_look_the_same(server):
    client = server.test_client()
    for user, password in (("sam", "not-his-password"), ("nobody", STAFF_PASSWORD)):
        response = _login(client, user, password)
        assert response.status_code == 401
        assert WRONG in response.get_data(as_text=True)
        assert not _signed_in(client)
    assert _login(client, "sam", STAFF_PASSWORD).status_code == 302
    assert _signed_in(client)


def test_five_failures_for_a_user_make_everybody_wait(server):
    client = server.test_client()
    for n in range(5):
        assert _login(client, "sam", f"guess-{n}", address=f"10.0.0.{n}").status_code == 401
    response = _login(client, "sam", STAFF_PASSWORD, address="10.0.0.99")
    assert response.status_code == 429
    assert THROTTLED in response.get_data(as_text=True) and not _signed_in(client)
    assert _login(client, "olga", OFFICIAL_PASSWORD, address="10.0.0.99").status_code == 302


def test_five_failures_from_an_address_make_it_wait(server):
    client = server.test_client()
    for n in range(5):
        assert _login(client, f"user{n}", "guess", address="10.0.1.1").status_code == 401
    response = _login(client, "olga", OFFICIAL_PASSWORD, address="10.0.1.1")
    assert response.status_code == 429 and THROTTLED in response.get_data(as_text=True)
    assert _login(client, "olga", OFFICIAL_PASSWORD, address="10.0.1.2").status_code == 302


def test_logout_ends_the_session_for_every_copy_of_the_cookie(server):
    client = server.test_client()
    _login(client, "olga", OFFICIAL_PASSWORD)
    copy = client.get_cookie("session").value
    assert _signed_in(client)
    client.get("/logout")
    thief = server.test_client()
    thief.set_cookie("session", copy)
    # Many data changes later (each fills the cache), the copy still does not work.
    for n in range(200):
        server.config["DASHBOARD_SERVICE"].cache.set(f"figures-{n}", n, 3600)
    response = thief.get("/_dash-layout")
    assert response.status_code == 401
    # The refused cookie is dropped, not refreshed with a new time stamp.
    assert "session=;" in response.headers.get("Set-Cookie", "")
    assert thief.get("/").status_code == 302


def test_logging_in_again_ends_the_session_before(server):
    client = server.test_client()
    _login(client, "olga", OFFICIAL_PASSWORD)
    copy = client.get_cookie("session").value
    _login(client, "sam", STAFF_PASSWORD)
    assert _signed_in(client)
    thief = server.test_client()
    thief.set_cookie("session", copy)
    assert not _signed_in(thief)


def _forged(payload: dict, secret: str = "another-secret-key-0123456789") -> str:
    fake = flask.Flask("forger")
    fake.secret_key = secret
    return fake.session_interface.get_signing_serializer(fake).dumps(payload)


def test_forged_and_tampered_cookies_are_refused(server):
    client = server.test_client()
    _login(client, "olga", OFFICIAL_PASSWORD)
    genuine = client.get_cookie("session").value
    payload = {"sid": "x" * 22, "role": "staff", "user": "sam", "started": 2**31, "stamp": ""}
    head, _, signature = genuine.rpartition(".")
    tampered = head + "." + ("A" if signature[0] != "A" else "B") + signature[1:]
    for cookie in (_forged(payload), tampered, genuine.replace(".", "x", 1), "junk"):
        other = server.test_client()
        other.set_cookie("session", cookie)
        assert not _signed_in(other)


def test_a_correctly_signed_session_must_match_the_account(server):
    # Even with the secret key, a session claiming another role, an expired start or an
    # old password is refused: the server checks its own records.
    users = UserStore(server.config["DASHBOARD_GUARD"].users.path)
    claims_staff = server.test_client()
    claims_staff.set_cookie("session", session_cookie(server, "staff", "olga"))
    assert not _signed_in(claims_staff)
    old = server.test_client()
    with server.test_request_context():
        server.config["DASHBOARD_GUARD"].start_session("staff", "sam")
        data = dict(flask.session)
    data["started"] -= 13 * 3600
    old.set_cookie("session", server.session_interface.get_signing_serializer(server).dumps(data))
    assert not _signed_in(old)
    client = server.test_client()
    _login(client, "sam", STAFF_PASSWORD)
    assert _signed_in(client)
    users.add("sam", "staff", "a-new-password-1")
    assert not _signed_in(client)


def test_cookie_flags(small_db, settings_for):
    plain = create_app(settings_for(small_db)).server.test_client()
    cookie = _login(plain, "sam", STAFF_PASSWORD).headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    secure = create_app(settings_for(small_db, https=True)).server.test_client()
    response = _login(secure, "sam", STAFF_PASSWORD)
    assert "Secure" in response.headers["Set-Cookie"]
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


@pytest.mark.parametrize("path", ["/login", "/", "/_dash-layout", "/api/v1/events", "/healthz"])
def test_security_headers_on_every_answer(server, path):
    client = server.test_client()
    _login(client, "sam", STAFF_PASSWORD)
    headers = client.get(path).headers
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    if path != "/login":
        assert headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/?event=2&country=DK", "/?event=2&country=DK"),
        ("//evil.example", "/"),
        ("/\\evil.example", "/"),
        ("https://evil.example/", "/"),
        ("/\t/evil.example", "/"),
    ],
)
def test_after_login_only_local_paths(server, target, expected):
    response = _login(server.test_client(), "sam", STAFF_PASSWORD, next=target)
    assert response.status_code == 302 and response.headers["Location"] == expected


def test_a_page_sends_to_the_login_with_the_whole_path(server):
    response = server.test_client().get("/?event=2&lang=de")
    assert response.status_code == 302
    login = server.test_client().get(response.headers["Location"])
    assert 'value="/?event=2&amp;lang=de"' in login.get_data(as_text=True)
    assert "Anmelden" in login.get_data(as_text=True)


def test_a_login_form_on_another_site_is_refused(server):
    client = server.test_client()
    form = {"username": "sam", "password": STAFF_PASSWORD}
    response = client.post("/login", data=form, headers={"Sec-Fetch-Site": "cross-site"})
    assert response.status_code == 403 and not _signed_in(client)


def test_settings_refuse_production_without_a_secret_or_with_debug():
    with pytest.raises(SettingsError, match="SECRET_KEY"):
        from_env({})
    with pytest.raises(SettingsError, match="DEBUG"):
        from_env({"SECRET_KEY": "s" * 32, "DASHBOARD_DEBUG": "1"})
    assert from_env({"DASHBOARD_DEMO": "1", "DASHBOARD_DEBUG": "1"}).debug


UNSAFE = [({}, "SECRET_KEY"), ({"SECRET_KEY": "s" * 32, "DASHBOARD_DEBUG": "1"}, "DEBUG")]


@pytest.mark.parametrize(("env", "word"), UNSAFE)
def test_the_server_does_not_start_with_unsafe_settings(monkeypatch, capsys, env, word):
    for name in ("SECRET_KEY", "DASHBOARD_DEMO", "DASHBOARD_DEBUG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(SystemExit) as stop:
        app_module.build_server()
    assert stop.value.code == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and error.startswith("error:") and word in error


def _brand(dash_app, client) -> str:
    key = next(k for k in dash_app.callback_map if f"{ids.BRAND}.children" in k)
    values = {ids.STATE: {"query": "", "lang": "en", "ignored": []}, ids.URL: "/"}
    body = callback_body(dash_app, key, values)
    return client.post("/_dash-update-component", json=body).get_data(as_text=True)


def test_demo_mode_creates_the_demo_accounts_and_shows_a_badge(small_db, settings_for, tmp_path):
    users_file = tmp_path / "demo-users.json"
    dash_app = create_app(settings_for(small_db, demo=True, users_file=str(users_file)))
    assert {a.name: a.role for a in UserStore(users_file).accounts()} == {
        "staff": "staff",
        "official": "official",
    }
    client = dash_app.server.test_client()
    page = client.get("/login").get_data(as_text=True)
    assert "staff-demo-2026" in page and "official-demo-2026" in page
    assert _login(client, "staff", "staff-demo-2026").status_code == 302
    assert "demo-badge" in _brand(dash_app, client)


def test_outside_demo_mode_there_are_no_default_accounts(small_db, settings_for, tmp_path):
    users_file = tmp_path / "fresh-users.json"
    dash_app = create_app(settings_for(small_db, users_file=str(users_file)))
    assert not Path(users_file).exists() or json.loads(users_file.read_text())["users"] == {}
    client = dash_app.server.test_client()
    assert "staff-demo-2026" not in client.get("/login").get_data(as_text=True)
    for user, password in (("staff", "staff-demo-2026"), ("official", "official-demo-2026")):
        assert _login(client, user, password).status_code == 401
    UserStore(users_file).add("sam", "staff", STAFF_PASSWORD)
    assert _login(client, "sam", STAFF_PASSWORD).status_code == 302
    assert "demo-badge" not in _brand(dash_app, client)
