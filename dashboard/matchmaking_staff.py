"""Rows about people for staff only: opted-in participants without an accepted meeting."""

from __future__ import annotations

import pandas as pd

from dashboard import filters as flt
from dashboard import vocab
from dashboard.event_data import Event
from dashboard.service import DataService
from data import matchmaking_queries as mq

LIST_LIMIT = 200
COLUMNS = ("name", "organisation", "country", "sector", "org_type")


def unmatched_people(
    service: DataService, version: str, event: Event, filters: flt.Filters
) -> pd.DataFrame:
    """Active opted-in participants matching the filters who have no accepted meeting.

    Raises DataUnavailable when the database cannot be read.
    """
    rows = service.cached(
        f"matchmaking-unmatched:{event.id}",
        version,
        lambda conn: mq.people_without_meetings(conn, event.id),
    )
    read = vocab.read_people(rows)
    read = read[read["org_missing"].astype(int) == 0]
    read = read[vocab.mapped(read["status"], vocab.read_status).isin(vocab.ACTIVE)]
    read = flt.apply(read, filters)
    return read[list(COLUMNS)].reset_index(drop=True)
