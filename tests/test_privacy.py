"""Small counts (metrics.md): officials see "< 3" in cells of 1 or 2 by two or more attributes."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import privacy
from dashboard.filters import Filters

DK = Filters(country=("DK",))


def test_only_staff_see_exact_small_counts():
    assert privacy.suppresses("official")
    assert privacy.suppresses(None)  # no role: fail closed
    assert not privacy.suppresses("staff")


@pytest.mark.parametrize(
    ("filters", "by", "expected"),
    [
        (Filters(), ("country",), 1),
        (Filters(), ("country", "sector"), 2),
        (DK, ("sector",), 2),  # a filter on Denmark makes a chart by sector a 2-attribute table
        (DK, ("country",), 1),
        (Filters(country=("DK",), sector=("Digital",), org_type=("sme",)), (), 3),
    ],
)
def test_attributes_count_filters_and_axes(filters, by, expected):
    assert privacy.attributes(filters, by) == expected


@pytest.mark.parametrize(
    ("n", "role", "attributes", "text"),
    [
        (1, "official", 2, "< 3"),
        (2, "official", 2, "< 3"),
        (3, "official", 2, "3"),
        (0, "official", 2, "0"),
        (2, "official", 1, "2"),  # one attribute: exact
        (1, "staff", 3, "1"),
        (2, "staff", 2, "2"),
        (1234, "official", 2, "1,234"),
    ],
)
def test_shown_counts_for_each_role(n, role, attributes, text):
    assert privacy.shown(n, role, attributes) == text


def test_exported_counts_stay_numbers_unless_hidden():
    assert privacy.exported(2, "official", 2) == "< 3"
    assert privacy.exported(2, "staff", 2) == 2
    assert privacy.exported(5, "official", 2) == 5


def test_mark_adds_what_the_role_may_read():
    frame = pd.DataFrame({"country": ["DE", "DK", "FI"], "n": [1, 2, 7]})
    official = privacy.mark(frame, "official", 2)
    assert list(official["n_text"]) == ["< 3", "< 3", "7"]
    assert list(official["n_hidden"]) == [True, True, False]
    staff = privacy.mark(frame, "staff", 2)
    assert list(staff["n_text"]) == ["1", "2", "7"]
    assert "n_text" not in frame  # the argument is left as it was
