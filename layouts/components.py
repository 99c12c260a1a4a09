"""Building blocks shared by the pages: KPI tiles, chart cards, the status line, the filter bar,
filter chips, the drill breadcrumb and the definition popover."""

from __future__ import annotations

from collections.abc import Sequence

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import i18n
from dashboard.filters import Filters
from dashboard.views import Kpi, Status
from layouts import ids

# The camera button saves a PNG; assets/graph_tools.js adds the SVG button to every chart.
# Maps read their outlines from /assets/topojson/, so everything works offline.
GRAPH_CONFIG = {
    "displaylogo": False,
    "responsive": True,
    "topojsonURL": "/assets/topojson/",
    # Officials come for the numbers and the images: the toolbar keeps to downloading.
    "modeBarButtonsToRemove": [
        "lasso2d",
        "select2d",
        "autoScale2d",
        "zoom2d",
        "pan2d",
        "zoomIn2d",
        "zoomOut2d",
        "resetScale2d",
        "toggleSpikelines",
        "hoverClosestCartesian",
        "hoverCompareCartesian",
        "hoverClosestGeo",
        "sendChartToCloud",  # it uploads the chart's data to Plotly's cloud
    ],
    "toImageButtonOptions": {"format": "png", "scale": 2},
}


def graph_config(filename: str | None = None) -> dict[str, object]:
    """GRAPH_CONFIG with the name that downloaded images get."""
    if not filename:
        return GRAPH_CONFIG
    options = {**GRAPH_CONFIG["toImageButtonOptions"], "filename": filename}
    return {**GRAPH_CONFIG, "toImageButtonOptions": options}


def info_popover(button_id: str, title: str, text: str, lang: str = "en") -> html.Span:
    """An (i) button that shows a figure's definition in a popover."""
    return html.Span(
        [
            html.Button(
                "i",
                id=button_id,
                type="button",
                className="info-button",
                title=i18n.t("info.definition", lang),
                **{"aria-label": i18n.t("info.definition_of", lang, name=title)},
            ),
            dbc.Popover(
                [dbc.PopoverHeader(title), dbc.PopoverBody(text)],
                target=button_id,
                trigger="legacy",
                placement="auto",
            ),
        ],
        className="info",
    )


STATUS_CLASS = {"ok": "text-muted", "stale": "alert alert-warning", "down": "alert alert-danger"}


TREND_CLASS = {1: "kpi-delta kpi-delta-up", -1: "kpi-delta kpi-delta-down", 0: "kpi-delta"}


def _kpi_body(kpi: Kpi, page: str, lang: str) -> list:
    label: list = [html.Span(kpi.label)]
    if kpi.info:
        label.append(info_popover(ids.info(page, f"kpi-{kpi.key}"), kpi.label, kpi.info, lang))
    body = [
        html.Div(label, className="kpi-label d-flex justify-content-between"),
        html.Div(kpi.value, className="kpi-value", id=f"kpi-{kpi.key}"),
        html.Div(kpi.sub, className="kpi-sub"),
    ]
    if kpi.delta:
        body.append(
            html.Div(kpi.delta, className=TREND_CLASS[kpi.trend], id=f"kpi-{kpi.key}-delta")
        )
    return body


def kpi_tiles(kpis: Sequence[Kpi], page: str = "kpi", lang: str = "en") -> list:
    """A responsive row of KPI tiles, each with its definition and its change when given."""
    return [
        dbc.Col(
            dbc.Card(
                dbc.CardBody(_kpi_body(kpi, page, lang)),
                className="kpi-card h-100",
            ),
            xs=6,
            md=3,
            xl=True,
            className="mb-3",
        )
        for kpi in kpis
    ]


def status_line(status: Status | None) -> html.Div:
    """The data freshness line: quiet when current, a banner when stale or down."""
    if status is None:
        return html.Div()
    return html.Div(status.text, className=STATUS_CLASS[status.level], role="status")


def _graph_name(graph_id: str | dict) -> str:
    if isinstance(graph_id, str):
        return graph_id
    parts = [str(v) for k, v in graph_id.items() if k != "type"]
    return "-".join(p.replace("+", "-").replace("_", "-") for p in parts)


def chart_card(graph_id: str | dict, height: int = 260, info: object = None) -> dbc.Card:
    """A card holding one graph, loading quietly in place; `info` is its definition popover."""
    name = _graph_name(graph_id)
    graph = dcc.Graph(
        id=graph_id,
        config=graph_config(name),
        className=f"graph-{name}",
        style={"minHeight": f"{height}px"},
    )
    tools = html.Div(info, className="chart-tools") if info is not None else None
    return dbc.Card(dbc.CardBody([tools, graph]), className="mb-3 chart-card")


def filter_chips(filters: Filters, lang: str) -> list:
    """One removable chip per active filter value."""
    chips = []
    for dimension in ("country", "sector", "org_type"):
        for value in getattr(filters, dimension):
            name = i18n.value_name(dimension, value, lang)
            label = f"{i18n.t(f'filter.{dimension}', lang)}: {name}"
            chips.append(
                dbc.Button(
                    [html.Span(label), html.Span("×", className="ms-2", **{"aria-hidden": "true"})],
                    id=ids.filter_chip(dimension, value),
                    color="primary",
                    outline=True,
                    size="sm",
                    className="filter-chip rounded-pill",
                    title=i18n.t("filter.remove", lang, name=label),
                    n_clicks=0,
                )
            )
    return chips


def breadcrumb(page: str, steps: Sequence[str], lang: str, hint: str = "") -> html.Nav:
    """The drill path as a breadcrumb; every step but the last steps back to its level."""
    items = []
    for level, label in enumerate(steps):
        last = level == len(steps) - 1
        content = (
            html.Span(label)
            if last
            else html.Button(
                label, id=ids.drill_crumb(page, level), className="crumb-link", n_clicks=0
            )
        )
        items.append(html.Li(content, className="breadcrumb-item" + (" active" if last else "")))
    if hint:
        items.append(html.Li(hint, className="drill-hint ms-auto"))
    return html.Nav(
        html.Ol(items, className="breadcrumb mb-1 pe-4"),
        **{"aria-label": i18n.t("drill.path", lang)},
        className="drill-breadcrumb",
    )


FILTER_CONTROLS = (
    ("event", ids.FILTER_EVENT),
    ("country", ids.FILTER_COUNTRY),
    ("sector", ids.FILTER_SECTOR),
    ("org_type", ids.FILTER_ORG_TYPE),
    ("compare", ids.FILTER_COMPARE),
)
CONTROL_WIDTHS = {"event": 3, "country": 2, "sector": 3, "org_type": 2, "compare": 2}
SINGLE_CHOICE = ("event", "compare")


def filter_label_id(name: str) -> str:
    """The id of a filter control's label."""
    return f"filter-label-{name.replace('_', '-')}"


def filter_bar() -> html.Div:
    """Event, country, sector, organisation type and comparison; chips and a clear-all button."""
    columns = [
        dbc.Col(
            [
                dbc.Label(id=filter_label_id(name), html_for=control, className="small mb-1"),
                dcc.Dropdown(
                    id=control,
                    multi=name not in SINGLE_CHOICE,
                    clearable=name != "event",
                    options=[],
                ),
            ],
            md=6,
            lg=CONTROL_WIDTHS[name],
        )
        for name, control in FILTER_CONTROLS
    ]
    return html.Div(
        [
            dbc.Row(columns, className="g-2 align-items-end"),
            html.Div(
                [
                    html.Div(id=ids.FILTER_CHIPS, className="flex-grow-1 d-flex flex-wrap"),
                    dbc.Button(id=ids.FILTER_CLEAR, color="link", size="sm", n_clicks=0),
                ],
                className="d-flex align-items-center mt-2",
            ),
            html.Div(id=ids.FILTER_NOTICE),
        ],
        id=ids.FILTER_BAR,
        className="filter-bar mb-3",
    )
