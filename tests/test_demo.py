"""The demo generator writes realistic, messy, deterministic data; the simulator keeps it moving."""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter
from pathlib import Path
from zoneinfo import ZoneInfo

import pycountry
import pytest
import sqlalchemy as sa

from dashboard import cli
from data import demo, indexes, simulate
from data.contract import SECTORS
from data.demo import second_process
from data.engine import writable_engine
from data.schema import metadata

# Tuesday 12 May 2026, 11:40 in Berlin: the morning of the current edition's first day.
NOW = dt.datetime(2026, 5, 12, 9, 40)
ACTIVE = ("registered", "confirmed")
SMALL = 120


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def rows(engine: sa.Engine, sql: str, **params: object) -> list[sa.Row]:
    with engine.connect() as conn:
        return conn.execute(sa.text(sql), params).all()


def scalar(engine: sa.Engine, sql: str, **params: object) -> object:
    with engine.connect() as conn:
        return conn.execute(sa.text(sql), params).scalar()


def table_dump(engine: sa.Engine) -> dict[str, list[tuple]]:
    with engine.connect() as conn:
        return {
            table.name: [tuple(r) for r in conn.execute(sa.select(table).order_by(table.c.id))]
            for table in metadata.sorted_tables
        }


def country(raw: str | None) -> str | None:
    """Read a country code as metrics.md says: trimmed, upper-cased, UK/EL mapped, else None."""
    code = (raw or "").strip().upper()
    code = {"UK": "GB", "EL": "GR"}.get(code, code)
    return code if len(code) == 2 and pycountry.countries.get(alpha_2=code) else None


def people_countries(engine: sa.Engine, event_id: int) -> dict[int, str | None]:
    found = rows(
        engine,
        "SELECT p.id, p.country_code, o.country_code FROM participants p "
        "LEFT JOIN organisations o ON o.id = p.organisation_id WHERE p.event_id = :e",
        e=event_id,
    )
    return {pid: country(own if (own or "").strip() else org) for pid, own, org in found}


@pytest.fixture(scope="module")
def default_db(tmp_path_factory: pytest.TempPathFactory) -> sa.Engine:
    """The default demo (300 participants), generated once for the module."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    demo.generate(sqlite_url(path), now=NOW)
    engine = sa.create_engine(sqlite_url(path))
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def small_demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, int]]:
    """A small demo (120 participants) written the plain way, to compare others with."""
    url = sqlite_url(tmp_path_factory.mktemp("small") / "small.sqlite")
    return url, demo.generate(url, participants=SMALL, now=NOW)


def test_same_seed_writes_the_same_rows(
    tmp_path: Path, small_demo: tuple[str, dict[str, int]]
) -> None:
    again = sqlite_url(tmp_path / "again.sqlite")
    demo.generate(again, participants=SMALL, now=NOW)
    assert table_dump(sa.create_engine(again)) == table_dump(sa.create_engine(small_demo[0]))


def test_second_process_writes_the_same_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_demo: tuple[str, dict[str, int]]
) -> None:
    monkeypatch.setattr(second_process, "PARALLEL_FROM", 0)
    parallel = sqlite_url(tmp_path / "parallel.sqlite")
    demo.generate(parallel, participants=SMALL, now=NOW)
    assert table_dump(sa.create_engine(parallel)) == table_dump(sa.create_engine(small_demo[0]))
    assert not list(tmp_path.glob(".demo-*"))


def test_default_demo_has_the_size_asked_for(default_db: sa.Engine) -> None:
    current = scalar(default_db, "SELECT COUNT(*) FROM participants WHERE event_id = 2")
    assert 290 <= current <= 310
    clusters = scalar(
        default_db,
        "SELECT COUNT(DISTINCT o.id) FROM participants p JOIN organisations o "
        "ON o.id = p.organisation_id WHERE p.event_id = 2 AND o.org_type = 'cluster_organisation' "
        "AND LOWER(TRIM(p.status)) IN ('registered', 'confirmed')",
    )
    assert clusters >= 150
    countries = {code for code in people_countries(default_db, 2).values() if code}
    assert len(countries) >= 10
    assert {"DE", "DK", "SE", "NO", "FI", "EE", "LV", "LT", "PL", "IS"} <= countries
    by_country = Counter(people_countries(default_db, 2).values())
    assert by_country.most_common(1)[0][0] == "DE"


def test_org_names_and_emails_read_like_real_ones(default_db: sa.Engine) -> None:
    names = [name for (name,) in rows(default_db, "SELECT name FROM organisations")]
    assert not [name for name in names if name.lower().startswith("org ")]
    assert any("Cluster" in name for name in names)
    assert any(name.endswith((" GmbH", " ApS", " Oy", " AB", " UAB", " SIA")) for name in names)
    emails = [e for (e,) in rows(default_db, "SELECT email FROM participants WHERE event_id = 2")]
    assert all(e.isascii() and e.count("@") == 1 and "." in e.split("@")[0] for e in emails)
    members = scalar(
        default_db,
        "SELECT COUNT(*) FROM organisations m JOIN organisations c ON c.id = m.cluster_id "
        "WHERE c.org_type = 'cluster_organisation'",
    )
    assert members > 20


def test_workshops_include_full_overbooked_and_unopened(default_db: sa.Engine) -> None:
    workshops = rows(
        default_db,
        "SELECT w.id, w.capacity, w.starts_at, e.ends_on, "
        "SUM(CASE WHEN b.status = 'booked' AND LOWER(TRIM(p.status)) IN ('registered', "
        "'confirmed') THEN 1 ELSE 0 END), COUNT(b.id) "
        "FROM workshops w JOIN events e ON e.id = w.event_id "
        "LEFT JOIN workshop_bookings b ON b.workshop_id = w.id "
        "LEFT JOIN participants p ON p.id = b.participant_id "
        "WHERE w.event_id = 2 GROUP BY w.id, w.capacity, w.starts_at, e.ends_on",
    )
    assert 8 <= len(workshops) <= 12
    unopened = [w for w in workshops if w[1] == 0]
    assert len(unopened) == 1 and unopened[0][5] > 0
    assert any(0 < capacity < booked for _, capacity, _, _, booked, _ in workshops)
    assert all(str(starts)[:10] == str(last_day)[:10] for _, _, starts, last_day, _, _ in workshops)


def test_matchmaking_is_answered_and_crosses_borders(default_db: sa.Engine) -> None:
    by_status = "SELECT status, COUNT(*) FROM meeting_requests WHERE event_id = 2 GROUP BY status"
    statuses = dict(rows(default_db, by_status))
    answered = statuses["accepted"] + statuses["declined"]
    assert 0.6 <= statuses["accepted"] / answered <= 0.75
    requests = answered + statuses["pending"]
    assert 0.08 <= statuses["pending"] / requests <= 0.25
    assert 0 < statuses["cancelled"] < 0.06 * requests
    where = people_countries(default_db, 2)
    pairs = [
        (where.get(a), where.get(b))
        for a, b in rows(
            default_db,
            "SELECT requester_id, recipient_id FROM meeting_requests "
            "WHERE event_id = 2 AND status = 'accepted'",
        )
    ]
    known = [(a, b) for a, b in pairs if a and b]
    assert sum(a != b for a, b in known) / len(known) >= 0.5


def test_nothing_is_recorded_after_now(default_db: sa.Engine) -> None:
    latest = scalar(default_db, "SELECT MAX(checked_in_at) FROM checkins")
    assert dt.datetime.fromisoformat(latest) <= NOW
    day_one = scalar(
        default_db,
        "SELECT COUNT(*) FROM checkins c JOIN participants p ON p.id = c.participant_id "
        "WHERE p.event_id = 2",
    )
    assert day_one > 50
    for column in ("requested_at", "responded_at"):
        value = scalar(default_db, f"SELECT MAX({column}) FROM meeting_requests")
        assert dt.datetime.fromisoformat(value) <= NOW
    future_held = scalar(
        default_db,
        "SELECT COUNT(*) FROM meeting_requests WHERE slot_start > :now AND held IS NOT NULL",
        now=str(NOW),
    )
    assert future_held == 0
    past = rows(
        default_db,
        "SELECT held, COUNT(*) FROM meeting_requests WHERE event_id = 2 AND status = 'accepted' "
        "AND slot_start <= :cut GROUP BY held",
        cut=str(NOW - dt.timedelta(minutes=30)),
    )
    assert {True, False} <= {bool(held) for held, _ in past if held is not None}
    attended = scalar(
        default_db,
        "SELECT COUNT(*) FROM workshop_bookings b JOIN workshops w ON w.id = b.workshop_id "
        "WHERE w.event_id = 2 AND b.attended IS NOT NULL",
    )
    assert attended == 0
    late = scalar(
        default_db,
        "SELECT COUNT(*) FROM participants WHERE registered_at >= '2026-05-11 22:00:00'",
    )
    assert late == 0


def test_meetings_never_share_a_table_or_a_person(default_db: sa.Engine) -> None:
    meetings = rows(
        default_db,
        "SELECT event_id, slot_start, location, requester_id, recipient_id "
        "FROM meeting_requests WHERE status = 'accepted' AND slot_start IS NOT NULL",
    )
    tables = Counter((event, slot, where) for event, slot, where, _, _ in meetings)
    assert max(tables.values()) == 1
    seats = Counter((slot, person) for _, slot, _, a, b in meetings for person in (a, b))
    assert max(seats.values()) == 1
    berlin = [m for m in meetings if m[0] == 2]
    local = {
        dt.datetime.fromisoformat(slot)
        .replace(tzinfo=dt.UTC)
        .astimezone(ZoneInfo("Europe/Berlin"))
        .strftime("%H:%M")
        for _, slot, _, _, _ in berlin
    }
    assert local <= {f"{h:02d}:{m:02d}" for h in (10, 11, 12, 14, 15, 16) for m in (0, 30)}


def test_messy_rows_are_there(default_db: sa.Engine) -> None:
    codes = {c for (c,) in rows(default_db, "SELECT country_code FROM organisations")}
    codes |= {c for (c,) in rows(default_db, "SELECT country_code FROM participants")}
    assert None in codes and "UK" in codes and "EL" in codes
    assert any(c and c != c.strip().upper() for c in codes)  # ' de', 'dk'
    assert any(c and country(c) is None for c in codes)  # 'XX', 'Germany'
    statuses = {s for (s,) in rows(default_db, "SELECT DISTINCT status FROM participants")}
    assert "pending_payment" in statuses
    assert any(s != s.strip().lower() for s in statuses)
    sectors = {s for (s,) in rows(default_db, "SELECT DISTINCT sector FROM organisations")}
    known = {name.lower() for name in SECTORS}
    assert None in sectors
    assert any(s and s not in SECTORS and s.strip().lower() in known for s in sectors)
    assert any(s and s.strip().lower() not in known for s in sectors)  # 'Blue Economy'
    types = {t for (t,) in rows(default_db, "SELECT DISTINCT org_type FROM organisations")}
    assert None in types and types & {"SME", "University"}
    assert scalar(default_db, "SELECT COUNT(*) FROM participants WHERE organisation_id IS NULL")
    checks = {
        "self-request": "SELECT COUNT(*) FROM meeting_requests WHERE requester_id = recipient_id",
        "accepted without slot": "SELECT COUNT(*) FROM meeting_requests "
        "WHERE status = 'accepted' AND slot_start IS NULL",
        "dangling request": "SELECT COUNT(*) FROM meeting_requests WHERE recipient_id NOT IN "
        "(SELECT id FROM participants)",
        "dangling booking": "SELECT COUNT(*) FROM workshop_bookings WHERE participant_id NOT IN "
        "(SELECT id FROM participants)",
        "duplicate registration": "SELECT COUNT(*) FROM (SELECT LOWER(email) FROM participants "
        "WHERE event_id = 2 GROUP BY LOWER(email) HAVING COUNT(DISTINCT email) > 1) d",
    }
    assert {name: scalar(default_db, sql) > 0 for name, sql in checks.items()} == dict.fromkeys(
        checks, True
    )


def test_previous_edition_is_complete(default_db: sa.Engine) -> None:
    editions = rows(default_db, "SELECT id, starts_on FROM events ORDER BY id")
    assert [e[0] for e in editions] == [1, 2]
    assert dt.date.fromisoformat(editions[0][1]) == dt.date(2025, 5, 12)
    sizes = dict(rows(default_db, "SELECT event_id, COUNT(*) FROM participants GROUP BY event_id"))
    assert 0.84 <= sizes[1] / sizes[2] <= 0.96
    days = scalar(
        default_db,
        "SELECT COUNT(DISTINCT SUBSTR(c.checked_in_at, 1, 10)) FROM checkins c "
        "JOIN participants p ON p.id = c.participant_id WHERE p.event_id = 1",
    )
    assert days == 2
    held = {h for (h,) in rows(default_db, "SELECT held FROM meeting_requests WHERE event_id = 1")}
    assert {0, 1} <= held
    attended = rows(
        default_db,
        "SELECT DISTINCT b.attended FROM workshop_bookings b JOIN workshops w "
        "ON w.id = b.workshop_id JOIN participants p ON p.id = b.participant_id "
        "WHERE w.event_id = 1 AND b.status = 'booked'",
    )
    assert {a for (a,) in attended} == {0, 1}


def test_existing_data_needs_force(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "demo.sqlite")
    engine = sa.create_engine(url)
    metadata.create_all(engine)  # empty tables are no reason to refuse
    demo.generate(url, participants=SMALL, seed=1, now=NOW)
    before = table_dump(engine)
    with pytest.raises(demo.DemoExistsError, match="force"):
        demo.generate(url, participants=SMALL, seed=2, now=NOW)
    assert issubclass(demo.DemoExistsError, ValueError)
    assert table_dump(engine) == before
    counts = demo.generate(url, participants=SMALL, seed=2, now=NOW, force=True)
    after = table_dump(engine)
    assert after != before
    assert {name: len(found) for name, found in after.items()} == counts


def test_future_event_has_no_checkins_and_past_event_everything(tmp_path: Path) -> None:
    future = sa.create_engine(sqlite_url(tmp_path / "future.sqlite"))
    demo.generate(str(future.url), participants=SMALL, now=NOW, event_date=dt.date(2026, 7, 1))
    scans = (
        "SELECT COUNT(*) FROM checkins c JOIN participants p ON p.id = c.participant_id "
        "WHERE p.event_id = 2"
    )
    assert scalar(future, scans) == 0
    assert scalar(future, "SELECT MAX(registered_at) FROM participants") <= str(NOW)
    held = "SELECT COUNT(*) FROM meeting_requests WHERE event_id = 2 AND held IS NOT NULL"
    assert scalar(future, held) == 0
    past = sa.create_engine(sqlite_url(tmp_path / "past.sqlite"))
    demo.generate(str(past.url), participants=SMALL, now=NOW, event_date=dt.date(2026, 3, 3))
    assert scalar(past, held) > 0
    unrecorded = scalar(
        past,
        "SELECT COUNT(*) FROM workshop_bookings b JOIN workshops w ON w.id = b.workshop_id "
        "JOIN participants p ON p.id = b.participant_id "
        "WHERE w.event_id = 2 AND b.status = 'booked' AND b.attended IS NULL",
    )
    assert unrecorded == 0


def test_simulator_keeps_changing_the_current_event(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "live.sqlite")
    demo.generate(url, participants=SMALL)  # now: the event is going on today
    engine = sa.create_engine(url)
    before = table_dump(engine)
    counts = simulate.run(url, rate=50, duration_s=1, seed=3)
    after = table_dump(engine)
    changes = sum(n for kind, n in counts.items() if kind != "skipped")
    assert changes >= 10
    assert after != before
    added = len(after["participants"]) - len(before["participants"])
    assert added == counts["registration"]
    assert {row[1] for row in after["participants"][len(before["participants"]) :]} <= {2}
    assert len(after["meeting_requests"]) - len(before["meeting_requests"]) == counts["request"]


def test_simulator_stops_when_told(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "live.sqlite")
    demo.generate(url, participants=SMALL)
    stop = threading.Event()
    timer = threading.Timer(0.3, stop.set)
    timer.start()
    counts = simulate.run(url, rate=20, stop=stop, seed=1)
    assert 0 < sum(counts.values()) < 20


class CtrlCOnThirdWait(threading.Event):
    """A stop event through which Ctrl-C arrives while the simulator waits for the third time."""

    waits = 0

    def wait(self, timeout: float | None = None) -> bool:
        self.waits += 1
        if self.waits == 3:
            raise KeyboardInterrupt
        return False


def test_simulator_returns_its_counts_when_interrupted(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "live.sqlite")
    demo.generate(url, participants=SMALL)
    engine = sa.create_engine(url)
    before = len(table_dump(engine)["participants"])
    try:
        counts = simulate.run(url, rate=5, stop=CtrlCOnThirdWait(), seed=4)
    except KeyboardInterrupt:  # let through, it would end the whole test session
        pytest.fail("run() let Ctrl-C through instead of returning its counts")
    assert sum(counts.values()) == 3
    assert len(table_dump(engine)["participants"]) - before == counts["registration"]


def test_simulate_command_prints_the_counts_after_ctrl_c(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = sqlite_url(tmp_path / "live.sqlite")
    demo.generate(url, participants=SMALL)
    one_change = simulate.Simulator._one_change
    calls = []

    def interrupted_on_third(self: simulate.Simulator) -> str:
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return one_change(self)

    monkeypatch.setattr(simulate.Simulator, "_one_change", interrupted_on_third)
    assert cli.main(["simulate", "--database", url, "--rate", "1000"]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("changes written: ")
    counts = dict(part.rsplit(" ", 1) for part in printed.split(": ", 1)[1].split(", "))
    assert set(counts) == set(simulate.KINDS) | {"skipped"}
    assert sum(int(n) for n in counts.values()) == 2


@pytest.mark.parametrize("server", ["postgres_url", "mariadb_url"])
def test_generation_and_simulation_on_servers(
    server: str, request: pytest.FixtureRequest, small_demo: tuple[str, dict[str, int]]
) -> None:
    url = request.getfixturevalue(server)  # skipped with the reason when the server is down
    counts = demo.generate(url, participants=SMALL, now=NOW)
    reference = small_demo[1]
    # Servers enforce foreign keys, so the rows that point at nothing are left out there.
    assert counts["participants"] == reference["participants"]
    assert reference["meeting_requests"] - counts["meeting_requests"] == 2
    assert reference["workshop_bookings"] - counts["workshop_bookings"] == 2
    engine = writable_engine(url)
    try:
        here, there = table_dump(engine), table_dump(sa.create_engine(small_demo[0]))
        assert here["participants"] == there["participants"]
        assert here["organisations"] == there["organisations"]
        with engine.connect() as conn:
            messy = conn.execute(
                sa.text("SELECT COUNT(*) FROM participants WHERE status = 'pending_payment'")
            ).scalar()
            assert indexes.without_statistics(conn) == []  # analyzed after the load
        assert messy == 2
        ran = simulate.run(url, rate=50, duration_s=0.5, seed=2, event_id=2)
        with engine.connect() as conn:
            total = conn.execute(sa.text("SELECT COUNT(*) FROM participants")).scalar()
        assert total == counts["participants"] + ran["registration"]
    finally:
        engine.dispose()
