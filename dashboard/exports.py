"""CSV and XLSX files of table rows, safe to open in a spreadsheet, written as a stream.

Text that a spreadsheet would take for a formula (=, +, -, @, tab, carriage return or
NUL first) is written so that none evaluates it: in CSV with an apostrophe before it,
in XLSX as an inline string cell (never a formula) marked as text. Control characters
are dropped, and a cell longer than Excel allows is cut, with a marker saying so.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.styles import Font

DANGEROUS_FIRST = ("=", "+", "-", "@", "\t", "\r", "\0")
# C0 and C1 controls except tab and line feed, lone surrogates, and the non-characters.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
EXCEL_CELL_MAX = 32767
CUT_MARK = " […]"
EXCEL_ROWS_MAX = 1_048_576
CSV_BATCH = 500
BOM = "\ufeff"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHUNK = 64 * 1024
# Letters that have no accent to drop, spelled in ASCII for file names.
SPELLED = str.maketrans(
    {"Æ": "AE", "æ": "ae", "Ø": "O", "ø": "o", "ß": "ss", "Œ": "OE", "œ": "oe", "Ł": "L"}
    | {"ł": "l", "Đ": "D", "đ": "d", "Þ": "Th", "þ": "th", "Ð": "D", "ð": "d"}
)


def dangerous(text: str) -> bool:
    """True when a spreadsheet could read the text as a formula."""
    return text.startswith(DANGEROUS_FIRST) or text.lstrip(" \t\r\n").startswith(DANGEROUS_FIRST)


def clean(text: str, room: int = EXCEL_CELL_MAX) -> str:
    """Text without control characters, cut (with a marker) to fit `room` characters."""
    text = CONTROL.sub("", text)
    return text if len(text) <= room else text[: room - len(CUT_MARK)] + CUT_MARK


def csv_cell(value: object) -> object:
    """A value as a CSV cell: numbers as they are, text cleaned and never a formula."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, int | float):
        text = str(value)
        if dangerous(text):
            return "'" + clean(text, EXCEL_CELL_MAX - 1)
        return clean(text)
    return value


def csv_stream(
    header: Sequence[str], rows: Iterable[Sequence], delimiter: str = ","
) -> Iterator[bytes]:
    """A CSV file (UTF-8 with a byte-order mark, so Excel reads umlauts) in chunks."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    buffer.write(BOM)
    writer.writerow([csv_cell(name) for name in header])
    for index, row in enumerate(rows, start=1):
        writer.writerow([csv_cell(value) for value in row])
        if index % CSV_BATCH == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


def new_workbook(write_only: bool = True) -> Workbook:
    """An empty workbook. openpyxl (with lxml, 10 MB a worker) is imported with a worker's
    first workbook, not when the app starts: most workers never write one."""
    from openpyxl import Workbook

    return Workbook(write_only=write_only)


@functools.cache
def _cell_type() -> type:
    from openpyxl.cell import WriteOnlyCell

    return WriteOnlyCell


@functools.cache
def bold_font() -> Font:
    """The header cells' font."""
    from openpyxl.styles import Font

    return Font(bold=True)


def xlsx_cell(sheet, value: object, bold: bool = False) -> object:
    """A value as an XLSX cell: text as an inline string (never a formula), numbers as numbers."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    if value is None:
        return None
    text = clean(str(value))
    cell = _cell_type()(sheet, value=None)
    cell.value = text
    cell.data_type = "s"  # set after the value: openpyxl would take "=..." for a formula
    if dangerous(text):
        cell.quotePrefix = True  # Excel keeps it text even when the cell is edited
    if bold:
        cell.font = bold_font()
    return cell


def _rows_sheet(book: Workbook, title: str, header: Sequence[str], rows: Iterable) -> tuple:
    sheet = book.create_sheet(title[:31])
    sheet.append([xlsx_cell(sheet, name, bold=True) for name in header])
    written, cut = 0, False
    for row in rows:
        if written >= EXCEL_ROWS_MAX - 1:
            cut = True
            break
        sheet.append([xlsx_cell(sheet, value) for value in row])
        written += 1
    return written, cut


def xlsx_file(
    sheet_titles: tuple[str, str],
    header: Sequence[str],
    rows: Iterable[Sequence],
    about: Callable[[int, bool], Iterable[tuple[str, object]]],
    directory: str | None = None,
) -> tuple[str, int, bool]:
    """Write the rows and a sheet about them to a temporary file (openpyxl write-only).

    `about(rows written, cut)` gives the second sheet's (name, value) pairs once the
    rows are written. Returns the file's path, the rows written and whether Excel's
    row limit cut them.
    """
    book = new_workbook()
    written, cut = _rows_sheet(book, sheet_titles[0], header, rows)
    info = book.create_sheet(sheet_titles[1][:31])
    for name, value in about(written, cut):
        info.append([xlsx_cell(info, name, bold=True), xlsx_cell(info, value)])
    handle, path = tempfile.mkstemp(prefix="tables-export-", suffix=".xlsx", dir=directory)
    os.close(handle)
    book.save(path)
    return path, written, cut


def file_chunks(path: str) -> Iterator[bytes]:
    """A file's bytes in chunks; the file is unlinked at once, so it never outlives the reading."""
    handle = open(path, "rb")  # noqa: SIM115 - closed by the generator, or when it is dropped
    os.unlink(path)
    return _chunks(handle)


def _chunks(handle: io.BufferedReader) -> Iterator[bytes]:
    with handle:
        while chunk := handle.read(CHUNK):
            yield chunk


def slug(text: object, limit: int = 40) -> str:
    """Letters, digits and dashes only (accents dropped), for a file name."""
    spelled = str(text).translate(SPELLED)
    ascii_text = unicodedata.normalize("NFKD", spelled).encode("ascii", "ignore").decode()
    words = re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-").lower()
    return words[:limit].strip("-") or "x"


def file_name(table: str, event: str, parts: Sequence[str], moment: dt.datetime, ext: str) -> str:
    """table_event_filters_time.ext, safe on every system and at most about 150 characters."""
    pieces = [slug(table, 20), slug(event, 40), *(slug(p, 30) for p in parts if p)]
    stem = "_".join(pieces)[:120].strip("_-")
    return f"{stem}_{moment.strftime('%Y%m%d-%H%M')}.{slug(ext, 5)}"
