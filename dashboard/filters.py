"""The filter model shared by pages, the API and downloads."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from dashboard.vocab import ISO_CODES, ORG_TYPES, OTHER, SECTORS, UNKNOWN

DIMENSIONS = ("country", "sector", "org_type")
# Up to this many chosen values, one_of compares codes instead of looking each one up.
FEW_VALUES = 8


@dataclass(frozen=True)
class Filters:
    """Selected values per person attribute; an empty selection means everything."""

    country: tuple[str, ...] = ()
    sector: tuple[str, ...] = ()
    org_type: tuple[str, ...] = ()
    day: str | None = None
    ignored: tuple[str, ...] = field(default=(), compare=False)

    def is_empty(self) -> bool:
        """Return True when no attribute is filtered."""
        return not (self.country or self.sector or self.org_type)

    def as_dict(self) -> dict[str, list[str] | str | None]:
        """Return the filters as plain JSON-ready values."""
        return {
            "country": list(self.country),
            "sector": list(self.sector),
            "org_type": list(self.org_type),
            "day": self.day,
        }


def valid_values(dimension: str) -> frozenset[str]:
    """The values a filter on a dimension may take."""
    if dimension == "country":
        return ISO_CODES | {UNKNOWN}
    if dimension == "sector":
        return frozenset(SECTORS) | {OTHER, UNKNOWN}
    return frozenset(ORG_TYPES) | {UNKNOWN}


def clean_values(dimension: str, raw: object) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Split raw filter values into the valid ones (in order, once) and those ignored."""
    items = raw if isinstance(raw, list | tuple) else ([] if raw in (None, "") else [raw])
    allowed, keep, ignored = valid_values(dimension), [], []
    for item in items:
        value = item.strip() if isinstance(item, str) else None
        if dimension == "country" and value and value.upper() in allowed:
            value = value.upper()
        if value in allowed and value not in keep:
            keep.append(value)
        else:
            ignored.append(str(item)[:60])
    return tuple(keep), tuple(ignored)


def mask(frame: pd.DataFrame, filters: Filters, prefix: str = "") -> pd.Series:
    """Rows of a read cube whose person matches every filtered dimension."""
    keep = np.ones(len(frame), dtype=bool)
    for dimension in DIMENSIONS:
        selected = getattr(filters, dimension)
        if selected:
            keep &= one_of(frame[prefix + dimension], selected)
    return pd.Series(keep, index=frame.index)


def one_of(column: pd.Series, values: tuple) -> np.ndarray:
    """column.isin(values) as an array; for a category column, a lookup of each row's code
    (the cubes' read columns are categories: at a million participants a filter click
    tests several columns of 900,000 rows)."""
    if not isinstance(column.dtype, pd.CategoricalDtype):
        return column.isin(values).to_numpy()
    codes = column.cat.codes.to_numpy()
    positions = np.unique(column.cat.categories.get_indexer(list(values)))
    positions = positions[positions >= 0]  # NaN's code, -1, is never chosen
    if len(positions) <= FEW_VALUES:
        # A comparison per value: a filter click picks one or two, and comparing 480,000
        # one-byte codes costs 0.02 ms where looking each up costs 1.5 ms.
        keep = np.zeros(len(codes), dtype=bool)
        for position in positions:
            keep |= codes == position
        return keep
    chosen = np.zeros(len(column.cat.categories) + 1, dtype=bool)  # the last: code -1, NaN
    chosen[positions] = True
    return chosen[codes]


def apply(frame: pd.DataFrame, filters: Filters, prefix: str = "") -> pd.DataFrame:
    """Return the rows of a read cube whose person matches the filters."""
    if filters.is_empty():
        return frame
    return frame[mask(frame, filters, prefix)]
