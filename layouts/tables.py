"""The staff tables page: a tab per table, grids that fetch a block of rows at a time."""

from __future__ import annotations

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import table_quality
from dashboard import tables as tb
from dashboard.i18n import fmt_int, t
from layouts import ids

TABS = (*tb.TABLES, "quality")
BLOCK_ROWS = tb.BLOCK_ROWS
FILTERS = {
    tb.TEXT: ("agTextColumnFilter", list(tb.TEXT_OPS)),
    tb.READ: ("agTextColumnFilter", list(tb.TEXT_OPS)),
    tb.NUMBER: ("agNumberColumnFilter", list(tb.NUMBER_OPS)),
    tb.TIME: ("agDateColumnFilter", list(tb.DATE_OPS)),
}
GRID_OPTIONS = {
    "cacheBlockSize": BLOCK_ROWS,
    "maxBlocksInCache": 10,  # the browser holds at most 1,000 rows, whatever the table's size
    "maxConcurrentDatasourceRequests": 1,
    "infiniteInitialRowCount": 1,
    "blockLoadDebounceMillis": 150,
    "enableCellTextSelection": True,
    "suppressCellFocus": True,
    "tooltipShowDelay": 500,
}


def layout(lang: str = "en") -> html.Div:
    """The page's frame: tabs, the search box, the problem bar; callbacks fill the rest."""
    return html.Div(
        [
            dcc.Store(id=ids.TABLES_PROBLEM),
            dcc.Store(id=ids.TABLES_VERSION),
            dcc.Store(id=ids.TABLES_PURGED),
            dbc.Tabs(
                [dbc.Tab(label=t(f"tables.tab.{name}", lang), tab_id=name) for name in TABS],
                id=ids.TABLES_TABS,
                active_tab="people",
                className="mb-2",
            ),
            toolbar(lang),
            html.Div(id=ids.TABLES_PANEL),
            html.Div(id=ids.TABLES_QUALITY),
        ],
        className="tables-page",
    )


def toolbar(lang: str) -> html.Div:
    """Quick search over the table's names, and the bar naming a data-quality problem shown."""
    search = dbc.InputGroup(
        [
            dbc.InputGroupText(t("tables.search.label", lang)),
            dbc.Input(
                id=ids.TABLES_SEARCH,
                type="search",
                debounce=400,
                maxLength=tb.MAX_TEXT,
                placeholder=t("tables.search", lang),
                autoComplete="off",
            ),
        ],
        size="sm",
        className="tables-search",
    )
    problem = dbc.Alert(
        [
            html.Span(id=ids.TABLES_PROBLEM_TEXT, className="me-3"),
            dbc.Button(
                t("tables.problem.clear", lang),
                id=ids.TABLES_PROBLEM_CLEAR,
                color="link",
                size="sm",
                className="p-0 align-baseline",
                n_clicks=0,
            ),
        ],
        id=ids.TABLES_PROBLEM_BAR,
        color="warning",
        className="py-1 px-2 mb-2 small",
        is_open=False,
    )
    return html.Div([search, problem], id=ids.TABLES_TOOLBAR, className="mb-2")


def column_defs(table: str, lang: str) -> list[dict]:
    """The grid's columns: headers in the language, filters that the server understands."""
    defs = []
    for col in tb.COLUMNS[table]:
        kind, options = FILTERS[col.kind]
        defs.append(
            {
                "field": col.key,
                "headerName": t(f"tables.col.{col.key}", lang),
                "width": col.width,
                "filter": kind,
                "filterParams": {
                    "filterOptions": options,
                    "maxNumConditions": tb.MAX_CONDITIONS,
                    "buttons": ["reset"],
                    "debounceMs": 500,
                    "inRangeInclusive": True,
                },
            }
        )
    return defs


def grid(table: str, lang: str) -> dag.AgGrid:
    """A grid that asks the server for one block of rows at a time (infinite row model)."""
    return dag.AgGrid(
        id=ids.tables_part(ids.TABLES_GRID, table),
        columnDefs=column_defs(table, lang),
        defaultColDef={"sortable": True, "resizable": True},
        rowModelType="infinite",
        dashGridOptions=GRID_OPTIONS,
        style={"height": "62vh", "minHeight": "360px"},
        className=f"tables-grid tables-grid-{table}",
    )


def panel(table: str, lang: str) -> list:
    """One table: its row count, its download links, its grid."""
    link = "btn btn-outline-primary btn-sm ms-2"
    return [
        html.Div(
            [
                html.Span(id=ids.tables_part(ids.TABLES_COUNT, table), className="me-auto"),
                html.Span(t("tables.download", lang), className="text-muted small"),
                html.A(
                    t("tables.download.csv", lang),
                    id=ids.tables_part(ids.TABLES_CSV, table),
                    className=link,
                    download="",
                    role="button",
                ),
                html.A(
                    t("tables.download.xlsx", lang),
                    id=ids.tables_part(ids.TABLES_XLSX, table),
                    className=link,
                    download="",
                    role="button",
                ),
            ],
            className="d-flex align-items-center mb-2 tables-bar",
        ),
        html.Div(id=ids.tables_part(ids.TABLES_MESSAGE, table)),
        grid(table, lang),
    ]


def _problem_row(key: str, count: int, lang: str, openable: bool) -> html.Tr:
    found = table_quality.BY_KEY.get(key)
    where = t(f"tables.tab.{found.table}", lang) if found else t("tables.quality.no_table", lang)
    if found and found.every_event:
        where += " · " + t("tables.quality.every_event", lang)
    action = (
        dbc.Button(
            t("tables.quality.open", lang),
            id=ids.tables_problem(key),
            size="sm",
            color="primary" if count else "secondary",
            outline=not count,
            disabled=not count,
            n_clicks=0,
        )
        if openable
        else None
    )
    return html.Tr(
        [
            html.Td(t(f"tables.problem.{key}", lang)),
            html.Td(where, className="text-muted small"),
            html.Td(fmt_int(count, lang), className="text-end fw-bold quality-count"),
            html.Td(action, className="text-end"),
        ],
        className="table-warning" if count else None,
        id=f"tables-quality-{key.replace('_', '-')}",
    )


def quality(counts: dict[str, int], lang: str) -> list:
    """The data-quality view: each problem's count, and a button that opens its rows."""
    rows = [_problem_row(p.key, counts.get(p.key, 0), lang, True) for p in table_quality.PROBLEMS]
    rows += [_problem_row(k, counts.get(k, 0), lang, False) for k in table_quality.COUNT_ONLY]
    return [
        html.P(t("tables.quality.intro", lang), className="mb-1"),
        html.P(t("tables.quality.filtered", lang), className="text-muted small"),
        dbc.Table(html.Tbody(rows), size="sm", hover=True, className="quality-table"),
    ]


def refused(lang: str) -> html.Div:
    """What anybody but staff sees at /tables (the server sends them no rows either way)."""
    return html.Div(html.P(t("tables.staff_only", lang), className="lead"), className="py-5")
