"""Figures over time: registrations by day, check-ins by day and hour."""

from __future__ import annotations

import pandas as pd

from dashboard import filters as flt
from dashboard import grouped
from dashboard.event_data import EventCubes, Registrations, local_times
from dashboard.vocab import ACTIVE


def registrations_by_day(cubes: EventCubes | Registrations, filters: flt.Filters) -> pd.DataFrame:
    """Active participants by local registration date: columns date, n, cumulative, days_before.

    The cube carries each row's local date (event_data.by_day): the rows kept are summed
    by its code.
    """
    reg = cubes.registrations
    keep = flt.mask(reg, filters) & flt.one_of(reg["status"], ACTIVE)
    daily = grouped.sums(reg, ["date"], keep).sort_index()  # categories in date order
    if daily.empty:
        return pd.DataFrame(columns=["date", "n", "cumulative", "days_before"])
    frame = pd.DataFrame({"date": list(daily.index), "n": daily.to_numpy().astype(int)})
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
