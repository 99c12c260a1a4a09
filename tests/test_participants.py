"""The participants page on the small event, against answers worked out by hand.

Active participants of event 2 (see tests/test_metrics.py): 1 DE Digital cluster,
2 SE Digital cluster, 3 DK Agri-food cluster, 4 Unknown country / Other sector / SME,
9 FI Digital cluster, 11 DK Agri-food cluster. Event 1 has one: 10 DE Digital cluster.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
from dataclasses import replace

import plotly.graph_objects as go
import pytest
from openpyxl import load_workbook

from dashboard import definitions, i18n, participants_export, timeseries
from dashboard import participants_tables as pt
from dashboard import state as st
from dashboard.cache import make_cache
from dashboard.event_data import events_from_frame, load_event
from dashboard.filters import Filters
from dashboard.participants import build
from dashboard.service import DataService
from data import queries
from data.engine import make_engine

DK = Filters(country=("DK",))


@pytest.fixture
def editions(small_db):
    """Both events' read cubes: (current, previous)."""
    with make_engine(small_db).connect() as conn:
        events = {e.id: e for e in events_from_frame(queries.events_frame(conn))}
        return load_event(conn, events[2]), load_event(conn, events[1])


@pytest.fixture
def service(small_db):
    return DataService(make_engine(small_db), make_cache(None))


def rows(frame, *columns):
    return [tuple(row) for row in frame[list(columns)].itertuples(index=False)]


def test_breakdown_by_country_is_exact_for_everyone(editions):
    current, _ = editions
    frame = pt.breakdown(pt.Scope(current, Filters(), role="official"), "country")
    assert rows(frame, "value", "n_text") == [
        ("DK", "2"),
        ("DE", "1"),
        ("FI", "1"),
        ("SE", "1"),
        ("Unknown", "1"),
    ]


def test_a_filter_turns_a_breakdown_into_a_cross_tab_for_officials(editions):
    current, _ = editions
    official = pt.breakdown(pt.Scope(current, DK, role="official"), "sector")
    staff = pt.breakdown(pt.Scope(current, DK, role="staff"), "sector")
    assert rows(official, "value", "n_text") == [("Agri-food", "< 3")]
    assert rows(staff, "value", "n_text") == [("Agri-food", "2")]


def test_cross_tab_country_by_sector(editions):
    current, _ = editions
    official = pt.cross_tab(pt.Scope(current, Filters(), role="official"))
    staff = pt.cross_tab(pt.Scope(current, Filters(), role="staff"))
    cells = {(c, s): t for c, s, t in rows(staff, "country", "sector", "n_text")}
    assert cells == {
        ("DE", "Digital"): "1",
        ("DK", "Agri-food"): "2",
        ("FI", "Digital"): "1",
        ("SE", "Digital"): "1",
        ("Unknown", "Other"): "1",
    }
    assert set(official["n_text"]) == {"< 3"}


def test_comparison_puts_both_editions_side_by_side(editions):
    current, previous = editions
    frame = pt.breakdown(pt.Scope(current, Filters(), compare=previous), "country")
    assert rows(frame, "value", "n", "n_compare") == [
        ("DK", 2, 0),
        ("DE", 1, 1),
        ("FI", 1, 0),
        ("SE", 1, 0),
        ("Unknown", 1, 0),
    ]


def test_triple_helix_groups_and_order(editions):
    current, _ = editions
    frame = pt.helix(pt.Scope(current, Filters()))
    assert rows(frame, "helix", "value", "n") == [
        ("business", "sme", 1),
        ("clusters", "cluster_organisation", 5),
    ]
    assert pt.helix_types("business") == ("sme", "large_company")


def test_host_country_is_the_zones_else_the_largest(editions):
    current, _ = editions
    assert pt.host_country(current) == "DE"  # Europe/Berlin
    in_utc = replace(current, event=replace(current.event, timezone="UTC"))
    assert pt.host_country(in_utc) == "DK"  # 2 active, more than any other country
    # Known countries: DK 2, DE 1, FI 1, SE 1; outside Germany: 4 of 5.
    assert pt.outside_host(current, Filters(), "DE") == (4, 5)


def test_drill_levels_end_with_organisations(editions):
    current, _ = editions
    state = st.parse_query("?drill=DK&drill=Agri-food&drill=cluster_organisation")
    scope = pt.Scope(
        current, state.scoped_filters(), role="staff", drill=state.drill, names={2: "Food Valley"}
    )
    assert rows(pt.drill(scope), "label", "n_text") == [("Food Valley", "2")]
    assert pt.crumbs(state.drill, "de") == [
        "Alle Länder",
        "Dänemark",
        "Agrar- und Lebensmittelwirtschaft",
        "Clusterorganisation",
    ]
    sectors = pt.Scope(current, st.parse_query("?drill=DK").scoped_filters(), drill=("DK",))
    assert rows(pt.drill(sectors), "value", "n") == [("Agri-food", 2)]


def test_legend_click_names_the_helix_group():
    figure = {"data": [{"legendgroup": "business"}, {"legendgroup": "clusters"}]}
    assert pt.legend_group([{"visible": ["legendonly"]}, [1]], figure) == "clusters"
    assert pt.legend_group([{"visible": [True, "legendonly"]}, [0, 1]], figure) is None
    assert pt.legend_group([{"marker.color": "red"}, [0]], figure) is None
    assert pt.legend_group(None, figure) is None


def kpi_values(view):
    return {kpi.key: kpi.value for kpi in view.kpis}


def test_kpis_follow_the_role(service):
    state = st.parse_query("?event=2&country=DK&sector=Agri-food")
    assert kpi_values(build(service, state, "official"))["active"] == "< 3"
    assert kpi_values(build(service, state, "staff"))["active"] == "2"
    everyone = kpi_values(build(service, st.parse_query("?event=2"), "official"))
    assert everyone == {
        "active": "6",
        "confirmed": "3",
        "checked_in": "2",
        "countries": "4",
        "organisations": "3",  # organisations 1, 2 and 3
        "outside": "80%",
    }


def test_kpis_show_the_change_against_the_compared_event(service):
    view = build(service, st.parse_query("?event=2&compare=1"), "official")
    deltas = {kpi.key: kpi.delta for kpi in view.kpis}
    assert deltas["active"] == "+5 (500%) vs 1"
    assert deltas["countries"] == "+3 (300%) vs 1"
    # Event 1 (Europe/Berlin too): its one participant is from Germany, 0 % from abroad.
    assert deltas["outside"] == "+80 pp vs 0%"


def test_filters_matching_nothing_give_empty_states_and_zero(service):
    view = build(service, st.parse_query("?event=2&country=NO"), "official")
    assert kpi_values(view)["active"] == "0"
    assert kpi_values(view)["outside"] == "–"
    empty = i18n.t("empty.participants", "en")
    for name in ("country", "sector", "helix", "heatmap", "drill"):
        texts = [a.text for a in go.Figure(view.figures[name]).layout.annotations]
        assert texts == [empty], name


def test_heatmap_cells_for_officials_do_not_tell_one_from_two(service):
    view = build(service, st.parse_query("?event=2"), "official")
    trace = go.Figure(view.figures["heatmap"]).data[0]
    assert {t for row in trace.text for t in row if t} == {"< 3"}
    assert {z for row in trace.z for z in row if z is not None} == {1.5}


def test_heatmap_of_one_or_two_countries_has_no_colour_bar(service):
    # A bar one row high crowds its labels together; each cell writes its count anyway.
    for query, shown in (("?event=2&country=DK", False), ("?event=2", True)):
        trace = go.Figure(build(service, st.parse_query(query), "staff").figures["heatmap"]).data[0]
        assert (len(trace.y) > 2) is shown, query
        assert trace.showscale is shown, query


def test_workbook_holds_the_aggregates_filters_and_definitions(service):
    state = st.parse_query("?event=2&country=DK&compare=1")
    view = build(service, state, "official")
    now = dt.datetime(2026, 9, 20, 10, 0, tzinfo=dt.UTC)
    book = load_workbook(io.BytesIO(participants_export.workbook(view, state, now)))
    assert book.sheetnames[:3] == ["About these figures", "Summary", "By country"]
    about = {row[0]: row[1] for row in book["About these figures"].iter_rows(values_only=True)}
    assert about["Event"] == "Baltic Clusters 2026 (17 Sep 2026)"
    assert about["Compare with"] == "Baltic Clusters 2025 (18 Sep 2025)"
    assert about["Country"] == "Denmark"
    assert about["Sector"] == "All"
    assert about["File created"] == "2026-09-20 12:00:00 CEST"
    assert "Small counts" in about
    by_country = list(book["By country"].iter_rows(values_only=True))
    assert by_country == [
        ("Code", "Country", "Baltic Clusters 2026", "Baltic Clusters 2025"),
        ("DK", "Denmark", 2, 0),
    ]
    sectors = list(book["By sector"].iter_rows(values_only=True))
    assert sectors[1] == ("Agri-food", "Agri-food", "< 3", 0)
    names = [row[0] for row in book["Definitions"].iter_rows(values_only=True)]
    assert definitions.name("participants.outside_host") in names


def test_definitions_cover_every_page_in_both_languages():
    for key in definitions.DEFINITIONS:
        assert definitions.text(key, "en") and definitions.text(key, "de"), key
        assert definitions.text(key, "en") != definitions.text(key, "de"), key
    for prefix, count in (("participants.", 19), ("matchmaking.", 14), ("workshops.", 5)):
        assert len(definitions.keys(prefix)) >= count, prefix


def test_the_previous_editions_curve_reads_its_registrations_alone(service, editions, caplog):
    caplog.set_level(logging.INFO, logger="dashboard.service")
    view = build(service, st.ViewState(event=2), "staff")
    computed = [r.getMessage().split(" in ")[0] for r in caplog.records]
    assert "computed registrations:1" in computed and "computed event:1" not in computed
    current, previous = editions
    daily = timeseries.registrations_by_day(current, Filters())
    before = timeseries.registrations_by_day(previous, Filters())
    expected = before.loc[before["days_before"] >= daily["days_before"].min(), "cumulative"]
    figure = go.Figure(view.figures["registrations"])
    curve = next(trace for trace in figure.data if trace.name == previous.event.name)
    assert list(curve.y) == expected.tolist() and len(expected) > 0


def test_an_editions_registrations_come_from_its_cubes_when_they_are_there(service, caplog):
    caplog.set_level(logging.INFO, logger="dashboard.service")
    cubes = service.event_cubes(1)
    found = service.event_registrations(1)
    assert found.registrations is cubes.registrations and found.event == cubes.event
    assert not any("registrations:1" in r.getMessage() for r in caplog.records)
    assert service.event_registrations(999) is None  # no such event
