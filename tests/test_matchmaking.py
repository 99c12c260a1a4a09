"""Every matchmaking figure of the page on tests/mm_event.py, against answers worked out by hand.

Requests of event 7 that the figures keep: 1–6, 8, 9, 11–13, 15, 16 (7 points at a missing
recipient, 14 comes from a participant whose organisation is missing, 10 is cancelled).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace
from pathlib import Path

import dash_ag_grid as dag
import pandas as pd
import plotly.graph_objects as go
import pytest
import sqlalchemy as sa
from dash import html
from openpyxl import load_workbook

from dashboard import matchmaking as mm
from dashboard import matchmaking_export, metrics, rounds_view
from dashboard import matchmaking_view as view
from dashboard import meeting_rounds as rounds
from dashboard import state as st
from dashboard.cache import MemoryCache
from dashboard.event_data import Event, by_day, events_from_frame, load_event, local_dates
from dashboard.filters import Filters
from dashboard.matchmaking_staff import unmatched_people
from dashboard.service import DataService
from data import queries
from data.engine import make_engine, writable_engine
from layouts.matchmaking import people_table
from tests import mm_event

EVERYONE = Filters()
DE_SE = ("country", "DE", "SE")
UTC = dt.UTC


@pytest.fixture
def mm_db(tmp_path: Path) -> str:
    """A SQLite file holding tests/mm_event.py; returns its URL."""
    url = f"sqlite:///{tmp_path / 'mm.sqlite'}"
    engine = writable_engine(url)
    mm_event.load(engine)
    engine.dispose()
    return url


def _load(url: str, event_id: int = 7, pairs: bool = False):
    with make_engine(url).connect() as conn:
        event = next(e for e in events_from_frame(queries.events_frame(conn)) if e.id == event_id)
        cubes = load_event(conn, event)
        extra = mm.load(conn, event, cubes.response_times)
        if pairs:
            extra = mm.with_pairs(extra, mm.load_pairs(conn, event))
        return cubes, extra


@pytest.fixture
def loaded(mm_db):
    """The shared cubes and the matchmaking cubes of event 7."""
    return _load(mm_db)


def test_summary_counts_requests_as_metrics_md_says(loaded):
    cubes, extra = loaded
    s = mm.summary(cubes, extra, EVERYONE, None)
    # 13 kept, not cancelled; 16's status "maybe" is counted as a request in no status.
    assert s["requests"] == 13
    assert (s["accepted"], s["declined"], s["pending"]) == (8, 3, 1)
    assert s["acceptance_rate"] == pytest.approx(8 / 11, abs=1e-4)
    assert s["response_rate"] == pytest.approx(11 / 13, abs=1e-4)
    # Minutes: -60, 30, 60, 60, 120, 120, 180, 240, 360, 1440 (8 has no answer time).
    assert s["median_response_hours"] == 2.0
    assert (s["held"], s["no_shows"]) == (3, 1)
    # Across known countries: all 8 but 6 (PL→PL); sectors known in 7 (not 6), across in 4.
    assert s["cross_border_counts"] == (7, 8)
    assert s["cross_border_share"] == pytest.approx(7 / 8, abs=1e-4)
    assert s["cross_sector_counts"] == (4, 7)


def test_a_pair_narrows_the_requests_to_its_two_sides(mm_db):
    cubes, extra = _load(mm_db, pairs=True)
    # DE → SE: 4 (declined, 30 min), 11 (accepted, 1440 min, held), 15 (accepted, 120 min).
    s = mm.summary(cubes, extra, EVERYONE, DE_SE)
    assert (s["requests"], s["accepted"], s["declined"], s["held"]) == (3, 2, 1, 1)
    assert s["median_response_hours"] == 2.0
    assert s["acceptance_rate"] == pytest.approx(2 / 3, abs=1e-4)


def test_meetings_per_participant(loaded):
    _, extra = loaded
    # Active, opted in: 1 (meetings 1, 5, 8, 15), 2 (1, 2, 8, 13), 3 (2, 5, 11, 13, 15),
    # 4 (none) and 6 (its self-request, counted once). 8 has no organisation: left out.
    people = mm.per_participant(extra, EVERYONE)
    assert people["distribution"].to_dict() == {0: 1, 1: 1, 4: 2, 5: 1}
    assert people["participants"] == 5
    assert people["median"] == 4.0
    assert (people["none"], people["none_share"]) == (1, 0.2)
    assert (people["two_plus"], people["two_plus_share"]) == (3, 0.6)
    germans = mm.per_participant(extra, Filters(country=("DE",)))
    assert (germans["participants"], germans["median"], germans["none"]) == (2, 2.0, 1)


def test_acceptance_by_recipient_most_answered_first(loaded):
    cubes, _ = loaded
    table = mm.acceptance_by(cubes, EVERYONE, None, "country")
    assert table["value"].tolist() == ["SE", "DE", "DK", "PL"]
    assert table["answered"].tolist() == [4, 3, 3, 1]
    assert table["accepted"].tolist() == [2, 2, 3, 1]
    assert table["rate"].round(4).tolist() == [0.5, 0.6667, 1.0, 1.0]
    sectors = mm.acceptance_by(cubes, EVERYONE, None, "sector")
    assert dict(zip(sectors["value"], sectors["answered"], strict=True)) == {
        "Digital": 7,
        "Health": 3,
        "Unknown": 1,
    }


def test_flows_keep_a_meeting_where_either_side_matches(loaded):
    cubes, _ = loaded
    matrix = mm.flows(cubes, EVERYONE, "country")
    assert list(matrix.index) == ["DE", "SE", "DK", "PL"]
    assert matrix.loc["DE", "SE"] == 2 and matrix.loc["SE", "DK"] == 2
    assert matrix.loc["DE", "DK"] == 1 and matrix.loc["DK", "DE"] == 1
    assert int(matrix.to_numpy().sum()) == 8
    denmark = mm.flows(cubes, Filters(country=("DK",)), "country")
    # 1 DE→DK, 2 and 13 SE→DK, 8 DK→DE: Denmark on either side.
    assert int(denmark.to_numpy().sum()) == 4
    assert denmark.loc["DK", "DE"] == 1 and denmark.loc["SE", "DK"] == 2


def test_requests_and_answers_by_local_day(loaded):
    _, extra = loaded
    daily = mm.over_time(extra, EVERYONE, None)
    # 15 was sent at 23:30 UTC on 4 May: 5 May in Berlin; 11 was answered a day later.
    assert [d.isoformat() for d in daily["date"]] == ["2026-05-01", "2026-05-02", "2026-05-05"]
    assert daily["requested"].tolist() == [12, 0, 1]
    assert daily["accepted"].tolist() == [5, 1, 1]
    assert daily["declined"].tolist() == [3, 0, 0]


def test_requests_of_a_pair_by_local_day(mm_db):
    _, extra = _load(mm_db, pairs=True)
    # DE → SE: 4 (sent 1 May, declined that day), 11 (answered 2 May), 15 (sent 5 May).
    daily = mm.over_time(extra, EVERYONE, DE_SE)
    assert [d.isoformat() for d in daily["date"]] == ["2026-05-01", "2026-05-02", "2026-05-05"]
    assert daily["requested"].tolist() == [2, 0, 1]
    assert daily["accepted"].tolist() == [0, 1, 1]
    assert daily["declined"].tolist() == [1, 0, 0]


def test_response_time_bins_leave_out_answers_before_requests(loaded):
    _, extra = loaded
    bins, left_out = mm.response_times(extra, EVERYONE, None)
    assert dict(zip(bins["key"], bins["n"], strict=True)) == {
        "lt1h": 1,
        "1to3h": 4,
        "3to6h": 2,
        "6to12h": 1,
        "12to24h": 0,
        "1to2d": 1,
        "2to7d": 0,
        "gt7d": 0,
    }
    assert left_out == 1


def test_response_time_bins_do_not_depend_on_the_cubes_order(loaded):
    """Bins are runs of rows in the order of minutes the cubes keep; in another order, or
    with an unreadable time among them, the same counts."""
    _, extra = loaded
    expected = mm.response_times(extra, EVERYONE, None)
    responses = extra.responses
    assert metrics.in_order(responses["minutes"].to_numpy(dtype=float))
    shuffled = responses.iloc[::-1].reset_index(drop=True)
    assert not metrics.in_order(shuffled["minutes"].to_numpy(dtype=float))
    unreadable = pd.concat([shuffled.astype({"minutes": float}), shuffled.iloc[:1]])
    unreadable.iloc[-1, unreadable.columns.get_loc("minutes")] = float("nan")
    for other in (shuffled, unreadable.reset_index(drop=True)):
        bins, left_out = mm.response_times(replace(extra, responses=other), EVERYONE, None)
        pd.testing.assert_frame_equal(bins, expected[0])
        assert left_out == expected[1]


def test_data_problems_are_counted_not_crashed_on(loaded):
    cubes, extra = loaded
    assert mm.problems(cubes, extra) == {
        "requester_missing": 0,
        "recipient_missing": 1,
        "self_requests": 1,
        "answered_without_time": 1,
        "unreadable_time": 0,
        "answered_before_asked": 1,
        "accepted_without_slot": 1,
        "slot_without_table": 1,
        "status_unknown": 1,
    }


def test_an_unreadable_time_is_a_problem_not_a_crash(mm_db):
    with writable_engine(mm_db).begin() as conn:
        conn.execute(
            sa.text(
                "INSERT INTO meeting_requests (id, event_id, requester_id, recipient_id, status,"
                " requested_at, responded_at) VALUES (30, 7, 1, 2, 'declined', 'soon', "
                "'2026-05-01 12:00:00')"
            )
        )
    cubes, extra = _load(mm_db)
    assert mm.problems(cubes, extra)["unreadable_time"] == 1
    assert mm.summary(cubes, extra, EVERYONE, None)["median_response_hours"] == 2.0
    assert mm.response_times(extra, EVERYONE, None)[1] == 1  # 12: unreadable is apart


def test_the_grid_shows_today_during_the_event(loaded):
    cubes, extra = loaded
    now = dt.datetime(2026, 5, 5, 8, 40, tzinfo=UTC)  # 10:40 in Berlin
    board = rounds.grid(extra.slots, cubes.event, now)
    assert (board.day, board.live, board.current) == (dt.date(2026, 5, 5), True, 1)
    assert [s.strftime("%H:%M") for s in board.slots] == ["10:00", "10:30", "11:00"]
    assert board.tables == ("Table 1", "Table 2", "Table 3")
    states = {(s.strftime("%H:%M"), t): st for s, t, st in _cells(board)}
    assert states == {
        ("10:00", "Table 1"): "double",  # 1 and 13
        ("10:00", "Table 2"): "no_show",
        ("10:30", "Table 1"): "scheduled",
        ("10:30", "Table 2"): "scheduled",  # the self-request at " Table 2 "
        ("11:00", "Table 2"): "held",
    }
    assert board.without_table == 1  # 8
    assert board.state_counts(1) == {**dict.fromkeys(rounds.STATES, 0), "scheduled": 2, "free": 1}
    line = rounds_view.summary_line(board, now, "en")
    assert line == "Round of 10:30, running now: 2 scheduled · 1 free"


def test_the_grid_is_redrawn_only_when_a_round_begins_or_ends(loaded):
    cubes, extra = loaded
    now = dt.datetime(2026, 5, 5, 8, 40, tzinfo=UTC)
    board = rounds.grid(extra.slots, cubes.event, now)
    # The 10:30 round ends at 11:00 Berlin time, when the 11:00 round begins.
    assert (
        rounds.next_change(board, cubes.event, now)
        == dt.datetime(2026, 5, 5, 9, 0, tzinfo=UTC).timestamp()
    )
    drawn = rounds_view.redraw_key(board, cubes.event, ["data"], now)
    assert rounds_view.still_right(drawn, ["data"], now + dt.timedelta(minutes=19))
    assert not rounds_view.still_right(drawn, ["data"], now + dt.timedelta(minutes=20))
    assert not rounds_view.still_right(drawn, ["new data"], now)


def test_a_grid_of_many_tables_draws_the_first_and_counts_them_all(loaded, monkeypatch):
    cubes, extra = loaded
    now = dt.datetime(2026, 5, 5, 8, 40, tzinfo=UTC)
    board = rounds.grid(extra.slots, cubes.event, now)
    monkeypatch.setattr(rounds_view, "MAX_TABLES", 1)
    view = rounds_view.rounds_view(board, cubes.event, "en", now)
    figure = go.Figure(view.figure)
    assert list(figure.data[0].x) == ["Table 1"]
    assert [row for row in figure.data[0].text] == [["‼"], ["•"], [""]]
    assert "first 1 of 3 tables" in view.note
    assert view.summary == "Round of 10:30, running now: 2 scheduled · 1 free"
    monkeypatch.setattr(rounds_view, "MAX_TABLES", 3)
    full = rounds_view.rounds_view(board, cubes.event, "en", now)
    assert len(go.Figure(full.figure).data[0].x) == 3 and "first" not in full.note


def _cells(board):
    for row in board.cells.itertuples(index=False):
        yield dt.datetime.fromtimestamp(row.slot, board.slots[0].tzinfo), row.table, row.state


def test_a_round_over_without_a_record_says_so(loaded):
    cubes, extra = loaded
    now = dt.datetime(2026, 5, 5, 12, 0, tzinfo=UTC)
    board = rounds.grid(extra.slots, cubes.event, now)
    assert board.live and board.current is None
    assert rounds.focus_round(board, now) == 2
    states = {(s.strftime("%H:%M"), t): st for s, t, st in _cells(board)}
    assert states[("10:30", "Table 1")] == "unrecorded"


def test_outside_the_event_the_grid_shows_the_last_day_with_meetings(loaded):
    cubes, extra = loaded
    after = rounds.grid(extra.slots, cubes.event, dt.datetime(2026, 7, 1, tzinfo=UTC))
    assert (after.day, after.live) == (dt.date(2026, 5, 6), False)
    assert [(t, st) for _, t, st in _cells(after)] == [("Table 3", "unrecorded")]
    before = rounds.grid(extra.slots, cubes.event, dt.datetime(2026, 4, 1, tzinfo=UTC))
    assert (before.day, before.live) == (dt.date(2026, 5, 5), False)
    assert "double" in set(before.cells["state"]) and "unrecorded" not in set(before.cells["state"])


def test_staff_hover_names_both_sides_of_each_meeting(mm_db, loaded):
    cubes, extra = loaded
    service = DataService(make_engine(mm_db), MemoryCache())
    now = dt.datetime(2026, 5, 5, 8, 40, tzinfo=UTC)
    board = rounds.grid(extra.slots, cubes.event, now)
    names = rounds_view.staff_names(service, service.version(), extra, cubes.event, board)
    ten = int(dt.datetime(2026, 5, 5, 8, 0, tzinfo=UTC).timestamp())
    assert sorted(names[(ten, "Table 1")]) == [
        "First1 Last1 (Org DE) ↔ First2 Last2 (Org DK)",
        "First3 Last3 (Org SE) ↔ First2 Last2 (Org DK)",
    ]
    figure = go.Figure(rounds_view.rounds_view(board, cubes.event, "en", now, names).figure)
    assert "First1 Last1" in str(figure.data[0].hovertext)
    anonymous = go.Figure(rounds_view.rounds_view(board, cubes.event, "en", now).figure)
    assert "First1" not in str(anonymous.to_json())


def test_staff_names_are_kept_for_the_drawn_tables_only(mm_db, loaded, monkeypatch):
    cubes, extra = loaded
    service = DataService(make_engine(mm_db), MemoryCache())
    board = rounds.grid(extra.slots, cubes.event, dt.datetime(2026, 5, 5, 8, 40, tzinfo=UTC))
    everyone = rounds_view.staff_names(service, service.version(), extra, cubes.event, board)
    assert {table for _, table in everyone} == {"Table 1", "Table 2"}
    monkeypatch.setattr(rounds_view, "MAX_TABLES", 1)
    first = rounds_view.staff_names(service, service.version(), extra, cubes.event, board)
    assert first == {cell: names for cell, names in everyone.items() if cell[1] == "Table 1"}


def test_a_tables_meetings_are_found_under_each_location_stored_for_it(loaded):
    _cubes, extra = loaded
    assert mm.table_locations(extra.slots, {"Table 2"}) == [" Table 2 ", "Table 2"]
    assert mm.table_locations(extra.slots, {"Table 3", "Table 9"}) == ["Table 3"]
    assert mm.table_locations(extra.slots, set()) == []


def test_request_times_are_kept_by_local_day_with_the_same_daily_figures(loaded):
    cubes, _extra = loaded
    berlin = dt.datetime(2026, 5, 4, 22, 30, tzinfo=UTC)  # 00:30 in Berlin on the 5th
    buckets = [berlin - dt.timedelta(hours=1), berlin, berlin + dt.timedelta(hours=3)]
    epochs = [int(b.timestamp()) for b in buckets]
    times = pd.DataFrame(
        {
            "rec_country": pd.Categorical(["DE", "DE", "DE", "DK", "DE"]),
            "status": pd.Categorical(["pending"] * 5),
            "kind": pd.Categorical(["requested"] * 5),
            "bucket": [*epochs, epochs[1], float("nan")],
            "n": [1, 2, 4, 8, 16],
        }
    )
    event = replace(cubes.event, timezone="Europe/Berlin")
    daily = by_day(times, event.zone)
    assert sorted(daily["n"]) == [1, 6, 8, 16]  # 4th; 5th: 2 + 4; DK's; no time
    assert set(daily["bucket"].dropna()) == {epochs[0], epochs[1]}
    assert list(daily["date"].cat.categories) == [dt.date(2026, 5, 4), dt.date(2026, 5, 5)]
    per_day = daily.groupby("date", observed=True)["n"].sum()
    readable = times.dropna(subset=["bucket"])
    dates = local_dates(readable["bucket"], event.zone).to_numpy()
    expected = readable.groupby(dates)["n"].sum()
    assert dict(per_day) == dict(expected) == {dt.date(2026, 5, 4): 1, dt.date(2026, 5, 5): 14}
    assert daily["date"].isna().tolist() == daily["bucket"].isna().tolist()


def test_staff_list_of_opted_in_participants_without_a_meeting(mm_db):
    service = DataService(make_engine(mm_db), MemoryCache())
    snapshot = service.snapshot(7)
    total, rows = unmatched_people(service, snapshot.version, snapshot.cubes.event, EVERYONE)
    assert (total, rows["name"].tolist()) == (1, ["First4 Last4"])
    total, rows = unmatched_people(
        service, snapshot.version, snapshot.cubes.event, Filters(("DK",))
    )
    assert total == 0 and rows.empty


class _Holding:
    """A data service that holds one read list."""

    def __init__(self, rows: pd.DataFrame) -> None:
        self.rows = rows

    def cached(self, _name, _version, _compute):
        return self.rows


@pytest.mark.parametrize(
    "filters",
    [
        Filters(),
        Filters(("DK",)),
        Filters(("DK", "SE")),
        Filters(sector=("Digital",)),
        Filters(("LV",)),
    ],
)
def test_the_staff_list_counts_every_kept_row_and_copies_only_the_first(filters):
    countries = ["DK", "SE", "DE", "DK", "FI", "DK", "SE", "DK", "DK"]
    read = pd.DataFrame(
        {
            "name": [f"P{i}" for i in range(len(countries))],
            "organisation": "Org",
            "country": pd.Categorical(countries),
            "sector": pd.Categorical(["Digital", "Energy"] * 4 + ["Digital"]),
            "org_type": pd.Categorical(["sme"] * len(countries)),
        }
    )
    event = Event(7, "E", dt.date(2026, 5, 5), dt.date(2026, 5, 6), "Kiel", "Europe/Berlin")
    total, first = unmatched_people(_Holding(read), "v", event, filters, limit=3)
    kept = read[read["country"].isin(filters.country or countries)]
    kept = kept[kept["sector"].isin(filters.sector or ["Digital", "Energy"])]
    assert total == len(kept)
    assert first.to_dict("records") == kept.head(3).to_dict("records")


def test_the_staff_list_is_one_grid_of_text_rows_cut_at_its_limit():
    hostile = ["=HYPERLINK(1)", "<img src=x onerror=alert(1)>", "Ærø Østergård"]
    rows = pd.DataFrame(
        {
            "name": hostile,
            "organisation": ["Org", None, "Øresund"],
            "country": ["DK", "SE", "DK"],
            "sector": ["Digital", "Unknown", "Digital"],
            "org_type": ["sme", "research", "sme"],
        }
    )
    parts = people_table(len(rows), rows, "de", 2)
    grid = next(p for p in parts if isinstance(p, dag.AgGrid))
    assert [r["name"] for r in grid.rowData] == hostile[:2]  # as text, never markup
    assert grid.rowData[0]["country"] == "Dänemark" and grid.rowData[1]["organisation"] == ""
    assert not any(c.get("cellRenderer") for c in grid.columnDefs)
    notes = " ".join(str(p.children) for p in parts if isinstance(p, html.P))
    assert "3" in notes and "2" in notes  # three without a meeting, the first two shown


def _kpis(view_model) -> dict[str, str]:
    return {k.key: k.value for k in view_model.request_kpis + view_model.meeting_kpis}


def test_officials_read_small_counts_of_a_pair_as_less_than_three(mm_db):
    service = DataService(make_engine(mm_db), MemoryCache())
    snapshot = service.snapshot(7)
    extra = view.extra_cubes(service, snapshot, DE_SE)
    state = st.ViewState(event=7, pair=DE_SE)
    official = _kpis(view.matchmaking_view(snapshot, extra, state, "official"))
    assert official["mm-requests"] == "3"
    assert official["mm-accepted"] == "< 3" and official["mm-declined"] == "< 3"
    assert official["mm-acceptance"] == "–"  # 2 of 3 would tell both hidden counts
    staff = _kpis(view.matchmaking_view(snapshot, extra, state, "staff"))
    assert (staff["mm-accepted"], staff["mm-acceptance"]) == ("2", "67%")
    everyone = _kpis(view.matchmaking_view(snapshot, extra, st.ViewState(event=7), "official"))
    assert (everyone["mm-accepted"], everyone["mm-acceptance"]) == ("8", "73%")
    assert (everyone["mm-no-meeting"], everyone["mm-per-participant"]) == ("1", "4")


def test_officials_see_no_small_cell_of_the_flow_matrix(mm_db):
    service = DataService(make_engine(mm_db), MemoryCache())
    snapshot = service.snapshot(7)
    extra = view.extra_cubes(service, snapshot)
    state = st.ViewState(event=7)
    official = go.Figure(
        view.matchmaking_view(snapshot, extra, state, "official").charts["flows_country"]
    )
    texts = [cell for row in official.data[0].text for cell in row if cell]
    assert set(texts) == {"< 3"}  # every non-empty cell holds 1 or 2 meetings
    assert 2 not in {z for row in official.data[0].z for z in row}
    staff = go.Figure(
        view.matchmaking_view(snapshot, extra, state, "staff").charts["flows_country"]
    )
    assert staff.data[0].text[0][1] == "2"  # DE → SE
    assert (list(staff.data[0].y), list(staff.layout.yaxis.ticktext)) == (
        ["DE", "SE", "DK", "PL"],
        ["Germany", "Sweden", "Denmark", "Poland"],
    )


def test_an_event_without_matchmaking_says_so(mm_db):
    service = DataService(make_engine(mm_db), MemoryCache())
    snapshot = service.snapshot(8)
    result = view.matchmaking_view(
        snapshot, view.extra_cubes(service, snapshot), st.ViewState(event=8), "staff"
    )
    assert (
        result.notice
        == "This event has no matchmaking: nobody opted in and no meeting was requested."
    )
    assert result.request_kpis == []
    assert (
        rounds.grid(
            view.extra_cubes(service, snapshot).slots, snapshot.cubes.event, dt.datetime.now(UTC)
        )
        is None
    )


def test_pair_in_the_link_round_trips_and_toggles():
    state = st.parse_query("?event=7&pair=sector:Mobility%2C+Transport+%26+Automotive:Digital")
    assert state.pair == ("sector", "Mobility, Transport & Automotive", "Digital")
    assert st.parse_query(state.to_query()).pair == state.pair
    chosen = st.after_pair_click(st.ViewState(event=7), "country", ["de", "SE"])
    assert chosen.pair == DE_SE and "pair=country%3ADE%3ASE" in chosen.to_query()
    assert st.after_pair_click(chosen, "country", ["DE", "SE"]).pair is None
    assert st.parse_query("?pair=country:XX:DE").ignored == ("pair=country:XX:DE",)
    assert st.cleared(chosen).pair is None


def test_weighted_median_of_an_empty_distribution_is_undefined():
    empty = pd.DataFrame({"meetings": [], "n": []})
    extra = mm.MatchmakingCubes(empty.assign(status=[], opt_in=[]), *([pd.DataFrame()] * 3), {})
    assert mm.per_participant(extra, EVERYONE)["median"] is None


def _sheets(content: bytes) -> dict[str, list[tuple]]:
    book = load_workbook(io.BytesIO(content), read_only=True)
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}


def test_the_download_holds_what_the_page_shows(mm_db):
    service = DataService(make_engine(mm_db), MemoryCache())
    snapshot = service.snapshot(7)
    extra = view.extra_cubes(service, snapshot, DE_SE)
    now = dt.datetime(2026, 5, 5, 9, 0, tzinfo=UTC)
    content, name = matchmaking_export.workbook(
        snapshot, extra, st.ViewState(event=7, pair=DE_SE), "official", now
    )
    assert name == "matchmaking_edge-event_20260505-1100.xlsx"
    sheets = _sheets(content)
    assert sheets["Acceptance by country"][1:] == [("SE", "Sweden", 3, "< 3", "< 3", "–")]
    assert ("DE", "Germany", "SE", "Sweden", "< 3") in sheets["Meetings by country"]
    summary = {row[0]: row[1] for row in sheets["Summary"][1:]}
    assert summary["Meeting requests"] == "3" and summary["Accepted"] == "< 3"
    staff, _ = matchmaking_export.workbook(snapshot, extra, st.ViewState(event=7), "staff", now)
    rows = _sheets(staff)["Acceptance by country"][1:]
    assert rows[0] == ("SE", "Sweden", 4, 2, 2, 0.5)
    assert "Small counts" not in {row[0] for row in _sheets(staff)["About these figures"]}


def test_staff_names_skip_a_meeting_whose_slot_time_cannot_be_read():
    people = pd.DataFrame(
        {
            "slot": [3600.0, float("nan")],
            "location": [" Table 1 ", "Table 2"],
            "requester": ["Anna Berg", "Jon Dahl"],
            "requester_org": ["Org SE", None],
            "recipient": ["Åsa Lind", "Kai Ek"],
            "recipient_org": ["", "Org FI"],
        }
    )
    expected = {(3600, "Table 1"): ["Anna Berg (Org SE) ↔ Åsa Lind"]}
    assert rounds_view.names_by_cell(people) == expected
