"""Component trees of the pages: plain functions, no data access."""
