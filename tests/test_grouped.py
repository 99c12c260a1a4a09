"""Sums by counting category codes, and filter masks: the same as pandas' own."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard import filters as flt
from dashboard import grouped, organisations
from dashboard.vocab import ACTIVE

COUNTRIES = ["DE", "DK", "SE", "NO", "FI", "EE", "LV", "LT", "PL", "IS", "Unknown", "GB"]
STATUSES = ["accepted", "declined", "pending"]


def cube(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["country", "status", "n"])
    frame["country"] = pd.Categorical(frame["country"], categories=COUNTRIES)
    frame["status"] = pd.Categorical(frame["status"], categories=STATUSES)
    return frame.astype({"n": "int64"})


ROWS = st.lists(
    st.tuples(
        st.none() | st.sampled_from(COUNTRIES),
        st.none() | st.sampled_from(STATUSES),
        st.integers(0, 10**9),
    ),
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(rows=ROWS, keep=st.lists(st.booleans(), min_size=60, max_size=60))
def test_sums_are_groupby_sums(rows, keep):
    frame = cube(rows)
    mask = np.array(keep[: len(frame)], dtype=bool)
    for keys in (["country"], ["status"], ["country", "status"], ["status", "country"]):
        expected = frame[mask].groupby(keys, observed=True)["n"].sum()
        pd.testing.assert_series_equal(grouped.sums(frame, keys, mask), expected)
        pd.testing.assert_series_equal(
            grouped.sums(frame, keys), frame.groupby(keys, observed=True)["n"].sum()
        )


def test_sums_of_other_columns_are_grouped_by_pandas():
    """Text keys, a nullable or float count, a sum past 2**53: groupby's own answer."""
    frame = cube([("DE", "accepted", 3), ("DK", "declined", 4), ("DE", "pending", 5)])
    text = frame.astype({"country": object})
    floats = frame.astype({"n": float})
    nullable = frame.astype({"n": "Int64"})
    huge = frame.assign(n=[2**62, 2**62, 1])
    for other, keys in ((text, ["country"]), (floats, ["status"]), (nullable, ["country"])):
        expected = other.groupby(keys, observed=True)["n"].sum()
        pd.testing.assert_series_equal(grouped.sums(other, keys), expected)
    expected = huge.groupby(["country"], observed=True)["n"].sum()
    assert grouped.sums(huge, ["country"]).tolist() == expected.tolist() == [2**62 + 1, 2**62]


@settings(max_examples=300, deadline=None)
@given(
    raw=st.lists(st.none() | st.sampled_from(COUNTRIES), max_size=40),
    values=st.lists(st.sampled_from([*COUNTRIES, "ZZ"]), max_size=13),
)
def test_one_of_is_isin_for_few_and_many_values(raw, values):
    """A few chosen values are compared, many looked up: both as isin."""
    column = pd.Series(pd.Categorical(raw, categories=COUNTRIES))
    expected = column.isin(values).to_numpy()
    assert flt.one_of(column, tuple(values)).tolist() == expected.tolist()


SIDE_VALUES = {"country": ["DE", "DK", "Unknown"], "sector": ["Digital", "Other", "Unknown"]}
REQUEST_ROWS = st.lists(
    st.tuples(
        st.sampled_from(["accepted", "declined", "pending"]),
        *(st.none() | st.sampled_from(SIDE_VALUES[d]) for d in ("country", "sector") for _ in "ab"),
        st.integers(1, 50),
    ),
    max_size=40,
)


@settings(max_examples=200, deadline=None)
@given(rows=REQUEST_ROWS, country=st.sampled_from([(), ("DE",), ("DK", "Unknown")]))
def test_shares_from_the_accepted_cube_are_those_of_the_request_cube(rows, country):
    """Cross-border and cross-sector counts read from the accepted requests summed to both
    sides' columns, with the recipient's filter as a mask: as from every request row."""
    from dashboard import metrics
    from dashboard.event_data import requests_accepted

    columns = ["status", "req_country", "rec_country", "req_sector", "rec_sector", "n"]
    requests = pd.DataFrame(rows, columns=columns)
    for side in ("req_", "rec_"):
        for dimension, values in SIDE_VALUES.items():
            requests[side + dimension] = pd.Categorical(requests[side + dimension], values)
    requests["status"] = pd.Categorical(requests["status"])
    accepted = requests_accepted(requests)
    filters = flt.Filters(country=country)
    kept = None if filters.is_empty() else flt.mask(accepted, filters, "rec_")
    old = requests[requests["status"] == "accepted"]
    old = old[flt.mask(old, filters, "rec_")]
    for dimension, excluded in (("country", ("Unknown",)), ("sector", ("Unknown", "Other"))):
        req, rec = old["req_" + dimension], old["rec_" + dimension]
        known = ~req.isin(excluded) & ~rec.isin(excluded)
        expected = int(old.loc[known & (req != rec), "n"].sum()), int(old.loc[known, "n"].sum())
        assert metrics.crossing(accepted, dimension, excluded, kept) == expected


@settings(max_examples=200, deadline=None)
@given(
    ids=st.lists(st.integers(0, 10**6) | st.integers(-5, 40), max_size=50),
    keep=st.lists(st.booleans(), min_size=50, max_size=50),
)
def test_distinct_ids_are_nunique(ids, keep):
    """Counted in a table of seen ids, or (negative or far apart ids) by pandas."""
    values = pd.Series(ids, dtype="int64")
    mask = np.array(keep[: len(ids)], dtype=bool)
    assert organisations.distinct(values, mask) == values[mask].nunique()
    floats = values.astype(float).where(values % 3 != 0)  # a missing id is no organisation
    assert organisations.distinct(floats, mask) == floats[mask].nunique()


ORG_ROWS = st.lists(
    st.tuples(
        st.integers(1, 30),
        st.sampled_from(["confirmed", "registered", "cancelled", "waitlisted"]),
        st.integers(0, 3),
        st.none() | st.sampled_from(COUNTRIES[:4]),
        st.sampled_from(["Digital", "Maritime", "Unknown"]),
        st.sampled_from(["cluster_organisation", "sme", "Unknown"]),
    ),
    max_size=40,
)
FILTERS = st.builds(
    flt.Filters,
    country=st.lists(st.sampled_from([*COUNTRIES[:5], "ZZ"]), max_size=2).map(tuple),
    sector=st.lists(st.sampled_from(["Digital", "Maritime", "Health"]), max_size=2).map(tuple),
    org_type=st.lists(st.sampled_from(["cluster_organisation", "sme"]), max_size=1).map(tuple),
)


@settings(max_examples=300, deadline=None)
@given(rows=ORG_ROWS, filters=FILTERS)
def test_organisations_counted_ahead_are_those_a_click_counts(rows, filters):
    """by_value's counts, where a filter has one, are represented()'s, which are pandas'."""
    columns = ["organisation_id", "status", "n", "country", "sector", "org_type"]
    orgs = pd.DataFrame(rows, columns=columns).astype({"organisation_id": "int64", "n": "int64"})
    for column in [*columns[3:], "status"]:
        orgs[column] = orgs[column].astype("category")
    counts = organisations.by_value(orgs)
    found = organisations.key(filters)
    expected = organisations.represented(orgs, filters)
    if found is not None and found in counts:
        assert counts[found] == expected
    kept = orgs[orgs["status"].isin(ACTIVE) & (orgs["n"] > 0)]
    for dimension in flt.DIMENSIONS:
        if getattr(filters, dimension):
            kept = kept[kept[dimension].isin(getattr(filters, dimension))]
    clusters = kept[kept["org_type"] == "cluster_organisation"]
    assert expected == (kept["organisation_id"].nunique(), clusters["organisation_id"].nunique())


@settings(max_examples=200, deadline=None)
@given(rows=ROWS)
def test_by_row_is_unstack_and_reindex(rows):
    frame = cube(rows)
    summed = grouped.sums(frame, ["country", "status"])
    wide = summed.unstack("status", fill_value=0).reindex(columns=STATUSES, fill_value=0)
    expected = {row: {s: int(wide.loc[row, s]) for s in STATUSES} for row in wide.index}
    found = grouped.by_row(summed, STATUSES)
    assert found == expected
    assert list(found) == list(dict.fromkeys(summed.index.get_level_values(0)))
