"""Read-only access to the registration database: schema, engine, queries, demo data."""
