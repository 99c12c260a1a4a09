"""The overview's view model: tiles with their definitions, charts, and the no-data state."""

from __future__ import annotations

import datetime as dt

import plotly.graph_objects as go

from dashboard.overview import overview
from dashboard.service import Snapshot
from dashboard.state import parse_query

NOW = dt.datetime(2026, 9, 17, 12, 0, tzinfo=dt.UTC)  # day 1 of the small event


def _tiles(view) -> dict[str, str]:
    return {kpi.key: kpi.value for kpi in view.kpis}


def test_tiles_show_the_hand_computed_figures_with_definitions(small_cubes):
    view = overview(Snapshot(small_cubes, "v1", NOW), parse_query("?event=2"), NOW)
    assert _tiles(view) == {
        "active": "6",
        "confirmed": "3",
        "checked_in": "1",  # today, day 1: participant 1 only
        "countries": "4",
        "clusters": "2",
        "requests": "6",
        "acceptance": "80%",
        "seats": "4 / 12",
    }
    assert all(kpi.info for kpi in view.kpis)
    german = overview(Snapshot(small_cubes, "v1", NOW), parse_query("?event=2&lang=de"), NOW)
    assert _tiles(german)["acceptance"] == "80 %"
    assert {k.info for k in german.kpis}.isdisjoint({k.info for k in view.kpis})


def test_filters_that_match_nothing_show_zeros_dashes_and_empty_states(small_cubes):
    view = overview(Snapshot(small_cubes, "v1", NOW), parse_query("?event=2&country=NO"), NOW)
    assert _tiles(view)["active"] == "0" and _tiles(view)["acceptance"] == "–"
    texts = [a.text for a in go.Figure(view.charts["country"]).layout.annotations]
    assert texts == ["No participants match these filters"]


def test_no_data_says_why_on_every_chart():
    down = Snapshot(None, None, None, NOW, "database file demo.sqlite is missing")
    view = overview(down, parse_query(""), NOW)
    assert view.kpis == [] and view.status.level == "down"
    for figure in view.charts.values():
        message = go.Figure(figure).layout.annotations[0].text
        assert "database file demo.sqlite is missing" in message
