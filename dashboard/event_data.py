"""The aggregates of one event at one data version, read as metrics.md says."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np
import pandas as pd
import sqlalchemy as sa

from dashboard import organisations, vocab
from data import queries

log = logging.getLogger(__name__)

ARRIVAL_BUCKET_S = 900
SIDES = ("req_", "rec_")
# The raw person columns: once read into country, sector and org_type they only split rows.
RAW_COLUMNS = ("p_country", "o_country", "sector_raw", "type_raw", "org_missing")
# The read text columns: a few distinct values repeated over every row of a cube.
TEXT_COLUMNS = ("country", "sector", "org_type", "status", "role", "booking_status", "kind")


@dataclass(frozen=True)
class Event:
    """An event row, with its zone resolved."""

    id: int
    name: str
    starts_on: dt.date
    ends_on: dt.date
    city: str | None
    timezone: str

    @property
    def zone(self) -> ZoneInfo:
        """The zone in which the event's times are shown."""
        return zone_or_utc(self.timezone)

    def days(self) -> list[dt.date]:
        """The event's dates, first to last."""
        count = max((self.ends_on - self.starts_on).days, 0) + 1
        return [self.starts_on + dt.timedelta(days=i) for i in range(count)]

    def day_starts(self) -> list[int]:
        """UTC epoch seconds at which each local day begins, and the end of the last."""
        dates = [*self.days(), self.days()[-1] + dt.timedelta(days=1)]
        return [int(dt.datetime.combine(d, dt.time(), self.zone).timestamp()) for d in dates]

    def as_json(self) -> dict[str, object]:
        """The event as the API shows it."""
        return {
            "id": self.id,
            "name": self.name,
            "starts_on": self.starts_on.isoformat(),
            "ends_on": self.ends_on.isoformat(),
            "city": self.city,
            "timezone": self.timezone,
        }


def zone_or_utc(name: str | None) -> ZoneInfo:
    """The IANA zone named, or UTC when the name is not a zone."""
    try:
        return ZoneInfo((name or "").strip() or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def events_from_frame(frame: pd.DataFrame) -> list[Event]:
    """Events from the events query, skipping rows whose dates cannot be read."""
    result = []
    for row in frame.itertuples(index=False):
        try:
            starts, ends = _date(row.starts_on), _date(row.ends_on)
        except ValueError:
            log.warning("event %s has unreadable dates; left out", row.id)
            continue
        tz = row.timezone if isinstance(row.timezone, str) else "UTC"
        city = row.city if isinstance(row.city, str) else None
        result.append(Event(int(row.id), str(row.name), starts, max(ends, starts), city, tz))
    return result


def registration_bucket_s(event: Event) -> int:
    """Hour buckets where the zone is a whole number of hours from UTC, else quarters."""
    noon = dt.datetime.combine(event.starts_on, dt.time(12), event.zone)
    offset = noon.utcoffset() or dt.timedelta()
    return 3600 if offset.total_seconds() % 3600 == 0 else 900


@dataclass(frozen=True)
class EventCubes:
    """Read aggregates of one event: every figure of every page comes from these."""

    event: Event
    people: pd.DataFrame
    organisations: pd.DataFrame
    registrations: pd.DataFrame
    first_scans: pd.DataFrame
    requests: pd.DataFrame
    response_times: pd.DataFrame
    workshops: pd.DataFrame
    bookings: pd.DataFrame
    read_at: dt.datetime
    # The requests by the recipient's side only (requests_received): what the figures that
    # read one side sum. At a million participants 8,690 rows instead of 391,965.
    received: pd.DataFrame
    # The accepted requests by both sides' person columns only (requests_accepted): the
    # meetings between values and across borders. At a million 142,159 rows of seven.
    accepted: pd.DataFrame
    # Organisations represented for no filter and each single value (organisations.by_value).
    organisation_counts: dict[organisations.Key, tuple[int, int]]


def _people(cube: pd.DataFrame, prefix: str = "") -> pd.DataFrame:
    """Read a cube's person columns and its status; drop rows with a dangling organisation."""
    read = vocab.read_people(cube, prefix)
    return read[read[prefix + "org_missing"].astype(int) == 0].reset_index(drop=True)


def _with_status(cube: pd.DataFrame, column: str = "status", vocabulary=vocab.STATUSES):
    out = cube.copy()
    out[column] = vocab.mapped(cube[column], lambda raw: vocab.read_status(raw, vocabulary))
    return out


def _unprefixed(column: str) -> str:
    """A cube column's name without the requester's or recipient's prefix."""
    for side in SIDES:
        column = column.removeprefix(side)
    return column


def _categorical(cube: pd.DataFrame) -> pd.DataFrame:
    """Store the read text columns as categories, both sides of a request sharing theirs.

    Shared categories let a requester's value be compared with the recipient's (req != rec);
    categories of different columns could not be.
    """
    out = cube.copy()
    for name in TEXT_COLUMNS:
        columns = [c for c in cube.columns if _unprefixed(c) == name]
        values = set().union(*(cube[c].dropna().unique() for c in columns))
        for column in columns:
            out[column] = pd.Categorical(cube[column], categories=sorted(values))
    return out


def narrowed(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with each 64-bit integer column (counts, ids) as 32 bits where its values fit.

    A worker keeps the cubes for as long as the data stays the same: at a million
    participants the organisations' cube alone holds 880,000 rows of an id and a count,
    and halving them kept the worker under its 300 MB at rest.
    """
    small = np.iinfo(np.int32)
    fitting = [
        column
        for column, values in frame.items()
        if values.dtype == np.int64
        and not values.empty
        and small.min <= values.min()
        and values.max() <= small.max
    ]
    return frame.astype(dict.fromkeys(fitting, np.int32)) if fitting else frame


def collapsed(cube: pd.DataFrame) -> pd.DataFrame:
    """A read cube without its raw columns, rows that read alike summed, text as categories.

    The cubes are cached, in each worker and pickled in Redis: the raw values split rows
    the figures never tell apart, and text repeated on every row costs far more than a
    category's code (at 100,000 participants, 9 MB instead of 267 MB).
    """
    read = cube.drop(columns=[c for c in cube.columns if _unprefixed(c) in RAW_COLUMNS])
    keys = [c for c in read.columns if c != "n"]
    return narrowed(_categorical(summed_to(read, keys)[list(read.columns)]))


def _read_cubes(conn: sa.Connection, event: Event) -> dict[str, pd.DataFrame]:
    """Run the event's aggregate queries and read their values (raw columns still there)."""
    people = _with_status(_people(queries.participant_cube(conn, event.id)))
    people["role"] = vocab.mapped(people["role"], vocab.read_role)
    requests = queries.request_cube(conn, event.id)
    requests = _with_status(
        _people(_people(requests, "req_"), "rec_"), "status", vocab.REQUEST_STATUSES
    )
    responses = _people(queries.response_time_cube(conn, event.id), "rec_")
    responses = responses[responses["req_org_missing"].astype(int) == 0]
    bookings = _with_status(_people(queries.booking_cube(conn, event.id)))
    scans = queries.first_scan_cube(conn, event.id, event.day_starts(), ARRIVAL_BUCKET_S)
    return {
        "people": people,
        "organisations": _with_status(_people(queries.organisation_cube(conn, event.id))),
        "first_scans": _with_status(_people(scans)),
        "requests": requests,
        "response_times": _with_status(responses, "status", vocab.REQUEST_STATUSES),
        "bookings": _with_status(bookings, "booking_status", vocab.BOOKING_STATUSES),
    }


def summed_to(cube: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """The cube's n summed over every column but `keys` (missing values a group too)."""
    grouped = cube.groupby(keys, dropna=False, sort=False, observed=True)["n"].sum()
    return grouped.reset_index()[[*keys, "n"]]


def requests_received(requests: pd.DataFrame) -> pd.DataFrame:
    """A request cube summed over the requester's columns: the recipient's side only."""
    keys = [c for c in requests.columns if c != "n" and not c.startswith("req_")]
    return summed_to(requests, keys)


def requests_accepted(requests: pd.DataFrame) -> pd.DataFrame:
    """The accepted requests of a request cube, summed over all but both sides' person
    columns (which the figures of meetings between values read)."""
    keys = [c for c in requests.columns if c.startswith(("req_", "rec_"))]
    return summed_to(requests[requests["status"] == "accepted"], keys)


def local_times(buckets: pd.Series, zone: dt.tzinfo) -> pd.Series:
    """The local time of each time bucket (epoch seconds)."""
    return pd.to_datetime(buckets.astype("int64"), unit="s", utc=True).dt.tz_convert(zone)


def local_dates(buckets: pd.Series, zone: dt.tzinfo) -> pd.Series:
    """The local date of each time bucket (epoch seconds)."""
    return local_times(buckets, zone).dt.date


def by_day(cube: pd.DataFrame, zone: dt.tzinfo) -> pd.DataFrame:
    """A cube of time buckets with each bucket replaced by the first bucket of its local
    day, rows that then read alike summed, and that day as a column `date` (a category,
    in date order): for the figures that show days, which sum the rows a click keeps by
    the date's code.

    At a million participants: registrations 125,693 rows instead of about 420,000,
    requests over time 130,896 instead of about 740,000.
    """
    buckets = pd.Series(cube["bucket"].dropna().unique())
    if buckets.empty:
        return cube.assign(date=pd.Categorical([None] * len(cube)))
    dates = local_dates(buckets, zone).to_numpy()
    first = buckets.groupby(dates).transform("min")
    out = cube.copy()
    out["bucket"] = cube["bucket"].map(dict(zip(buckets, first, strict=True)))
    out = collapsed(out)
    out["date"] = pd.Categorical(out["bucket"].map(dict(zip(first, dates, strict=True))))
    return out


def by_minutes(responses: pd.DataFrame) -> pd.DataFrame:
    """A response-time cube in the order of its minutes (unreadable last).

    A median sorts the minutes of the rows a filter keeps: rows already in order (and
    what a filter keeps of them still is) cost a stable sort one pass instead of 16 ms
    at a million participants.
    """
    return responses.sort_values("minutes", kind="stable").reset_index(drop=True)


def _registrations(conn: sa.Connection, event: Event) -> pd.DataFrame:
    """The registration cube at the level the figures read: one bucket per local day."""
    cube = queries.registration_cube(conn, event.id, registration_bucket_s(event))
    return narrowed(by_day(collapsed(_with_status(_people(cube))), event.zone))


@dataclass(frozen=True)
class Registrations:
    """An event's registrations alone, read as in its cubes: another edition's curve."""

    event: Event
    registrations: pd.DataFrame


def load_registrations(conn: sa.Connection, event: Event) -> Registrations:
    """The registrations of an event, without its other cubes (one query of seven)."""
    return Registrations(event, _registrations(conn, event))


def load_event(conn: sa.Connection, event: Event) -> EventCubes:
    """The event's read aggregates, each kept at the level the figures read."""
    cubes = {name: collapsed(cube) for name, cube in _read_cubes(conn, event).items()}
    cubes["response_times"] = by_minutes(cubes["response_times"])
    cubes["registrations"] = _registrations(conn, event)
    return EventCubes(
        event=event,
        **cubes,
        workshops=queries.workshops_frame(conn, event.id),
        read_at=dt.datetime.now(dt.UTC),
        received=narrowed(requests_received(cubes["requests"])),
        accepted=narrowed(requests_accepted(cubes["requests"])),
        organisation_counts=organisations.by_value(cubes["organisations"]),
    )
