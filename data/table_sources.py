"""The staff tables as SQL: each table's base rows, the tables linked to them, its columns.

A table is its base (the rows it lists) and links: tables joined on a key, each
holding some columns. Conditions on a linked column are turned into semi-joins on
the key (`key IN (SELECT ...)`), so that choosing and counting rows touches the base
alone; the links are joined only for the rows shown, or for a sort that needs them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial

import sqlalchemy as sa
from sqlalchemy.sql import ColumnElement

from data import sqlfuncs
from data.schema import events, meeting_requests, organisations, participants, workshops
from data.schema import workshop_bookings as bookings


@dataclass(frozen=True)
class Link:
    """A table whose row is the one whose `pk` equals the parent's `fk` (parent None: the base)."""

    table: sa.FromClause
    pk: ColumnElement
    fk: ColumnElement
    parent: str | None = None


@dataclass(frozen=True)
class Column:
    """A column: an expression on the base (link None) or on one linked table."""

    expr: ColumnElement
    link: str | None = None


@dataclass(frozen=True)
class Fallback:
    """The value of `own`, or of `other` where own is NULL or blank."""

    own: str
    other: str


@dataclass(frozen=True)
class Source:
    """A table as SQL."""

    base: sa.FromClause
    id: ColumnElement
    links: Mapping[str, Link]
    columns: Mapping[str, Column | Fallback]
    event: ColumnElement | None
    problems: Mapping[str, Callable[[tuple], ColumnElement]]
    # The event's condition narrowed by the row's other conditions, where that is cheaper
    event_within: Callable[[list[ColumnElement]], ColumnElement] | None = None
    # The same table with its linked rows read for the rows those conditions choose only
    links_within: Callable[[list[ColumnElement]], Source] | None = None
    # A link whose rows are the event's rows: where it is joined, an inner join is the
    # event's condition (and the other conditions' event_within)
    event_link: str | None = None


def _name(p: sa.FromClause) -> ColumnElement:
    full = sa.func.coalesce(p.c.first_name, "") + " " + sa.func.coalesce(p.c.last_name, "")
    return sa.func.nullif(sa.func.trim(full, type_=sa.String()), "", type_=sa.String())


def _missing(key: ColumnElement, table: sa.FromClause) -> ColumnElement:
    """The key names a row that does not exist."""
    return sa.and_(key.is_not(None), key.not_in(sa.select(table.c.id).correlate(None)))


def _duplicate_email(p: sa.FromClause, event_id: int | None) -> ColumnElement:
    email = sa.func.lower(sa.func.trim(participants.c.email))
    shared = (
        sa.select(email)
        .where(participants.c.email.is_not(None), sa.func.trim(participants.c.email) != "")
        .group_by(email)
        .having(sa.func.count() > 1)
    )
    if event_id is not None:
        shared = shared.where(participants.c.event_id == event_id)
    return sa.func.lower(sa.func.trim(p.c.email)).in_(shared.scalar_subquery())


def _no_requests(p: sa.FromClause, cancelled: tuple) -> ColumnElement:
    """Opted in, and no request (other than a cancelled one) sent or received."""
    m = meeting_requests
    live = m.c.status.not_in(cancelled)
    sent = sa.select(m.c.requester_id).where(live).correlate(None)
    received = sa.select(m.c.recipient_id).where(live).correlate(None)
    return sa.and_(
        p.c.matchmaking_opt_in.is_(sa.true()), p.c.id.not_in(sent), p.c.id.not_in(received)
    )


def _country(p: sa.FromClause, link: str | None, o: sa.Alias) -> dict:
    """A participant's country (on link): their own, else their organisation's (on o)."""
    return {
        "own_country": Column(p.c.country_code, link),
        "org_country": Column(o.c.country_code, o.name),
        "country_raw": Fallback("own_country", "org_country"),
    }


def _people(event_id: int | None, _shown: Sequence | None = None) -> Source:
    p, o = participants, organisations.alias("o")
    return Source(
        base=p,
        id=p.c.id,
        links={"o": Link(o, o.c.id, p.c.organisation_id)},
        columns={
            "id": Column(p.c.id),
            "first_name": Column(p.c.first_name),
            "last_name": Column(p.c.last_name),
            "email": Column(p.c.email),
            "organisation": Column(o.c.name, "o"),
            "organisation_id": Column(p.c.organisation_id),
            "job_title": Column(p.c.job_title),
            **_country(p, None, o),
            "sector_raw": Column(o.c.sector, "o"),
            "type_raw": Column(o.c.org_type, "o"),
            "role_raw": Column(p.c.role),
            "status_raw": Column(p.c.status),
            "registered_at": Column(p.c.registered_at),
            "opt_in": Column(p.c.matchmaking_opt_in),
        },
        event=p.c.event_id == event_id if event_id is not None else None,
        problems={
            "organisation_missing": lambda _: _missing(p.c.organisation_id, organisations),
            "event_missing": lambda _: _missing(p.c.event_id, events),
            "duplicate_email": lambda _: _duplicate_email(p, event_id),
            "no_requests": lambda cancelled: _no_requests(p, cancelled),
        },
    )


def _requests(event_id: int | None, _shown: Sequence | None = None) -> Source:
    m = meeting_requests
    req, rec = participants.alias("req"), participants.alias("rec")
    req_o, rec_o = organisations.alias("req_o"), organisations.alias("rec_o")
    return Source(
        base=m,
        id=m.c.id,
        links={
            "req": Link(req, req.c.id, m.c.requester_id),
            "rec": Link(rec, rec.c.id, m.c.recipient_id),
            "req_o": Link(req_o, req_o.c.id, req.c.organisation_id, "req"),
            "rec_o": Link(rec_o, rec_o.c.id, rec.c.organisation_id, "rec"),
        },
        columns={
            "id": Column(m.c.id),
            "requested_at": Column(m.c.requested_at),
            "status_raw": Column(m.c.status),
            "requester_id": Column(m.c.requester_id),
            "requester": Column(_name(req), "req"),
            "requester_org": Column(req_o.c.name, "req_o"),
            "recipient_id": Column(m.c.recipient_id),
            "recipient": Column(_name(rec), "rec"),
            "recipient_org": Column(rec_o.c.name, "rec_o"),
            **_country(rec, "rec", rec_o),
            "sector_raw": Column(rec_o.c.sector, "rec_o"),
            "type_raw": Column(rec_o.c.org_type, "rec_o"),
            "responded_at": Column(m.c.responded_at),
            "slot_start": Column(m.c.slot_start),
            "location": Column(m.c.location),
            "held": Column(m.c.held),
        },
        event=m.c.event_id == event_id if event_id is not None else None,
        problems={
            "requester_missing": lambda _: _missing(m.c.requester_id, participants),
            "recipient_missing": lambda _: _missing(m.c.recipient_id, participants),
            "self_request": lambda _: m.c.requester_id == m.c.recipient_id,
            "event_missing": lambda _: _missing(m.c.event_id, events),
        },
    )


def _bookings(event_id: int | None, _shown: Sequence | None = None) -> Source:
    b, w = bookings, workshops.alias("w")
    p, o = participants.alias("p"), organisations.alias("o")
    of_event = sa.select(workshops.c.id).where(workshops.c.event_id == event_id).correlate(None)
    return Source(
        base=b,
        id=b.c.id,
        links={
            "w": Link(w, w.c.id, b.c.workshop_id),
            "p": Link(p, p.c.id, b.c.participant_id),
            "o": Link(o, o.c.id, p.c.organisation_id, "p"),
        },
        columns={
            "id": Column(b.c.id),
            "workshop": Column(w.c.title, "w"),
            "workshop_id": Column(b.c.workshop_id),
            "starts_at": Column(w.c.starts_at, "w"),
            "participant_id": Column(b.c.participant_id),
            "participant": Column(_name(p), "p"),
            "organisation": Column(o.c.name, "o"),
            **_country(p, "p", o),
            "sector_raw": Column(o.c.sector, "o"),
            "type_raw": Column(o.c.org_type, "o"),
            "status_raw": Column(b.c.status),
            "booked_at": Column(b.c.booked_at),
            "attended": Column(b.c.attended),
        },
        event=b.c.workshop_id.in_(of_event) if event_id is not None else None,
        problems={
            "participant_missing": lambda _: _missing(b.c.participant_id, participants),
            "workshop_missing": lambda _: _missing(b.c.workshop_id, workshops),
        },
    )


def _organisations(
    event_id: int | None, shown: Sequence | None = None, within: Sequence[ColumnElement] = ()
) -> Source:
    """Organisations with their participants at the event, counted for the rows shown only
    (or for those the conditions `within` choose).

    Counting every organisation's participants reads the whole participants table (3 s
    at a million); a block of rows needs the counts of its hundred organisations, and the
    organisations of Latvia sorted by their participants those of 48,000 (at a million
    participants 0.90 s -> 0.54 s; of the sector Digital, 119,000: 1.10 s -> 0.96 s).
    """
    o, cluster, p = organisations, organisations.alias("cluster"), participants
    at_event = [] if event_id is None else [p.c.event_id == event_id]
    # Where the organisations are named (a block's, or those the other conditions choose),
    # their people are found through ix_participants_organisation_country, not among the
    # event's million (on SQLite: sqlfuncs.broad): at a million participants, a block's
    # counts 0.14 s -> 0.005 s, the organisations of Latvia 0.37 s -> 0.24 s.
    among_named = [sqlfuncs.broad(condition) for condition in at_event]
    counted = sa.select(p.c.organisation_id, sa.func.count().label("participants"))
    if shown is not None:
        counted = counted.where(p.c.organisation_id.in_(list(shown)), *among_named)
    elif within:
        counted = counted.where(p.c.organisation_id.in_(_chosen(within)), *among_named)
    else:
        counted = counted.where(*at_event)
    counts = counted.group_by(p.c.organisation_id).subquery("counts")
    present = sa.select(p.c.organisation_id).correlate(None)

    def present_within(where: list[ColumnElement]) -> ColumnElement:
        # "Has participants at the event" lists every organisation of the event (a million
        # ids, 1.5 s); asked of the organisations the other conditions choose, it is short.
        return o.c.id.in_(present.where(p.c.organisation_id.in_(_chosen(where)), *among_named))

    return Source(
        base=o,
        id=o.c.id,
        links={
            "cluster": Link(cluster, cluster.c.id, o.c.cluster_id),
            "counts": Link(counts, counts.c.organisation_id, o.c.id),
        },
        columns={
            "id": Column(o.c.id),
            "name": Column(o.c.name),
            "country_raw": Column(o.c.country_code),
            "sector_raw": Column(o.c.sector),
            "type_raw": Column(o.c.org_type),
            "cluster": Column(cluster.c.name, "cluster"),
            "participants": Column(counts.c.participants, "counts"),
        },
        event=o.c.id.in_(present.where(*at_event)),
        problems={},
        event_within=present_within,
        links_within=None if shown is not None else partial(_organisations, event_id, None),
        # An organisation counted at the event has people there: sorted by its count, the
        # event is the join (at a million participants 1.9 s -> 0.5-0.7 s), not a list of the
        # event's million people's organisations beside it.
        event_link=None if event_id is None else "counts",
    )


def _chosen(where: Sequence[ColumnElement]) -> sa.Select:
    """The ids of the organisations that the conditions choose (conditions on the base)."""
    return sa.select(organisations.c.id).where(*where).correlate(None)


# Each builder takes the event and, when only some rows are read, their ids.
BUILDERS: dict[str, Callable[[int | None, Sequence | None], Source]] = {
    "people": _people,
    "requests": _requests,
    "bookings": _bookings,
    "organisations": _organisations,
}
