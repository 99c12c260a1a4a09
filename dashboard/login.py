"""The login and logout pages: plain HTML forms served by Flask, in English and German."""

from __future__ import annotations

import logging
from pathlib import Path

import flask

from dashboard.auth import PUBLIC
from dashboard.i18n import language
from dashboard.responses import safe_next
from dashboard.web import Guard, declare

log = logging.getLogger(__name__)

TEXT = {
    "en": {
        "title": "Log in",
        "user": "User name",
        "password": "Password",
        "submit": "Log in",
        "wrong": "Wrong user name or password.",
        "throttled": "Too many failed attempts. Please wait a minute and try again.",
        "logged_out": "You are logged out.",
        "demo": "Demo accounts",
    },
    "de": {
        "title": "Anmelden",
        "user": "Benutzername",
        "password": "Passwort",
        "submit": "Anmelden",
        "wrong": "Benutzername oder Passwort falsch.",
        "throttled": "Zu viele Fehlversuche. Bitte eine Minute warten und erneut versuchen.",
        "logged_out": "Sie sind abgemeldet.",
        "demo": "Demo-Zugänge",
    },
}

PAGE = (Path(__file__).parent / "login.html").read_text(encoding="utf-8")


def _page(lang: str, next_path: str, message: str = "", level: str = "danger", status: int = 200):
    html = flask.render_template_string(
        PAGE,
        lang=lang,
        text=TEXT[lang],
        next=safe_next(next_path),
        message=message,
        level=level,
        demo=flask.current_app.config.get("DEMO_ACCOUNTS"),
    )
    return flask.Response(html, status, mimetype="text/html")


def register(server: flask.Flask, guard: Guard) -> None:
    """Add /login and /logout to the server."""

    @declare(*PUBLIC)
    def login():
        form = flask.request.form if flask.request.method == "POST" else flask.request.args
        lang = language(form.get("lang"))
        next_path = form.get("next") or "/"
        if flask.request.method == "GET":
            return _page(lang, next_path)
        name, password = form.get("username", "")[:64], form.get("password", "")
        address = flask.request.remote_addr or "?"
        if guard.throttle.blocked(name, address):
            log.warning("login throttled for user %r from %s", name, address)
            return _page(lang, next_path, TEXT[lang]["throttled"], status=429)
        account = guard.users.verify(name, password)
        if account is None:
            guard.throttle.failed(name, address)
            log.warning("failed login for user %r from %s", name, address)
            return _page(lang, next_path, TEXT[lang]["wrong"], status=401)
        guard.start_session(account.role, account.name)
        log.info("login of %r (%s) from %s", account.name, account.role, address)
        return flask.redirect(safe_next(next_path))

    @declare(*PUBLIC)
    def logout():
        who = flask.session.get("user")
        guard.end_session()
        log.info("logout of %r", who)
        lang = language(flask.request.args.get("lang"))
        return _page(lang, "/", TEXT[lang]["logged_out"], level="info")

    server.add_url_rule("/login", "login", login, methods=["GET", "POST"])
    server.add_url_rule("/logout", "logout", logout, methods=["GET", "POST"])
