"""The plain-dict figures: the builder behaves as go.Figure, and every page's figures validate.

The builders never validate at run time (that is what makes a click fast), so this is
where a misspelt property or a wrong underscore path fails: every figure of every page,
in both languages, for staff and officials, full and empty, goes through go.Figure.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter

import plotly.graph_objects as go
import pytest
from plotly.io.json import to_json_plotly

from dashboard import matchmaking_view as mmv
from dashboard import meeting_rounds as rounds
from dashboard import rounds_view
from dashboard import workshops_view as wsv
from dashboard.cache import MemoryCache
from dashboard.filters import Filters
from dashboard.overview import overview
from dashboard.participants import build
from dashboard.plot import TEMPLATE, Plot, figure, merge, nested, trace
from dashboard.service import DataService, Snapshot
from dashboard.state import parse_query
from data.engine import make_engine

NOW = dt.datetime(2026, 9, 17, 12, 0, tzinfo=dt.UTC)  # day 1 of the small event
IN_ROUND = dt.datetime(2026, 9, 17, 8, 10, tzinfo=dt.UTC)  # the first round is running
LANGS = ("en", "de")
ROLES = ("staff", "official")


def test_underscores_nest_except_in_property_names_that_hold_one():
    assert nested({"marker_color": "red", "title_font_size": 9, "paper_bgcolor": "w"}) == {
        "marker": {"color": "red"},
        "title": {"font": {"size": 9}},
        "paper_bgcolor": "w",
    }
    assert nested({"error_y": {"type": "data"}, "plot_bgcolor": "w"}) == {
        "error_y": {"type": "data"},
        "plot_bgcolor": "w",
    }
    assert trace("bar", x=[1], marker_line_width=2) == {
        "type": "bar",
        "x": [1],
        "marker": {"line": {"width": 2}},
    }


def test_merge_is_deep_replaces_the_rest_and_copies_what_it_takes():
    source = {"font": {"size": 12}}
    target = merge({"font": {"family": "A", "size": 10}, "x": [1, 2]}, {"x": [3], **source})
    assert target == {"font": {"family": "A", "size": 12}, "x": [3]}
    assert merge({"a": 1, "b": {"c": 1}}, {"a": {"b": 2}, "b": 3}) == {"a": {"b": 2}, "b": 3}
    added = merge({}, source)
    added["font"]["size"] = 99
    assert source == {"font": {"size": 12}}


def test_a_title_string_becomes_its_text_at_any_level():
    fig = Plot(layout={"yaxis": {"title": "Y"}}).update_layout(title="T", xaxis_title="X")
    assert fig.layout == {
        "yaxis": {"title": {"text": "Y"}},
        "title": {"text": "T"},
        "xaxis": {"title": {"text": "X"}},
    }
    fig.update_layout(title_font_size=20)
    assert fig.layout["title"] == {"text": "T", "font": {"size": 20}}


def test_axis_updates_reach_every_axis_of_the_letter_and_create_the_first():
    fig = Plot(layout={"xaxis": {"type": "log"}, "xaxis2": {"anchor": "y2"}, "yaxis": {}})
    fig.update_xaxes(showgrid=False, title_text="t")
    assert fig.layout["xaxis"] == {"type": "log", "showgrid": False, "title": {"text": "t"}}
    assert fig.layout["xaxis2"] == {"anchor": "y2", "showgrid": False, "title": {"text": "t"}}
    assert fig.layout["yaxis"] == {}
    assert Plot().update_yaxes(visible=False).layout == {"yaxis": {"visible": False}}


def test_traces_shapes_and_annotations_add_up():
    fig = Plot(trace("bar", x=[1])).add_scatter(y=[2], line_color="red")
    fig.add_shape(type="rect", line_width=3).add_annotation(text="a").add_annotation(text="b")
    fig.update_traces(marker_opacity=0.5)
    assert [t["type"] for t in fig.data] == ["bar", "scatter"]
    assert fig.data[1] == {
        "type": "scatter",
        "y": [2],
        "line": {"color": "red"},
        "marker": {"opacity": 0.5},
    }
    assert fig.layout["shapes"] == [{"type": "rect", "line": {"width": 3}}]
    assert [a["text"] for a in fig.layout["annotations"]] == ["a", "b"]


def test_the_dict_is_the_figure_go_figure_would_make():
    """Same calls, same figure: plotly's own methods against the builder's."""
    calls = [
        ("update_layout", {"title_text": "T", "paper_bgcolor": "white", "bargap": 0.2}),
        ("update_xaxes", {"title_text": "x", "range": [0, 3]}),
        ("update_yaxes", {"autorange": "reversed", "ticksuffix": " "}),
        ("add_annotation", {"text": "n", "x": 0, "y": 1, "xref": "paper", "showarrow": False}),
        ("add_shape", {"type": "rect", "x0": 0, "x1": 1, "y0": 0, "y1": 1, "line_width": 2}),
        ("update_layout", {"title": "U", "legend_orientation": "h"}),
    ]
    ours = Plot(trace("bar", x=[1, 2], y=["a", "b"], orientation="h", marker_color="red"))
    theirs = go.Figure(go.Bar(x=[1, 2], y=["a", "b"], orientation="h", marker_color="red"))
    ours.add_scatter(x=[1], y=["a"], mode="markers", marker_symbol="square")
    theirs.add_scatter(x=[1], y=["a"], mode="markers", marker_symbol="square")
    for method, properties in calls:
        getattr(ours, method)(**properties)
        getattr(theirs, method)(**properties)
    expected = theirs.to_dict()
    # The same template, with the defaults of the figure's trace types only (bar, scatter).
    defaults = expected["layout"]["template"]["data"]
    expected["layout"]["template"]["data"] = {k: defaults[k] for k in ("bar", "scatter")}
    assert go.Figure(ours.figure()).to_dict() == expected
    full = go.Figure().to_dict()["layout"]["template"]
    assert figure([], {})["layout"]["template"] == {"layout": full["layout"], "data": {}}


def test_a_figure_sends_the_trace_defaults_of_its_own_types_only():
    bars = figure([trace("bar", x=[1], y=["a"])], {})["layout"]["template"]
    assert set(bars["data"]) == {"bar"}
    assert len(json.dumps(bars)) < len(json.dumps(TEMPLATE)) * 0.5
    untyped = figure([{"x": [1], "y": [2]}], {})["layout"]["template"]
    assert set(untyped["data"]) == {"scatter"}  # plotly.js draws a trace without a type so


# Every page's figures, from the small event -------------------------------------------


@pytest.fixture
def service(small_db):
    return DataService(make_engine(small_db), MemoryCache())


def _overview(service) -> dict[str, dict]:
    down = Snapshot(None, None, None, NOW, "database file demo.sqlite is missing")
    found = {
        f"overview down {k}": f for k, f in overview(down, parse_query(""), NOW).charts.items()
    }
    for lang in LANGS:
        for query in ("?event=2", "?event=2&country=DK&country=SE", "?event=2&country=NO"):
            view = overview(service.snapshot(2), parse_query(f"{query}&lang={lang}"), NOW)
            found |= {f"overview {query} {lang} {k}": f for k, f in view.charts.items()}
    return found


PARTICIPANT_QUERIES = (
    "?event=2",
    "?event=2&compare=1",
    "?event=2&country=DK",
    "?event=2&country=NO",
    "?event=2&drill=DK&drill=Agri-food&drill=cluster_organisation",
    "?event=1&compare=2",
)


def _participants(service) -> dict[str, dict]:
    found = {}
    for lang in LANGS:
        for role in ROLES:
            for query in PARTICIPANT_QUERIES:
                state = parse_query(f"{query}&lang={lang}")
                assert not state.ignored, query
                view = build(service, state, role)
                found |= {
                    f"participants {query} {lang} {role} {k}": f for k, f in view.figures.items()
                }
    return found


def _matchmaking(service) -> dict[str, dict]:
    found = {}
    for lang in LANGS:
        for role in ROLES:
            for query in (
                "?event=2",
                "?event=2&pair=country:DE:DK",
                "?event=2&country=NO",
                "?event=1",
            ):
                state = parse_query(f"{query}&lang={lang}")
                assert not state.ignored, query
                snapshot = service.snapshot(state.event)
                extra = mmv.extra_cubes(service, snapshot, state.pair)
                view = mmv.matchmaking_view(snapshot, extra, state, role)
                found |= {
                    f"matchmaking {query} {lang} {role} {k}": f for k, f in view.charts.items()
                }
    return found


def _rounds(service) -> dict[str, dict]:
    snapshot = service.snapshot(2)
    event, extra = snapshot.cubes.event, mmv.extra_cubes(service, snapshot)
    found = {}
    for lang in LANGS:
        found[f"rounds none {lang}"] = rounds_view.rounds_view(None, None, lang, NOW).figure
        for now in (NOW, IN_ROUND):
            board = rounds.grid(extra.slots, event, now)
            names = rounds_view.staff_names(service, snapshot.version, extra, event, board)
            for who, given in (("staff", names), ("official", None)):
                view = rounds_view.rounds_view(board, event, lang, now, given)
                found[f"rounds {now:%H:%M} {lang} {who}"] = view.figure
    return found


def _workshops(service) -> dict[str, dict]:
    snapshot, found = service.snapshot(2), {}
    for lang in LANGS:
        found |= {f"bookers hint {lang} {k}": f for k, f in wsv.bookers_placeholder(lang).items()}
        for role in ROLES:
            for filters in (Filters(), Filters(country=("DE",)), Filters(country=("NO",))):
                for grouping in ("none", "day", "room"):
                    view = wsv.workshops_view(snapshot, service, lang, filters, grouping, role, NOW)
                    found[f"workshops {filters} {grouping} {lang} {role}"] = view.fill
                for workshop in (1, 2, 3):
                    charts = wsv.bookers_figures(snapshot.cubes, filters, workshop, lang, role)
                    found |= {
                        f"bookers {workshop} {filters} {lang} {role} {k}": f
                        for k, f in charts.items()
                    }
    down = Snapshot(None, None, None, NOW, "gone")
    found["workshops down"] = wsv.workshops_view(
        down, service, "en", Filters(), "none", None, NOW
    ).fill
    return found


PAGES = {
    "overview": _overview,
    "participants": _participants,
    "matchmaking": _matchmaking,
    "rounds": _rounds,
    "workshops": _workshops,
}


def test_every_page_figure_is_a_valid_plotly_figure(service):
    kinds, found, drawn = set(), Counter(), Counter()
    for page, collect in PAGES.items():
        for name, fig in collect(service).items():
            # The template is the shared one, validated once above, with the defaults of the
            # figure's own trace types only (the look is the same; the response smaller).
            template = fig["layout"]["template"]
            assert isinstance(fig, dict) and template["layout"] is TEMPLATE["layout"], name
            types = {t.get("type", "scatter") for t in fig["data"]}
            assert set(template["data"]) == types & set(TEMPLATE["data"]), name
            layout = {k: v for k, v in fig["layout"].items() if k != "template"}
            go.Figure({"data": fig["data"], "layout": layout})  # a misspelt property raises
            to_json_plotly(fig["data"])  # what Dash sends must serialise
            assert fig["data"] or layout["annotations"], name  # drawn, or says why not
            kinds |= {t["type"] for t in fig["data"]}
            found[page] += 1
            drawn[page] += bool(fig["data"])
    assert found.total() >= 500 and drawn.total() >= 300, (found, drawn)
    assert min(drawn[page] for page in PAGES) >= 8, drawn
    assert kinds == {"bar", "scatter", "heatmap", "funnel", "choropleth"}


def test_times_are_written_as_plotly_would_write_them():
    """A column of times goes out as the text plotly's encoder writes, without the encoder
    meeting each value (tz-aware, naive and missing times, and as an index)."""
    import pandas as pd

    from dashboard import plot

    aware = pd.Series(pd.to_datetime(["2026-05-01 08:00", None], utc=True)).dt.tz_convert(
        "Europe/Berlin"
    )
    naive = pd.Series(pd.to_datetime(["2026-05-01", "2026-05-02"]))
    for times in (aware, naive, pd.DatetimeIndex(naive)):
        sent = plot.trace("scatter", x=times, y=[1, 2])
        assert all(isinstance(v, str) or v is None for v in sent["x"])
        expected = to_json_plotly({"type": "scatter", "x": times, "y": [1, 2]})
        assert to_json_plotly(sent) == expected
