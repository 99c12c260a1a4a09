"""The staff-only download route: exactly the rows the table shows, as CSV or XLSX, streamed.

GET /downloads/<table>.<csv|xlsx> takes the page's view state (event, filters,
language) and the grid's state (grid = JSON of its sort and filter models, search,
problem) in the query string. Every download is logged: who, when, what, how many
rows; never the rows.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterator
from urllib.parse import urlencode

import flask

from dashboard import exports, i18n
from dashboard import tables as tb
from dashboard.auth import STAFF_ONLY
from dashboard.service import DataUnavailable
from dashboard.state import ViewState, parse_query
from dashboard.table_service import Prepared, TableRequest, TableService
from dashboard.web import Guard, declare

log = logging.getLogger(__name__)

ROUTE = "/downloads/<table>.<fmt>"
FORMATS = {"csv": "text/csv; charset=utf-8", "xlsx": exports.XLSX_TYPE}
MAX_GRID_JSON = 20_000
GRID_KEYS = ("grid", "search", "problem")


def url(table: str, fmt: str, state: ViewState, grid: dict, search: str | None, problem) -> str:
    """The download link for what a table shows."""
    pairs = [("grid", json.dumps(grid, separators=(",", ":")))]
    pairs += [("search", search)] if search else []
    pairs += [("problem", problem)] if problem else []
    query = state.to_query()
    return f"/downloads/{table}.{fmt}{query or '?'}{'&' if query else ''}{urlencode(pairs)}"


def _request(table: str, args, user: str | None) -> TableRequest:
    state_args = [(k, v) for k, v in args.items(multi=True) if k not in GRID_KEYS]
    state = parse_query(urlencode(state_args))
    raw = args.get("grid", "{}")
    if len(raw) > MAX_GRID_JSON:
        raise tb.ModelError("The table's state is too long.")
    try:
        grid = json.loads(raw)
    except ValueError:
        raise tb.ModelError("The table's state is not valid JSON.") from None
    if not isinstance(grid, dict):
        raise tb.ModelError("The table's state must be an object.")
    return TableRequest(
        table,
        state,
        grid.get("filter"),
        grid.get("sort"),
        args.get("search"),
        args.get("problem") or None,
        user,
    )


def _filter_words(prepared: Prepared) -> list[str]:
    filters = prepared.request.state.filters
    chosen = {d: getattr(filters, d) for d in tb.DIMENSION_SOURCES}
    return [f"{d}-{'+'.join(values)}" for d, values in chosen.items() if values]


def _name_parts(prepared: Prepared) -> list[str]:
    request = prepared.request
    parts = _filter_words(prepared)
    if request.filter_model:
        parts.append("filtered-" + "-".join(sorted(request.filter_model)))
    if request.search:
        parts.append(f"search-{request.search}")
    if request.problem:
        parts.append(request.problem)
    return parts


def _about(prepared: Prepared, read_at: dt.datetime, rows: int, cut: bool) -> list[tuple]:
    request, lang = prepared.request, prepared.context.lang
    none = i18n.t("tables.about.none", lang)
    event = prepared.event.name if prepared.event else i18n.t("tables.about.every_event", lang)
    problem = i18n.t(f"tables.problem.{request.problem}", lang) if request.problem else none
    pairs = [
        ("tables.about.table", i18n.t(f"tables.tab.{request.table}", lang)),
        ("tables.about.event", event),
        ("tables.about.filters", "; ".join(_filter_words(prepared)) or none),
        ("tables.about.column_filters", _json(request.filter_model) or none),
        ("tables.about.sort", _json(request.sort_model) or none),
        ("tables.about.search", request.search or none),
        ("tables.about.problem", problem),
        ("tables.about.read_at", read_at.strftime("%Y-%m-%d %H:%M:%S UTC")),
        ("tables.about.zone", str(prepared.context.zone)),
        ("tables.about.user", request.user or "?"),
        ("tables.about.rows", rows),
    ]
    if cut:
        pairs.append(("tables.about.cut", i18n.t("tables.about.cut", lang, n=rows)))
    return [(i18n.t(key, lang), value) for key, value in pairs]


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False) if value else ""


def _log(prepared: Prepared, fmt: str, rows: int, outcome: str) -> None:
    request = prepared.request
    log.info(
        "download %s by %s at %s: %s.%s event=%s filters=%s columns=%s sort=%s search=%r "
        "problem=%s rows=%d",
        outcome,
        request.user,
        dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        request.table,
        fmt,
        prepared.query.event_id,
        request.state.filters.as_dict(),
        json.dumps(request.filter_model),
        json.dumps(request.sort_model),
        request.search,
        request.problem,
        rows,
    )


def _counted(rows: Iterator[list], seen: dict) -> Iterator[list]:
    for row in rows:
        seen["rows"] += 1
        yield row
    seen["all"] = True


def _csv(tables: TableService, prepared: Prepared, header: list[str]) -> Iterator[bytes]:
    seen = {"rows": 0, "all": False}
    delimiter = ";" if prepared.context.lang == "de" else ","  # Excel's list separator
    try:
        yield from exports.csv_stream(header, _counted(tables.stream(prepared), seen), delimiter)
    finally:
        _log(prepared, "csv", seen["rows"], "done" if seen["all"] else "aborted")


def _xlsx(
    tables: TableService, prepared: Prepared, header: list[str], read_at: dt.datetime
) -> Iterator[bytes]:
    lang = prepared.context.lang
    titles = (
        i18n.t(f"tables.tab.{prepared.request.table}", lang),
        i18n.t("tables.sheet.about", lang),
    )

    def about(rows: int, cut: bool) -> list[tuple]:
        return _about(prepared, read_at, rows, cut)

    path, rows, _cut = exports.xlsx_file(titles, header, tables.stream(prepared), about)
    _log(prepared, "xlsx", rows, "done")
    return exports.file_chunks(path)


def _response(tables: TableService, prepared: Prepared, fmt: str) -> flask.Response:
    read_at = dt.datetime.now(dt.UTC)
    table, lang = prepared.request.table, prepared.context.lang
    header = [i18n.t(f"tables.col.{col.key}", lang) for col in tb.COLUMNS[table]]
    if fmt == "csv":
        body = _csv(tables, prepared, header)
    else:
        body = _xlsx(tables, prepared, header, read_at)
    event = prepared.event.name if prepared.event else "all-events"
    local = read_at.astimezone(prepared.context.zone)
    name = exports.file_name(table, event, _name_parts(prepared), local, fmt)
    response = flask.Response(body, content_type=FORMATS[fmt])
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def register(server: flask.Flask, guard: Guard, tables: TableService) -> None:
    """Add the download route to the server, for staff only."""

    @declare(*STAFF_ONLY)
    def download_table(table: str, fmt: str):
        if fmt not in FORMATS or table not in tb.TABLES:
            flask.abort(404)
        try:
            prepared = tables.prepare(_request(table, flask.request.args, guard.user()))
            return _response(tables, prepared, fmt)
        except tb.ModelError as exc:
            return flask.Response(str(exc), 400, mimetype="text/plain")
        except DataUnavailable as exc:
            return flask.Response(f"Data unavailable: {exc}", 503, mimetype="text/plain")

    server.add_url_rule(ROUTE, "download_table", download_table)
