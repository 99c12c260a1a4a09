"""What the filter bar offers: the events, and the values present in the chosen event."""

from __future__ import annotations

import datetime as dt

from dashboard import i18n
from dashboard.service import DataService
from dashboard.state import ViewState
from dashboard.vocab import ORG_TYPES, OTHER, SECTORS, UNKNOWN

Option = dict[str, object]


def _options(dimension: str, values: set[str], lang: str) -> list[Option]:
    named = [{"label": i18n.value_name(dimension, v, lang), "value": v} for v in values]
    return sorted(named, key=lambda o: (o["value"] in (UNKNOWN, OTHER), str(o["label"])))


def filter_options(service: DataService, state: ViewState) -> dict[str, list[Option]]:
    """Options of the four filter controls, labelled in the state's language."""
    lang = state.lang
    version = service.version()
    events = service.events(version)
    event_options = [
        {"label": f"{e.name} ({i18n.fmt_date(e.starts_on, lang)})", "value": e.id} for e in events
    ]
    cubes = service.event_cubes(state.event, version) if state.event else None
    countries = set(cubes.people["country"]) if cubes is not None else set()
    countries |= set(state.filters.country)
    sectors = set(SECTORS) | {OTHER, UNKNOWN}
    return {
        "event": event_options,
        "country": _options("country", countries, lang),
        "sector": _options("sector", sectors, lang),
        "org_type": _options("org_type", set(ORG_TYPES) | {UNKNOWN}, lang),
    }


def today_utc() -> dt.date:
    """Today's date in UTC (the event's own zone decides its days)."""
    return dt.datetime.now(dt.UTC).date()
