"""Every workshop figure of the page on tests/mm_event.py, against answers worked out by hand.

Bookings that count: those with status booked of active participants. Booking 7 points at
a missing participant, 8 is of a waitlisted participant, 16 has the status "maybe".
"""

from __future__ import annotations

import datetime as dt
import io

import plotly.graph_objects as go
import pytest
from openpyxl import load_workbook

from dashboard import state as st
from dashboard import workshops as ws
from dashboard import workshops_export
from dashboard import workshops_view as view
from dashboard.cache import MemoryCache
from dashboard.filters import Filters
from dashboard.service import DataService
from dashboard.workshops_staff import booked_by
from data.engine import make_engine
from tests.test_matchmaking import mm_db  # noqa: F401  (the fixture)

EVERYONE = Filters()
DURING = dt.datetime(2026, 5, 5, 13, 0, tzinfo=dt.UTC)  # workshops 1 and 3 have begun


@pytest.fixture
def service(mm_db):  # noqa: F811
    """A data service on the edge-case event."""
    return DataService(make_engine(mm_db), MemoryCache())


@pytest.fixture
def cubes(service):
    """The shared cubes of event 7."""
    return service.snapshot(7).cubes


def _by_title(rows):
    return {w.figures.title: w for w in rows}


def test_fill_levels_follow_the_stated_thresholds():
    assert ws.fill_level(7, 10) == "comfortable"
    assert ws.fill_level(8, 10) == "filling"  # 80 % is filling
    assert ws.fill_level(10, 10) == "full"
    assert ws.fill_level(11, 10) == "overbooked"
    assert ws.fill_level(3, 0) == "no_seats"  # never a division by zero
    assert ws.fill_level(0, -1) == "no_seats"


def test_every_workshop_with_its_seats_and_level(cubes):
    rows = ws.workshops(cubes, EVERYONE, DURING)
    assert [w.figures.title for w in rows] == [
        "Full Room",
        "Overflow",
        "Zero Seats",
        "Comfy",
        "Filling",
        "Negative",
    ]
    by = _by_title(rows)
    figures = {t: (w.figures.booked, w.figures.waitlisted, w.level) for t, w in by.items()}
    assert figures == {
        "Full Room": (2, 0, "full"),
        "Overflow": (2, 1, "overbooked"),  # 1 and 3 booked, 4 waiting; 999 and 9 left out
        "Zero Seats": (1, 0, "no_seats"),
        "Comfy": (3, 0, "comfortable"),  # participant 6 booked twice: both count
        "Filling": (4, 0, "filling"),  # 4 of 5 seats; "maybe" does not count
        "Negative": (0, 0, "no_seats"),
    }
    assert by["Full Room"].attendance == 0.5
    assert by["Overflow"].attendance == 0.0
    assert by["Comfy"].attendance is None  # not begun
    assert by["Full Room"].starts.strftime("%H:%M") == "09:00"  # Berlin


def test_the_tiles(cubes):
    s = ws.summary(ws.workshops(cubes, EVERYONE, DURING))
    assert (s["workshops"], s["booked"], s["seats"], s["waitlisted"]) == (6, 12, 18, 1)
    # Overbooked as metrics.md says, booked > seats: Overflow, and Zero Seats with its booking.
    assert (s["full"], s["overbooked"], s["no_seats"], s["started"]) == (2, 2, 2, 2)
    assert s["attendance"] == 0.25  # 1 attended of 2 + 2 booked in the begun workshops


def test_filters_pick_whose_bookings_fill_the_inner_bar(cubes):
    rows = _by_title(ws.workshops(cubes, Filters(country=("DE",)), DURING))
    assert {t: w.matching for t, w in rows.items()} == {
        "Full Room": 1,
        "Overflow": 1,
        "Zero Seats": 0,
        "Comfy": 0,
        "Filling": 2,
        "Negative": 0,
    }
    assert rows["Filling"].figures.booked == 4  # the fill level counts everybody


def test_grouping_by_room_keeps_start_order_within_groups(cubes):
    pairs = ws.grouped(ws.workshops(cubes, EVERYONE, DURING), "room", "en")
    assert [(g, w.figures.title) for g, w in pairs] == [
        ("A", "Full Room"),
        ("A", "Comfy"),
        ("B", "Overflow"),
        ("B", "Filling"),
        ("No room given", "Zero Seats"),
        ("C", "Negative"),
    ]


def test_the_fill_chart_shows_overbooking_unclipped_and_no_seats(cubes):
    pairs = ws.grouped(ws.workshops(cubes, EVERYONE, DURING), "none", "en")
    fig = go.Figure(view.fill_figure(pairs, "none", "en", str, filtered=False))
    labels = list(fig.data[3].text)
    assert labels[1] == "2 / 1 · +1 waiting · 1 over · 0% attended"
    assert labels[2] == "no seats · 1 booked"
    assert labels[0] == "2 / 2 · 50% attended"
    assert fig.layout.xaxis.range[1] > 3  # the overbooked bar and its waitlist fit


def test_who_booked_a_workshop(cubes):
    assert ws.bookers(cubes, EVERYONE, 5, "country").to_dict() == {"DE": 2, "DK": 1, "SE": 1}
    official = go.Figure(view.bookers_figures(cubes, EVERYONE, 5, "en", "official")["country"])
    assert list(official.data[0].text) == ["< 3", "< 3", "< 3"]
    assert list(official.data[0].x) == [0, 0, 0]
    # Hidden counts stand in the order of their names, never of their sizes (top first).
    assert list(official.data[0].y)[::-1] == ["Denmark", "Germany", "Sweden"]
    staff = go.Figure(view.bookers_figures(cubes, EVERYONE, 5, "en", "staff")["country"])
    assert list(staff.data[0].x) == [1, 1, 2]  # smallest at the bottom


def test_staff_list_of_bookings(service):
    snapshot = service.snapshot(7)
    rows = booked_by(service, snapshot.version, snapshot.cubes.event, 3, EVERYONE)
    assert rows[["name", "booking_status"]].values.tolist() == [
        ["First1 Last1", "booked"],
        ["First3 Last3", "booked"],
        ["First4 Last4", "waitlisted"],
    ]


def test_data_problems(service, cubes):
    lines = view.problems(cubes, service, service.version(), "en")
    assert lines == [
        "Bookings of a participant who does not exist (left out): 1",
        "Workshops with a negative number of seats (shown as no seats): 1",
        "Workshops that end before they start: 1",
        "Participants booked twice for the same workshop (each booking counted): 1",
        "Bookings with a status outside the vocabulary (not counted): 1",
    ]


def test_an_event_without_workshops_says_so(service):
    result = view.workshops_view(
        service.snapshot(8), service, "en", EVERYONE, "none", "staff", DURING
    )
    assert result.notice == "This event has no workshops."
    assert result.kpis == []


def test_officials_read_filtered_small_counts_as_less_than_three(service):
    snapshot = service.snapshot(7)
    result = view.workshops_view(
        snapshot, service, "en", Filters(country=("DE",)), "none", "official", DURING
    )
    tiles = {k.key: k.value for k in result.kpis}
    assert tiles["ws-matching"] == "4" and tiles["ws-booked"] == "12 / 18"
    inner = next(t for t in go.Figure(result.fill).data if t.name == "booked by the filtered")
    assert list(inner.hovertext) == ["< 3", "< 3", "0", "0", "< 3", "0"]


def test_the_download_has_one_row_per_workshop(service):
    snapshot = service.snapshot(7)
    state = st.ViewState(event=7, filters=Filters(country=("DE",)))
    content, name = workshops_export.workbook(snapshot, service, state, "official", DURING)
    assert name == "workshops_edge-event_20260505-1500.xlsx"
    book = load_workbook(io.BytesIO(content), read_only=True)
    rows = list(book["Seats booked per workshop"].iter_rows(values_only=True))
    assert rows[0][-1] == "booked by the filtered"
    assert rows[1] == (
        "Full Room",
        "2026-05-05 09:00",
        "A",
        "Energy",
        2,
        2,
        0,
        "full (100%)",
        1,
        1,
        0.5,
        "< 3",
    )
    zero_seats = ("Zero Seats", "2026-05-06 09:00", None, None, 0, 1, 0, "no seats (0)", "–")
    assert rows[3][:9] == zero_seats
    assert (rows[5][0], rows[5][-1]) == ("Filling", "< 3")  # participants 1 and 4
    staff, _ = workshops_export.workbook(snapshot, service, state, "staff", DURING)
    staff_rows = list(load_workbook(io.BytesIO(staff))["Seats booked per workshop"].values)
    assert (staff_rows[5][0], staff_rows[5][-1]) == ("Filling", 2)
