"""The workshops page's statistics as an Excel workbook: one row per workshop."""

from __future__ import annotations

import datetime as dt

from dashboard import page_export
from dashboard import workshops as ws
from dashboard.i18n import t
from dashboard.page_export import Sheet
from dashboard.service import DataService, Snapshot
from dashboard.state import ViewState
from dashboard.workshop_charts import level_name
from dashboard.workshops_view import exported_for, workshops_view

COLUMNS = (
    "title",
    "starts",
    "room",
    "topic",
    "capacity",
    "booked",
    "waitlisted",
    "level",
    "fill",
    "attended",
    "attendance",
)


def _row(w: ws.Workshop, lang: str) -> list[object]:
    f = w.figures
    fill = round(f.booked / f.capacity, 4) if f.capacity > 0 else "–"
    attendance = "–" if w.attendance is None else w.attendance
    return [
        f.title,
        w.starts.strftime("%Y-%m-%d %H:%M"),
        w.room or "",
        w.topic or "",
        f.capacity,
        f.booked,
        f.waitlisted,
        level_name(w.level, lang),
        fill,
        f.attended if w.started else "–",
        attendance,
    ]


def workshops_sheet(rows: list[ws.Workshop], state: ViewState, role: str | None) -> Sheet:
    """One row per workshop; with filters, the bookings of those who match as shown."""
    lang, filters = state.lang, state.filters
    header = [t(f"workshops.export.{c}", lang) for c in COLUMNS]
    table = [_row(w, lang) for w in rows]
    if not filters.is_empty():
        shown = exported_for(filters, role, "workshop")
        header.append(t("workshops.legend.matching", lang))
        table = [[*line, shown(w.matching)] for line, w in zip(table, rows, strict=True)]
    return Sheet(t("workshops.chart.fill", lang), header, table)


def workbook(
    snapshot: Snapshot, service: DataService, state: ViewState, role: str | None, now: dt.datetime
) -> tuple[bytes, str] | None:
    """The page's figures as an XLSX file and its name; None without workshops."""
    cubes, lang = snapshot.cubes, state.lang
    if cubes is None:
        return None
    rows = ws.workshops(cubes, state.filters, now)
    if not rows:
        return None
    view = workshops_view(snapshot, service, lang, state.filters, "none", role, now)
    sheets = [
        page_export.about(cubes.event, state.filters, cubes.read_at, now, role, lang),
        page_export.summary(view.kpis, lang),
        workshops_sheet(rows, state, role),
        page_export.definitions_sheet(lang, "workshops.", "reading."),
    ]
    name = page_export.filename(t("nav.workshops", "en"), cubes.event, now)
    return page_export.workbook(sheets), name
