"""The staff tables in a real browser: filter, sort, download exactly what is shown."""

from __future__ import annotations

import csv
import io
import time
from pathlib import Path

import openpyxl
from selenium.webdriver.common.by import By

from app import create_app
from tests.browser import TIMEOUT, choose, console_errors, log_in, start

GRID = ".tables-grid-people"


def _shown_ids(dash_duo) -> list[str]:
    """The ID column of the grid's rows, in the order shown."""
    rows = dash_duo.driver.find_elements(
        By.CSS_SELECTOR, f"{GRID} .ag-center-cols-container .ag-row"
    )
    ordered = sorted(rows, key=lambda row: int(row.get_attribute("row-index")))
    return [row.find_element(By.CSS_SELECTOR, '[col-id="id"]').text for row in ordered]


def _wait_for_ids(dash_duo, expected: list[str]) -> None:
    deadline = time.monotonic() + TIMEOUT
    while _shown_ids(dash_duo) != expected and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _shown_ids(dash_duo) == expected


def _downloaded(dash_duo, suffix: str) -> Path:
    folder = Path(dash_duo.download_path)
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        done = [p for p in folder.glob(f"*{suffix}") if p.stat().st_size > 0]
        if done:
            return done[0]
        time.sleep(0.2)
    raise AssertionError(f"no {suffix} file in {list(folder.iterdir())}")


def test_people_filtered_sorted_and_downloaded(dash_duo, small_db, settings_for):
    start(dash_duo, create_app(settings_for(small_db)))
    log_in(dash_duo, "staff", "/tables?event=2")
    dash_duo.wait_for_text_to_equal(
        "#" + _count_id(), "10 of 10 rows · Times are in Europe/Berlin.", timeout=TIMEOUT
    )

    choose(dash_duo, "filter-country", "Denmark")
    dash_duo.wait_for_contains_text("#" + _count_id(), "2 of 10 rows", timeout=TIMEOUT)
    _wait_for_ids(dash_duo, ["3", "11"])  # by id until sorted

    header = f'{GRID} .ag-header-cell[col-id="last_name"] .ag-header-cell-label'
    dash_duo.find_element(header).click()  # ascending: "Last11" before "Last3"
    _wait_for_ids(dash_duo, ["11", "3"])
    dash_duo.find_element(header).click()  # descending
    _wait_for_ids(dash_duo, ["3", "11"])

    dash_duo.find_element("#" + _link_id("tables-csv")).click()
    text = _downloaded(dash_duo, ".csv").read_bytes().decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert rows[0][:4] == ["ID", "Last name", "First name", "E-mail"]
    assert [(r[0], r[1], r[5]) for r in rows[1:]] == [
        ("3", "Last3", "Denmark"),
        ("11", "Last11", "Denmark"),
    ]

    dash_duo.find_element("#" + _link_id("tables-xlsx")).click()
    book = openpyxl.load_workbook(_downloaded(dash_duo, ".xlsx"))
    sheet = book.worksheets[0]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert [(r[0], r[1], r[5]) for r in values[1:]] == [
        (3, "Last3", "Denmark"),
        (11, "Last11", "Denmark"),
    ]
    about = {row[0].value: row[1].value for row in book.worksheets[1].iter_rows()}
    assert about["Downloaded by"] == "sam"
    assert about["Rows"] == 2
    assert about["Filters"] == "country-DK"
    assert console_errors(dash_duo) == []


def _count_id() -> str:
    return _pattern_css("tables-count")


def _link_id(part: str) -> str:
    return _pattern_css(part)


def _pattern_css(part: str) -> str:
    # Dash renders a dict id as its sorted JSON; CSS needs its punctuation escaped.
    raw = '{"table":"people","type":"' + part + '"}'
    return "".join("\\" + c if not c.isalnum() and c not in "-_" else c for c in raw)
