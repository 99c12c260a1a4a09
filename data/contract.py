"""Does a database hold the tables and columns of the contract (registration-schema.sql)?"""

from __future__ import annotations

import sqlalchemy as sa

from data.schema import REQUIRED_COLUMNS

# The EU's 14 industrial ecosystems (metrics.md): the sector vocabulary of the contract.
SECTORS: tuple[str, ...] = (
    "Aerospace & Defence",
    "Agri-food",
    "Construction",
    "Cultural & Creative Industries",
    "Digital",
    "Electronics",
    "Energy-Intensive Industries",
    "Renewable Energy",
    "Health",
    "Mobility, Transport & Automotive",
    "Proximity, Social Economy & Civil Security",
    "Retail",
    "Textile",
    "Tourism",
)


def missing_parts(conn: sa.Connection) -> list[str]:
    """Tables and columns of the contract that the database lacks, e.g. 'column events.city'."""
    inspector = sa.inspect(conn)
    present = {name.lower() for name in inspector.get_table_names()}
    missing = []
    for table, columns in REQUIRED_COLUMNS.items():
        if table not in present:
            missing.append(f"table {table}")
            continue
        have = {column["name"].lower() for column in inspector.get_columns(table)}
        missing.extend(f"column {table}.{c}" for c in columns if c not in have)
    return missing
