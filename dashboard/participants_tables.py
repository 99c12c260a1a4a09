"""The participants page's tables: breakdowns, cross-tab, drill levels, host country.

Every table here is built from an event's read cubes (and the compared event's), with
the small counts an official may not see marked (dashboard.privacy).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import pandas as pd

from dashboard import filters as flt
from dashboard import i18n, metrics, privacy
from dashboard.event_data import Event, EventCubes
from dashboard.filters import Filters
from dashboard.state import DRILL_PATH
from dashboard.vocab import ACTIVE, HELIX, ORG_TYPES, UNKNOWN

PAGE = "participants"
HELIX_ORDER = ("business", "administration", "science", "clusters", "other")
ORGANISATION = "organisation"


@dataclass(frozen=True)
class Scope:
    """What the page counts: the event, the compared one, the filters, the viewer."""

    cubes: EventCubes
    filters: Filters
    lang: str = "en"
    role: str | None = None
    compare: EventCubes | None = None
    drill: tuple[str, ...] = ()
    names: dict[int, str] = field(default_factory=dict)

    def attributes(self, *by: str) -> int:
        """How many person attributes define a cell of a breakdown by `by` here."""
        return privacy.attributes(self.filters, by)


@cache
def _zone_countries() -> dict[str, str]:
    text = resources.files("tzdata").joinpath("zoneinfo/zone.tab").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {row[2]: row[0] for row in rows if len(row) >= 3}


def host_country(cubes: EventCubes) -> str | None:
    """The country of the event's time zone, else the one with the most active participants."""
    zone_country = _zone_countries().get(cubes.event.timezone.strip())
    if zone_country:
        return zone_country
    counts = metrics.breakdown(cubes, Filters(), "country").drop(UNKNOWN, errors="ignore")
    if counts.empty:
        return None
    largest = counts[counts == counts.max()]
    return str(sorted(largest.index)[0])


def outside_host(cubes: EventCubes, filters: Filters, host: str | None) -> tuple[int, int]:
    """Active participants from a known country other than the host, and those with a known one."""
    counts = metrics.breakdown(cubes, filters, "country").drop(UNKNOWN, errors="ignore")
    known = int(counts.sum())
    return known - int(counts.get(host, 0)), known


def _counts(cubes: EventCubes, filters: Filters, dimension: str) -> pd.Series:
    if dimension == ORGANISATION:
        orgs = flt.apply(cubes.organisations, filters)
        orgs = orgs[flt.one_of(orgs["status"], ACTIVE)]
        counts = orgs.groupby("organisation_id")["n"].sum()
        counts = counts[counts > 0].astype(int)
        counts.index = counts.index.astype(int).astype(str)
        return counts.sort_values(ascending=False, kind="stable")
    return metrics.breakdown(cubes, filters, dimension)


def _label(scope: Scope, dimension: str, value: str) -> str:
    if dimension == ORGANISATION:
        return scope.names.get(int(value), f"#{value}")
    return i18n.value_name(dimension, value, scope.lang)


def breakdown(scope: Scope, dimension: str) -> pd.DataFrame:
    """Active participants by one dimension, largest first, with the compared event's counts.

    Columns: value, label, n, n_hidden, n_text, and with a comparison n_compare,
    n_compare_hidden, n_compare_text (values only the compared event has come last).
    """
    counts = _counts(scope.cubes, scope.filters, dimension)
    frame = pd.DataFrame({"value": counts.index.astype(str), "n": counts.to_numpy(dtype=int)})
    if scope.compare is not None:
        other = _counts(scope.compare, scope.filters, dimension)
        other_frame = pd.DataFrame({"value": other.index.astype(str), "n_compare": other.values})
        frame = frame.merge(other_frame, on="value", how="outer", sort=False)
        frame = frame.fillna(0).astype({"n": int, "n_compare": int})
        frame = frame.sort_values(["n", "n_compare"], ascending=False, kind="stable")
    frame["label"] = [_label(scope, dimension, v) for v in frame["value"]]
    n_attributes = scope.attributes(dimension)
    frame = privacy.mark(frame, scope.role, n_attributes, "n", scope.lang)
    if scope.compare is not None:
        frame = privacy.mark(frame, scope.role, n_attributes, "n_compare", scope.lang)
    return frame.reset_index(drop=True)


def helix(scope: Scope) -> pd.DataFrame:
    """The breakdown by organisation type, ordered and grouped as the triple helix."""
    frame = breakdown(scope, "org_type")
    frame["helix"] = [HELIX.get(v, "other") for v in frame["value"]]
    order = {value: i for i, value in enumerate((*ORG_TYPES, UNKNOWN))}
    ranks = [
        (HELIX_ORDER.index(h), order.get(v, 99))
        for h, v in zip(frame["helix"], frame["value"], strict=True)
    ]
    frame["rank"] = ranks
    return frame.sort_values("rank").drop(columns="rank").reset_index(drop=True)


def cross_tab(scope: Scope) -> pd.DataFrame:
    """Active participants by country and sector: country, sector, n, n_hidden, n_text."""
    people = metrics.active_people(scope.cubes, scope.filters)
    grouped = people.groupby(["country", "sector"])["n"].sum().reset_index()
    # The page's tables hold plain text, as the breakdowns do; categories stay in the cubes.
    grouped = grouped[grouped["n"] > 0].astype({"n": int, "country": str, "sector": str})
    return privacy.mark(grouped, scope.role, scope.attributes("country", "sector"), "n", scope.lang)


def drill_dimension(level: int) -> str:
    """What the drill chart breaks down by at a level: a person attribute, then organisations."""
    return DRILL_PATH[level] if level < len(DRILL_PATH) else ORGANISATION


def drill(scope: Scope) -> pd.DataFrame:
    """The drill chart's breakdown at the current level (the drill path is in the filters)."""
    return breakdown(scope, drill_dimension(len(scope.drill)))


def crumbs(drill_path: tuple[str, ...], lang: str) -> list[str]:
    """The breadcrumb's steps: the top, then each value walked into."""
    steps = [i18n.t("participants.drill.top", lang)]
    steps.extend(i18n.value_name(d, v, lang) for d, v in zip(DRILL_PATH, drill_path, strict=False))
    return steps


def event_label(event: Event, lang: str) -> str:
    """An event's name with its first day."""
    return f"{event.name} ({i18n.fmt_date(event.starts_on, lang)})"


def helix_types(group: str) -> tuple[str, ...]:
    """The organisation types of a triple-helix group."""
    return tuple(org_type for org_type, helix in HELIX.items() if helix == group)


def legend_group(restyle: object, figure: object) -> str | None:
    """The helix group whose legend entry was clicked, from a graph's restyleData.

    A click on a legend entry hides its trace (restyleData names that one trace);
    the trace's legendgroup is the group. Anything else (a double click) is None.
    """
    if not isinstance(restyle, list) or len(restyle) != 2 or not isinstance(figure, dict):
        return None
    change, indices = restyle
    if not isinstance(change, dict) or "visible" not in change or indices is None:
        return None
    if not isinstance(indices, list) or len(indices) != 1:
        return None
    traces = figure.get("data") or []
    index = indices[0]
    if not isinstance(index, int) or not 0 <= index < len(traces):
        return None
    group = traces[index].get("legendgroup")
    return group if group in HELIX_ORDER else None
