"""The meeting rounds of one day: time slots by tables, each cell a meeting's state.

During the event the grid shows today and marks the round running now; outside it,
the last day with meetings up to today (before the event: the first day with meetings).
Filters do not apply: a table taken by a meeting of somebody filtered out is still taken.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass

import pandas as pd

from dashboard.event_data import Event, local_dates

FREE, SCHEDULED, UNRECORDED, HELD, NO_SHOW, DOUBLE = (
    "free",
    "scheduled",
    "unrecorded",
    "held",
    "no_show",
    "double",
)
STATES = (FREE, SCHEDULED, UNRECORDED, HELD, NO_SHOW, DOUBLE)
DEFAULT_ROUND = dt.timedelta(minutes=30)


@dataclass(frozen=True)
class Grid:
    """A day's meeting rounds: the slots (local times), the tables, and the taken cells."""

    day: dt.date
    live: bool
    slots: tuple[dt.datetime, ...]
    tables: tuple[str, ...]
    cells: pd.DataFrame  # slot (epoch s), table, state, n: only the cells with a meeting
    current: int | None
    without_table: int
    length: dt.timedelta = DEFAULT_ROUND

    def state_counts(self, slot_index: int) -> dict[str, int]:
        """How many tables are in each state in one round (free included)."""
        epoch = int(self.slots[slot_index].timestamp())
        cells = self.cells[self.cells["slot"] == epoch]
        counts = {state: int((cells["state"] == state).sum()) for state in STATES}
        counts[FREE] = len(self.tables) - len(cells)
        return counts


def natural_key(name: str) -> tuple:
    """Sort 'Table 2' before 'Table 10'."""
    return tuple(
        int(part) if part.isdigit() else part.casefold() for part in re.split(r"(\d+)", name)
    )


def _local_dates(slots: pd.Series, event: Event) -> pd.Series:
    """Each slot's local date, converted once per distinct slot (a day has a few rounds)."""
    epochs = pd.Series(slots.unique())
    return slots.map(dict(zip(epochs, local_dates(epochs, event.zone), strict=True)))


def choose_day(dates: set[dt.date], event: Event, today: dt.date) -> tuple[dt.date, bool]:
    """The day to show and whether it is live (today, during the event)."""
    if event.starts_on <= today <= event.ends_on and today in dates:
        return today, True
    past = [d for d in dates if d <= today]
    return (max(past) if past else min(dates)), False


def round_length(epochs: list[int]) -> dt.timedelta:
    """The gap between consecutive rounds of a day (30 minutes if there is only one)."""
    gaps = [b - a for a, b in itertools.pairwise(epochs) if b > a]
    return dt.timedelta(seconds=min(gaps)) if gaps else DEFAULT_ROUND


def _cell_states(day: pd.DataFrame, length: dt.timedelta, now: dt.datetime) -> pd.DataFrame:
    grouped = day.groupby(["slot", "table"], dropna=True, observed=True)
    n = grouped["n"].sum()
    held = day.assign(h1=(day["held"] == 1) * day["n"], h0=(day["held"] == 0) * day["n"])
    held = held.groupby(["slot", "table"], observed=True)[["h1", "h0"]].sum()
    cells = pd.concat([n, held], axis=1).reset_index()
    over = pd.to_datetime(cells["slot"], unit="s", utc=True) + length <= now
    state = pd.Series(SCHEDULED, index=cells.index)
    state = state.mask(over, UNRECORDED)
    state = state.mask(cells["h0"] > 0, NO_SHOW).mask(cells["h1"] > 0, HELD)
    cells["state"] = state.mask(cells["n"] > 1, DOUBLE)
    return cells[["slot", "table", "state", "n"]]


def grid(slots: pd.DataFrame, event: Event, now: dt.datetime) -> Grid | None:
    """The grid of the day to show, or None when no meeting has a time."""
    if slots.empty:
        return None
    dates = _local_dates(slots["slot"], event)
    today = now.astimezone(event.zone).date()
    day, live = choose_day(set(dates), event, today)
    on_day = slots[dates == day]
    epochs = sorted(int(s) for s in on_day["slot"].unique())
    length = round_length(epochs)
    tables = sorted(set(slots["table"].dropna().unique()), key=natural_key)
    current = None
    if live:
        running = [
            i for i, e in enumerate(epochs) if e <= now.timestamp() < e + length.total_seconds()
        ]
        current = running[0] if running else None
    return Grid(
        day=day,
        live=live,
        slots=tuple(dt.datetime.fromtimestamp(e, event.zone) for e in epochs),
        tables=tuple(tables),
        cells=_cell_states(on_day[on_day["table"].notna()], length, now),
        current=current,
        without_table=int(on_day.loc[on_day["table"].isna(), "n"].sum()),
        length=length,
    )


def next_change(board: Grid, event: Event, now: dt.datetime) -> float:
    """When the grid changes though the data does not: a round begins or ends, or a new day.

    Epoch seconds; a refresh before then with the same data draws nothing.
    """
    midnight = dt.datetime.combine(now.astimezone(event.zone).date(), dt.time(), event.zone)
    moments = [(midnight + dt.timedelta(days=1)).timestamp()]
    for slot in board.slots:
        moments += [slot.timestamp(), (slot + board.length).timestamp()]
    return min(m for m in moments if m > now.timestamp())


def focus_round(board: Grid, now: dt.datetime) -> int:
    """The round to sum up: the one running now, else the last begun, else the first."""
    if board.current is not None:
        return board.current
    begun = [i for i, slot in enumerate(board.slots) if slot <= now]
    return begun[-1] if begun else 0
