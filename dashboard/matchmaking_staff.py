"""Rows about people for staff only: opted-in participants without an accepted meeting."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard import filters as flt
from dashboard import vocab
from dashboard.event_data import Event
from dashboard.service import DataService
from data import matchmaking_queries as mq

LIST_LIMIT = 200
COLUMNS = ("name", "organisation", "country", "sector", "org_type")


def _read_unmatched(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows read (metrics.md): active participants whose organisation exists."""
    read = vocab.read_people(rows)
    read = read[read["org_missing"].astype(int) == 0]
    read = read[vocab.mapped(read["status"], vocab.read_status).isin(vocab.ACTIVE)]
    return read[list(COLUMNS)].reset_index(drop=True)


def unmatched_people(
    service: DataService, version: str, event: Event, filters: flt.Filters, limit: int = LIST_LIMIT
) -> tuple[int, pd.DataFrame]:
    """How many active opted-in participants matching the filters have no accepted
    meeting, and the first `limit` of them in the list's order.

    The rows are read once per data version, with the query; a click only counts the rows
    it keeps and copies the first (at a million participants the list holds 128,079).
    Raises DataUnavailable when the database cannot be read.
    """
    read = service.cached(
        f"matchmaking-unmatched-read:{event.id}",
        version,
        lambda conn: _read_unmatched(mq.people_without_meetings(conn, event.id)),
    )
    if filters.is_empty():
        return len(read), read.head(limit)
    kept = np.flatnonzero(flt.mask(read, filters))
    return len(kept), read.iloc[kept[:limit]].reset_index(drop=True)
