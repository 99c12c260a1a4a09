"""Who meets whom: accepted meetings, requester's value by recipient's value, as a heatmap."""

from __future__ import annotations

import pandas as pd

from dashboard import i18n
from dashboard.figures import PALETTE, _layout
from dashboard.figures import empty_figure as empty
from dashboard.i18n import t
from dashboard.matchmaking_charts import Shown
from dashboard.plot import Figure, Plot, trace
from dashboard.privacy import SUPPRESSED

BLUES = [[0, "#f7fbff"], [0.15, "#c6dbef"], [0.5, "#4292c6"], [1, "#08306b"]]


def cells(matrix: pd.DataFrame, shown: Shown) -> tuple[list[list[int]], list[list[str]]]:
    """Colour values and texts of the cells: a hidden count is coloured as the smallest one,
    so that the colour does not tell it either; an empty cell has no text."""
    texts = [[shown(int(n)) if n else "" for n in row] for row in matrix.to_numpy()]
    z = [
        [1 if text == SUPPRESSED else int(n) for n, text in zip(row, trow, strict=True)]
        for row, trow in zip(matrix.to_numpy(), texts, strict=True)
    ]
    return z, texts


def _frame_pair(fig: Plot, matrix: pd.DataFrame, pair: tuple[str, str] | None) -> None:
    if pair is None or pair[0] not in matrix.index or pair[1] not in matrix.columns:
        return
    row, col = list(matrix.index).index(pair[0]), list(matrix.columns).index(pair[1])
    fig.add_shape(
        type="rect",
        x0=col - 0.5,
        x1=col + 0.5,
        y0=row - 0.5,
        y1=row + 0.5,
        line={"color": PALETTE[1], "width": 4},
    )


def _axes(fig: Plot, dimension: str, values: list[str], names: list[str], lang: str) -> None:
    ticks = {"tickvals": values, "ticktext": names, "automargin": True}
    fig.update_xaxes(
        title_text=t(f"matchmaking.axis.recipient_{dimension}", lang), tickangle=-40, **ticks
    )
    fig.update_yaxes(
        title_text=t(f"matchmaking.axis.requester_{dimension}", lang),
        autorange="reversed",
        ticksuffix=" ",
        **ticks,
    )


def flow_figure(
    matrix: pd.DataFrame,
    dimension: str,
    lang: str,
    shown: Shown,
    pair: tuple[str, str] | None = None,
) -> Figure:
    """Accepted meetings, requester's value by recipient's value; a click picks the pair.

    The axes hold the raw values (codes), labelled with names: Dash's clickData keeps a
    heatmap cell's x and y but drops its customdata.
    """
    title = t(f"matchmaking.chart.flows_{dimension}", lang)
    if matrix.empty or not matrix.to_numpy().sum():
        return empty(t("matchmaking.empty.accepted", lang), title)
    names = [i18n.value_name(dimension, str(v), lang) for v in matrix.index]
    values = [str(v) for v in matrix.index]
    z, texts = cells(matrix, shown)
    fig = Plot(
        trace(
            "heatmap",
            z=z,
            x=values,
            y=values,
            text=texts,
            texttemplate="%{text}",
            customdata=[[[r, c] for c in names] for r in names],
            colorscale=BLUES,
            showscale=False,
            xgap=2,
            ygap=2,
            hovertemplate=t("matchmaking.flows.hover", lang) + "<extra></extra>",
        )
    )
    _frame_pair(fig, matrix, pair)
    _axes(fig, dimension, values, names, lang)
    return _layout(fig, title, max(320, 200 + 30 * len(names)))
