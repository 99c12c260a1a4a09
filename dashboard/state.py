"""The view state that lives in the URL's query string: event, filters, language, comparison."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from urllib.parse import parse_qs, urlencode

from dashboard import filters as flt
from dashboard.i18n import LANGUAGES

MAX_QUERY_LENGTH = 4000


@dataclass(frozen=True)
class ViewState:
    """What a link reopens: the event, the filters, the language and the comparison."""

    event: int | None = None
    filters: flt.Filters = field(default_factory=flt.Filters)
    lang: str = "en"
    compare: int | None = None
    ignored: tuple[str, ...] = field(default=(), compare=False)

    def with_filters(self, **changes: object) -> ViewState:
        """A copy with some filter dimensions replaced."""
        return replace(self, filters=replace(self.filters, **changes), ignored=())

    def to_query(self) -> str:
        """The query string ("?..." or "") that reopens this view."""
        pairs: list[tuple[str, str]] = []
        if self.event is not None:
            pairs.append(("event", str(self.event)))
        for dimension in flt.DIMENSIONS:
            pairs.extend((dimension, value) for value in getattr(self.filters, dimension))
        if self.filters.day:
            pairs.append(("day", self.filters.day))
        if self.compare is not None:
            pairs.append(("compare", str(self.compare)))
        if self.lang != "en":
            pairs.append(("lang", self.lang))
        return "?" + urlencode(pairs) if pairs else ""

    def as_store(self) -> dict[str, object]:
        """Plain values for a dcc.Store."""
        return {"query": self.to_query(), "lang": self.lang, "ignored": list(self.ignored)}


def _positive_int(values: list[str], name: str, ignored: list[str]) -> int | None:
    if not values:
        return None
    raw = values[-1].strip()
    if raw.isdigit() and 0 < int(raw) < 2**31:
        return int(raw)
    ignored.append(f"{name}={raw[:40]}")
    return None


def _day(values: list[str], ignored: list[str]) -> str | None:
    if not values:
        return None
    try:
        return dt.date.fromisoformat(values[-1].strip()).isoformat()
    except ValueError:
        ignored.append(f"day={values[-1][:40]}")
        return None


def parse_query(search: object, default_lang: str = "en") -> ViewState:
    """Read a query string; every value that cannot be used is named in `ignored`."""
    text = search if isinstance(search, str) else ""
    text = text[:MAX_QUERY_LENGTH].lstrip("?")
    params = parse_qs(text, keep_blank_values=False, max_num_fields=200)
    ignored: list[str] = []
    chosen: dict[str, tuple[str, ...]] = {}
    for dimension in flt.DIMENSIONS:
        chosen[dimension], bad = flt.clean_values(dimension, params.pop(dimension, []))
        ignored.extend(f"{dimension}={value}" for value in bad)
    lang = (params.pop("lang", [default_lang]) or [default_lang])[-1]
    if lang not in LANGUAGES:
        ignored.append(f"lang={lang[:20]}")
        lang = default_lang
    event = _positive_int(params.pop("event", []), "event", ignored)
    compare = _positive_int(params.pop("compare", []), "compare", ignored)
    day = _day(params.pop("day", []), ignored)
    ignored.extend(name[:40] for name in list(params)[:10])
    filters = flt.Filters(**chosen, day=day)
    return ViewState(event, filters, lang, compare, tuple(ignored))


def toggled(values: tuple[str, ...], value: str) -> tuple[str, ...]:
    """Add a value to a selection, or take it out when it is there already."""
    return tuple(v for v in values if v != value) if value in values else (*values, value)


def after_click(state: ViewState, dimension: str, value: object) -> ViewState:
    """The state after a click on a chart element standing for a value of a dimension."""
    if dimension not in flt.DIMENSIONS:
        return state
    valid, _ = flt.clean_values(dimension, [value])
    if not valid:
        return state
    current = getattr(state.filters, dimension)
    return state.with_filters(**{dimension: toggled(current, valid[0])})


def after_controls(state: ViewState, event: object, selections: dict[str, object]) -> ViewState:
    """The state after the filter bar's controls changed."""
    chosen = {}
    for dimension in flt.DIMENSIONS:
        chosen[dimension], _ = flt.clean_values(dimension, selections.get(dimension) or [])
    new = state.with_filters(**chosen)
    if isinstance(event, int) and event > 0:
        new = replace(new, event=event)
    return new


def cleared(state: ViewState) -> ViewState:
    """The state with every filter removed (event, language and comparison stay)."""
    return replace(state, filters=flt.Filters(), ignored=())


def switched_language(state: ViewState) -> ViewState:
    """The state in the other language."""
    return replace(state, lang="de" if state.lang == "en" else "en", ignored=())


def replace_event(state: ViewState, event: int, ignored: tuple[str, ...]) -> ViewState:
    """The state for another event, with what was ignored on the way."""
    return replace(state, event=event, ignored=ignored)
