"""Data-quality problems of an event: the rows the figures leave out or read as Unknown."""

from __future__ import annotations

import pandas as pd

from dashboard.event_data import EventCubes
from dashboard.vocab import OTHER, UNKNOWN, UNKNOWN_STATUS

LABELS = {
    "country_unknown": "participants whose country is missing or not an ISO code",
    "sector_unknown": "participants whose organisation has no sector",
    "sector_other": "participants whose organisation's sector is outside the vocabulary",
    "org_type_unknown": "participants whose organisation has no type",
    "status_unknown": "participants with a status outside the vocabulary",
    "request_status_unknown": "meeting requests with a status outside the vocabulary",
    "booking_status_unknown": "workshop bookings with a status outside the vocabulary",
    "accepted_without_slot": "accepted meetings without a slot",
    "self_requests": "meeting requests a participant sent to themselves",
    "duplicate_registrations": "e-mail addresses registered twice (compared without case)",
    "participant_event_missing": "participants of an event that does not exist",
    "participant_organisation_missing": "participants pointing at a missing organisation",
    "checkin_participant_missing": "check-ins of a participant that does not exist",
    "request_event_missing": "meeting requests of an event that does not exist",
    "request_requester_missing": "meeting requests from a participant that does not exist",
    "request_recipient_missing": "meeting requests to a participant that does not exist",
    "workshop_event_missing": "workshops of an event that does not exist",
    "booking_workshop_missing": "bookings of a workshop that does not exist",
    "booking_participant_missing": "bookings of a participant that does not exist",
}


def _count(frame: pd.DataFrame, condition: pd.Series) -> int:
    return int(frame.loc[condition, "n"].sum())


def event_problems(cubes: EventCubes) -> dict[str, int]:
    """Counts of the problems that the event's aggregates show."""
    people, requests = cubes.people, cubes.requests
    accepted = requests["status"] == "accepted"
    return {
        "country_unknown": _count(people, people["country"] == UNKNOWN),
        "sector_unknown": _count(people, people["sector"] == UNKNOWN),
        "sector_other": _count(people, people["sector"] == OTHER),
        "org_type_unknown": _count(people, people["org_type"] == UNKNOWN),
        "status_unknown": _count(people, people["status"] == UNKNOWN_STATUS),
        "request_status_unknown": _count(requests, requests["status"] == UNKNOWN_STATUS),
        "booking_status_unknown": _count(
            cubes.bookings, cubes.bookings["booking_status"] == UNKNOWN_STATUS
        ),
        "accepted_without_slot": _count(requests, accepted & (requests["has_slot"] == 0)),
        "self_requests": _count(requests, requests["self_request"] == 1),
    }
