"""Every rule of metrics.md on the small event, against answers worked out by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import filters as flt
from dashboard import metrics, timeseries, vocab
from dashboard.filters import Filters
from tests.conftest import DAY1, DAY2

EVERYONE = Filters()


@pytest.mark.parametrize(
    ("person", "organisation", "expected"),
    [
        ("DE", "DK", "DE"),
        (None, "dk", "DK"),  # fallback to the organisation, upper-cased
        ("  ", " se ", "SE"),  # blank is missing; trimmed
        ("UK", None, "GB"),
        ("el", None, "GR"),
        ("Germany", "DE", "Unknown"),  # the person's own invalid value is not replaced
        ("XX", None, "Unknown"),
        (None, None, "Unknown"),
    ],
)
def test_country_is_read_as_metrics_md_says(person, organisation, expected):
    assert vocab.read_country(person, organisation) == expected


COUNTRY_CASES = [
    ("DE", "DK"),
    (None, "dk"),
    ("  ", " se "),
    ("\t", "NO"),
    ("UK", None),
    ("Germany", "DE"),
    (None, None),
    (7, "FI"),
]


@pytest.mark.filterwarnings("error")  # pandas' warnings of what will fail in its next versions
@pytest.mark.parametrize("cases", [COUNTRY_CASES, [(None, "dk"), (None, None)]])
def test_a_cube_reads_countries_as_read_country_does_row_by_row(cases):
    persons, organisations = zip(*cases, strict=True)
    cube = pd.DataFrame(
        {
            "p_country": pd.Series(persons, dtype=object if any(persons) else float),
            "o_country": list(organisations),
            "sector_raw": "Digital",
            "type_raw": "sme",
        }
    )
    read = vocab.read_people(cube)["country"].tolist()
    assert read == [vocab.read_country(p, o) for p, o in cases]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Digital", "Digital"),
        ("  digital ", "Digital"),
        ("AGRI-FOOD", "Agri-food"),
        ("Blue Economy", "Other"),
        (None, "Unknown"),
        ("", "Unknown"),
    ],
)
def test_sector_vocabulary_is_case_insensitive(raw, expected):
    assert vocab.read_sector(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("SME", "sme"),
        ("Cluster_Organisation", "cluster_organisation"),
        ("University", "other"),
        (None, "Unknown"),
        (" ", "Unknown"),
    ],
)
def test_org_type_vocabulary(raw, expected):
    assert vocab.read_org_type(raw) == expected


def test_unknown_status_is_counted_apart_and_never_active():
    assert vocab.read_status(" Confirmed") == "confirmed"
    assert vocab.read_status("pending_payment") == "unknown"
    assert "unknown" not in vocab.ACTIVE


def test_role_null_is_delegate():
    assert vocab.read_role(None) == "delegate"
    assert vocab.read_role(" Speaker") == "speaker"


def test_participant_figures(small_cubes):
    # Active: 1 (DE), 2 (SE), 3 (DK, " Confirmed"), 4 (Unknown), 9 (FI, "REGISTERED"), 11 (DK).
    # 8 points at a missing organisation: left out. 7 has an unknown status.
    summary = metrics.participant_summary(small_cubes, EVERYONE)
    assert summary["active"] == 6
    assert summary["confirmed"] == 3
    assert summary["waitlisted"] == 1
    assert summary["cancelled"] == 1
    assert summary["unknown_status"] == 1
    assert summary["countries"] == 4  # DE, DK, FI, SE; Unknown is not a country
    assert summary["by_country"] == {"DK": 2, "DE": 1, "FI": 1, "SE": 1, "Unknown": 1}
    assert summary["by_sector"] == {"Digital": 3, "Agri-food": 2, "Other": 1}
    assert summary["by_org_type"] == {"cluster_organisation": 5, "sme": 1}
    assert (summary["organisations"], summary["clusters"]) == (3, 2)


def test_check_ins_count_active_people_on_local_days(small_cubes):
    # Participant 1 scanned twice on day 1 and once on day 2; participant 3 at 23:30 UTC
    # on the 17th, which is 01:30 on the 18th in Berlin; participant 5 is waitlisted.
    assert metrics.checked_in(small_cubes, EVERYONE) == 2
    assert metrics.checked_in(small_cubes, EVERYONE, DAY1) == 1
    assert metrics.checked_in(small_cubes, EVERYONE, DAY2) == 2
    by_day = timeseries.checkins_by_day(small_cubes, EVERYONE)
    assert by_day["n"].tolist() == [1, 2]


def test_filters_narrow_every_participant_figure(small_cubes):
    denmark = metrics.participant_summary(small_cubes, Filters(country=("DK",)))
    assert denmark["active"] == 2
    assert denmark["by_sector"] == {"Agri-food": 2}
    assert (denmark["organisations"], denmark["clusters"]) == (1, 1)
    nobody = metrics.participant_summary(small_cubes, Filters(country=("NO",)))
    assert nobody["active"] == 0 and nobody["by_country"] == {}


def test_matchmaking_figures(small_cubes):
    # Requests 1,2,3,4,7,8 (5 is cancelled, 6 points at a missing participant).
    summary = metrics.matchmaking_summary(small_cubes, EVERYONE)
    assert summary["requests"] == 6
    assert (summary["accepted"], summary["declined"], summary["pending"]) == (4, 1, 1)
    assert summary["acceptance_rate"] == 0.8
    assert summary["response_rate"] == pytest.approx(5 / 6, abs=1e-4)
    assert summary["median_response_hours"] == 2.0  # of 0.5, 1, 2, 4, 10
    # Accepted with both countries known: 1 DE→DK, 3 SE→FI, 7 DK→DK (8 has an Unknown side).
    assert summary["cross_border_share"] == pytest.approx(2 / 3, abs=1e-4)
    # Sectors: 1 Digital→Agri-food, 3 Digital→Digital, 7 Agri-food→Agri-food (8: Other side).
    assert summary["cross_sector_share"] == pytest.approx(1 / 3, abs=1e-4)
    assert (summary["held"], summary["no_shows"]) == (1, 1)


def test_matchmaking_filter_keeps_requests_whose_recipient_matches(small_cubes):
    summary = metrics.matchmaking_summary(small_cubes, Filters(country=("DK",)))
    assert (summary["requests"], summary["accepted"], summary["acceptance_rate"]) == (2, 2, 1.0)
    assert summary["median_response_hours"] == 6.0  # of 2 and 10


def test_the_received_cube_is_the_requests_summed_over_the_requester(small_cubes):
    requests, received = small_cubes.requests, small_cubes.received
    assert not [c for c in received.columns if c.startswith("req_")]
    keys = [c for c in received.columns if c != "n"]
    expected = requests.groupby(keys, observed=True, dropna=False)["n"].sum()
    assert received.groupby(keys, observed=True, dropna=False)["n"].sum().equals(expected)
    assert not received.duplicated(keys).any()  # one row per recipient's kind of request


def test_response_times_are_kept_in_the_order_of_their_minutes(small_cubes):
    minutes = small_cubes.response_times["minutes"]
    readable = minutes[minutes.notna()]
    assert readable.is_monotonic_increasing and minutes.iloc[len(readable) :].isna().all()


def test_acceptance_rate_is_undefined_when_nothing_was_answered(small_cubes):
    summary = metrics.matchmaking_summary(small_cubes, Filters(country=("NO",)))
    assert summary["acceptance_rate"] is None
    assert summary["response_rate"] is None
    assert summary["median_response_hours"] is None


def test_workshop_figures(small_cubes):
    ports, hydrogen, twins = metrics.workshop_figures(small_cubes, EVERYONE)
    # Bookings of 1, 2, 3 count; 5 is waitlisted as a participant; 4's booking is waitlisted.
    assert (ports.booked, ports.waitlisted, ports.capacity) == (3, 1, 2)
    assert ports.fill_level == 1.5 and ports.overbooked
    assert ports.attended == 2
    # Capacity 0: the bookings are shown, the fill level is undefined, never a division by zero.
    assert (hydrogen.booked, hydrogen.capacity, hydrogen.fill_level) == (1, 0, None)
    assert twins.booked == 0 and twins.fill_level == 0.0 and not twins.overbooked
    assert metrics.seats([ports, hydrogen, twins]) == (4, 12)


def test_registrations_by_day_use_the_event_zone(small_cubes):
    daily = timeseries.registrations_by_day(small_cubes, EVERYONE)
    # 23:30 UTC on 1 June is 2 June in Berlin; 22:30 UTC on 16 Sep is 17 Sep.
    dates = [d.isoformat() for d in daily["date"]]
    assert dates == [
        "2026-06-01",
        "2026-06-02",
        "2026-07-15",
        "2026-08-01",
        "2026-09-10",
        "2026-09-17",
    ]
    assert daily["cumulative"].iloc[-1] == 6


def test_weighted_median():
    assert metrics.weighted_median(pd.Series([1, 3]), pd.Series([1, 1])) == 2.0
    assert metrics.weighted_median(pd.Series([5, 1]), pd.Series([3, 1])) == 5.0
    assert metrics.weighted_median(pd.Series([], dtype=float), pd.Series([], dtype=int)) is None


def test_weighted_median_leaves_out_times_that_cannot_be_read():
    values = pd.Series([float("nan"), 2.0, 4.0])
    assert metrics.weighted_median(values, pd.Series([5, 1, 1])) == 3.0
    assert metrics.weighted_median(pd.Series([float("nan")]), pd.Series([3])) is None


def test_a_cube_is_kept_at_the_level_the_figures_read():
    from dashboard.event_data import collapsed

    read = pd.DataFrame(
        {
            "req_p_country": ["dk", "Denmark", "DE"],
            "req_country": ["DK", "DK", "DE"],
            "rec_o_country": ["se", "SE", "dk"],
            "rec_country": ["SE", "SE", "DK"],
            "rec_org_missing": [0, 0, 0],
            "status": ["accepted", "accepted", "declined"],
            "n": [2, 3, 4],
        }
    )
    cube = collapsed(read)
    # raw spellings that read alike are one row; the raw columns are gone
    assert cube.to_dict("list") == {
        "req_country": ["DK", "DE"],
        "rec_country": ["SE", "DK"],
        "status": ["accepted", "declined"],
        "n": [5, 4],
    }
    assert all(isinstance(cube[c].dtype, pd.CategoricalDtype) for c in cube.columns[:-1])
    # both sides share their categories, so that they can be compared (cross-border)
    assert (cube["req_country"] != cube["rec_country"]).tolist() == [True, True]


def test_counts_and_ids_are_kept_in_32_bits_only_where_every_value_fits():
    from dashboard.event_data import collapsed, narrowed

    frame = pd.DataFrame(
        {
            "n": [1, 2**31 - 1],
            "organisation_id": [-(2**31), 5],
            "big_id": [1, 2**31],  # one value past int32: the column keeps 64 bits
            "held": [1.0, float("nan")],
        }
    )
    out = narrowed(frame)
    assert [str(out[c].dtype) for c in out.columns] == ["int32", "int32", "int64", "float64"]
    whole = ["n", "organisation_id", "big_id"]
    assert out[whole].to_dict("list") == frame[whole].to_dict("list")
    assert str(frame["n"].dtype) == "int64"  # the frame given is left as it was
    assert narrowed(frame.iloc[:0]).dtypes.tolist() == frame.dtypes.tolist()
    cube = collapsed(pd.DataFrame({"status": ["a", "a", "b"], "n": [2, 3, 4]}))
    assert cube["n"].dtype == "int32" and cube["n"].tolist() == [5, 4]


@pytest.mark.parametrize("values", [("DE",), ("DE", "LV"), ("ZZ",), (), ("Unknown", "DE", "DE")])
def test_one_of_a_category_column_is_isin(values):
    raw = ["DE", None, "LV", "DE", "Unknown", "SE", None]
    column = pd.Series(pd.Categorical(raw, categories=["DE", "LV", "SE", "Unknown", "PL"]))
    expected = column.isin(values).to_numpy()
    assert flt.one_of(column, values).tolist() == expected.tolist()
    plain = pd.Series(raw, dtype=object)
    assert flt.one_of(plain, values).tolist() == expected.tolist()


@pytest.mark.parametrize("values", [(1,), (0, 2), ("1",), (1.0,), (["x"],), ()])
def test_one_of_integer_categories_is_isin_for_any_value(values):
    """A value that is no category (another type, unhashable) chooses nothing."""
    column = pd.Series(pd.Categorical([0, 1, 2, 1, None], categories=[0, 1, 2]))
    hashable = tuple(v for v in values if not isinstance(v, list))
    expected = column.isin(hashable).to_numpy()
    assert flt.one_of(column, values).tolist() == expected.tolist()
