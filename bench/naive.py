"""The naive baseline: the same figures the way common Dash apps compute them.

Load the event's tables into pandas on every refresh and group there. The readings of
metrics.md are applied through the same vocab functions (over distinct values, which
is generous to the baseline), so that both sides compute the same figures.
"""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa

from dashboard import vocab

ACTIVE = list(vocab.ACTIVE)


def _people(conn: sa.Connection, event_id: int) -> pd.DataFrame:
    people = pd.read_sql(
        sa.text("SELECT * FROM participants WHERE event_id = :e"), conn, params={"e": event_id}
    )
    orgs = pd.read_sql(sa.text("SELECT * FROM organisations"), conn)
    merged = people.merge(
        orgs, how="left", left_on="organisation_id", right_on="id", suffixes=("", "_org")
    )
    pairs = merged[["country_code", "country_code_org"]].astype(object)
    merged["country"] = [vocab.read_country(a, b) for a, b in pairs.itertuples(index=False)]
    merged["sector_read"] = vocab.mapped(merged["sector"], vocab.read_sector)
    merged["type_read"] = vocab.mapped(merged["org_type"], vocab.read_org_type)
    merged["status_read"] = vocab.mapped(merged["status"], vocab.read_status)
    return merged


def participants_view(conn: sa.Connection, event_id: int) -> dict:
    """KPIs and breakdowns of the overview and participants pages."""
    people = _people(conn, event_id)
    active = people[people["status_read"].isin(ACTIVE)]
    checkins = pd.read_sql(sa.text("SELECT participant_id FROM checkins"), conn)
    registered = pd.to_datetime(active["registered_at"]).dt.date
    return {
        "active": len(active),
        "checked_in": int(active["id"].isin(checkins["participant_id"]).sum()),
        "by_country": active.groupby("country").size().to_dict(),
        "by_sector": active.groupby("sector_read").size().to_dict(),
        "by_type": active.groupby("type_read").size().to_dict(),
        "heatmap": active.groupby(["country", "sector_read"]).size().to_dict(),
        "organisations": active["organisation_id"].nunique(),
        "per_day": registered.value_counts().sort_index().cumsum().to_dict(),
    }


def matchmaking_view(conn: sa.Connection, event_id: int) -> dict:
    """Acceptance by recipient country and the flow matrix."""
    people = _people(conn, event_id)[["id", "country", "sector_read"]]
    requests = pd.read_sql(
        sa.text("SELECT * FROM meeting_requests WHERE event_id = :e"), conn, params={"e": event_id}
    )
    merged = requests.merge(people.add_prefix("req_"), left_on="requester_id", right_on="req_id")
    merged = merged.merge(people.add_prefix("rec_"), left_on="recipient_id", right_on="rec_id")
    status = merged["status"].str.strip().str.lower()
    answered = merged[status.isin(["accepted", "declined"])]
    accepted = merged[status == "accepted"]
    return {
        "acceptance_by_country": answered.groupby("rec_country")["status"]
        .apply(lambda s: (s.str.strip().str.lower() == "accepted").mean())
        .to_dict(),
        "flows": accepted.groupby(["req_country", "rec_country"]).size().to_dict(),
        "cross_border": float((accepted["req_country"] != accepted["rec_country"]).mean()),
    }


def workshops_view(conn: sa.Connection, event_id: int) -> dict:
    """Booked and waitlisted seats per workshop."""
    people = _people(conn, event_id)[["id", "status_read"]]
    bookings = pd.read_sql(
        sa.text(
            "SELECT b.* FROM workshop_bookings b JOIN workshops w ON w.id = b.workshop_id"
            " WHERE w.event_id = :e"
        ),
        conn,
        params={"e": event_id},
    )
    merged = bookings.merge(people, left_on="participant_id", right_on="id")
    merged = merged[merged["status_read"].isin(ACTIVE)]
    return merged.groupby(["workshop_id", "status"]).size().to_dict()


def tables_view(conn: sa.Connection, event_id: int) -> list[dict]:
    """The people grid's first block: filter and sort the whole table in pandas."""
    people = _people(conn, event_id)
    chosen = people[people["email"].fillna("").str.contains("e", regex=False)]
    return chosen.sort_values("last_name").head(100).to_dict("records")


# Each view's naive computation, as the functions it runs one after the other: the wall
# shows what the participants, matchmaking and workshops pages show, and the overview
# what the participants page does. The bench times each function once per round and adds
# the parts of a view from the same round (at a million participants a round of all six
# views took three and a half minutes, half of it these same functions again).
VIEWS = {
    "overview": (participants_view,),
    "participants": (participants_view,),
    "matchmaking": (matchmaking_view,),
    "workshops": (workshops_view,),
    "tables": (tables_view,),
    "wall": (participants_view, matchmaking_view, workshops_view),
}
