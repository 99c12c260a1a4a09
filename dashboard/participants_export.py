"""The participants page's statistics as an Excel workbook: the aggregates behind the page.

The first sheet says what the numbers are (event, comparison, filters, drill path, when
the data was read); the last holds the definitions. Counts an official may not see
exactly are written as "< 3", as on the page.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import TYPE_CHECKING

import pandas as pd

from dashboard import definitions, exports, i18n, privacy
from dashboard.participants import ParticipantsView
from dashboard.participants_tables import drill_dimension, event_label
from dashboard.state import ViewState

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

BREAKDOWNS = (
    ("country", "country"),
    ("sector", "sector"),
    ("helix", "org_type"),
)


def _sheet(book: Workbook, title: str, header: list[str], rows: list[list]) -> Worksheet:
    sheet = book.create_sheet(title[:31])
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = exports.bold_font()
    for row in rows:
        sheet.append(row)
    for column, width in zip("ABCDEFG", (34, 34, 18, 18, 18, 18, 18), strict=False):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    return sheet


def _count(row: pd.Series, column: str) -> int | str:
    return privacy.SUPPRESSED if row[f"{column}_hidden"] else int(row[column])


def _breakdown_rows(frame: pd.DataFrame) -> list[list]:
    compare = "n_compare" in frame
    rows = []
    for _, row in frame.iterrows():
        values = [row["value"], row["label"], _count(row, "n")]
        if compare:
            values.append(_count(row, "n_compare"))
        rows.append(values)
    return rows


def _filters_text(state: ViewState, lang: str) -> list[list]:
    rows = []
    for dimension in ("country", "sector", "org_type"):
        values = getattr(state.filters, dimension)
        names = ", ".join(i18n.value_name(dimension, v, lang) for v in values)
        rows.append([i18n.t(f"filter.{dimension}", lang), names or i18n.t("filter.all", lang)])
    return rows


def _about(book: Workbook, view: ParticipantsView, state: ViewState, now: dt.datetime) -> None:
    lang, scope = state.lang, view.scope
    zone = scope.cubes.event.zone
    t = i18n.t
    stamp = "%Y-%m-%d %H:%M:%S %Z"
    rows = [
        [t("filter.event", lang), event_label(scope.cubes.event, lang)],
        [
            t("filter.compare", lang),
            event_label(scope.compare.event, lang) if scope.compare else "–",
        ],
        *_filters_text(state, lang),
        [t("drill.path", lang), " › ".join(view.crumbs)],
        [
            t("participants.xlsx.read_at", lang),
            scope.cubes.read_at.astimezone(zone).strftime(stamp),
        ],
        [t("participants.xlsx.created_at", lang), now.astimezone(zone).strftime(stamp)],
    ]
    if privacy.suppresses(scope.role):
        rows.append(
            [t("participants.xlsx.small", lang), definitions.text("reading.small_counts", lang)]
        )
    _sheet(book, t("participants.xlsx.about", lang), [t("participants.xlsx.what", lang), ""], rows)


def _summary(book: Workbook, view: ParticipantsView, lang: str) -> None:
    t = i18n.t
    header = [t("participants.xlsx.figure", lang), t("participants.xlsx.value", lang), "", ""]
    rows = [[k.label, k.value, k.sub, k.delta] for k in view.kpis]
    _sheet(book, t("participants.xlsx.summary", lang), header, rows)


def _breakdowns(book: Workbook, view: ParticipantsView, lang: str) -> None:
    scope, t = view.scope, i18n.t
    names = [scope.cubes.event.name] + ([scope.compare.event.name] if scope.compare else [])
    level_dimension = drill_dimension(len(scope.drill))
    sheets = [*BREAKDOWNS, ("drill", level_dimension)]
    for table, dimension in sheets:
        frame = view.tables.get(table)
        if frame is None:
            continue
        header = [
            t("participants.xlsx.code", lang),
            t(f"participants.xlsx.{dimension}", lang),
            *names,
        ]
        title = t(f"participants.xlsx.sheet.{table}", lang)
        _sheet(book, title, header, _breakdown_rows(frame))


def _cross_tab(book: Workbook, view: ParticipantsView, lang: str) -> None:
    frame, t = view.tables.get("heatmap"), i18n.t
    if frame is None:
        return
    rows = [
        [
            row["country"],
            i18n.country_name(row["country"], lang),
            i18n.sector_name(row["sector"], lang),
            _count(row, "n"),
        ]
        for _, row in frame.iterrows()
    ]
    header = [
        t("participants.xlsx.code", lang),
        t("filter.country", lang),
        t("filter.sector", lang),
        t("axis.participants", lang),
    ]
    _sheet(book, t("participants.xlsx.sheet.heatmap", lang), header, rows)


def _time_tables(book: Workbook, view: ParticipantsView, lang: str) -> None:
    t = i18n.t
    daily = view.tables.get("registrations")
    if daily is not None:
        rows = [[str(r.date), int(r.n), int(r.cumulative)] for r in daily.itertuples()]
        header = [t("axis.date", lang), t("axis.per_day", lang), t("axis.cumulative", lang)]
        _sheet(book, t("chart.registrations", lang), header, rows)
    days = view.tables.get("checkins_day")
    if days is not None:
        rows = [[str(r.date), int(r.n)] for r in days.itertuples()]
        header = [t("axis.date", lang), t("kpi.checked_in", lang)]
        _sheet(book, t("participants.chart.checkins_day", lang), header, rows)
    hours = view.tables.get("checkins_hour")
    if hours is not None:
        rows = [
            [pd.Timestamp(r.start).strftime("%Y-%m-%d %H:%M"), int(r.n)] for r in hours.itertuples()
        ]
        header = [t("participants.axis.hour", lang), t("axis.participants", lang)]
        _sheet(book, t("participants.xlsx.sheet.hours", lang), header, rows)


def _definitions(book: Workbook, lang: str) -> None:
    rows = [
        [definitions.name(key, lang), definitions.text(key, lang)]
        for key in definitions.keys("participants.", "reading.")
    ]
    header = [i18n.t("participants.xlsx.figure", lang), i18n.t("info.definition", lang)]
    sheet = _sheet(book, i18n.t("participants.xlsx.definitions", lang), header, rows)
    sheet.column_dimensions["B"].width = 120


def workbook(view: ParticipantsView, state: ViewState, now: dt.datetime) -> bytes:
    """The page's aggregates as an XLSX file, as the view's role may see them."""
    lang = state.lang
    book = exports.new_workbook(write_only=False)
    book.remove(book.active)
    _about(book, view, state, now)
    _summary(book, view, lang)
    _breakdowns(book, view, lang)
    _cross_tab(book, view, lang)
    _time_tables(book, view, lang)
    _definitions(book, lang)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def filename(view: ParticipantsView, now: dt.datetime) -> str:
    """The download's name: the event and the date, in characters every system accepts."""
    name = view.scope.cubes.event.name if view.scope else "event"
    slug = re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-").lower() or "event"
    return f"participants-{slug}-{now:%Y%m%d-%H%M}.xlsx"
