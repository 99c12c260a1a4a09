"""The registration database's tables as SQLAlchemy Core, as in registration-schema.sql."""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()


events = sa.Table(
    "events",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("starts_on", sa.Date, nullable=False),
    sa.Column("ends_on", sa.Date, nullable=False),
    sa.Column("city", sa.String(100)),
    sa.Column("timezone", sa.String(64), nullable=False, server_default="Europe/Berlin"),
)

organisations = sa.Table(
    "organisations",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(300), nullable=False),
    sa.Column("country_code", sa.String(8)),
    sa.Column("sector", sa.String(100)),
    sa.Column("org_type", sa.String(40)),
    sa.Column("cluster_id", sa.Integer, sa.ForeignKey("organisations.id")),
)

participants = sa.Table(
    "participants",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id"), nullable=False),
    sa.Column("organisation_id", sa.Integer, sa.ForeignKey("organisations.id")),
    sa.Column("first_name", sa.String(100)),
    sa.Column("last_name", sa.String(100)),
    sa.Column("email", sa.String(254)),
    sa.Column("job_title", sa.String(200)),
    sa.Column("country_code", sa.String(8)),
    sa.Column("role", sa.String(40)),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("registered_at", sa.DateTime, nullable=False),
    sa.Column("cancelled_at", sa.DateTime),
    sa.Column(
        "matchmaking_opt_in",
        sa.Boolean(create_constraint=False),
        nullable=False,
        server_default=sa.false(),
    ),
)

checkins = sa.Table(
    "checkins",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("participant_id", sa.Integer, sa.ForeignKey("participants.id"), nullable=False),
    sa.Column("checked_in_at", sa.DateTime, nullable=False),
    sa.Column("point", sa.String(60)),
)

meeting_requests = sa.Table(
    "meeting_requests",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id"), nullable=False),
    sa.Column("requester_id", sa.Integer, sa.ForeignKey("participants.id"), nullable=False),
    sa.Column("recipient_id", sa.Integer, sa.ForeignKey("participants.id"), nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("requested_at", sa.DateTime, nullable=False),
    sa.Column("responded_at", sa.DateTime),
    sa.Column("slot_start", sa.DateTime),
    sa.Column("location", sa.String(60)),
    sa.Column("held", sa.Boolean(create_constraint=False)),
)

workshops = sa.Table(
    "workshops",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id"), nullable=False),
    sa.Column("title", sa.String(300), nullable=False),
    sa.Column("topic", sa.String(100)),
    sa.Column("room", sa.String(100)),
    sa.Column("starts_at", sa.DateTime, nullable=False),
    sa.Column("ends_at", sa.DateTime),
    sa.Column("capacity", sa.Integer, nullable=False),
)

workshop_bookings = sa.Table(
    "workshop_bookings",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("workshop_id", sa.Integer, sa.ForeignKey("workshops.id"), nullable=False),
    sa.Column("participant_id", sa.Integer, sa.ForeignKey("participants.id"), nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("booked_at", sa.DateTime, nullable=False),
    sa.Column("attended", sa.Boolean(create_constraint=False)),
)

sa.Index("ix_participants_event", participants.c.event_id)
sa.Index("ix_checkins_participant", checkins.c.participant_id)
sa.Index("ix_requests_event", meeting_requests.c.event_id)
sa.Index("ix_requests_requester", meeting_requests.c.requester_id)
sa.Index("ix_requests_recipient", meeting_requests.c.recipient_id)
sa.Index("ix_bookings_workshop", workshop_bookings.c.workshop_id)
sa.Index("ix_bookings_participant", workshop_bookings.c.participant_id)

# What the dashboard needs of each table: checked against a database at start.
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    table.name: tuple(column.name for column in table.columns) for table in metadata.sorted_tables
}
