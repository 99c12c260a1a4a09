"""The downloads and the tables' callbacks through the server: staff only, exact rows, logged."""

from __future__ import annotations

import csv
import io
import json
import logging

import openpyxl
import pytest
import sqlalchemy as sa

from data import schema
from data.engine import writable_engine
from tests.conftest import WALL_KEY

DK_BY_NAME = 'event=2&country=DK&grid={"sort":[{"colId":"last_name","sort":"desc"}]}'
GRID = {"table": "people", "type": "tables-grid"}
FETCH = (
    '..{"table":["MATCH"],"type":"tables-grid"}.getRowsResponse...'
    '{"table":["MATCH"],"type":"tables-message"}.children...'
    '{"table":["MATCH"],"type":"tables-csv"}.href...'
    '{"table":["MATCH"],"type":"tables-xlsx"}.href..'
)


def _csv(response) -> list[list[str]]:
    text = response.data.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_staff_download_csv_holds_exactly_the_filtered_sorted_rows(small_db, client_for):
    response = client_for(small_db).get(f"/downloads/people.csv?{DK_BY_NAME}")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith('attachment; filename="people_baltic-clusters-2026_country-dk_')
    rows = _csv(response)
    assert rows[0][:6] == ["ID", "Last name", "First name", "E-mail", "Organisation", "Country"]
    assert [(r[0], r[1], r[5]) for r in rows[1:]] == [
        ("3", "Last3", "Denmark"),
        ("11", "Last11", "Denmark"),
    ]


def test_german_csv_uses_semicolons_and_german_headers(small_db, client_for):
    response = client_for(small_db).get(f"/downloads/people.csv?{DK_BY_NAME}&lang=de")
    text = response.data.decode("utf-8")
    header = text[1:].splitlines()[0]
    assert header.startswith("ID;Nachname;Vorname;E-Mail;Organisation;Land;")
    assert "Dänemark" in text


def test_xlsx_has_the_rows_and_a_sheet_saying_what_they_are(small_db, client_for):
    response = client_for(small_db).get(f"/downloads/people.xlsx?{DK_BY_NAME}&search=last")
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.data))
    rows = [[c.value for c in row] for row in book.worksheets[0].iter_rows()]
    assert [(r[0], r[1]) for r in rows[1:]] == [(3, "Last3"), (11, "Last11")]
    about = {row[0].value: row[1].value for row in book.worksheets[1].iter_rows()}
    assert about["Event"] == "Baltic Clusters 2026"
    assert about["Filters"] == "country-DK"
    assert about["Search"] == "last"
    assert about["Downloaded by"] == "sam"
    assert about["Rows"] == 2
    assert about["Data read at"].endswith("UTC")
    assert json.loads(about["Sorted by"]) == [{"colId": "last_name", "sort": "desc"}]


def _add_hostile_person(url: str) -> None:
    engine = writable_engine(url)
    with engine.begin() as conn:
        conn.execute(
            sa.insert(schema.participants).values(
                id=50,
                event_id=2,
                organisation_id=1,
                first_name='=HYPERLINK("http://evil.example","click")',
                last_name="+cmd|' /C calc'!A0",
                email="@evil.example",
                job_title="<img src=x onerror=alert(1)>",
                country_code="\tDE",
                status="confirmed",
                registered_at=sa.func.current_timestamp(),
                matchmaking_opt_in=False,
            )
        )
    engine.dispose()


def test_names_that_look_like_formulas_or_html_are_exported_as_text(small_db, client_for):
    _add_hostile_person(small_db)
    client = client_for(small_db)
    query = 'event=2&grid={"filter":{"id":{"filterType":"number","type":"equals","filter":50}}}'
    row = _csv(client.get(f"/downloads/people.csv?{query}"))[1]
    assert row[1] == "'+cmd|' /C calc'!A0"
    assert row[2] == '\'=HYPERLINK("http://evil.example","click")'
    assert row[3] == "'@evil.example"
    assert row[6] == "'\tDE"  # the stored country, kept, and not a formula
    assert row[14] == "<img src=x onerror=alert(1)>"
    book = openpyxl.load_workbook(io.BytesIO(client.get(f"/downloads/people.xlsx?{query}").data))
    cells = [c for sheet in book for r in sheet.iter_rows() for c in r if c.value is not None]
    assert all(cell.data_type != "f" for cell in cells)
    sheet = book.worksheets[0]
    assert sheet["C2"].value == '=HYPERLINK("http://evil.example","click")'
    assert sheet["B2"].value == "+cmd|' /C calc'!A0"


@pytest.mark.parametrize(
    ("path", "status", "message"),
    [
        ('/downloads/people.csv?event=2&grid={"sort":[{"colId":"pw","sort":"asc"}]}', 400, "pw"),
        ("/downloads/people.csv?event=2&grid={not json", 400, "not valid JSON"),
        ("/downloads/people.csv?event=2&problem=drop_all", 400, "no data-quality problem"),
        ("/downloads/passwords.csv?event=2", 404, ""),
        ("/downloads/people.exe?event=2", 404, ""),
    ],
)
def test_bad_requests_are_refused_with_a_message(small_db, client_for, path, status, message):
    response = client_for(small_db).get(path)
    assert response.status_code == status
    assert message in response.data.decode()


def test_every_download_is_logged_without_its_rows(small_db, client_for, caplog):
    client = client_for(small_db)
    with caplog.at_level(logging.INFO, logger="dashboard.downloads"):
        assert client.get(f"/downloads/people.csv?{DK_BY_NAME}").status_code == 200
        assert client.get(f"/downloads/people.xlsx?{DK_BY_NAME}").status_code == 200
    lines = [r.getMessage() for r in caplog.records if r.name == "dashboard.downloads"]
    assert len(lines) == 2
    for line, fmt in zip(lines, ("csv", "xlsx"), strict=True):
        assert "download done by sam at 20" in line and f"people.{fmt}" in line
        assert "'country': ['DK']" in line and "rows=2" in line and "last_name" in line
        assert "person3@example.org" not in line and "Last3" not in line


def _wall_client(small_db, client_for):
    client = client_for(small_db, role=None)
    client.get(f"/wall/?key={WALL_KEY}")
    return client


@pytest.mark.parametrize("who", ["official", "wall", "nobody"])
def test_nobody_but_staff_gets_a_download(small_db, client_for, who):
    if who == "wall":
        client = _wall_client(small_db, client_for)
    else:
        client = client_for(small_db, role=None if who == "nobody" else who)
    response = client.get(f"/downloads/people.csv?{DK_BY_NAME}")
    assert response.status_code in (302, 401, 403)
    assert b"Last3" not in response.data and b"\xef\xbb\xbf" not in response.data


def _fetch_body(start: int = 0) -> dict:
    request = {"startRow": start, "endRow": start + 100, "sortModel": [], "filterModel": {}}
    return {
        "output": FETCH,
        "outputs": [
            {"id": {**GRID, "type": kind}, "property": prop}
            for kind, prop in (
                ("tables-grid", "getRowsResponse"),
                ("tables-message", "children"),
                ("tables-csv", "href"),
                ("tables-xlsx", "href"),
            )
        ],
        "inputs": [{"id": GRID, "property": "getRowsRequest", "value": request}],
        "changedPropIds": [json.dumps(GRID, separators=(",", ":")) + ".getRowsRequest"],
        "state": [
            {"id": "shell-state", "property": "data", "value": {"query": "?event=2&country=DK"}},
            {"id": "tables-search", "property": "value", "value": None},
            {"id": "tables-problem", "property": "data", "value": None},
        ],
    }


def test_the_rows_callback_answers_staff_with_rows(small_db, client_for):
    response = client_for(small_db).post("/_dash-update-component", json=_fetch_body())
    assert response.status_code == 200
    answer = response.get_json()["response"]
    rows = next(iter(answer.values()))["getRowsResponse"]["rowData"]
    assert [row["id"] for row in rows] == [3, 11]


@pytest.mark.parametrize("who", ["official", "wall"])
def test_the_rows_callback_refuses_officials_and_the_wall(small_db, client_for, who):
    client = _wall_client(small_db, client_for) if who == "wall" else client_for(small_db, who)
    response = client.post("/_dash-update-component", json=_fetch_body())
    assert response.status_code in (204, 401, 403)
    assert b"Last3" not in response.data and b"rowData" not in response.data


def _page_body(path: str) -> dict:
    return {
        "output": "..shell-page.children...shell-page-key.data..",
        "outputs": [
            {"id": "shell-page", "property": "children"},
            {"id": "shell-page-key", "property": "data"},
        ],
        "inputs": [
            {"id": "shell-url", "property": "pathname", "value": path},
            {"id": "shell-lang", "property": "data", "value": "en"},
        ],
        "changedPropIds": ["shell-url.pathname"],
        "state": [{"id": "shell-page-key", "property": "data", "value": None}],
    }


@pytest.mark.parametrize(("who", "shown"), [("staff", b"tables-tabs"), ("official", b"for staff")])
def test_the_tables_page_is_the_tables_for_staff_and_a_sentence_for_officials(
    small_db, client_for, who, shown
):
    response = client_for(small_db, who).post("/_dash-update-component", json=_page_body("/tables"))
    assert response.status_code == 200
    assert shown in response.data
    if who == "official":
        assert b"tables-grid" not in response.data and b"tables-tabs" not in response.data
