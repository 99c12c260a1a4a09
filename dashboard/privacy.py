"""Small counts (metrics.md): cells that could single out a person, as each role sees them.

A count is a cell of a breakdown by as many person attributes as the view pins down:
the attributes the filters or the drill path select, and those the chart breaks down by.
With two or more, officials see "< 3" for a count of 1 or 2 (a filter on Denmark turns
a chart by sector into a breakdown by country and sector). Staff see exact counts.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from dashboard import i18n
from dashboard.auth import STAFF
from dashboard.filters import DIMENSIONS, Filters

SMALL = 3
SUPPRESSED = "< 3"


def suppresses(role: str | None) -> bool:
    """True when the role sees small cells suppressed (everyone but staff)."""
    return role != STAFF


def attributes(filters: Filters, by: Iterable[str] = ()) -> int:
    """How many attributes define a cell: those the filters select and those broken down by."""
    selected = {dimension for dimension in DIMENSIONS if getattr(filters, dimension)}
    return len(selected | set(by))


def hidden(n: int, role: str | None, n_attributes: int) -> bool:
    """True when the role must not see this count exactly."""
    return suppresses(role) and n_attributes >= 2 and 0 < n < SMALL


def shown(n: int | None, role: str | None, n_attributes: int, lang: str = "en") -> str:
    """A count as the role may see it: exact, or "< 3"; None is a dash."""
    if n is None:
        return "–"
    return SUPPRESSED if hidden(n, role, n_attributes) else i18n.fmt_int(n, lang)


def exported(n: int, role: str | None, n_attributes: int) -> int | str:
    """A count for a download: the number, or "< 3" where the role must not see it."""
    return SUPPRESSED if hidden(n, role, n_attributes) else int(n)


def mark(
    frame: pd.DataFrame, role: str | None, n_attributes: int, column: str = "n", lang: str = "en"
) -> pd.DataFrame:
    """A copy with `<column>_hidden` and `<column>_text` (what the role may read) added."""
    out = frame.copy()
    counts = out[column].fillna(0).astype(int)
    out[f"{column}_hidden"] = [hidden(n, role, n_attributes) for n in counts]
    out[f"{column}_text"] = [shown(n, role, n_attributes, lang) for n in counts]
    return out
