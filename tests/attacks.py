"""Crafted requests for the security tests: every Dash app and callback, any session.

The request bodies are built from each app's callback_map, so that callbacks added
later are attacked too without anybody writing a test for them.
"""

from __future__ import annotations

import json

import flask
from dash import Dash

from dashboard.auth import WALL
from tests import small_event

UPDATE = "_dash-update-component"
# What must never reach anybody but staff: names and e-mail addresses of the fixture.
PERSONAL = sorted(
    {p["first_name"] for p in small_event.PARTICIPANTS}
    | {p["last_name"] for p in small_event.PARTICIPANTS}
    | {p["email"] for p in small_event.PARTICIPANTS}
)
ORGANISATION_NAMES = [o["name"] for o in small_event.ORGANISATIONS]


def dash_apps(server: flask.Flask) -> list[Dash]:
    """Every Dash app mounted on the server, found through the views Dash added."""
    apps: list[Dash] = []
    for view in server.view_functions.values():
        owner = getattr(view, "__self__", None)
        if isinstance(owner, Dash) and all(owner is not app for app in apps):
            apps.append(owner)
    return apps


def update_url(app: Dash) -> str:
    """The URL at which an app runs its callbacks."""
    return app.config.routes_pathname_prefix + UPDATE


def _concrete(ident: object) -> tuple[object, str | None]:
    """An id with its wildcards replaced, and the kind of wildcard it had."""
    parsed = json.loads(ident) if isinstance(ident, str) and ident.startswith("{") else ident
    if not isinstance(parsed, dict):
        return parsed, None
    kinds = {v[0] for v in parsed.values() if isinstance(v, list) and v}
    concrete = {k: (0 if isinstance(v, list) else v) for k, v in parsed.items()}
    return concrete, ("ALL" if kinds & {"ALL", "ALLSMALLER"} else "MATCH" if kinds else None)


def _item(ident: object, prop: str, value: object = None) -> object:
    concrete, kind = _concrete(ident)
    return [] if kind == "ALL" else {"id": concrete, "property": prop, "value": value}


def _prop_id(ident: object, prop: str) -> str:
    concrete, _ = _concrete(ident)
    text = json.dumps(concrete, sort_keys=True, separators=(",", ":"))
    return f"{text if isinstance(concrete, dict) else concrete}.{prop}"


def _value(values: dict, dep: dict) -> object:
    return values.get((dep["id"], dep["property"]), values.get(dep["id"]))


def callback_body(app: Dash, key: str, values: dict[str, object] | None = None) -> dict:
    """A request body for one callback, as the browser would send it."""
    values = values or {}
    spec = app.callback_map[key]
    outputs = spec["output"]
    many = isinstance(outputs, list | tuple)
    out = [_item(o.component_id_str(), o.component_property) for o in outputs] if many else None
    if not many:
        out = _item(outputs.component_id_str(), outputs.component_property)
    for entry in out if many else [out]:
        if isinstance(entry, dict):
            entry.pop("value")
    inputs = [_item(i["id"], i["property"], _value(values, i)) for i in spec["inputs"]]
    state = [_item(s["id"], s["property"], _value(values, s)) for s in spec["state"]]
    changed = [_prop_id(i["id"], i["property"]) for i in spec["inputs"][:1]]
    return {
        "output": key,
        "outputs": out,
        "inputs": inputs,
        "state": state,
        "changedPropIds": changed,
    }


def browse(client, app: Dash, seed: dict, rounds: int = 3) -> list[str]:
    """Run every callback of an app as a browser would, feeding answers back as inputs.

    Values are kept by (id, property), starting from the seed; returns every answer's text.
    """
    values, answers = dict(seed), []
    for _ in range(rounds):
        for key in app.callback_map:
            response = client.post(update_url(app), json=callback_body(app, key, values))
            answers.append(response.get_data(as_text=True))
            if response.status_code == 200 and response.is_json:
                for ident, props in (response.get_json().get("response") or {}).items():
                    values.update({(ident, prop): value for prop, value in props.items()})
    return answers


def relabelled(body: dict, path: str = "/login") -> dict:
    """The body with its first input relabelled as a URL's pathname holding a public path."""
    trap = json.loads(json.dumps(body))
    first = {"id": "shell-url", "property": "pathname", "value": path}
    trap["inputs"] = [first, *trap["inputs"][1:]] if trap["inputs"] else [first]
    trap["changedPropIds"] = ["shell-url.pathname"]
    return trap


def session_cookie(server: flask.Flask, role: str, user: str | None = None) -> str:
    """A cookie holding the session the guard itself starts for a role."""
    guard = server.config["DASHBOARD_GUARD"]
    with server.test_request_context():
        guard.start_session(role, user)
        data = dict(flask.session)
    return server.session_interface.get_signing_serializer(server).dumps(data)


def client_as(server: flask.Flask, role: str | None, user: str | None = None):
    """A test client with a session of the role (None: no session at all)."""
    client = server.test_client()
    if role is not None:
        client.set_cookie("session", session_cookie(server, role, user if role != WALL else None))
    return client


def leaked(text: str, words: list[str] = PERSONAL) -> list[str]:
    """The personal words found in a response text."""
    return [word for word in words if word in text]
