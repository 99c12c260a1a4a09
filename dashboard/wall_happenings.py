"""The wall's line of recent happenings, always in aggregate form: the wall is in a public room."""

from __future__ import annotations

import pandas as pd

from dashboard import metrics
from dashboard.event_data import EventCubes
from dashboard.wall_matchmaking import place_rounds, rounds_of_day
from dashboard.wall_model import Moment, WallCubes, hhmm, shown_day, utc
from dashboard.wall_panels import recent_arrivals, registered_today

SMALL_MILESTONES = (10, 25, 50)
RECENT_S = 3600
SOON_S = 30 * 60
MAX_HAPPENINGS = 4
MAX_FULL_WORKSHOPS = 2
TITLE_CHARS = 40


def milestone(total: int) -> int | None:
    """The last round number passed: 10, 25, 50, then every hundred."""
    if total >= 100:
        return total // 100 * 100
    passed = [m for m in SMALL_MILESTONES if m <= total]
    return passed[-1] if passed else None


def milestone_reached_at(answers: pd.DataFrame, target: int) -> float | None:
    """When the target-th acceptance came in (epoch seconds of its minute), if known."""
    per_minute = answers.groupby("bucket")["n"].sum().sort_index()
    reached = per_minute[per_minute.cumsum() >= target]
    return float(reached.index[0]) if len(reached) else None


def _plural(at: Moment, key: str, n: int) -> str:
    return at.t(f"{key}.one" if n == 1 else key, n=at.n(n))


def _short(title: str) -> str:
    return title if len(title) <= TITLE_CHARS else title[: TITLE_CHARS - 1].rstrip() + "…"


def _milestone(wall: WallCubes, at: Moment) -> list[str]:
    target = milestone(int(wall.answers["n"].sum()))
    if target is None:
        return []
    reached = milestone_reached_at(wall.answers, target)
    if reached is None or reached < at.now.timestamp() - RECENT_S:
        return []
    return [at.t("wall.happening.milestone", n=at.n(target))]


def _full_workshops(workshops: list[metrics.WorkshopFigures], at: Moment) -> list[str]:
    coming = [w for w in workshops if utc(w.starts_at) > at.now and 0 < w.capacity <= w.booked]
    coming.sort(key=lambda w: (w.starts_at, w.id))
    return [at.t("wall.happening.full", title=_short(w.title)) for w in coming[:MAX_FULL_WORKSHOPS]]


def _next_round(cubes: EventCubes, wall: WallCubes, at: Moment, index: int) -> list[str]:
    coming = place_rounds(rounds_of_day(wall, cubes, index), at.now).next
    if coming is None or coming.start - at.now.timestamp() > SOON_S:
        return []
    time = hhmm(coming.start, cubes.event)
    return [at.t("wall.happening.next_round", time=time, n=at.n(coming.scheduled))]


def happenings(
    cubes: EventCubes,
    wall: WallCubes,
    workshops: list[metrics.WorkshopFigures],
    at: Moment,
) -> tuple[str, ...]:
    """What just happened, most telling first, in counts and titles only."""
    index, is_today = shown_day(cubes.event, at.now)
    items: list[str] = []
    arrived = recent_arrivals(wall, at.now) if is_today else 0
    if arrived:
        items.append(_plural(at, "wall.happening.arrivals", arrived))
    items += _milestone(wall, at)
    items += _full_workshops(workshops, at)
    if is_today:
        items += _next_round(cubes, wall, at, index)
    registered = registered_today(cubes, at.now)
    if registered:
        items.append(_plural(at, "wall.happening.registrations", registered))
    return tuple(items[:MAX_HAPPENINGS])
