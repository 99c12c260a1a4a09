"""What the meeting-rounds card shows: the grid, a line on the round that matters, who meets.

Officials see the state of every table; the names of the two sides, in the hover text,
are read only for staff (the callback checks the role on the server).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import pandas as pd

from dashboard import figures, i18n
from dashboard import meeting_rounds as rounds
from dashboard.event_data import Event
from dashboard.i18n import t
from dashboard.matchmaking import MatchmakingCubes, table_locations
from dashboard.plot import Figure
from dashboard.rounds_figure import Names, rounds_figure
from dashboard.service import DataService, DataUnavailable
from data import matchmaking_queries as mq

# More columns than this are unreadable, and each costs every round's cell in the
# response: a big event's thousands of tables made it 7 MB.
MAX_TABLES = 40


@dataclass(frozen=True)
class RoundsView:
    """The grid of the day, what it shows, and a line on the round that matters now."""

    figure: Figure
    summary: str
    note: str


def board_of(extra: MatchmakingCubes | None, event: Event, now: dt.datetime) -> rounds.Grid | None:
    """The grid of the day to show now, or None when no meeting has a time."""
    return None if extra is None else rounds.grid(extra.slots, event, now)


def redraw_key(
    board: rounds.Grid | None, event: Event | None, data: list, now: dt.datetime
) -> dict[str, object]:
    """What the card was drawn from (`data`), and until when it stays right without a change."""
    until = rounds.next_change(board, event, now) if board is not None and event else None
    return {"data": data, "until": until}


def still_right(rendered: object, data: list, now: dt.datetime) -> bool:
    """True when the card drawn from `rendered` needs no redraw for this data at this time."""
    if not isinstance(rendered, dict) or rendered.get("data") != data:
        return False
    until = rendered.get("until")
    return until is None or now.timestamp() < until


def summary_line(board: rounds.Grid, now: dt.datetime, lang: str) -> str:
    """The state of the tables in the round running now (else the last begun, else the first)."""
    index = rounds.focus_round(board, now)
    counts = board.state_counts(index)
    time = board.slots[index].strftime("%H:%M")
    if index == board.current:
        key = "matchmaking.rounds.live"
    else:
        key = "matchmaking.rounds.past" if board.slots[index] <= now else "matchmaking.rounds.next"
    head = t(key, lang, time=time)
    parts = [
        f"{i18n.fmt_int(counts[state], lang)} {t(f'matchmaking.round.{state}', lang)}"
        for state in (
            rounds.HELD,
            rounds.NO_SHOW,
            rounds.SCHEDULED,
            rounds.UNRECORDED,
            rounds.DOUBLE,
            rounds.FREE,
        )
        if counts[state] or state == rounds.FREE
    ]
    return f"{head} {' · '.join(parts)}"


def _note(board: rounds.Grid, event: Event, now: dt.datetime, lang: str) -> str:
    if board.live:
        key = "matchmaking.rounds.today"
    elif board.day > now.astimezone(event.zone).date():
        key = "matchmaking.rounds.first_day"
    else:
        key = "matchmaking.rounds.last_day"
    lines = [t(key, lang)]
    if board.without_table:
        lines.append(t("matchmaking.rounds.without_table", lang, n=board.without_table))
    return " ".join(lines)


def day_bounds(board: rounds.Grid, event: Event) -> tuple[dt.datetime, dt.datetime]:
    """The shown day's start and end as naive UTC times, as the database stores them."""
    start = dt.datetime.combine(board.day, dt.time(), event.zone)
    end = start + dt.timedelta(days=1)
    return tuple(m.astimezone(dt.UTC).replace(tzinfo=None) for m in (start, end))


NAME_COLUMNS = ("slot", "location", "requester", "requester_org", "recipient", "recipient_org")


def names_by_cell(people: pd.DataFrame) -> Names:
    """'A (Org) ↔ B (Org)' per (slot, table) from the staff query's rows."""
    names: Names = {}
    columns = (people[c].tolist() for c in NAME_COLUMNS)  # plain values, a column at a time
    for slot, location, requester, requester_org, recipient, recipient_org in zip(
        *columns, strict=True
    ):
        if pd.isna(slot):
            continue  # a slot time the database cannot read is in no cell of the grid
        table = location.strip() if isinstance(location, str) else ""
        sides = [
            f"{who} ({org})" if isinstance(org, str) and org else str(who)
            for who, org in ((requester, requester_org), (recipient, recipient_org))
        ]
        names.setdefault((int(slot), table), []).append(" ↔ ".join(sides))
    return names


def staff_names(
    service: DataService, version: str, extra: MatchmakingCubes, event: Event, board: rounds.Grid
) -> Names | None:
    """Who meets whom at each drawn table of the shown day (call only for staff).

    Only the meetings at the tables the card draws are read: at a million participants
    the day's meetings, names and all, held 185 MB, and a worker kept 330 MB after them.
    """
    start, end = day_bounds(board, event)
    drawn = first_tables(board, MAX_TABLES).tables
    locations = table_locations(extra.slots, set(drawn))
    if not locations:
        return {}
    try:
        people = service.cached(
            f"matchmaking-slot-people:{event.id}:{board.day.isoformat()}:{len(drawn)}",
            version,
            lambda conn: mq.slot_people(conn, event.id, start, end, locations),
        )
    except DataUnavailable:
        return None
    return names_by_cell(people)


def rounds_view(
    board: rounds.Grid | None,
    event: Event | None,
    lang: str,
    now: dt.datetime,
    names: Names | None = None,
) -> RoundsView:
    """The card for the grid given (None: no meeting has a time, or no event)."""
    if board is None or event is None:
        message = t("matchmaking.rounds.none", lang)
        return RoundsView(figures.empty_figure(message, height=240), "", message)
    note = _note(board, event, now, lang)
    if len(board.tables) > MAX_TABLES:
        shown, n = i18n.fmt_int(MAX_TABLES, lang), i18n.fmt_int(len(board.tables), lang)
        note += " " + t("matchmaking.rounds.first_tables", lang, shown=shown, n=n)
    drawn = first_tables(board, MAX_TABLES)
    return RoundsView(rounds_figure(drawn, lang, names), summary_line(board, now, lang), note)


def first_tables(board: rounds.Grid, limit: int) -> rounds.Grid:
    """The grid of the first `limit` tables only (a big event has thousands)."""
    if len(board.tables) <= limit:
        return board
    tables = board.tables[:limit]
    cells = board.cells[board.cells["table"].isin(tables)].reset_index(drop=True)
    return replace(board, tables=tables, cells=cells)
