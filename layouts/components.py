"""Building blocks shared by the pages: KPI tiles, chart cards, the status line, the filter bar."""

from __future__ import annotations

from collections.abc import Sequence

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.views import Kpi, Status
from layouts import ids

GRAPH_CONFIG = {
    "displaylogo": False,
    "responsive": True,
    "topojsonURL": "/assets/topojson/",
    "modeBarButtonsToRemove": ["lasso2d", "select2d", "autoScale2d"],
    "toImageButtonOptions": {"format": "png", "scale": 2},
}
STATUS_CLASS = {"ok": "text-muted", "stale": "alert alert-warning", "down": "alert alert-danger"}


def kpi_tiles(kpis: Sequence[Kpi]) -> list:
    """A responsive row of KPI tiles."""
    return [
        dbc.Col(
            dbc.Card(
                dbc.CardBody(
                    [
                        html.Div(kpi.label, className="kpi-label"),
                        html.Div(kpi.value, className="kpi-value", id=f"kpi-{kpi.key}"),
                        html.Div(kpi.sub, className="kpi-sub"),
                    ]
                ),
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


def chart_card(graph_id: str | dict, height: int = 260) -> dbc.Card:
    """A card holding one graph, loading quietly in place."""
    name = (
        graph_id
        if isinstance(graph_id, str)
        else "-".join(graph_id[k] for k in ("page", "dimension"))
    )
    return dbc.Card(
        dbc.CardBody(
            dcc.Graph(
                id=graph_id,
                config=GRAPH_CONFIG,
                className=f"graph-{name}",
                style={"minHeight": f"{height}px"},
            )
        ),
        className="mb-3 chart-card",
    )


FILTER_CONTROLS = (
    ("event", ids.FILTER_EVENT),
    ("country", ids.FILTER_COUNTRY),
    ("sector", ids.FILTER_SECTOR),
    ("org_type", ids.FILTER_ORG_TYPE),
)


def filter_label_id(name: str) -> str:
    """The id of a filter control's label."""
    return f"filter-label-{name.replace('_', '-')}"


def filter_bar() -> html.Div:
    """Event, country, sector and organisation type, and a button to clear them."""
    columns = [
        dbc.Col(
            [
                dbc.Label(id=filter_label_id(name), html_for=control, className="small mb-1"),
                dcc.Dropdown(
                    id=control, multi=name != "event", clearable=name != "event", options=[]
                ),
            ],
            md=3,
        )
        for name, control in FILTER_CONTROLS
    ]
    return html.Div(
        [
            dbc.Row(columns, className="g-2 align-items-end"),
            html.Div(
                [
                    html.Div(id=ids.FILTER_NOTICE, className="flex-grow-1"),
                    dbc.Button(id=ids.FILTER_CLEAR, color="link", size="sm", n_clicks=0),
                ],
                className="d-flex align-items-center mt-1",
            ),
        ],
        id=ids.FILTER_BAR,
        className="filter-bar mb-3",
    )
