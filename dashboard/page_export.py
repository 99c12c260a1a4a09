"""An Excel workbook of a statistics page's aggregates, as the role sees them on the page.

The first sheet says what the numbers are (event, filters, when the data was read); the
last holds the definitions. Counts an official may not see exactly are "< 3", as shown.
Every text cell is written by dashboard/exports.py, so none is ever read as a formula.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass

from dashboard import definitions, exports, i18n, privacy
from dashboard.event_data import Event
from dashboard.filters import DIMENSIONS, Filters
from dashboard.i18n import t
from dashboard.views import Kpi

STAMP = "%Y-%m-%d %H:%M:%S %Z"


@dataclass(frozen=True)
class Sheet:
    """One sheet: its title, its header row and its rows."""

    title: str
    header: Sequence[str]
    rows: Sequence[Sequence[object]]


def about(
    event: Event,
    filters: Filters,
    read_at: dt.datetime,
    now: dt.datetime,
    role: str | None,
    lang: str,
    extra: Sequence[tuple[str, str]] = (),
) -> Sheet:
    """What the numbers are: the event, the filters, when read and written, small counts."""
    rows: list[list[object]] = [[t("filter.event", lang), f"{event.name} ({event.id})"]]
    for dimension in DIMENSIONS:
        names = [i18n.value_name(dimension, v, lang) for v in getattr(filters, dimension)]
        rows.append([t(f"filter.{dimension}", lang), ", ".join(names) or t("filter.all", lang)])
    rows += [list(pair) for pair in extra]
    rows.append([t("export.read_at", lang), read_at.astimezone(event.zone).strftime(STAMP)])
    rows.append([t("export.created_at", lang), now.astimezone(event.zone).strftime(STAMP)])
    if privacy.suppresses(role):
        rows.append([t("export.small", lang), definitions.text("reading.small_counts", lang)])
    return Sheet(t("export.about", lang), [t("export.what", lang), ""], rows)


def summary(kpis: Sequence[Kpi], lang: str) -> Sheet:
    """The page's tiles: label, value and the line under it, as shown."""
    rows = [[k.label, k.value, k.sub] for k in kpis]
    return Sheet(
        t("export.summary", lang), [t("export.figure", lang), t("export.value", lang), ""], rows
    )


def definitions_sheet(lang: str, *prefixes: str) -> Sheet:
    """The definitions of the page's figures and of how rows are read."""
    rows = [
        [definitions.name(k, lang), definitions.text(k, lang)] for k in definitions.keys(*prefixes)
    ]
    return Sheet(
        t("export.definitions", lang), [t("export.figure", lang), t("info.definition", lang)], rows
    )


def workbook(sheets: Sequence[Sheet]) -> bytes:
    """The sheets as an XLSX file."""
    book = exports.new_workbook()
    for sheet in sheets:
        page = book.create_sheet(sheet.title[:31])
        page.column_dimensions["A"].width = 40
        page.column_dimensions["B"].width = 40
        page.append([exports.xlsx_cell(page, name, bold=True) for name in sheet.header])
        for row in sheet.rows:
            page.append([exports.xlsx_cell(page, value) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def filename(page: str, event: Event, now: dt.datetime) -> str:
    """page_event_time.xlsx, in characters every system accepts."""
    return exports.file_name(page, event.name, (), now.astimezone(event.zone), "xlsx")
