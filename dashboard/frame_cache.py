"""DataService.cached for a DataFrame, which must travel wrapped.

DataService.cached reads a concurrently computed value with `value or ...`, and a
DataFrame has no truth value (pandas raises), so a frame is cached inside a tuple.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import sqlalchemy as sa

from dashboard.service import DataService


def cached_frame(
    service: DataService, name: str, version: str, compute: Callable[[sa.Connection], pd.DataFrame]
) -> pd.DataFrame:
    """The frame for (name, version), computed once for all workers."""
    return service.cached(name, version, lambda conn: (compute(conn),))[0]
