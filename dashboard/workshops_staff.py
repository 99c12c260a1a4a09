"""Rows about people for staff only: who booked a workshop."""

from __future__ import annotations

import pandas as pd

from dashboard import filters as flt
from dashboard import vocab
from dashboard.event_data import Event
from dashboard.service import DataService
from data import workshop_queries as wq

COLUMNS = ("name", "organisation", "country", "sector", "org_type", "booking_status", "attended")


def booked_by(
    service: DataService, version: str, event: Event, workshop_id: int, filters: flt.Filters
) -> pd.DataFrame:
    """Active participants matching the filters who booked or wait for a workshop.

    Booked first, then the waitlist; raises DataUnavailable when the database cannot be read.
    """
    rows = service.cached(
        f"workshop-bookers:{event.id}:{workshop_id}",
        version,
        lambda conn: wq.workshop_bookers(conn, event.id, workshop_id),
    )
    read = vocab.read_people(rows)
    read = read[read["org_missing"].astype(int) == 0]
    read = read[vocab.mapped(read["status"], vocab.read_status).isin(vocab.ACTIVE)]
    status = vocab.mapped(
        read["booking_status"], lambda raw: vocab.read_status(raw, vocab.BOOKING_STATUSES)
    )
    read = flt.apply(read.assign(booking_status=status), filters)
    read = read[read["booking_status"].isin(("booked", "waitlisted"))]
    read = read.sort_values("booking_status", kind="stable")
    return read[list(COLUMNS)].reset_index(drop=True)
