"""The staff tables' SQL on the small event, against rows checked by hand (tests/small_event.py)."""

from __future__ import annotations

import dataclasses
import threading

import pytest
import sqlalchemy as sa
from sqlalchemy.dialects import mysql, postgresql, sqlite

from dashboard import table_quality, table_service
from dashboard import tables as tb
from dashboard.cache import MemoryCache
from dashboard.service import DataService, DataUnavailable
from dashboard.state import parse_query
from dashboard.table_service import TableRequest, TableService
from data import sqlfuncs, table_model, table_sources
from data import tables as data_tables
from data.engine import make_engine, writable_engine
from data.schema import participants
from data.table_model import RowQuery
from tests import small_event


@pytest.fixture
def tables(small_db):
    return TableService(DataService(make_engine(small_db), MemoryCache()))


def _rows(tables, table, query="?event=2", **asked):
    prepared = tables.prepare(TableRequest(table, parse_query(query), **asked))
    return tables.rows(prepared, 0, 100), tables.counts(prepared)


def _ids(tables, table, query="?event=2", **asked):
    return [row["id"] for row in _rows(tables, table, query, **asked)[0]]


def _sort(column, direction="asc"):
    return [{"colId": column, "sort": direction}]


def test_people_of_one_country_sorted_by_name(tables):
    rows, counts = _rows(tables, "people", "?event=2&country=DK", sort_model=_sort("last_name"))
    # person 3 and 11 are in Food Valley Denmark ("dk"); "Last11" sorts before "Last3"
    assert [(r["id"], r["last_name"], r["country"], r["country_raw"]) for r in rows] == [
        (11, "Last11", "Denmark", "dk"),
        (3, "Last3", "Denmark", "dk"),
    ]
    assert counts == (2, 10)  # ten participants in event 2


def test_columns_are_read_as_metrics_md_says_and_raw_values_kept(tables):
    rows, _ = _rows(tables, "people", "?event=2", sort_model=_sort("id"))
    by_id = {row["id"]: row for row in rows}
    assert by_id[3]["status"] == "confirmed" and by_id[3]["status_raw"] == " Confirmed"
    assert by_id[3]["sector"] == "Agri-food" and by_id[3]["sector_raw"] == "agri-food "
    assert by_id[5]["country"] == "United Kingdom" and by_id[5]["country_raw"] == "UK"
    assert by_id[5]["org_type"] == "Other" and by_id[5]["org_type_raw"] == "University"
    assert by_id[7]["country"] == "Unknown" and by_id[7]["status"] == "unknown status"
    assert by_id[8]["organisation"] is None and by_id[8]["sector"] == "Unknown"  # org 99 missing
    assert by_id[1]["role"] == "speaker" and by_id[2]["role"] == "delegate"
    # 2026-06-01 23:30 UTC is 01:30 on 2 June in Berlin
    assert by_id[2]["registered_at"] == "2026-06-02 01:30"
    assert by_id[4]["opt_in"] == "no" and by_id[1]["opt_in"] == "yes"


def test_unknown_country_includes_missing_and_invalid_values(tables):
    # 4: no country anywhere (Nordic Blue SME has none); 7: "Germany" is not a code
    assert _ids(tables, "people", "?event=2&country=Unknown") == [4, 7]


def test_sorting_by_a_read_column_follows_its_labels(tables):
    ids = _ids(tables, "people", "?event=2", sort_model=_sort("country"))
    # Denmark 3, 11; Finland 9; Germany 1, 8; Greece 6; Sweden 2; United Kingdom 5; Unknown 4, 7
    assert ids == [3, 11, 9, 1, 8, 6, 2, 5, 4, 7]
    desc = _ids(tables, "people", "?event=2", sort_model=_sort("country", "desc"))
    assert desc == [4, 7, 5, 2, 6, 1, 8, 9, 3, 11]


def test_column_filters_on_read_and_date_columns(tables):
    status = {"status": {"filterType": "text", "type": "equals", "filter": "Confirmed"}}
    assert _ids(tables, "people", filter_model=status) == [1, 3, 8, 11]
    # 2026-09-16 22:30 UTC is the 17th in Berlin: a local day, not a UTC one
    day = {"registered_at": {"filterType": "date", "type": "equals", "dateFrom": "2026-09-17"}}
    assert _ids(tables, "people", filter_model=day) == [9]
    german = {"country": {"filterType": "text", "type": "contains", "filter": "deutsch"}}
    assert _ids(tables, "people", "?event=2&lang=de", filter_model=german) == [1, 8]


def test_search_is_a_bound_value_and_matches_without_case(tables):
    assert _ids(tables, "people", search="FOOD valley") == [3, 11]
    assert _rows(tables, "requests", "?event=2&country=DE")[1][0] == 2  # read with the block
    assert _ids(tables, "people", search="'; DROP TABLE participants; --") == []
    assert _ids(tables, "people", search="100%") == []
    assert len(_ids(tables, "people")) == 10  # the table is still there


def test_meeting_requests_show_both_sides_and_filter_by_the_recipient(tables):
    rows, counts = _rows(tables, "requests", "?event=2&country=DE", sort_model=_sort("id"))
    # recipient person 1 (Germany) of requests 2 and 4
    assert [(r["id"], r["requester"], r["recipient"], r["recipient_org"]) for r in rows] == [
        (2, "First3 Last3", "First1 Last1", "Maritime Cluster Northern Germany"),
        (4, "First4 Last4", "First1 Last1", "Maritime Cluster Northern Germany"),
    ]
    assert counts == (2, 8)
    dangling = _rows(tables, "requests", filter_model={"id": _number(6)})[0][0]
    assert dangling["recipient"] is None and dangling["recipient_country"] == "Unknown"
    assert dangling["slot_start"] == "2026-09-17 11:00" and dangling["held"] == "yes"


def _number(value):
    return {"filterType": "number", "type": "equals", "filter": value}


def test_bookings_show_workshop_status_and_attendance(tables):
    rows, counts = _rows(tables, "bookings", search="smart", sort_model=_sort("participant"))
    assert [(r["participant"], r["booking_status"], r["attended"]) for r in rows] == [
        ("First1 Last1", "booked", "yes"),
        ("First2 Last2", "booked", "no"),
        ("First3 Last3", "booked", "yes"),
        ("First4 Last4", "waitlisted", ""),
        ("First5 Last5", "booked", ""),
    ]
    assert counts == (5, 8)  # eight bookings of event 2's workshops, 999's included


def test_organisations_count_their_participants_in_the_event(tables):
    rows, counts = _rows(tables, "organisations", sort_model=_sort("participants", "desc"))
    assert [(r["name"], r["participants"], r["cluster"]) for r in rows] == [
        ("Maritime Cluster Northern Germany", 3, None),
        ("Food Valley Denmark", 2, None),
        ("Nordic Blue SME", 1, "Food Valley Denmark"),
        ("University of Somewhere", 1, None),
        ("Hellenic Ministry", 1, None),
    ]
    assert counts == (5, 5)


def test_quality_counts_match_the_rows_each_opens(tables):
    counts = tables.quality_counts(parse_query("?event=2"))
    expected = {
        "country_unknown": [4, 7],
        "sector_unknown": [5, 7, 8],
        "sector_other": [4],
        "org_type_unknown": [6, 7, 8],
        "org_type_other": [5],
        "status_unknown": [7],
        "organisation_missing": [8],
        "duplicate_email": [],
        "no_requests": [8],  # 4 did not opt in; 2 sent request 3 (the one to 2 was cancelled)
        "accepted_without_slot": [7],
        "recipient_missing": [6],
        "self_request": [],
        "booking_participant_missing": [8],
        "participant_event_missing": [],
    }
    for key, ids in expected.items():
        table = table_quality.BY_KEY[key].table
        assert _ids(tables, table, problem=key, sort_model=_sort("id")) == ids, key
        assert counts[key] == len(ids), key
    assert counts["workshop_event_missing"] == 0


def test_quality_counts_follow_the_filter_bar(tables):
    counts = tables.quality_counts(parse_query("?event=2&country=DE"))
    assert counts["organisation_missing"] == 1 and counts["sector_unknown"] == 1  # person 8
    assert counts["country_unknown"] == 0


def test_a_problem_of_another_table_is_refused(tables):
    with pytest.raises(tb.ModelError, match="listed in the requests table"):
        _ids(tables, "people", problem="accepted_without_slot")
    with pytest.raises(tb.ModelError, match="no data-quality problem"):
        _ids(tables, "people", problem="everything")


def test_streaming_gives_every_row_in_the_grids_order(tables):
    request = TableRequest("people", parse_query("?event=2"), sort_model=_sort("country"))
    streamed = [row[0] for row in tables.stream(tables.prepare(request))]
    assert streamed == [3, 11, 9, 1, 8, 6, 2, 5, 4, 7]


def test_later_blocks_continue_the_first_in_the_same_order(tables):
    request = TableRequest("people", parse_query("?event=2"), sort_model=_sort("country", "desc"))
    prepared = tables.prepare(request)
    blocks = [tables.rows(prepared, start, start + 3) for start in (0, 3, 6, 9)]
    assert [row["id"] for block in blocks for row in block] == [4, 7, 5, 2, 6, 1, 8, 9, 3, 11]
    assert tables.rows(prepared, 12, 15) == []


@pytest.mark.parametrize("table", tb.TABLES)
@pytest.mark.parametrize("query", ["?event=2", "?event=2&country=DK", "?event=2&country=IS"])
def test_the_first_block_and_count_kept_are_the_plain_block_and_count(tables, table, query):
    request = TableRequest(table, parse_query(query), sort_model=_sort("id", "desc"))
    prepared = tables.prepare(request)
    n, _total = tables.counts(prepared)
    first = [row["id"] for row in tables.rows(prepared, 0, tb.BLOCK_ROWS)]
    with tables.connect() as conn:
        plain = data_tables.block(conn, prepared.query, 0, tb.BLOCK_ROWS)
        assert n == data_tables.count(conn, prepared.query)
    assert first == [row["id"] for row in plain]
    assert [row["id"] for row in tables.rows(prepared, 0, 2)] == first[:2]
    assert (n == 0) == (query == "?event=2&country=IS")  # nobody from Iceland


def _counted(monkeypatch) -> list[tuple[str, RowQuery]]:
    """Each count read from now on: the thread that read it, and its query."""
    counted = []
    real = data_tables.count

    def count(conn, query):
        counted.append((threading.current_thread().name, query))
        return real(conn, query)

    monkeypatch.setattr(data_tables, "count", count)
    return counted


def test_the_first_block_is_counted_beside_it_on_sqlite(tables, monkeypatch):
    counted = _counted(monkeypatch)
    request = TableRequest("people", parse_query("?event=2&country=DK"), sort_model=_sort("id"))
    prepared = tables.prepare(request)
    assert [row["id"] for row in tables.rows(prepared, 0, 100)] == [3, 11]
    table_service.wait_for_reads_aside()
    # the selection and the event's participants, both counted beside the block, once
    assert [thread for thread, _query in counted] == [table_service.COUNT_THREAD] * 2
    assert tables.counts(prepared) == (2, 10)
    tables.rows(prepared, 0, 100)
    assert len(counted) == 2


@pytest.mark.parametrize("table", sorted(data_tables.RANK_WALKS))
@pytest.mark.parametrize("direction", ["asc", "desc"])
def test_a_whole_event_by_a_read_value_is_read_rank_by_rank(tables, monkeypatch, table, direction):
    monkeypatch.setattr(tb, "BLOCK_ROWS", 2)  # so that a rank of the small event fills it
    walked = []
    real = data_tables.block_ids

    def block_ids(conn, query, start, stop):
        walked.extend(item for item in query.where if isinstance(item, table_model.OneOf))
        return real(conn, query, start, stop)

    monkeypatch.setattr(data_tables, "block_ids", block_ids)
    for col in (col for col in tb.COLUMNS[table] if col.kind == tb.READ):
        request = TableRequest(table, parse_query("?event=2"), sort_model=_sort(col.key, direction))
        prepared = tables.prepare(request)
        first = [row["id"] for row in tables.rows(prepared, 0, 2)]
        with tables.connect() as conn:
            plain = real(conn, prepared.query, 0, 4)
        assert first == plain[:2], col.key
        assert [row["id"] for row in tables.rows(prepared, 2, 4)] == plain[2:4], col.key
    assert walked  # some first blocks came rank by rank, the same rows as sorted at once


def test_the_count_is_read_once_whatever_the_sort(tables, monkeypatch):
    counted = _counted(monkeypatch)
    for column, direction in (("last_name", "asc"), ("last_name", "desc"), ("country", "asc")):
        request = TableRequest(
            "people", parse_query("?event=2&country=DK"), sort_model=_sort(column, direction)
        )
        assert tables.counts(tables.prepare(request)) == (2, 10)
    # the selection once, the event's participants once; neither with an order
    assert len(counted) == 2 and all(query.order == () for _thread, query in counted)


@pytest.mark.parametrize(
    "query",
    [
        "?event=2&country=DK",
        "?event=2&sector=Digital",
        "?event=1&country=DE",
        "?country=DE",
        "?event=2",
        "?event=1",
        "?lang=en",
    ],
)
@pytest.mark.parametrize("sort", ["name", "participants"])
@pytest.mark.parametrize("direction", ["asc", "desc"])
def test_organisations_narrowed_to_the_event_are_the_same_rows(
    tables, monkeypatch, query, sort, direction
):
    contains_a = {"filterType": "text", "type": "contains", "filter": "a"}
    asked = {"sort_model": _sort(sort, direction), "filter_model": {"name": contains_a}}
    if query in ("?event=1", "?lang=en"):
        del asked["filter_model"]  # the whole event, and every event
    narrowed = _rows(tables, "organisations", query, **asked)
    original = table_sources.BUILDERS["organisations"]

    def without_narrowing(event_id, shown=None):
        source = original(event_id, shown)
        return dataclasses.replace(source, event_within=None, links_within=None, event_link=None)

    monkeypatch.setitem(table_sources.BUILDERS, "organisations", without_narrowing)
    fresh = TableService(tables.service)  # nothing kept of the narrowed reads
    assert _rows(fresh, "organisations", query, **asked) == narrowed
    assert narrowed[1][0] > 0 or query == "?event=1&country=DE"


@pytest.fixture(params=["postgres_url", "mariadb_url"])
def server_tables(request):
    """The small event on PostgreSQL and MariaDB (which refuse its dangling rows)."""
    url = request.getfixturevalue(request.param)
    engine = writable_engine(url)
    small_event.load(engine)
    engine.dispose()
    return TableService(DataService(make_engine(url), MemoryCache()))


def test_the_same_rows_on_postgresql_and_mariadb(server_tables, monkeypatch):
    tables = server_tables  # person 8, request 6 and booking 8 are not there
    assert _ids(tables, "people", "?event=2&country=DK", sort_model=_sort("last_name")) == [11, 3]
    country = _ids(tables, "people", sort_model=_sort("country"))
    assert country == [3, 11, 9, 1, 6, 2, 5, 4, 7]
    assert _ids(tables, "requests", "?event=2&country=DE", sort_model=_sort("id")) == [2, 4]
    assert _ids(tables, "people", search="FOOD valley") == [3, 11]
    by_slot = _ids(tables, "requests", sort_model=_sort("slot_start", "desc"))
    assert by_slot == [8, 1, 3, 2, 4, 5, 7]  # no slot last
    by_participants = _sort("participants", "desc")
    organisations, counts = _rows(tables, "organisations", sort_model=by_participants)
    assert [(r["id"], r["participants"]) for r in organisations] == [
        (1, 3),
        (2, 2),
        (3, 1),
        (4, 1),
        (5, 1),
    ]
    assert counts == (5, 5)
    assert _ids(tables, "organisations", "?event=2&country=DK", sort_model=by_participants) == [2]
    counts = tables.quality_counts(parse_query("?event=2"))
    assert (counts["country_unknown"], counts["no_requests"], counts["sector_unknown"]) == (2, 0, 2)
    request = TableRequest("people", parse_query("?event=2"), sort_model=_sort("country", "desc"))
    streamed = [row[0] for row in tables.stream(tables.prepare(request))]
    assert streamed == [4, 7, 5, 2, 6, 1, 9, 3, 11]
    monkeypatch.setattr(tb, "BLOCK_ROWS", 2)  # Denmark's two fill it: read rank by rank
    for direction, first in (("asc", [3, 11]), ("desc", [4, 7])):
        asked = {"sort_model": _sort("country", direction)}
        prepared = tables.prepare(TableRequest("people", parse_query("?event=2"), **asked))
        assert [row["id"] for row in tables.rows(prepared, 0, 2)] == first


def test_the_first_block_is_not_counted_beside_it_on_postgresql(postgres_url, monkeypatch):
    engine = writable_engine(postgres_url)
    small_event.load(engine)
    engine.dispose()
    tables = TableService(DataService(make_engine(postgres_url), MemoryCache()))
    counted = _counted(monkeypatch)
    asked = {"sort_model": _sort("last_name")}
    prepared = tables.prepare(TableRequest("people", parse_query("?event=2&country=DK"), **asked))
    assert [row["id"] for row in tables.rows(prepared, 0, 100)] == [11, 3]
    assert counted == []  # its statements run on both cores already
    assert tables.counts(prepared) == (2, 9)  # person 8 is not there (PostgreSQL refuses it)
    assert [thread for thread, _query in counted] == [threading.current_thread().name] * 2


@pytest.mark.parametrize("table", ["requests", "bookings"])
@pytest.mark.parametrize("query", ["?event=2&country=DE", "?event=2&sector=Digital"])
def test_an_event_with_most_rows_lets_the_other_conditions_choose_them(
    tables, monkeypatch, table, query
):
    asked = {"sort_model": _sort("id", "desc")}
    prepared = tables.prepare(TableRequest(table, parse_query(query), **asked))
    assert prepared.query.event_broad  # event 2 holds most of the small event's rows
    _source, ids = data_tables._chosen_ids(prepared.query)
    assert "likely(" in str(ids.compile(tables.service.engine))
    broad = _rows(tables, table, query, **asked)
    monkeypatch.setattr(table_service, "BROAD_SHARE", 1.0)
    plain = TableService(tables.service)
    assert not plain.prepare(TableRequest(table, parse_query(query), **asked)).query.event_broad
    assert _rows(plain, table, query, **asked) == broad
    assert broad[1][0] > 0


def test_the_broad_hint_is_sqlites_alone():
    condition = sqlfuncs.broad(participants.c.event_id == 2)
    where = sa.select(participants.c.id).where(condition)
    assert "likely(participants.event_id = " in str(where.compile(dialect=sqlite.dialect()))
    for dialect in (postgresql.dialect(), mysql.dialect()):
        compiled = str(where.compile(dialect=dialect))
        assert "likely" not in compiled and "participants.event_id = " in compiled


def test_a_readings_raw_values_are_read_side_by_side_and_failures_reach_the_caller(
    tables, monkeypatch
):
    version = tables.service.version()
    read = data_tables.distinct_values
    keys = ("participant_country", "organisation_country")
    both = tables.distinct_each(version, keys)
    with tables.connect() as conn:
        assert both == {key: read(conn, key) for key in keys}

    def refused(conn, key):
        if key == "organisation_country":
            raise DataUnavailable("the organisations cannot be read")
        return read(conn, key)

    monkeypatch.setattr(data_tables, "distinct_values", refused)
    fresh = TableService(tables.service)
    with pytest.raises(DataUnavailable, match="organisations cannot be read"):
        fresh.prepare(TableRequest("people", parse_query("?event=2&country=DK")))
    assert fresh.memo.get(f"distinct:{version}:participant_country") is not None


def test_a_new_version_reads_the_filter_bars_values_ahead_once_and_a_failure_is_not_raised(
    tables, monkeypatch, caplog
):
    version = tables.service.version()
    reads = []
    read = data_tables.distinct_values

    def counted(conn, key):
        reads.append(key)
        return read(conn, key)

    monkeypatch.setattr(data_tables, "distinct_values", counted)
    tables.warm(version).join()
    expected = {"participant_country", "organisation_country", "sector", "org_type"}
    assert sorted(reads) == sorted(expected)
    assert tables.warm(version) is None  # once per version
    _rows(tables, "people", "?event=2&country=DK&sector=Digital&org_type=sme")
    assert sorted(reads) == sorted(expected)  # the filters found them read

    def refused(conn, key):
        raise DataUnavailable("the organisations cannot be read")

    monkeypatch.setattr(data_tables, "distinct_values", refused)
    tables.warm("another version").join()
    assert "filter values not read ahead: the organisations cannot be read" in caplog.text


TRICKY = ["Müller", "MÜLLER", "müller", "50% off", "50 % off", "a_b", "axb", "a/b", "A/%B", ""]
TRICKY += [None, 42]


@pytest.mark.parametrize(
    "text", ["ü", "Ü", "MÜL", "mül", "%", "_", "/", "a_", "A/%", "50%", "0", "4", "", "ll", "LL"]
)
def test_sqlites_plain_like_matches_what_sqlalchemys_ilike_matches(text):
    """SQLite's LIKE ignores the case of the letters its lower() folds: the same rows."""
    engine = sa.create_engine("sqlite://")
    values = sa.table("v", sa.column("id", sa.Integer), sa.column("x", sa.String))
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE v (id INTEGER PRIMARY KEY, x TEXT)")
        conn.execute(sa.insert(values), [{"x": value} for value in TRICKY])
        for start, end, theirs in (
            (True, True, values.c.x.icontains(text, autoescape=True)),
            (False, True, values.c.x.istartswith(text, autoescape=True)),
            (True, False, values.c.x.iendswith(text, autoescape=True)),
        ):
            pattern = sa.literal(sqlfuncs.like_pattern(text, start, end), sa.String)
            ours = sqlfuncs.folded_like(values.c.x, pattern)
            assert "lower" not in str(sa.select(values.c.id).where(ours).compile(engine))
            chosen = [
                conn.execute(sa.select(values.c.id).where(w).order_by(values.c.id)).scalars().all()
                for w in (ours, theirs)
            ]
            assert chosen[0] == chosen[1], (text, start, end)


@pytest.mark.parametrize(
    "text", ["ü", "Ü", "MÜL", "%", "_", "/", "A/%", "50%", "4", "", "ll", "İ", "ß"]
)
def test_postgresqls_folded_like_matches_what_its_ilike_matches(postgres_url, text):
    """lower(value) LIKE lower(pattern) chooses the rows ILIKE chooses, Unicode included."""
    engine = sa.create_engine(postgres_url)
    values = sa.table("v", sa.column("id", sa.Integer), sa.column("x", sa.String))
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql("CREATE TABLE v (id INTEGER PRIMARY KEY, x TEXT)")
            rows = [*TRICKY, "İstanbul", "istanbul", "STRASSE", "Straße", "ǅ"]
            conn.execute(sa.insert(values), [{"id": i, "x": v} for i, v in enumerate(rows)])
            for start, end in ((True, True), (False, True), (True, False)):
                pattern = sa.literal(sqlfuncs.like_pattern(text, start, end), sa.String)
                ours = sqlfuncs.folded_like(values.c.x, pattern)
                theirs = values.c.x.ilike(pattern, escape=sqlfuncs.ESCAPE)
                chosen = [
                    conn.execute(sa.select(values.c.id).where(w).order_by(values.c.id))
                    .scalars()
                    .all()
                    for w in (ours, theirs)
                ]
                assert chosen[0] == chosen[1], (text, start, end)
    finally:
        engine.dispose()


def test_the_plain_like_is_sqlites_alone():
    condition = sqlfuncs.folded_like(participants.c.email, sa.literal("%e%", sa.String))
    where = sa.select(participants.c.id).where(condition)
    assert "participants.email LIKE " in str(where.compile(dialect=sqlite.dialect()))
    postgres = str(where.compile(dialect=postgresql.dialect()))
    assert "lower(participants.email) LIKE lower(" in postgres
    assert "lower(participants.email) LIKE lower(" in str(where.compile(dialect=mysql.dialect()))


TEXT_FILTERS = [
    ("last_name", "contains", "AST1"),
    ("last_name", "notContains", "ast1"),
    ("last_name", "startsWith", "LAST"),
    ("email", "endsWith", "EXAMPLE.ORG"),
    ("email", "contains", "%"),
]


@pytest.mark.parametrize(("column", "op", "text"), TEXT_FILTERS)
def test_text_filters_match_the_same_rows_on_every_database(
    tables, server_tables, column, op, text
):
    model = {column: {"filterType": "text", "type": op, "filter": text}}
    everybody = _ids(server_tables, "people", "?event=2", sort_model=_sort("id"))
    ours = _ids(tables, "people", "?event=2", filter_model=model, sort_model=_sort("id"))
    theirs = _ids(server_tables, "people", "?event=2", filter_model=model, sort_model=_sort("id"))
    assert theirs == [i for i in ours if i in everybody]
    if text != "%":
        assert theirs  # the filter keeps somebody: the comparison says something


@pytest.mark.parametrize("direction, timed", [("asc", [1, 3, 8, 6]), ("desc", [6, 8, 1, 3])])
def test_rows_without_a_value_come_last_in_both_directions(tables, direction, timed):
    by_slot = _ids(tables, "requests", sort_model=_sort("slot_start", direction))
    assert by_slot == [*timed, 2, 4, 5, 7]  # 2, 4, 5 and 7 have no slot


def test_nulls_last_is_written_for_each_database(monkeypatch):
    term = sqlfuncs.nulls_last(sa.column("name"), descending=True)
    assert str(term.compile(dialect=sqlite.dialect())) == "name DESC NULLS LAST"
    assert str(term.compile(dialect=postgresql.dialect())) == "name DESC NULLS LAST"
    plain = "CASE WHEN name IS NULL THEN 1 ELSE 0 END, name DESC"
    assert str(term.compile(dialect=mysql.dialect())) == plain
    monkeypatch.setattr(sqlfuncs, "NULLS_LAST_SINCE", (99, 0, 0))  # an older SQLite
    assert str(term.compile(dialect=sqlite.dialect())) == plain


@pytest.mark.parametrize(
    "table, query, column, dropped",
    [
        ("requests", "?event=2&sector=Digital", "recipient_sector", True),  # one rank
        ("people", "?event=2&country=DK", "country", True),
        ("people", "?event=2&country=DK&country=DE", "country", False),  # two ranks
        ("requests", "?event=2&sector=Digital", "recipient_country", False),  # another column
        ("people", "?event=2", "country", False),
    ],
)
@pytest.mark.parametrize("direction", ["asc", "desc"])
def test_a_sort_by_a_value_every_selected_row_has_alike_is_left_out(
    tables, table, query, column, dropped, direction
):
    model = [{"colId": column, "sort": direction}, {"colId": "id", "sort": "desc"}]
    prepared = tables.prepare(TableRequest(table, parse_query(query), sort_model=model))
    asked = tb.orders(table, model, prepared.context)
    assert len(prepared.query.order) == (1 if dropped else 2)
    with tables.connect() as conn:
        sorted_so = data_tables.block_ids(
            conn, dataclasses.replace(prepared.query, order=asked), 0, 100
        )
    assert [row["id"] for row in tables.rows(prepared, 0, 100)] == sorted_so
    assert len(sorted_so) > 1  # an order to keep
