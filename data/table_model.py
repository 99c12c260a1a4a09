"""What a staff-table query is made of: its table, event, conditions and order, by column key."""

from __future__ import annotations

from dataclasses import dataclass

TEXT_OPS = ("contains", "not_contains", "equals", "not_equals", "starts_with", "ends_with")
ORDER_OPS = ("lt", "lte", "gt", "gte")
OPS = (*TEXT_OPS, *ORDER_OPS, "blank", "not_blank")


class QueryError(ValueError):
    """A query names a table, column, operator or problem that does not exist."""


@dataclass(frozen=True)
class Match:
    """A column compared with a bound value by one of OPS (text is compared without case)."""

    column: str
    op: str
    value: object = None


@dataclass(frozen=True)
class OneOf:
    """A column holding one of the raw values given, or NULL when null is True."""

    column: str
    values: tuple = ()
    null: bool = False


@dataclass(frozen=True)
class AllOf:
    """Every condition holds."""

    items: tuple = ()


@dataclass(frozen=True)
class AnyOf:
    """At least one condition holds."""

    items: tuple = ()


@dataclass(frozen=True)
class Problem:
    """A row-level problem that needs SQL of its own; values are raw values it needs."""

    key: str
    values: tuple = ()


@dataclass(frozen=True)
class Among:
    """The rows whose column is held by one of the rows with these ids (a row of the linked
    table that holds it, or the row itself for a column of its own), or holds the raw
    value given (None: no value). Never from the page: dashboard.table_service reads a
    first block so (data.tables.first_of_sort)."""

    column: str
    ids: tuple = ()
    value: object = None


@dataclass(frozen=True)
class Order:
    """Sort by a column; with ranks, by the rank of what its raw value reads as.

    ranks[i] holds the raw values of the i-th read value in sort order; a raw value
    in none of them (NULL too) has default_rank.
    """

    column: str
    descending: bool = False
    ranks: tuple[tuple, ...] = ()
    default_rank: int = 0

    def rank_of(self) -> dict:
        """Each raw value's rank: the first rank it is in (default_rank for the others)."""
        ranked: dict = {}
        for rank, raws in enumerate(self.ranks):
            for raw in raws:
                ranked.setdefault(raw, rank)
        return ranked


@dataclass(frozen=True)
class RowQuery:
    """Which rows of which table, in which order; event None means every event."""

    table: str
    event_id: int | None
    where: tuple = ()
    order: tuple[Order, ...] = ()
    # The event holds most of the table's rows: the other conditions should choose the rows
    # (an index on a linked key) rather than the event's index (see sqlfuncs.broad).
    event_broad: bool = False
    # The last condition (an Among) chooses the rows: the others are checked on them.
    among_first: bool = False
