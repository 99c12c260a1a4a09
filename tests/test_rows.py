"""Rows read a chunk at a time: the same DataFrame as all rows read at once."""

from __future__ import annotations

import sqlite3

import pandas as pd
import pytest
import sqlalchemy as sa
from hypothesis import given, settings
from hypothesis import strategies as st

from data import queries, rows

TEXT = st.sampled_from(["DE", "LV", " se ", "Ünternehmen", "=1+2", ""])
# What a column can hold in a database: one type with NULLs, or (messy) several types.
KINDS = {
    "count": st.integers(0, 10**12),
    "count_or_null": st.none() | st.integers(-(2**40), 2**40),
    "real_or_null": st.none() | st.floats(allow_nan=False, width=64),
    "text_or_null": st.none() | TEXT,
    "flag_or_null": st.none() | st.booleans(),
    "null": st.none(),
    "messy": st.none() | st.integers(-3, 3) | st.floats(allow_nan=False) | TEXT | st.booleans(),
}
TYPED = [name for name in KINDS if name != "messy"]


def chunked(records: list[tuple], size: int) -> list[list[tuple]]:
    return [records[i : i + size] for i in range(0, len(records), size)]


@settings(max_examples=300, deadline=None)
@given(
    records=st.lists(st.tuples(*KINDS.values()), max_size=40),
    size=st.integers(1, 7),
)
def test_chunks_read_as_all_rows_at_once(records, size):
    columns = list(KINDS)
    read = rows.from_chunks(chunked(records, size), columns)
    expected = (
        pd.DataFrame.from_records(records, columns=columns)
        if records
        else pd.DataFrame({name: [] for name in columns}, columns=columns)
    )
    if read is None:  # only a messy column may refuse to join
        typed = rows.from_chunks(chunked([r[:-1] for r in records], size), columns[:-1])
        pd.testing.assert_frame_equal(typed, expected[columns[:-1]], check_exact=True)
        return
    pd.testing.assert_frame_equal(read, expected, check_exact=True)


@settings(max_examples=200, deadline=None)
@given(records=st.lists(st.tuples(*(KINDS[k] for k in TYPED)), max_size=40))
def test_columns_of_one_type_always_join(records):
    """Integers in one chunk and NULLs or floats in the next, text and NULLs: joined."""
    assert rows.from_chunks(chunked(records, 3), TYPED) is not None


def test_a_text_value_met_again_is_the_string_met_first():
    first, again = "".join(["Digi", "tal"]), "".join(["Dig", "ital"])
    assert first is not again
    read = rows.from_chunks([[(first, 1)], [(again, 2), (None, 3)]], ["sector", "n"])
    assert read["sector"].iloc[0] is read["sector"].iloc[1]
    assert read["sector"].isna().iloc[2]


@pytest.fixture
def messy_db(tmp_path, monkeypatch):
    monkeypatch.setattr(rows, "CHUNK_ROWS", 2)
    path = tmp_path / "messy.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v, n INTEGER)")
        # Integers first, text later: the chunks' types do not join.
        db.executemany(
            "INSERT INTO t (v, n) VALUES (?, ?)",
            [(1, 5), (None, 6), (2, None), ("DE", 7), (None, None)],
        )
    return sa.create_engine(f"sqlite:///{path}")


def test_frame_reads_a_messy_column_again_all_at_once(messy_db):
    table = sa.table("t", sa.column("id"), sa.column("v"), sa.column("n"))
    query = sa.select(table.c.v, table.c.n).order_by(table.c.id)
    with messy_db.connect() as conn:
        read = queries.frame(conn, query)
        every = conn.exec_driver_sql("SELECT v, n FROM t ORDER BY id").fetchall()
    expected = pd.DataFrame.from_records(every, columns=["v", "n"])
    pd.testing.assert_frame_equal(read, expected, check_exact=True)
    assert read["v"].tolist()[:2] == [1, None]  # not 1.0 and NaN


def test_frame_in_chunks_equals_all_at_once(messy_db):
    table = sa.table("t", sa.column("id"), sa.column("n"))
    with messy_db.connect() as conn:
        read = queries.frame(conn, sa.select(table.c.id, table.c.n).order_by(table.c.id))
    assert read["id"].tolist() == [1, 2, 3, 4, 5]
    assert read["n"].dtype == "float64" and read["n"].isna().tolist() == [0, 0, 1, 0, 1]
