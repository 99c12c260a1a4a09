"""CSV and XLSX downloads: nothing a spreadsheet would evaluate, text kept as text, file names."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from dashboard import exports

DANGEROUS = ["=", "+", "-", "@", "\t", "\r", "\0"]
ROOT = Path(__file__).resolve().parent.parent
ODD_BUT_HARMLESS = ["Jürgen Øster-Åberg", "<b>bold</b><script>x()</script>", "", "名前", "O'Brien"]


def _csv_rows(header, rows) -> list[list[str]]:
    data = b"".join(exports.csv_stream(header, rows)).decode("utf-8")
    assert data.startswith("\ufeff")
    return list(csv.reader(io.StringIO(data[1:])))


def _xlsx(header, rows, tmp_path):
    path, written, cut = exports.xlsx_file(
        ("Rows", "About"), header, rows, lambda n, c: [("=Rows", n)], directory=str(tmp_path)
    )
    return openpyxl.load_workbook(path), written, cut


@pytest.mark.parametrize("first", DANGEROUS)
def test_csv_cells_and_headers_starting_dangerously_get_an_apostrophe(first):
    value = f'{first}HYPERLINK("http://evil","x")'
    hidden = f" {first}1+1" if first in "=+-@" else f"{first} =1+1"
    rows = _csv_rows([f"{first}header"], [[value], [hidden], ["1+1"]])
    for cell in (rows[0][0], rows[1][0], rows[2][0]):  # spaces first do not hide a formula
        assert cell.startswith("'"), repr(cell)
        assert "\0" not in cell and "\r" not in cell
    assert rows[3] == ["1+1"]


@pytest.mark.parametrize("first", DANGEROUS)
def test_xlsx_cells_and_headers_starting_dangerously_are_never_formulas(first, tmp_path):
    value = f"{first}SUM(1,2)"
    book, written, _ = _xlsx([f"{first}h"], [[value], [f"=cmd|' /C calc'!A0{first}"]], tmp_path)
    assert written == 2
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row]
    assert cells and all(cell.data_type != "f" for cell in cells)
    sheet = book.worksheets[0]
    expected = value.replace("\0", "").replace("\r", "")
    assert sheet["A2"].value == expected and sheet["A2"].data_type == "s"
    assert sheet["A3"].value.startswith("=cmd")
    assert book.worksheets[1]["A1"].value == "=Rows"


def test_numbers_stay_numbers_and_none_is_empty(tmp_path):
    assert _csv_rows(["n"], [[-5], [None], [2.5]])[1:] == [["-5"], [""], ["2.5"]]
    book, _, _ = _xlsx(["n"], [[-5], [None]], tmp_path)
    sheet = book.worksheets[0]
    assert (sheet["A2"].value, sheet["A2"].data_type) == (-5, "n")
    assert sheet["A3"].value is None


@pytest.mark.parametrize("text", ODD_BUT_HARMLESS)
def test_unicode_html_and_empty_text_are_written_as_text(text, tmp_path):
    assert _csv_rows(["x"], [[text]])[1] == [text]
    book, _, _ = _xlsx(["x"], [[text]], tmp_path)
    assert book.worksheets[0]["A2"].value == (text or None)


def test_control_characters_are_dropped_and_long_cells_cut_with_a_marker(tmp_path):
    long_text = "x" * 40_000
    rows = _csv_rows(["x"], [["a\x01b\x1fc\x7fd\x85e"], [long_text], ["=" + long_text]])
    assert rows[1] == ["abcde"]
    assert len(rows[2][0]) == exports.EXCEL_CELL_MAX and rows[2][0].endswith(exports.CUT_MARK)
    assert len(rows[3][0]) == exports.EXCEL_CELL_MAX and rows[3][0].startswith("'=")
    book, _, _ = _xlsx(["x"], [["a\x01b\x0bc"], [long_text]], tmp_path)
    sheet = book.worksheets[0]
    assert sheet["A2"].value == "abc"
    assert len(sheet["A3"].value) == exports.EXCEL_CELL_MAX
    assert sheet["A3"].value.endswith(exports.CUT_MARK)


def test_rows_beyond_excels_limit_are_cut_and_said(tmp_path, monkeypatch):
    monkeypatch.setattr(exports, "EXCEL_ROWS_MAX", 4)  # header + 3 rows
    book, written, cut = _xlsx(["n"], [[i] for i in range(10)], tmp_path)
    assert (written, cut) == (3, True)
    assert [row[0].value for row in book.worksheets[0].iter_rows()] == ["n", 0, 1, 2]
    book, written, cut = _xlsx(["n"], [[i] for i in range(3)], tmp_path)
    assert (written, cut) == (3, False)


def test_csv_streams_in_chunks_and_the_xlsx_file_is_removed_after_sending(tmp_path):
    chunks = list(exports.csv_stream(["n"], ([i] for i in range(exports.CSV_BATCH * 3))))
    assert len(chunks) >= 3
    path, _, _ = exports.xlsx_file(("R", "A"), ["n"], [[1]], lambda n, c: [], str(tmp_path))
    assert b"".join(exports.file_chunks(path)).startswith(b"PK")
    assert list(tmp_path.iterdir()) == []


def test_file_names_carry_table_event_filters_and_time_in_safe_characters():
    moment = dt.datetime(2026, 9, 17, 9, 5)
    name = exports.file_name(
        "people",
        "Baltic Clusters 2026 – Ærø/../x",
        ["country-DK+SE", "search-=cmd|' /C calc'", "duplicate_email"],
        moment,
        "csv",
    )
    assert name == (
        "people_baltic-clusters-2026-aero-x_country-dk-se_search-cmd-c-calc_duplicate-email"
        "_20260917-0905.csv"
    )
    assert re.fullmatch(r"[a-z0-9_.-]+", name)
    long_name = exports.file_name("people", "E" * 500, ["f" * 500] * 10, moment, "xlsx")
    assert len(long_name) <= 150 and long_name.endswith("_20260917-0905.xlsx")
    assert exports.file_name("people", "", [], moment, "xlsx") == "people_x_20260917-0905.xlsx"


def test_a_worker_imports_openpyxl_with_its_first_workbook_not_at_start(small_db, tmp_path):
    """openpyxl with lxml is 10 MB a worker: most workers never write a workbook."""
    script = (
        "import sys\n"
        "from app import create_app\n"
        "from dashboard.settings import from_env\n"
        "create_app(from_env())\n"
        "assert 'openpyxl' not in sys.modules, 'imported at start'\n"
        "from dashboard import exports\n"
        "exports.new_workbook()\n"
        "assert 'openpyxl' in sys.modules\n"
    )
    env = dict(os.environ, DATABASE_URL=small_db, SECRET_KEY="s" * 32)
    env["DASHBOARD_USERS_FILE"] = str(tmp_path / "users.json")
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-2000:]
