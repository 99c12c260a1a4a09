"""Every figure of metrics.md, computed from an event's read aggregates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from dashboard import filters as flt
from dashboard import grouped, organisations
from dashboard.event_data import EventCubes
from dashboard.vocab import ACTIVE, OTHER, UNKNOWN


def ratio(numerator: float, denominator: float) -> float | None:
    """A rate, or None where metrics.md calls it undefined (nothing to divide by)."""
    return None if not denominator else round(float(numerator) / float(denominator), 4)


# The last few active_people results, by cube and filters: one page's figures ask for the
# same rows a dozen times (2 ms each at 100,000). Held with their cube, so that an id that
# Python gives again to a new cube cannot return another cube's rows.
_ACTIVE: dict[tuple[int, flt.Filters], tuple[pd.DataFrame, pd.DataFrame]] = {}
_ACTIVE_KEPT = 16


def active_people(cubes: EventCubes, filters: flt.Filters) -> pd.DataFrame:
    """The people cube restricted to active participants matching the filters (read-only)."""
    key = (id(cubes.people), filters)
    kept = _ACTIVE.get(key)
    if kept is not None and kept[0] is cubes.people:
        return kept[1]
    people = flt.apply(cubes.people, filters)
    active = people[flt.one_of(people["status"], ACTIVE)]
    if len(_ACTIVE) >= _ACTIVE_KEPT:
        _ACTIVE.clear()
    _ACTIVE[key] = (cubes.people, active)
    return active


def day_index(cubes: EventCubes, day: dt.date | None) -> int | None:
    """The index of a date among the event's days, or None when it is not one of them."""
    days = cubes.event.days()
    return days.index(day) if day in days else None


def checked_in(cubes: EventCubes, filters: flt.Filters, day: dt.date | None = None) -> int:
    """Active participants with a badge scan (on the day, in the event's zone, if given)."""
    if day is None:
        people = active_people(cubes, filters)
        return int(people.loc[people["checked_in"].astype(int) == 1, "n"].sum())
    index = day_index(cubes, day)
    scans = flt.apply(cubes.first_scans, filters)
    scans = scans[scans["status"].isin(ACTIVE) & (scans["day"] == index)]
    return int(scans["n"].sum()) if index is not None else 0


def breakdown(cubes: EventCubes, filters: flt.Filters, dimension: str) -> pd.Series:
    """Active participants by one attribute, largest first, zero counts left out."""
    people = active_people(cubes, filters)
    counts = grouped.sums(people, [dimension])
    counts = counts[counts > 0].astype(int)
    return counts.sort_values(ascending=False, kind="stable")


def organisations_represented(cubes: EventCubes, filters: flt.Filters) -> tuple[int, int]:
    """Distinct organisations among active participants, and how many are clusters: kept
    per data version for no filter and each single value (EventCubes.organisation_counts)."""
    found = organisations.key(filters)
    if found is not None and found in cubes.organisation_counts:
        return cubes.organisation_counts[found]
    return organisations.represented(cubes.organisations, filters)


def participant_summary(
    cubes: EventCubes, filters: flt.Filters, day: dt.date | None = None
) -> dict[str, object]:
    """The participant figures of the API and the KPI tiles."""
    people = flt.apply(cubes.people, filters)
    by_status = people.groupby("status")["n"].sum()
    active = active_people(cubes, filters)
    organisations, clusters = organisations_represented(cubes, filters)
    by_country = breakdown(cubes, filters, "country")
    return {
        "active": int(active["n"].sum()),
        "confirmed": int(by_status.get("confirmed", 0)),
        "waitlisted": int(by_status.get("waitlisted", 0)),
        "cancelled": int(by_status.get("cancelled", 0)),
        "unknown_status": int(by_status.get("unknown", 0)),
        "checked_in": checked_in(cubes, filters, day),
        "countries": int((by_country.index != UNKNOWN).sum()),
        "organisations": organisations,
        "clusters": clusters,
        "by_country": by_country.to_dict(),
        "by_sector": breakdown(cubes, filters, "sector").to_dict(),
        "by_org_type": breakdown(cubes, filters, "org_type").to_dict(),
    }


def weighted_median(values: ArrayLike, weights: ArrayLike) -> float | None:
    """The median of values repeated by their weights, or None when there are none.

    Values already in ascending order (the response-time cubes keep theirs so) are not
    sorted again.
    """
    values, weights = np.asarray(values, dtype=float), np.asarray(weights)
    readable = ~np.isnan(values)  # a time that cannot be read has no duration
    if not readable.all():
        values, weights = values[readable], weights[readable]
    total = int(weights.sum())
    if total <= 0:
        return None
    if not in_order(values):
        order = np.argsort(values, kind="stable")
        values, weights = values[order], weights[order]
    cumulative = np.cumsum(weights)
    lower = values[np.searchsorted(cumulative, (total + 1) // 2)]
    upper = values[np.searchsorted(cumulative, total // 2 + 1)]
    return float((lower + upper) / 2)


def in_order(values: np.ndarray) -> bool:
    """Whether the (readable) values are in ascending order."""
    return bool((values[1:] >= values[:-1]).all())


def crossing(
    accepted: pd.DataFrame, column: str, excluded: tuple[str, ...], keep: np.ndarray | None = None
) -> tuple[int, int]:
    """Accepted meetings across two different known values, and those with both known
    (of the rows kept, when given)."""
    req, rec = accepted["req_" + column], accepted["rec_" + column]
    known = ~flt.one_of(req, excluded) & ~flt.one_of(rec, excluded)
    if keep is not None:
        known &= keep
    across = known & _differ(req, rec)
    n = accepted["n"].to_numpy()
    return int(n[across].sum()), int(n[known].sum())


def _differ(left: pd.Series, right: pd.Series) -> np.ndarray:
    """left != right as an array; two category columns of the same categories by their
    codes (a missing value differs from everything, as pandas compares)."""
    same_categories = (
        isinstance(left.dtype, pd.CategoricalDtype)
        and isinstance(right.dtype, pd.CategoricalDtype)
        and left.cat.categories.equals(right.cat.categories)
    )
    if not same_categories:
        return (left != right).to_numpy()
    lc, rc = left.cat.codes.to_numpy(), right.cat.codes.to_numpy()
    return (lc != rc) | (lc < 0) | (rc < 0)


def requests_for(cubes: EventCubes, filters: flt.Filters) -> pd.DataFrame:
    """Requests kept by a filter: those whose recipient matches (metrics.md)."""
    return flt.apply(cubes.requests, filters, "rec_")


def matchmaking_summary(
    cubes: EventCubes, filters: flt.Filters, counts: bool = False
) -> dict[str, object]:
    """The matchmaking figures of the API and the KPI tiles; with `counts`, also the counts
    behind the cross-border and cross-sector shares (cross_border_counts, ...)."""
    received = cubes.received  # counts: the recipient's side
    chosen, status = flt.mask(received, filters, "rec_"), received["status"]
    n, held = received["n"].to_numpy(), received["held"].to_numpy()
    by_status = grouped.sums(received, ["status"], chosen)
    accepted, declined = int(by_status.get("accepted", 0)), int(by_status.get("declined", 0))
    total = int(n[chosen & ~flt.one_of(status, ("cancelled",))].sum())
    meetings = chosen & flt.one_of(status, ("accepted",))
    # The shares: both sides of the accepted requests whose recipient matches (of a cube
    # summed to both sides' person columns, 142,159 rows at a million participants).
    kept = None if filters.is_empty() else flt.mask(cubes.accepted, filters, "rec_")
    border = crossing(cubes.accepted, "country", (UNKNOWN,), kept)
    sector = crossing(cubes.accepted, "sector", (UNKNOWN, OTHER), kept)
    times = cubes.response_times
    answered = np.flatnonzero(
        flt.mask(times, filters, "rec_") & flt.one_of(times["status"], ("accepted", "declined"))
    )  # a few of 500,000 rows at a million participants: taken before anything else
    median_minutes = weighted_median(
        times["minutes"].to_numpy(dtype=float)[answered], times["n"].to_numpy()[answered]
    )
    figures = {
        "requests": total,
        "accepted": accepted,
        "declined": declined,
        "pending": int(by_status.get("pending", 0)),
        "acceptance_rate": ratio(accepted, accepted + declined),
        "response_rate": ratio(accepted + declined, total),
        "median_response_hours": None if median_minutes is None else round(median_minutes / 60, 2),
        "cross_border_share": ratio(*border),
        "cross_sector_share": ratio(*sector),
        "held": int(n[meetings & (held == 1)].sum()),
        "no_shows": int(n[meetings & (held == 0)].sum()),
    }
    if counts:
        figures |= {"cross_border_counts": border, "cross_sector_counts": sector}
    return figures


@dataclass(frozen=True)
class WorkshopFigures:
    """One workshop's booking figures."""

    id: int
    title: str
    starts_at: dt.datetime
    capacity: int
    booked: int
    waitlisted: int
    attended: int

    @property
    def fill_level(self) -> float | None:
        """Booked over capacity; None for a workshop with no seats."""
        return ratio(self.booked, self.capacity)

    @property
    def overbooked(self) -> bool:
        """More bookings than seats (a workshop with 0 seats and a booking too).

        A negative capacity, which the contract does not forbid, counts as no seats.
        """
        return self.booked > max(self.capacity, 0)


def workshop_figures(cubes: EventCubes, filters: flt.Filters) -> list[WorkshopFigures]:
    """Booking figures per workshop, by start time, counting active participants' bookings."""
    bookings = flt.apply(cubes.bookings, filters)
    bookings = bookings[flt.one_of(bookings["status"], ACTIVE)]
    # Plain dictionaries: a workshop's figures are looked up one by one below.
    grouped = bookings.groupby(["workshop_id", "booking_status"], observed=True)["n"].sum()
    counts = {key: int(n) for key, n in grouped.items()}
    attended = bookings[bookings["attended"] == 1].groupby("workshop_id")["n"].sum().to_dict()
    result = []
    for row in cubes.workshops.itertuples(index=False):
        result.append(
            WorkshopFigures(
                id=int(row.id),
                title=str(row.title),
                starts_at=pd.Timestamp(row.starts_at).to_pydatetime(),
                capacity=int(row.capacity),
                booked=counts.get((row.id, "booked"), 0),
                waitlisted=counts.get((row.id, "waitlisted"), 0),
                attended=int(attended.get(row.id, 0)),
            )
        )
    return result


def seats(workshops: list[WorkshopFigures]) -> tuple[int, int]:
    """Seats booked and seats in all, over the workshops given."""
    return sum(w.booked for w in workshops), sum(w.capacity for w in workshops)
