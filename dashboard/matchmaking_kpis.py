"""The matchmaking page's KPI tiles, and the scope that says how a role reads each count.

Officials see the "< 3" rule of metrics.md (dashboard/privacy.py) applied to requests and
meetings as to participants: a count is a cell of as many person attributes as the view
pins down. The who-meets-whom matrices always cross two (the requester's value and the
recipient's), so their cells of 1 or 2 meetings read "< 3"; a chosen pair pins both sides'
values, so every request count of the page then follows the rule; a filter adds its
dimension; the per-participant figures add the number of meetings. A rate is hidden where
it would tell a hidden count. Staff see exact counts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import replace as replaced
from functools import partial

from dashboard import definitions, i18n, privacy, views
from dashboard import matchmaking as mm
from dashboard import matchmaking_charts as charts
from dashboard.event_data import EventCubes
from dashboard.filters import Filters
from dashboard.i18n import t

KPI_DEFINITIONS = {
    "mm-requests": "matchmaking.requests",
    "mm-accepted": "matchmaking.accepted",
    "mm-declined": "matchmaking.declined",
    "mm-pending": "matchmaking.pending",
    "mm-acceptance": "matchmaking.acceptance_rate",
    "mm-response-rate": "matchmaking.response_rate",
    "mm-response-time": "matchmaking.median_response_time",
    "mm-held": "matchmaking.held",
    "mm-no-shows": "matchmaking.no_shows",
    "mm-cross-border": "matchmaking.cross_border_share",
    "mm-cross-sector": "matchmaking.cross_sector_share",
    "mm-per-participant": "matchmaking.meetings_per_participant",
    "mm-no-meeting": "matchmaking.meetings_per_participant",
    "mm-two-plus": "matchmaking.meetings_per_participant",
}


@dataclass(frozen=True)
class Scope:
    """What the page counts for one state and role, and the figures all charts share."""

    cubes: EventCubes
    extra: mm.MatchmakingCubes
    lang: str
    filters: Filters
    pair: mm.Pair | None
    role: str | None

    def attributes(self, *by: str) -> int:
        """How many person attributes a count broken down by `by` crosses in this view.

        A pair pins both sides' values. The per-participant figures ("meetings") count
        every meeting of the filtered participants, so the pair pins nothing there.
        """
        pinned = set(by)
        if self.pair is not None and "meetings" not in pinned:
            pinned |= {self.pair[0], "requester " + self.pair[0]}
        return privacy.attributes(self.filters, pinned)

    def shown(self, *by: str) -> charts.Shown:
        """How this role reads a count broken down by `by` in this view (text)."""
        n_attributes = self.attributes(*by)
        return partial(privacy.shown, role=self.role, n_attributes=n_attributes, lang=self.lang)

    def exported(self, *by: str) -> Callable[[int], int | str]:
        """How this role gets such a count in a download (a number, or "< 3")."""
        return partial(privacy.exported, role=self.role, n_attributes=self.attributes(*by))

    def shown_people(self) -> charts.Shown:
        """How this role reads a count of participants by their number of meetings."""
        return self.shown("meetings")


def _rate(value: float | None, parts: tuple[int, ...], shown: charts.Shown, lang: str) -> str:
    """A rate, or a dash where it would tell a count the role may not read (a part of 1–2)."""
    hidden = any(shown(int(part)) == privacy.SUPPRESSED for part in parts)
    return "–" if hidden else i18n.fmt_pct(value, lang)


def _split(counts: tuple[int, int]) -> tuple[int, int]:
    """(part, whole) as the two parts of the whole."""
    part, whole = counts
    return part, whole - part


def request_kpis(s: dict, scope: Scope) -> list[views.Kpi]:
    """Requests, the answers and how fast they came."""
    lang, n = scope.lang, scope.shown()
    answered = int(s["accepted"]) + int(s["declined"])
    hours = s["median_response_hours"]
    median = "–" if hours is None else t("matchmaking.hours", lang, h=i18n.fmt_number(hours, lang))
    if n(answered) == privacy.SUPPRESSED:
        median = "–"
    kpi = views.Kpi
    return [
        kpi(
            "mm-requests",
            t("kpi.requests", lang),
            n(s["requests"]),
            t("matchmaking.kpi.requests.sub", lang),
        ),
        kpi("mm-accepted", t("matchmaking.kpi.accepted", lang), n(s["accepted"])),
        kpi("mm-declined", t("matchmaking.kpi.declined", lang), n(s["declined"])),
        kpi("mm-pending", t("matchmaking.kpi.pending", lang), n(s["pending"])),
        kpi(
            "mm-acceptance",
            t("kpi.acceptance", lang),
            _rate(s["acceptance_rate"], (s["accepted"], s["declined"]), n, lang),
            t("kpi.acceptance.sub", lang, n=n(answered)),
        ),
        kpi(
            "mm-response-rate",
            t("matchmaking.kpi.response_rate", lang),
            _rate(s["response_rate"], (answered, s["requests"] - answered), n, lang),
            t("matchmaking.kpi.response_rate.sub", lang),
        ),
        kpi(
            "mm-response-time",
            t("matchmaking.kpi.response_time", lang),
            median,
            t("matchmaking.kpi.response_time.sub", lang),
        ),
    ]


def _held_and_across(s: dict, scope: Scope) -> list[views.Kpi]:
    lang, n = scope.lang, scope.shown()
    kpi = views.Kpi
    held_sub = t("matchmaking.kpi.held.sub", lang, n=n(int(s["accepted"])))
    border = _rate(s["cross_border_share"], _split(s["cross_border_counts"]), n, lang)
    sector = _rate(s["cross_sector_share"], _split(s["cross_sector_counts"]), n, lang)
    return [
        kpi("mm-held", t("matchmaking.kpi.held", lang), n(s["held"]), held_sub),
        kpi("mm-no-shows", t("matchmaking.kpi.no_shows", lang), n(s["no_shows"])),
        kpi(
            "mm-cross-border",
            t("matchmaking.kpi.cross_border", lang),
            border,
            t("matchmaking.kpi.cross_border.sub", lang),
        ),
        kpi(
            "mm-cross-sector",
            t("matchmaking.kpi.cross_sector", lang),
            sector,
            t("matchmaking.kpi.cross_sector.sub", lang),
        ),
    ]


def _per_participant(people: dict, scope: Scope) -> list[views.Kpi]:
    lang, p = scope.lang, scope.shown_people()
    total, median = int(people["participants"]), people["median"]
    middle = "–"
    if median is not None and p(total) != privacy.SUPPRESSED:
        middle = i18n.fmt_number(median, lang, 1 if median % 1 else 0)

    def share(key: str) -> str:
        rate = _rate(people[f"{key}_share"], (people[key], total - people[key]), p, lang)
        return t("matchmaking.kpi.share", lang, share=rate)

    kpi = views.Kpi
    return [
        kpi(
            "mm-per-participant",
            t("matchmaking.kpi.per_participant", lang),
            middle,
            t("matchmaking.kpi.per_participant.sub", lang, n=p(total)),
        ),
        kpi(
            "mm-no-meeting", t("matchmaking.kpi.no_meeting", lang), p(people["none"]), share("none")
        ),
        kpi(
            "mm-two-plus",
            t("matchmaking.kpi.two_plus", lang),
            p(people["two_plus"]),
            share("two_plus"),
        ),
    ]


def meeting_kpis(s: dict, people: dict, scope: Scope) -> list[views.Kpi]:
    """Meetings held, across borders and sectors, and per opted-in participant."""
    return [*_held_and_across(s, scope), *_per_participant(people, scope)]


def with_definitions(kpis: list[views.Kpi], lang: str) -> list[views.Kpi]:
    """The tiles with the definition of their figure, for the info popover."""
    return [replaced(k, info=definitions.text(KPI_DEFINITIONS[k.key], lang)) for k in kpis]
