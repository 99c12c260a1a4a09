"""The wall screen's frame and the components its refresh fills in. No data access here.

The frame is static: a header, the banners, five panels stacked on one another (the
visible one chosen in the browser) and a footer with the happenings and the rotation's
progress. Each panel keeps its parts (and its graph) across refreshes, so new figures
land in place without a flicker.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from dash import dcc, html, no_update
from plotly.io.json import to_json_plotly

from dashboard.wall import PANELS, Refresh, WallView
from dashboard.wall_model import Meter, Number, Panel
from layouts import ids
from layouts.components import GRAPH_CONFIG

CHART_PANELS = ("arrivals", "registrations", "matchmaking", "map")
WALL_GRAPH_CONFIG = {**GRAPH_CONFIG, "staticPlot": True, "displayModeBar": False}
BLANK_FIGURE = {
    "data": [],
    "layout": {
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "xaxis": {"visible": False},
        "yaxis": {"visible": False},
    },
}
HEADER_OUTPUTS = (
    (ids.WALL_EVENT, "children"),
    (ids.WALL_AS_OF, "children"),
    (ids.WALL_BANNER, "children"),
    (ids.WALL_HAPPENINGS, "children"),
)


def panel_parts(name: str) -> list[tuple[str, str]]:
    """The (id, property) pairs a refresh writes in one panel."""
    parts = [
        (ids.wall_part("title", name), "children"),
        (ids.wall_part("numbers", name), "children"),
        (ids.wall_part("meters-title", name), "children"),
        (ids.wall_part("meters", name), "children"),
    ]
    if name in CHART_PANELS:
        parts += [
            (ids.wall_part("chart-title", name), "children"),
            (ids.wall_part("chart", name), "figure"),
        ]
    return parts


def refresh_outputs() -> list[tuple[str, str]]:
    """Every (id, property) the refresh callback writes, in the order of refresh_values."""
    per_panel = [pair for name in PANELS for pair in panel_parts(name)]
    return [*HEADER_OUTPUTS, *per_panel, (ids.WALL_RENDERED, "data"), (ids.WALL_BEAT, "data")]


def _panel(name: str) -> html.Div:
    body = [
        html.Div(
            [
                html.H3(id=ids.wall_part("meters-title", name), className="wall-caption"),
                html.Div(id=ids.wall_part("meters", name), className="wall-meters"),
            ],
            className="wall-meter-box",
        )
    ]
    if name in CHART_PANELS:
        graph = dcc.Graph(
            id=ids.wall_part("chart", name),
            figure=BLANK_FIGURE,
            config=WALL_GRAPH_CONFIG,
            className="wall-chart",
            style={"height": "100%"},
        )
        caption = html.H3(id=ids.wall_part("chart-title", name), className="wall-caption")
        body.append(
            html.Div(
                [caption, html.Div(graph, className="wall-chart-frame")], className="wall-chart-box"
            )
        )
    return html.Div(
        [
            html.H2(id=ids.wall_part("title", name), className="wall-panel-title"),
            html.Div(id=ids.wall_part("numbers", name), className="wall-numbers"),
            html.Div(body, className="wall-panel-body"),
        ],
        id=ids.wall_part("panel", name),
        className=f"wall-panel wall-panel--{name}",
    )


def _header() -> html.Header:
    time = html.Div(
        [
            html.Div(id=ids.WALL_CLOCK, className="wall-clock"),
            html.Div(id=ids.WALL_AS_OF, className="wall-as-of"),
        ],
        className="wall-time",
    )
    return html.Header(
        [html.Div(id=ids.WALL_EVENT, className="wall-event"), time], className="wall-header"
    )


def _footer() -> html.Footer:
    dots = [html.Span(id=ids.wall_part("dot", name), className="wall-dot") for name in PANELS]
    bar = html.Div(id=ids.WALL_PROGRESS_BAR, className="wall-progress-bar")
    progress = html.Div(
        [html.Div(dots, className="wall-dots"), html.Div(bar, className="wall-progress-track")],
        id=ids.WALL_PROGRESS,
        className="wall-progress",
    )
    return html.Footer(
        [html.Div(id=ids.WALL_HAPPENINGS, className="wall-happenings"), progress],
        className="wall-footer",
    )


def layout(refresh_ms: int = 5000) -> html.Div:
    """The wall's frame: no data in it; the callbacks and the browser fill everything."""
    stores = (ids.WALL_CONFIG, ids.WALL_SCREEN, ids.WALL_RENDERED, ids.WALL_BEAT)
    offline = "wall-banner wall-banner--offline"
    return html.Div(
        [
            dcc.Location(id=ids.WALL_URL, refresh=False),
            *[dcc.Store(id=store) for store in stores],
            dcc.Interval(id=ids.WALL_REFRESH, interval=refresh_ms),
            dcc.Interval(id=ids.WALL_TICK, interval=1000),
            _header(),
            html.Div(id=ids.WALL_BANNER, className="wall-banner", role="status"),
            html.Div(id=ids.WALL_OFFLINE, className=offline, role="status"),
            html.Main([_panel(name) for name in PANELS], className="wall-panels"),
            _footer(),
        ],
        id=ids.WALL_ROOT,
        className="wall",
    )


def numbers(items: Sequence[Number]) -> list[html.Div]:
    """Big numbers, each with its label above and its short line below."""
    return [
        html.Div(
            [
                html.Div(item.label, className="wall-number-label"),
                html.Div(item.value, id=f"wall-number-{item.key}", className="wall-number-value"),
                html.Div(item.sub, className="wall-number-sub"),
            ],
            className="wall-number",
        )
        for item in items
    ]


def meters(items: Sequence[Meter]) -> list[html.Div]:
    """Labelled bars; a flag (Full, Overbooked, No seats) stands beside the count."""
    return [
        html.Div(
            [
                html.Div(
                    [
                        html.Span(item.label, className="wall-meter-label"),
                        html.Span(item.flag, className="wall-meter-flag") if item.flag else None,
                        html.Span(item.value, className="wall-meter-value"),
                    ],
                    className="wall-meter-line",
                ),
                html.Div(
                    html.Div(
                        className="wall-meter-fill", style={"width": f"{item.fraction * 100:.1f}%"}
                    ),
                    className="wall-meter-track",
                ),
            ],
            className=f"wall-meter wall-meter--{item.level}" if item.level else "wall-meter",
        )
        for item in items
    ]


def happenings(items: Sequence[str]) -> list[html.Span]:
    """The happenings, one span each: those that do not fit on the line are left out whole."""
    return [html.Span(item, className="wall-happening") for item in items]


def panel_values(panel: Panel) -> list:
    """The values for one panel's outputs, in the order of panel_parts."""
    values = [panel.title, numbers(panel.numbers), panel.meters_title, meters(panel.meters)]
    if panel.name in CHART_PANELS:
        values += [panel.chart_title, panel.chart or BLANK_FIGURE]
    return values


def _view_values(view: WallView) -> list:
    header = [
        view.event_name or no_update,
        view.as_of or no_update,
        view.banner,
        happenings(view.happenings),
    ]
    by_name = {panel.name: panel for panel in view.panels}
    values = []
    for name in PANELS:
        panel = by_name.get(name)
        # Without figures (none were ever read) the panels keep what they show.
        values += panel_values(panel) if panel else [no_update] * len(panel_parts(name))
    return header + values


def _digest(value: object) -> str:
    return hashlib.sha256(to_json_plotly(value).encode()).hexdigest()[:16]


def refresh_values(update: Refresh, beat: str, rendered: dict | None = None) -> list:
    """The values of refresh_outputs for an update; parts the screen already shows are left alone.

    Each part's digest travels in the rendered key, so an unchanged chart is not even redrawn.
    """
    if update.view is None:
        quiet = [no_update] * (len(refresh_outputs()) - 2)
        quiet[1] = update.as_of or no_update
        return [*quiet, no_update, beat]
    shown = (rendered or {}).get("parts") or []
    values, parts = [], []
    for index, value in enumerate(_view_values(update.view)):
        digest = None if value is no_update else _digest(value)
        same = digest is not None and index < len(shown) and shown[index] == digest
        values.append(no_update if same else value)
        parts.append(
            digest if digest is not None else (shown[index] if index < len(shown) else None)
        )
    return [*values, {**update.key, "parts": parts}, beat]
