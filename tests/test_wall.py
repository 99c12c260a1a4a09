"""The wall screen's figures on the small event, against answers worked out by hand.

Event 2 runs on 17 and 18 September 2026 in Berlin (UTC+2). The moments below are UTC.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from dashboard import metrics, wall
from dashboard.event_data import events_from_frame
from dashboard.wall_happenings import happenings, milestone, milestone_reached_at
from dashboard.wall_matchmaking import matchmaking_panel, place_rounds, rounds_of_day
from dashboard.wall_model import EVERYONE, Moment
from dashboard.wall_panels import (
    arrivals_panel,
    map_panel,
    recent_arrivals,
    registrations_panel,
    workshops_panel,
)
from data import queries
from data.engine import make_engine, writable_engine
from tests import small_event


def utc(day: int, hour: int, minute: int = 0) -> dt.datetime:
    """A moment in September 2026, UTC."""
    return dt.datetime(2026, 9, day, hour, minute, tzinfo=dt.UTC)


@pytest.fixture
def small_wall(small_db, small_cubes):
    """The wall's own cubes of the small event."""
    engine = make_engine(small_db)
    with engine.connect() as conn:
        return wall.load_wall_cubes(conn, small_cubes.event)


def numbers(panel) -> dict[str, tuple[str, str, str]]:
    return {n.key: (n.label, n.value, n.sub) for n in panel.numbers}


def test_wall_cubes_keep_accepted_meetings_and_active_arrivals(small_wall):
    # Accepted with a slot: 1 and 3 at 08:00 (1 held, 3 a no-show), 8 ("Accepted") at 08:30.
    # 6 points at a missing participant; 7 has no slot.
    eight, half_past = int(utc(17, 8).timestamp()), int(utc(17, 8, 30).timestamp())
    rows = sorted(
        (int(r.slot), None if pd.isna(r.held) else int(r.held), int(r.n))
        for r in small_wall.slots.itertuples()
    )
    assert rows == [(eight, 0, 1), (eight, 1, 1), (half_past, None, 1)]
    # Answers of 1, 3, 7, 8 (6 has no recipient); first arrivals of 1 (day 0 and 1) and 3
    # (day 1, 01:30 Berlin); 5 is waitlisted.
    assert int(small_wall.answers["n"].sum()) == 4
    arrivals = small_wall.arrivals.groupby("day")["n"].sum().to_dict()
    assert arrivals == {0: 1, 1: 2}


def test_arrivals_panel_on_the_first_day(small_cubes, small_wall):
    panel = arrivals_panel(small_cubes, small_wall, Moment(utc(17, 7, 20)))
    figures = numbers(panel)
    # Participant 1 arrived at 07:10 UTC (09:10 in Berlin) of 6 active participants.
    assert figures["checked-in"] == ("Checked in today", "1", "of 6 expected")
    assert figures["arrival-rate"][1] == "17%"
    assert figures["recent-arrivals"][1] == "1"  # 07:10 is within the last 15 minutes
    assert [(m.label, m.value, m.fraction) for m in panel.meters] == [("Germany", "1", 1.0)]
    bars = panel.chart["data"][0]
    assert (bars["x"], bars["y"]) == (["2026-09-17 09:00"], [1])


def test_recent_arrivals_look_back_fifteen_minutes(small_wall):
    assert recent_arrivals(small_wall, utc(17, 7, 25)) == 1
    assert recent_arrivals(small_wall, utc(17, 7, 26)) == 0
    # The second day: 3 at 23:30 UTC on the 17th, 1 at 06:30 UTC on the 18th.
    assert recent_arrivals(small_wall, utc(18, 6, 40)) == 1


def test_arrivals_panel_before_the_event_shows_its_first_day(small_cubes, small_wall):
    panel = arrivals_panel(small_cubes, small_wall, Moment(utc(10, 9), "de"))
    figures = numbers(panel)
    assert figures["checked-in"] == ("Eingecheckt am 17.09.2026", "1", "von 6 erwarteten")
    assert figures["recent-arrivals"][1] == "0"


def test_registrations_panel(small_cubes):
    panel = registrations_panel(small_cubes, Moment(utc(17, 9)))
    figures = numbers(panel)
    assert figures["registered"][1] == "6"
    # Participant 9 registered at 22:30 UTC on the 16th: 00:30 on the 17th in Berlin.
    assert figures["new-today"][1] == "1"
    assert figures["countries"][1] == "4"
    assert figures["clusters"][1:] == ("2", "3 organisations")
    assert [(m.label, m.value) for m in panel.meters] == [
        ("Cluster organisation", "5"),
        ("SME", "1"),
    ]
    assert panel.chart["data"][0]["y"] == [1, 2, 3, 4, 5, 6]


def test_matchmaking_during_the_first_round(small_cubes, small_wall):
    panel = matchmaking_panel(small_cubes, small_wall, Moment(utc(17, 8, 10)))
    figures = numbers(panel)
    # Rounds of the day: 08:00 UTC (10:00 Berlin, 2 meetings, 1 held) and 08:30 (1 meeting).
    assert figures["round-now"] == ("Round 10:00 – now", "2", "meetings at the tables")
    assert figures["round-last"] == ("Last round", "–", "no round yet")
    assert figures["meetings-day"][1] == "1 / 3"
    assert figures["acceptance"][1:] == ("80%", "of 5 answered requests")
    assert figures["cross-border"][1] == "67%"
    assert figures["requests"][1:] == ("6", "1 awaiting an answer")
    scheduled, held = panel.chart["data"]
    assert (scheduled["x"], scheduled["y"], held["y"]) == (["10:00", "10:30"], [2, 1], [1, 0])


def test_matchmaking_between_and_after_rounds(small_cubes, small_wall):
    later = numbers(matchmaking_panel(small_cubes, small_wall, Moment(utc(17, 8, 45))))
    assert later["round-now"][:2] == ("Round 10:30 – now", "1")
    assert later["round-last"] == ("Last round 10:00", "1 / 2", "held / scheduled")
    early = numbers(matchmaking_panel(small_cubes, small_wall, Moment(utc(17, 7))))
    assert early["round-now"] == ("Next round 10:00", "2", "meetings scheduled")
    done = numbers(matchmaking_panel(small_cubes, small_wall, Moment(utc(17, 9, 30))))
    assert done["round-now"][1:] == ("–", "no more rounds today")
    assert done["round-last"][:2] == ("Last round 10:30", "0 / 1")


def test_rounds_without_a_following_round_last_thirty_minutes(small_cubes, small_wall):
    rounds = rounds_of_day(small_wall, small_cubes, 0)
    placed = place_rounds(rounds, utc(17, 8, 59))
    assert placed.current is not None and placed.current.start == int(utc(17, 8, 30).timestamp())
    assert place_rounds(rounds, utc(17, 9)).current is None


def test_workshops_panel_flags_overbooked_and_seatless(small_cubes):
    figures = metrics.workshop_figures(small_cubes, EVERYONE)
    panel = workshops_panel(figures, small_cubes.event, Moment(utc(17, 9)))
    # None on the 17th: the coming ones, by start (Berlin times).
    assert [(m.label, m.value, m.flag, m.level) for m in panel.meters] == [
        ("09:00  Smart Ports", "3 / 2", "Overbooked", "over"),
        ("11:00  Green Hydrogen", "1 booked", "No seats yet", "none"),
        ("14:00  Digital Twins", "0 / 10", "", ""),
    ]
    assert panel.meters[0].fraction == 1.0  # drawn full, never past the end
    shown = numbers(panel)
    assert shown["seats"][1:] == ("4 / 12", "in 3 workshops")
    assert shown["full"][1] == "1"
    assert shown["waitlisted"][1] == "1"


def test_map_panel(small_cubes):
    panel = map_panel(small_cubes, Moment(utc(17, 9)))
    assert numbers(panel)["map-countries"][1] == "4"
    assert [(m.label, m.value) for m in panel.meters] == [
        ("Denmark", "2"),
        ("Germany", "1"),
        ("Finland", "1"),
        ("Sweden", "1"),
    ]
    shapes = panel.chart["data"][0]
    assert dict(zip(shapes["locations"], shapes["z"], strict=True)) == {
        "DNK": 2,
        "DEU": 1,
        "FIN": 1,
        "SWE": 1,
    }
    assert panel.chart["layout"]["geo"]["scope"] == "europe"


def test_happenings_in_aggregate(small_cubes, small_wall):
    figures = metrics.workshop_figures(small_cubes, EVERYONE)
    first = happenings(small_cubes, small_wall, figures, Moment(utc(17, 7, 20)))
    assert first == (
        "1 arrival in the last 15 minutes",
        "Workshop 'Smart Ports' is now full",
        "1 new registration today",
    )
    later = happenings(small_cubes, small_wall, figures, Moment(utc(17, 7, 40), "de"))
    assert later == (
        "Workshop „Smart Ports“ ist ausgebucht",
        "Nächste Gesprächsrunde um 10:00: 2 Gespräche",
        "1 neue Anmeldung heute",
    )


@pytest.mark.parametrize(
    ("total", "expected"),
    [(0, None), (9, None), (10, 10), (24, 10), (25, 25), (99, 50), (100, 100), (299, 200)],
)
def test_milestones(total, expected):
    assert milestone(total) == expected


def test_a_milestone_is_reached_in_the_minute_of_its_acceptance():
    answers = pd.DataFrame({"bucket": [60, 120, 180], "n": [5, 4, 3]})
    assert milestone_reached_at(answers, 10) == 180
    assert milestone_reached_at(answers, 25) is None


def test_config_from_the_url():
    config = wall.parse_config(
        "?key=secret&rotate=30&panel=Matchmaking&refresh=2&event=2&lang=de", 5, 6.0
    )
    assert (config.rotate_s, config.panel, config.refresh_s, config.event, config.lang) == (
        30,
        "matchmaking",
        2,
        2,
        "de",
    )
    assert "secret" not in repr(config.as_store())
    assert wall.WallConfig.from_store(config.as_store()) == config


@pytest.mark.parametrize(
    ("query", "rotate", "panel", "refresh", "lang"),
    [
        ("", 20, None, 5, "en"),
        ("?rotate=abc&panel=nope&refresh=0&lang=fr", 20, None, 1, "en"),
        ("?rotate=1&refresh=99999", 5, None, 600, "en"),
    ],
)
def test_config_falls_back_on_unusable_values(query, rotate, panel, refresh, lang):
    config = wall.parse_config(query, 5, 6.0)
    assert (config.rotate_s, config.panel, config.refresh_s, config.lang) == (
        rotate,
        panel,
        refresh,
        lang,
    )


def test_a_store_from_the_browser_is_checked_again():
    forged = {"event": "1 OR 1=1", "rotate_s": -5, "panel": "<script>", "lang": "xx"}
    assert wall.WallConfig.from_store(forged) == wall.WallConfig()
    assert wall.screen_height("2160") == 1080 and wall.screen_height(2160) == 2160


def _wall_rows(database_url: str) -> dict[str, list]:
    engine = make_engine(database_url)
    with engine.connect() as conn:
        event = next(e for e in events_from_frame(queries.events_frame(conn)) if e.id == 2)
        cubes = wall.load_wall_cubes(conn, event)
    engine.dispose()

    def rows(frame: pd.DataFrame) -> list:
        cells = frame.astype(object).where(frame.notna(), None).to_numpy().tolist()
        return sorted([[None if v is None else int(v) for v in row] for row in cells], key=repr)

    return {name: rows(getattr(cubes, name)) for name in ("slots", "answers", "arrivals")}


@pytest.mark.parametrize("server", ["postgres_url", "mariadb_url"])
def test_the_wall_cubes_agree_across_databases(server, small_db, request):
    url = request.getfixturevalue(server)
    small_event.load(writable_engine(url))
    expected = _wall_rows(small_db)
    assert len(expected["slots"]) == 3
    assert _wall_rows(url) == expected
