"""The data-quality view's problems, each a table and the conditions that find its rows.

Opening a problem shows exactly the rows it counts: the count and the table come
from the same conditions. A few problems belong to no event (a row pointing at an
event or workshop that does not exist); their tables span every event.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from dashboard import readings, vocab
from dashboard.tables import Context, ModelError
from data.table_model import Match, OneOf, Problem, RowQuery

Items = Callable[[Context], tuple]


@dataclass(frozen=True)
class QualityProblem:
    """A problem of the data-quality view: the table that lists its rows, and how."""

    key: str
    table: str
    items: Items
    every_event: bool = False


def _reads_as(source: str, reading: str, *values: object) -> Items:
    def items(ctx: Context) -> tuple:
        return (readings.as_condition(source, reading, set(values), ctx.raws(reading)),)

    return items


def _outside(source: str, reading: str, vocabulary: tuple[str, ...]) -> Items:
    """Raw values that are given but not in the vocabulary (compared without case)."""
    known = {value.casefold() for value in vocabulary}

    def items(ctx: Context) -> tuple:
        def odd(raw: object) -> bool:
            text = raw.strip().casefold() if isinstance(raw, str) else str(raw)
            return bool(text) and text not in known

        raws = tuple(raw for raw in ctx.raws(reading) if raw is not None and odd(raw))
        return (OneOf(source, raws),)

    return items


def _problem(key: str) -> Items:
    return lambda _ctx: (Problem(key),)


def _no_requests(ctx: Context) -> tuple:
    active = _reads_as("status_raw", "status", *vocab.ACTIVE)(ctx)
    raws = ctx.raws("request_status")
    cancelled = tuple(r for r in raws if readings.read("request_status", r) == "cancelled")
    return (*active, Problem("no_requests", cancelled))


def _accepted_without_slot(ctx: Context) -> tuple:
    accepted = _reads_as("status_raw", "request_status", "accepted")(ctx)
    return (*accepted, Match("slot_start", "blank"))


PROBLEMS = (
    QualityProblem("country_unknown", "people", _reads_as("country_raw", "country", vocab.UNKNOWN)),
    QualityProblem("sector_unknown", "people", _reads_as("sector_raw", "sector", vocab.UNKNOWN)),
    QualityProblem("sector_other", "people", _outside("sector_raw", "sector", vocab.SECTORS)),
    QualityProblem("org_type_unknown", "people", _reads_as("type_raw", "org_type", vocab.UNKNOWN)),
    QualityProblem("org_type_other", "people", _outside("type_raw", "org_type", vocab.ORG_TYPES)),
    QualityProblem(
        "status_unknown", "people", _reads_as("status_raw", "status", vocab.UNKNOWN_STATUS)
    ),
    QualityProblem("organisation_missing", "people", _problem("organisation_missing")),
    QualityProblem("duplicate_email", "people", _problem("duplicate_email")),
    QualityProblem("no_requests", "people", _no_requests),
    QualityProblem(
        "request_status_unknown",
        "requests",
        _reads_as("status_raw", "request_status", vocab.UNKNOWN_STATUS),
    ),
    QualityProblem("accepted_without_slot", "requests", _accepted_without_slot),
    QualityProblem("self_request", "requests", _problem("self_request")),
    QualityProblem("requester_missing", "requests", _problem("requester_missing")),
    QualityProblem("recipient_missing", "requests", _problem("recipient_missing")),
    QualityProblem(
        "booking_status_unknown",
        "bookings",
        _reads_as("status_raw", "booking_status", vocab.UNKNOWN_STATUS),
    ),
    QualityProblem("booking_participant_missing", "bookings", _problem("participant_missing")),
    QualityProblem("participant_event_missing", "people", _problem("event_missing"), True),
    QualityProblem("request_event_missing", "requests", _problem("event_missing"), True),
    QualityProblem("booking_workshop_missing", "bookings", _problem("workshop_missing"), True),
)
BY_KEY = {problem.key: problem for problem in PROBLEMS}
# Rows pointing at missing rows that no staff table lists (counted by data.quality).
COUNT_ONLY = ("workshop_event_missing", "checkin_participant_missing")


def problem(key: object) -> QualityProblem:
    """The problem of that key (ModelError for any other)."""
    found = BY_KEY.get(key) if isinstance(key, str) else None
    if found is None:
        raise ModelError(f"There is no data-quality problem {str(key)[:40]!r}.")
    return found


def narrowed(query: RowQuery, key: object, ctx: Context) -> RowQuery:
    """The query limited to the rows of a problem (None: unchanged)."""
    if key in (None, ""):
        return query
    found = problem(key)
    if found.table != query.table:
        raise ModelError(f"The problem {found.key!r} is listed in the {found.table} table.")
    event_id = None if found.every_event else query.event_id
    return replace(query, event_id=event_id, where=(*query.where, *found.items(ctx)))


def named(table: str, every_event: bool, ctx: Context) -> dict[str, tuple]:
    """The conditions of a table's problems, by key (those of one event, or of none)."""
    return {
        p.key: p.items(ctx) for p in PROBLEMS if p.table == table and p.every_event == every_event
    }
