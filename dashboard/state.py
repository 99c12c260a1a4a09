"""The view state that lives in the URL's query string: event, filters, drill, language, comparison.

A new field needs: the dataclass field, a line in to_query, a line in parse_query.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from urllib.parse import parse_qs, urlencode

from dashboard import filters as flt
from dashboard.i18n import LANGUAGES

MAX_QUERY_LENGTH = 4000
MAX_FIELDS = 200
# The drill-down path: a country, then a sector in it, then an organisation type in that.
DRILL_PATH = ("country", "sector", "org_type")
# A requester → recipient pair in the link: "country:DE:DK" (no value holds a colon).
PAIR_SEPARATOR = ":"


@dataclass(frozen=True)
class ViewState:
    """What a link reopens: the event, the filters, the drill path, the language, the comparison.

    `drill` holds one value per level of DRILL_PATH walked down so far; `compare` is
    another event shown next to this one.
    """

    event: int | None = None
    filters: flt.Filters = field(default_factory=flt.Filters)
    lang: str = "en"
    compare: int | None = None
    drill: tuple[str, ...] = ()
    pair: tuple[str, str, str] | None = None
    ignored: tuple[str, ...] = field(default=(), compare=False)

    def scoped_filters(self) -> flt.Filters:
        """The filters narrowed by the drill path: what every chart of the page counts."""
        steps = dict(zip(DRILL_PATH, self.drill, strict=False))
        return replace(self.filters, **{d: (v,) for d, v in steps.items()})

    def with_filters(self, **changes: object) -> ViewState:
        """A copy with some filter dimensions replaced."""
        return replace(self, filters=replace(self.filters, **changes), ignored=())

    def to_query(self, default_lang: str = "en") -> str:
        """The query string ("?..." or "") that reopens this view (lang= unless the default)."""
        pairs: list[tuple[str, str]] = []
        if self.event is not None:
            pairs.append(("event", str(self.event)))
        for dimension in flt.DIMENSIONS:
            pairs.extend((dimension, value) for value in getattr(self.filters, dimension))
        if self.filters.day:
            pairs.append(("day", self.filters.day))
        pairs.extend(("drill", value) for value in self.drill)
        if self.pair is not None:
            pairs.append(("pair", PAIR_SEPARATOR.join(self.pair)))
        if self.compare is not None:
            pairs.append(("compare", str(self.compare)))
        if self.lang != default_lang:
            pairs.append(("lang", self.lang))
        return "?" + urlencode(pairs) if pairs else ""

    def as_store(self, default_lang: str = "en") -> dict[str, object]:
        """Plain values for a dcc.Store; the query names the language unless it is English,
        so that pages reading it need not know the server's default language."""
        query = self.to_query() if default_lang == "en" else self.to_query(default_lang="")
        return {"query": query, "lang": self.lang, "ignored": list(self.ignored)}


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
    # Fields beyond the limit are dropped, not an error: parse_qs would raise on them.
    text = "&".join(text.split("&")[:MAX_FIELDS])
    params = parse_qs(text, keep_blank_values=False, max_num_fields=MAX_FIELDS)
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
    filters = flt.Filters(**chosen, day=day)
    drill = _drill(params.pop("drill", []), filters, ignored)
    pair = _pair(params.pop("pair", []), ignored)
    if compare is not None and compare == event:
        ignored.append(f"compare={compare}")
        compare = None
    ignored.extend(name[:40] for name in list(params)[:10])
    return ViewState(
        event=event,
        filters=filters,
        lang=lang,
        compare=compare,
        drill=drill,
        pair=pair,
        ignored=tuple(ignored),
    )


def _pair(values: list[str], ignored: list[str]) -> tuple[str, str, str] | None:
    """A requester → recipient pair of one dimension ("country:DE:DK"), or None."""
    if not values:
        return None
    parts = values[-1].split(PAIR_SEPARATOR)
    if len(parts) == 3 and parts[0] in flt.DIMENSIONS:
        sides = [flt.clean_values(parts[0], [value])[0] for value in parts[1:]]
        if all(sides):
            return (parts[0], sides[0][0], sides[1][0])
    ignored.append(f"pair={values[-1][:60]}")
    return None


def after_pair_click(state: ViewState, dimension: str, values: object) -> ViewState:
    """The state after a click on a requester → recipient cell: choose the pair, or drop it."""
    if not isinstance(values, list | tuple) or len(values) != 2:
        return state
    pair = _pair([PAIR_SEPARATOR.join([dimension, *map(str, values)])], [])
    return replace(state, pair=None if pair == state.pair else pair, ignored=())


def _fits(filters: flt.Filters, dimension: str, value: str) -> bool:
    selected = getattr(filters, dimension)
    return not selected or value in selected


def _drill(values: list[str], filters: flt.Filters, ignored: list[str]) -> tuple[str, ...]:
    """The drill path's valid steps, in order; it stops at the first that cannot be used."""
    path: list[str] = []
    for dimension, raw in zip(DRILL_PATH, values, strict=False):
        valid, _ = flt.clean_values(dimension, [raw])
        if not valid or not _fits(filters, dimension, valid[0]):
            break
        path.append(valid[0])
    ignored.extend(f"drill={value[:40]}" for value in values[len(path) :])
    return tuple(path)


def consistent(state: ViewState) -> ViewState:
    """The state with its drill path cut where a filter no longer allows a step."""
    keep = 0
    for dimension, value in zip(DRILL_PATH, state.drill, strict=False):
        if not _fits(state.filters, dimension, value):
            break
        keep += 1
    return state if keep == len(state.drill) else replace(state, drill=state.drill[:keep])


def toggled(values: tuple[str, ...], value: str) -> tuple[str, ...]:
    """Add a value to a selection, or take it out when it is there already."""
    return tuple(v for v in values if v != value) if value in values else (*values, value)


def after_click(state: ViewState, dimension: str, value: object) -> ViewState:
    """The state after a click on a chart element standing for a value of a dimension.

    A chart whose elements stand for a pair of values (a heatmap cell) names both
    dimensions joined by "+" and sends a list of values: both are added to the filters.
    """
    if "+" in dimension:
        return _after_cell_click(state, dimension.split("+"), value)
    if dimension not in flt.DIMENSIONS:
        return state
    valid, _ = flt.clean_values(dimension, [value])
    if not valid:
        return state
    current = getattr(state.filters, dimension)
    return consistent(state.with_filters(**{dimension: toggled(current, valid[0])}))


def _after_cell_click(state: ViewState, dimensions: list[str], values: object) -> ViewState:
    if not isinstance(values, list | tuple) or len(values) != len(dimensions):
        return state
    changes = {}
    for dimension, value in zip(dimensions, values, strict=True):
        valid, _ = flt.clean_values(dimension, [value]) if dimension in flt.DIMENSIONS else ((), ())
        if not valid:
            return state
        current = getattr(state.filters, dimension)
        changes[dimension] = current if valid[0] in current else (*current, valid[0])
    return consistent(state.with_filters(**changes))


def with_values(state: ViewState, dimension: str, values: object) -> ViewState:
    """The state with values added to a dimension's filter (a legend entry standing for several)."""
    if dimension not in flt.DIMENSIONS:
        return state
    valid, _ = flt.clean_values(dimension, values)
    current = getattr(state.filters, dimension)
    added = (*current, *(v for v in valid if v not in current))
    return consistent(state.with_filters(**{dimension: added})) if valid else state


def without_filter(state: ViewState, dimension: str, value: object) -> ViewState:
    """The state with one filter value taken out (a chip's remove button)."""
    if dimension not in flt.DIMENSIONS:
        return state
    current = getattr(state.filters, dimension)
    return state.with_filters(**{dimension: tuple(v for v in current if v != value)})


def after_drill(state: ViewState, value: object) -> ViewState:
    """The state one drill level further down, into the value clicked at the current level."""
    level = len(state.drill)
    if level >= len(DRILL_PATH):
        return state
    dimension = DRILL_PATH[level]
    valid, _ = flt.clean_values(dimension, [value])
    if not valid or not _fits(state.filters, dimension, valid[0]):
        return state
    return replace(state, drill=(*state.drill, valid[0]), ignored=())


def drilled_to(state: ViewState, level: object) -> ViewState:
    """The state stepped back to a drill level (0 is the top: all countries)."""
    if not isinstance(level, int) or not 0 <= level < len(state.drill):
        return state
    return replace(state, drill=state.drill[:level], ignored=())


def with_compare(state: ViewState, compare: object) -> ViewState:
    """The state compared with another event, or with none (None, or the event itself)."""
    chosen = compare if isinstance(compare, int) and compare > 0 else None
    if chosen is not None and chosen == state.event:
        chosen = None
    return replace(state, compare=chosen, ignored=())


def after_controls(state: ViewState, event: object, selections: dict[str, object]) -> ViewState:
    """The state after the filter bar's controls changed."""
    chosen = {}
    for dimension in flt.DIMENSIONS:
        chosen[dimension], _ = flt.clean_values(dimension, selections.get(dimension) or [])
    new = state.with_filters(**chosen)
    if isinstance(event, int) and event > 0:
        new = replace(new, event=event, compare=None if new.compare == event else new.compare)
    return consistent(new)


def cleared(state: ViewState) -> ViewState:
    """The state with every filter and the drill path removed (event, language, comparison stay)."""
    return replace(state, filters=flt.Filters(), drill=(), pair=None, ignored=())


def switched_language(state: ViewState) -> ViewState:
    """The state in the other language."""
    return replace(state, lang="de" if state.lang == "en" else "en", ignored=())


def replace_event(state: ViewState, event: int, ignored: tuple[str, ...]) -> ViewState:
    """The state for another event, with what was ignored on the way."""
    return replace(state, event=event, ignored=ignored)
