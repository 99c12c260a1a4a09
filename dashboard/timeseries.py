"""Figures over time: registrations by day, check-ins by day and hour."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from dashboard import filters as flt
from dashboard.event_data import EventCubes, Registrations, local_dates, local_times
from dashboard.vocab import ACTIVE


def by_local_date(rows: pd.DataFrame, zone: dt.tzinfo, by: tuple[str, ...] = ()) -> pd.Series:
    """`n` summed per local date of the rows' time buckets (and per the columns `by`).

    Summed per bucket first: a cube has a row per bucket and kind of person, and turning
    each row's time into a local date took most of a click at 100,000 participants.
    """
    per_bucket = rows.groupby(["bucket", *by])["n"].sum().reset_index()
    per_bucket["date"] = local_dates(per_bucket["bucket"], zone).to_numpy()
    return per_bucket.groupby(["date", *by])["n"].sum()


def registrations_by_day(cubes: EventCubes | Registrations, filters: flt.Filters) -> pd.DataFrame:
    """Active participants by local registration date: columns date, n, cumulative, days_before."""
    reg = flt.apply(cubes.registrations, filters)
    reg = reg[flt.one_of(reg["status"], ACTIVE) & reg["bucket"].notna().to_numpy()]
    if reg.empty:
        return pd.DataFrame(columns=["date", "n", "cumulative", "days_before"])
    daily = by_local_date(reg, cubes.event.zone).sort_index()
    frame = pd.DataFrame({"date": daily.index, "n": daily.to_numpy().astype(int)})
    frame["cumulative"] = frame["n"].cumsum()
    frame["days_before"] = [(cubes.event.starts_on - d).days for d in frame["date"]]
    return frame


def checkins_by_day(cubes: EventCubes, filters: flt.Filters) -> pd.DataFrame:
    """Active participants checked in on each event day (first scan that day): date, n."""
    scans = flt.apply(cubes.first_scans, filters)
    scans = scans[flt.one_of(scans["status"], ACTIVE)]
    per_day = scans.groupby("day")["n"].sum()
    days = cubes.event.days()
    return pd.DataFrame({"date": days, "n": [int(per_day.get(i, 0)) for i in range(len(days))]})


def arrivals(cubes: EventCubes, filters: flt.Filters, width_min: int = 60) -> pd.DataFrame:
    """First arrivals of each day by local time bucket: columns start (local), day, n."""
    scans = flt.apply(cubes.first_scans, filters)
    scans = scans[flt.one_of(scans["status"], ACTIVE) & scans["bucket"].notna().to_numpy()]
    if scans.empty:
        return pd.DataFrame(columns=["start", "day", "n"])
    per_bucket = scans.groupby(["bucket", "day"])["n"].sum().reset_index()
    local = local_times(per_bucket["bucket"], cubes.event.zone).dt.floor(f"{width_min}min")
    grouped = per_bucket.assign(start=local.to_numpy()).groupby(["start", "day"])["n"].sum()
    frame = grouped.reset_index()
    frame.columns = ["start", "day", "n"]
    return frame.sort_values("start").reset_index(drop=True)
