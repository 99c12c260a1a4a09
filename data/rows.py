"""A query's rows into a DataFrame a chunk at a time, typed as if read all at once.

At a million participants a cube has a million rows. Fetched all at once, as tuples
with every text value its own string, they made about 1 GB of small objects at the
same moment; the few objects that outlived them (a cached category, a compiled
statement) were scattered through that memory, and the worker kept 330 MB at rest
instead of 278 MB. Read a chunk at a time, the small objects of one chunk are freed
before the next is fetched, and a text value met again is the string met first.

The columns are typed as pandas.DataFrame.from_records types all the rows at once.
Where the chunks' types cannot be joined to that type (a column holding integers in
one chunk and text in another, in a messy database), the caller reads the rows again
all at once (None from `from_chunks`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd
from pandas.api import types

CHUNK_ROWS = 20_000
_NUMBERS = frozenset({np.dtype("int64"), np.dtype("float64")})
_OBJECT = np.dtype(object)


def from_chunks(chunks: Iterable[Sequence[tuple]], columns: list[str]) -> pd.DataFrame | None:
    """One DataFrame of the chunks' rows, or None when a column's chunks do not join."""
    seen: dict[str, dict] = {name: {} for name in columns}
    parts = [_shared_text(pd.DataFrame.from_records(c, columns=columns), seen) for c in chunks]
    if not parts:  # no rows: columns of no type, as data.queries.frame makes them
        return pd.DataFrame({name: [] for name in columns}, columns=columns)
    if len(parts) == 1:
        return parts[0]
    joined = {}
    for name in columns:
        column = _joined([part[name] for part in parts])
        if column is None:
            return None
        joined[name] = column
    return pd.DataFrame(joined, columns=columns)


def _shared_text(part: pd.DataFrame, seen: dict[str, dict]) -> pd.DataFrame:
    """Each text value as the one string met first for it (in this chunk or a chunk before)."""
    for name in part.columns:
        column = part[name]
        if not types.is_string_dtype(column.dtype):  # text, or objects
            continue
        values = column.to_numpy(dtype=object)
        if types.infer_dtype(values, skipna=True) != "string":
            continue  # mixed values: 1 and 1.0 and True are equal keys; kept as they are
        codes, uniques = pd.factorize(values)
        first = seen[name]
        shared = np.array([first.setdefault(u, u) for u in uniques] + [None], dtype=object)
        values = np.where(codes < 0, values, shared[codes])  # a missing value stays itself
        part[name] = values if column.dtype is _OBJECT else pd.array(values, dtype=column.dtype)
    return part


def _joined(columns: list[pd.Series]) -> pd.Series | None:
    """The chunks' pieces of one column as one, typed as all its values read at once."""
    empty = [c.dtype is _OBJECT and c.isna().all() for c in columns]
    kinds = {c.dtype for c, e in zip(columns, empty, strict=True) if not e}
    if not kinds:  # nothing but NULLs
        return pd.Series(np.concatenate([c.to_numpy(dtype=object) for c in columns]))
    if kinds <= _NUMBERS:
        # Integers with a NULL among them read as floats, as all rows at once would.
        target = np.dtype("float64") if any(empty) or len(kinds) > 1 else kinds.pop()
        return pd.Series(np.concatenate([c.to_numpy(dtype=target) for c in columns]))
    if len(kinds) == 1:
        kind = next(iter(kinds))
        if types.is_string_dtype(kind) and kind is not _OBJECT:  # text, NULL as the text's NA
            return pd.concat([c.astype(kind) for c in columns], ignore_index=True)
        if kind is _OBJECT or not any(empty):  # mixed values, or booleans with no NULL
            return pd.concat(columns, ignore_index=True)
    if np.dtype(bool) in kinds and kinds <= {np.dtype(bool), _OBJECT}:
        # Booleans, with NULLs in some chunk (objects there): objects, as all rows at once.
        return pd.Series(np.concatenate([c.to_numpy(dtype=object) for c in columns]))
    return None
