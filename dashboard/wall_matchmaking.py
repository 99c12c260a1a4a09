"""The wall's matchmaking panel: the meeting rounds of the day, and how matchmaking goes."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

from dashboard import i18n, metrics, wall_figures
from dashboard.event_data import EventCubes
from dashboard.wall_model import (
    EVERYONE,
    Moment,
    Number,
    Panel,
    WallCubes,
    day_bounds,
    hhmm,
    shown_day,
)

DEFAULT_ROUND_S = 30 * 60
ROUND_LIMITS_S = (5 * 60, 2 * 3600)


@dataclass(frozen=True)
class Round:
    """A meeting round: its start (epoch seconds), meetings scheduled and meetings held."""

    start: int
    scheduled: int
    held: int


@dataclass(frozen=True)
class Rounds:
    """The rounds of a day, and which of them is the last, the current and the next one."""

    all: tuple[Round, ...]
    last: Round | None
    current: Round | None
    next: Round | None


def rounds_of_day(wall: WallCubes, cubes: EventCubes, index: int) -> list[Round]:
    """Accepted meetings per slot on one event day, in time order."""
    begin, end = day_bounds(cubes.event, index)
    slots = wall.slots[(wall.slots["slot"] >= begin) & (wall.slots["slot"] < end)]
    result = []
    for start, group in slots.groupby("slot", sort=True):
        held = int(group.loc[group["held"].eq(1), "n"].sum())
        result.append(Round(int(start), int(group["n"].sum()), held))
    return result


def round_length(rounds: list[Round]) -> int:
    """The shortest gap between two rounds (30 minutes when unknown), within sane limits."""
    gaps = [b.start - a.start for a, b in itertools.pairwise(rounds)]
    gaps = [g for g in gaps if g > 0]
    low, high = ROUND_LIMITS_S
    return min(max(min(gaps), low), high) if gaps else DEFAULT_ROUND_S


def place_rounds(rounds: list[Round], now: dt.datetime) -> Rounds:
    """Which round is over, under way and coming at a moment."""
    moment, length = now.timestamp(), round_length(rounds)
    last = [r for r in rounds if r.start + length <= moment]
    current = [r for r in rounds if r.start <= moment < r.start + length]
    coming = [r for r in rounds if r.start > moment]
    return Rounds(
        tuple(rounds),
        last[-1] if last else None,
        current[-1] if current else None,
        coming[0] if coming else None,
    )


def _round_numbers(placed: Rounds, cubes: EventCubes, at: Moment) -> tuple[Number, Number]:
    event = cubes.event
    if placed.current is not None:
        now = Number(
            "round-now",
            at.t("wall.matchmaking.round_now", time=hhmm(placed.current.start, event)),
            at.n(placed.current.scheduled),
            at.t("wall.matchmaking.at_tables"),
        )
    elif placed.next is not None:
        now = Number(
            "round-now",
            at.t("wall.matchmaking.round_next", time=hhmm(placed.next.start, event)),
            at.n(placed.next.scheduled),
            at.t("wall.matchmaking.scheduled"),
        )
    else:
        now = Number(
            "round-now", at.t("wall.matchmaking.round"), "–", at.t("wall.matchmaking.over")
        )
    if placed.last is None:
        last = Number(
            "round-last", at.t("wall.matchmaking.last"), "–", at.t("wall.matchmaking.none_yet")
        )
    else:
        last = Number(
            "round-last",
            at.t("wall.matchmaking.last_at", time=hhmm(placed.last.start, event)),
            f"{at.n(placed.last.held)} / {at.n(placed.last.scheduled)}",
            at.t("wall.matchmaking.held_of"),
        )
    return now, last


def _summary_numbers(cubes: EventCubes, at: Moment) -> tuple[Number, ...]:
    summary = metrics.matchmaking_summary(cubes, EVERYONE)
    return (
        Number(
            "acceptance",
            at.t("wall.matchmaking.acceptance"),
            i18n.fmt_pct(summary["acceptance_rate"], at.lang),
            at.t("wall.matchmaking.answered", n=at.n(summary["accepted"] + summary["declined"])),
        ),
        Number(
            "cross-border",
            at.t("wall.matchmaking.cross_border"),
            i18n.fmt_pct(summary["cross_border_share"], at.lang),
            at.t("wall.matchmaking.of_accepted"),
        ),
        Number(
            "requests",
            at.t("wall.matchmaking.requests"),
            at.n(summary["requests"]),
            at.t("wall.matchmaking.pending", n=at.n(summary["pending"])),
        ),
    )


def matchmaking_panel(cubes: EventCubes, wall: WallCubes, at: Moment) -> Panel:
    """The meeting rounds of the day, acceptance and cross-border share."""
    index, is_today = shown_day(cubes.event, at.now)
    rounds = rounds_of_day(wall, cubes, index)
    placed = place_rounds(rounds, at.now)
    day_label = (
        at.t("wall.matchmaking.today")
        if is_today
        else at.t("wall.matchmaking.on_day", date=i18n.fmt_date(cubes.event.days()[index], at.lang))
    )
    numbers = (
        *_round_numbers(placed, cubes, at),
        Number(
            "meetings-day",
            day_label,
            f"{at.n(sum(r.held for r in rounds))} / {at.n(sum(r.scheduled for r in rounds))}",
            at.t("wall.matchmaking.held_of"),
        ),
        *_summary_numbers(cubes, at),
    )
    chart = wall_figures.rounds_figure(
        [(hhmm(r.start, cubes.event), r.scheduled, r.held) for r in rounds],
        (at.t("wall.matchmaking.legend.scheduled"), at.t("wall.matchmaking.legend.held")),
        at.screen,
        at.separators,
        at.t("wall.matchmaking.no_rounds"),
    )
    return Panel(
        "matchmaking",
        at.t("wall.panel.matchmaking"),
        numbers,
        chart_title=at.t("wall.matchmaking.per_round"),
        chart=chart,
    )
