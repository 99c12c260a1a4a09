"""Matchmaking figures of metrics.md beyond the shared summary: meetings per participant,
acceptance by segment, who meets whom, requests over time and response times.

A pair (dimension, requester value, recipient value) narrows the request figures to the
requests between the two; a filter keeps a request whose recipient matches, and the flow
matrix keeps one whose requester or recipient matches (metrics.md).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
import sqlalchemy as sa

from dashboard import filters as flt
from dashboard import grouped, metrics, vocab
from dashboard.event_data import (
    Event,
    EventCubes,
    by_day,
    by_minutes,
    collapsed,
    narrowed,
    registration_bucket_s,
    requests_accepted,
    requests_received,
)
from data import matchmaking_queries as mq

Pair = tuple[str, str, str]
ANSWERED = ("accepted", "declined")
SIDES = ("req_", "rec_")
# Edges of the response-time bins in minutes, and their text keys.
RESPONSE_BINS = (0, 60, 180, 360, 720, 1440, 2880, 10080, math.inf)
RESPONSE_KEYS = ("lt1h", "1to3h", "3to6h", "6to12h", "12to24h", "1to2d", "2to7d", "gt7d")


@dataclass(frozen=True)
class MatchmakingCubes:
    """The event's matchmaking aggregates that the shared cubes lack, read."""

    meetings: pd.DataFrame
    over_time: pd.DataFrame  # the recipient's attributes; both sides' with a pair (with_pairs)
    responses: pd.DataFrame  # the same
    slots: pd.DataFrame
    problems: dict[str, int]


def _read(cube: pd.DataFrame, prefixes: tuple[str, ...] = ("",)) -> pd.DataFrame:
    """Read the person columns of each side; drop rows whose organisation is missing."""
    for prefix in prefixes:
        cube = vocab.read_people(cube, prefix)
        cube = cube[cube[prefix + "org_missing"].astype(int) == 0]
    if "req_org_missing" in cube:
        cube = cube[cube["req_org_missing"].astype(int) == 0]
    return cube.reset_index(drop=True)


def _request_status(cube: pd.DataFrame) -> pd.DataFrame:
    out = cube.copy()
    out["status"] = vocab.mapped(
        cube["status"], lambda raw: vocab.read_status(raw, vocab.REQUEST_STATUSES)
    )
    return out


def _slots(cube: pd.DataFrame) -> pd.DataFrame:
    """Slots with a readable time, the table (the location trimmed, None when blank) and
    whether the meeting was held: 1, 0 or -1 (not recorded).

    Table and location as categories: a big event's slots repeat a few thousand table
    names a million times. The location as stored finds a table's meetings in the
    database (table_locations).
    """
    out = cube[cube["slot"].notna()].copy()
    tables = out["location"].map(lambda v: v.strip() if isinstance(v, str) else "")
    out["table"] = tables.where(tables != "", None).astype("category")
    out["location"] = out["location"].astype("category")
    out["slot"] = out["slot"].astype("int64")
    # A byte a meeting, not an object (8 MB at a million).
    held = pd.to_numeric(out["held"], errors="coerce")
    out["held"] = np.select([held == 1, held == 0], [1, 0], -1).astype(np.int8)
    return narrowed(out[["slot", "table", "location", "held", "n"]].reset_index(drop=True))


def table_locations(slots: pd.DataFrame, tables: set[str]) -> list[str]:
    """The locations, as stored, of the slots cube's tables given."""
    pairs = slots[["location", "table"]].drop_duplicates().dropna()
    return sorted(pairs.loc[pairs["table"].isin(tables), "location"].astype(str))


def by_series(cube: pd.DataFrame) -> pd.DataFrame:
    """A requests-over-time cube (event_data.by_day, with its dates) with the series each
    row counts in, as a category: requested (sent and not cancelled), accepted or declined
    (answered so); none for other rows. A click then sums the rows it keeps by date and
    series (at a million participants 131,224 rows: 12 ms -> 2 ms).
    """
    out = cube.copy()
    status = out["status"].astype(object)
    sent = (out["kind"] == "requested").to_numpy() & (status != "cancelled").to_numpy()
    answered = (out["kind"] == "answered").to_numpy() & status.isin(ANSWERED).to_numpy()
    series = np.where(sent, "requested", np.where(answered, status.to_numpy(), None))
    out["series"] = pd.Categorical(series, categories=["requested", *ANSWERED])
    return out


def load(conn: sa.Connection, event: Event, responses: pd.DataFrame) -> MatchmakingCubes:
    """Run the matchmaking queries of an event and read their values.

    `responses` are the event cubes' response times (EventCubes.response_times, read
    the same way at the same version): the page's answered requests, not queried twice.
    """
    meetings = _read(mq.meetings_cube(conn, event.id))
    meetings["status"] = vocab.mapped(meetings["status"], vocab.read_status)
    width = registration_bucket_s(event)
    times = mq.request_time_cube(conn, event.id, width)
    # Kept, like the event's cubes, at the level the figures read (collapsed).
    return MatchmakingCubes(
        meetings=collapsed(meetings),
        over_time=narrowed(
            by_series(by_day(collapsed(_request_status(_read(times, ("rec_",)))), event.zone))
        ),
        responses=responses,
        slots=_slots(mq.slot_cube(conn, event.id)),
        problems=mq.request_problems(conn, event.id),
    )


def load_pairs(conn: sa.Connection, event: Event) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Requests over time and response times by both sides' attributes, for pair figures.

    Read only once somebody chooses a pair: with the requester's attributes too, these
    cubes are much larger than those the page needs otherwise.
    """
    times = mq.request_time_cube(conn, event.id, registration_bucket_s(event), True)
    return (
        by_series(by_day(collapsed(_request_status(_read(times, SIDES))), event.zone)),
        by_minutes(collapsed(_request_status(_read(mq.pair_response_cube(conn, event.id), SIDES)))),
    )


def with_pairs(mm: MatchmakingCubes, pairs: tuple[pd.DataFrame, pd.DataFrame]) -> MatchmakingCubes:
    """The cubes with the pair cubes in place of the recipient-only ones."""
    over_time, responses = pairs
    return replace(mm, over_time=over_time, responses=responses)


def _responses(mm: MatchmakingCubes) -> pd.DataFrame:
    """Answered requests with a readable response time."""
    return mm.responses[mm.responses["minutes"].notna()]


def pair_mask(frame: pd.DataFrame, pair: Pair | None) -> pd.Series:
    """Rows whose requester and recipient hold the pair's two values."""
    if pair is None:
        return pd.Series(True, index=frame.index)
    dimension, requester, recipient = pair
    return (frame["req_" + dimension] == requester) & (frame["rec_" + dimension] == recipient)


def requests_kept(cubes: EventCubes, filters: flt.Filters, pair: Pair | None) -> pd.DataFrame:
    """Requests whose recipient matches the filters, between the pair's two sides if given."""
    requests = metrics.requests_for(cubes, filters)
    return requests[pair_mask(requests, pair)]


def summary(
    cubes: EventCubes, mm: MatchmakingCubes, filters: flt.Filters, pair: Pair | None
) -> dict[str, object]:
    """metrics.matchmaking_summary narrowed to the pair (unreadable response times left out),
    with the counts behind the cross-border and cross-sector shares."""
    narrowed = cubes  # the summary leaves unreadable response times out itself
    if pair is not None:
        requests, responses = cubes.requests, _responses(mm)
        requests = requests[pair_mask(requests, pair)]
        narrowed = replace(
            cubes,
            requests=requests,
            received=requests_received(requests),
            accepted=requests_accepted(requests),
            response_times=responses[pair_mask(responses, pair)],
        )
    return metrics.matchmaking_summary(narrowed, filters, counts=True)


def per_participant(mm: MatchmakingCubes, filters: flt.Filters) -> dict[str, object]:
    """Accepted meetings per active opted-in participant: median, none, two or more."""
    rows = mm.meetings
    opted_in = (rows["opt_in"].astype(int) == 1).to_numpy()
    kept = np.flatnonzero(
        flt.mask(rows, filters) & flt.one_of(rows["status"], vocab.ACTIVE) & opted_in
    )
    meetings, n = rows["meetings"].to_numpy()[kept], rows["n"].to_numpy()[kept]
    # Summed per number of meetings (those some row has), as groupby would.
    values, at = np.unique(meetings.astype(int), return_inverse=True)
    sums = np.zeros(len(values), dtype=np.int64)
    np.add.at(sums, at, n.astype(np.int64))
    counts = pd.Series(sums, index=pd.Index(values, name="meetings"), name="n")
    total = int(counts.sum())
    none, two_plus = int(counts.get(0, 0)), int(counts[counts.index >= 2].sum())
    return {
        "participants": total,
        "median": metrics.weighted_median(meetings, n),
        "none": none,
        "none_share": metrics.ratio(none, total),
        "two_plus": two_plus,
        "two_plus_share": metrics.ratio(two_plus, total),
        "distribution": counts,
    }


def funnel(figures: dict[str, object]) -> list[tuple[str, int]]:
    """The request funnel: requested, answered, accepted, held."""
    answered = int(figures["accepted"]) + int(figures["declined"])
    return [
        ("requested", int(figures["requests"])),
        ("answered", answered),
        ("accepted", int(figures["accepted"])),
        ("held", int(figures["held"])),
    ]


def acceptance_by(
    cubes: EventCubes, filters: flt.Filters, pair: Pair | None, dimension: str
) -> pd.DataFrame:
    """Accepted, declined, answered and the acceptance rate by the recipient's value.

    Rows with nothing answered are left out; the most answered come first.
    """
    if pair is None:  # the recipient's side is enough
        requests = cubes.received
        keep = flt.mask(requests, filters, "rec_")
    else:
        requests = requests_kept(cubes, filters, pair)
        keep = np.ones(len(requests), dtype=bool)
    keep = keep & flt.one_of(requests["status"], ANSWERED)
    summed = grouped.sums(requests, ["rec_" + dimension, "status"], keep)
    # A few rows: plain dictionaries (pandas' unstack, reindex and sort took 1.5 ms).
    counts = grouped.by_row(summed, ANSWERED)
    rows = [
        (v, c["accepted"], c["declined"], c["accepted"] + c["declined"]) for v, c in counts.items()
    ]
    rows.sort(key=lambda row: (-row[3], row[0]))
    return pd.DataFrame(
        {
            "value": [row[0] for row in rows],
            "accepted": np.array([row[1] for row in rows], dtype=np.int64),
            "declined": np.array([row[2] for row in rows], dtype=np.int64),
            "answered": np.array([row[3] for row in rows], dtype=np.int64),
            "rate": np.array([row[1] / row[3] if row[3] else np.nan for row in rows], dtype=float),
        }
    )


def flows(cubes: EventCubes, filters: flt.Filters, dimension: str) -> pd.DataFrame:
    """Accepted meetings, requester's value (rows) by recipient's value (columns).

    A filter keeps a meeting whose requester or recipient matches. Values are ordered by
    their meetings on both sides, most first; Unknown and Other come last.
    """
    requests, sides, keep = cubes.accepted, ["req_" + dimension, "rec_" + dimension], None
    if not filters.is_empty():
        keep = flt.mask(requests, filters, "req_") | flt.mask(requests, filters, "rec_")
    # A few hundred cells at most: plain dictionaries (pandas' unstack and reindex of
    # them cost a millisecond of each matrix).
    cells, totals = {}, defaultdict(int)
    for (requester, recipient), n in grouped.sums(requests, sides, keep).items():
        cells[requester, recipient] = int(n)
        totals[requester] += int(n)
        totals[recipient] += int(n)
    order = sorted(totals, key=lambda v: (v in (vocab.UNKNOWN, vocab.OTHER), -totals[v], v))
    at = {value: i for i, value in enumerate(order)}
    data = np.zeros((len(order), len(order)), dtype=np.int64)
    for (requester, recipient), n in cells.items():
        data[at[requester], at[recipient]] = n
    return pd.DataFrame(
        data,
        index=pd.Index(order, name="requester", dtype=object),
        columns=pd.Index(order, name="recipient", dtype=object),
    )


def over_time(mm: MatchmakingCubes, filters: flt.Filters, pair: Pair | None) -> pd.DataFrame:
    """Requests sent, accepted and declined per local day (the cube's dates, event_data.by_day):
    columns date and the three counts."""
    rows = mm.over_time
    keep = flt.mask(rows, filters, "rec_")
    if pair is not None:
        keep = keep & pair_mask(rows, pair).to_numpy()
    daily = grouped.sums(rows, ["date", "series"], keep)
    series = ["requested", *ANSWERED]
    if daily.empty:
        return pd.DataFrame(columns=["date", *series])
    # A few hundred days: plain dictionaries (pandas' unstack and reindex of them cost 1 ms).
    per_date = grouped.by_row(daily, series)
    dates = sorted(per_date)
    columns = {
        name: np.array([per_date[d][name] for d in dates], dtype=np.int64) for name in series
    }
    return pd.DataFrame({"date": pd.Series(dates, dtype=object), **columns})


def response_times(
    mm: MatchmakingCubes, filters: flt.Filters, pair: Pair | None
) -> tuple[pd.DataFrame, int]:
    """Answered requests by response-time bin (columns key, n), and how many were left out.

    Left out: answers before the request (unreadable times never reach the cubes' minutes).
    """
    rows = mm.responses
    minutes = rows["minutes"].to_numpy(dtype=float)
    keep = flt.mask(rows, filters, "rec_") & flt.one_of(rows["status"], ANSWERED)
    keep &= ~np.isnan(minutes)
    if pair is not None:
        keep &= pair_mask(rows, pair).to_numpy()
    kept = np.flatnonzero(keep)  # a filter keeps a few of 482,000 rows at a million
    minutes, counts = minutes[kept], rows["n"].to_numpy()[kept]
    left_out = int(counts[minutes < 0].sum())
    if not metrics.in_order(minutes):  # the cubes keep them in order (event_data.by_minutes)
        order = np.argsort(minutes, kind="stable")
        minutes, counts = minutes[order], counts[order]
    # In order of minutes a bin is a run of rows: its count is a difference of running sums.
    bounds = np.searchsorted(minutes, np.asarray(RESPONSE_BINS, dtype=float), side="left")
    running = np.concatenate([[0], np.cumsum(counts)])
    per_bin = (running[bounds[1:]] - running[bounds[:-1]]).astype(int)
    return pd.DataFrame({"key": list(RESPONSE_KEYS), "n": per_bin}), left_out


def problems(cubes: EventCubes, mm: MatchmakingCubes) -> dict[str, int]:
    """The matchmaking rows that the figures leave out or cannot fully read, by kind."""
    found = dict(mm.problems)
    found["status_unknown"] = int(
        cubes.requests.loc[cubes.requests["status"] == vocab.UNKNOWN_STATUS, "n"].sum()
    )
    return found
