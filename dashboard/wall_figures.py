"""The wall screen's charts: dark, static, and lettered for a screen read from five metres.

Plotly sizes its letters in pixels, so every builder takes the screen's height and
sizes text at about 1/40 of it, the smallest the wall may show. The figures are plain
dicts (what Dash sends anyway): every screen redraws them at each data change, and
plotly's graph objects would spend most of that time validating.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import pycountry

from dashboard.figures import FONT, PALETTE

INK, MUTED, GRID, PAPER = "#f1f5f9", "#9fb0c6", "#24344d", "rgba(0,0,0,0)"
BLUE, ORANGE, GREEN = PALETTE[4], PALETTE[1], PALETTE[2]
LAND, BORDER = "#1b2638", "#3b4d68"
# Dark blue to yellow through sky blue: ordered in lightness, readable with any colour vision.
MAP_SCALE = [[0.0, "#1f4e79"], [0.5, PALETTE[4]], [1.0, PALETTE[6]]]
REFERENCE_HEIGHT = 1080
Figure = dict[str, Any]


def letter_px(screen_height: int | None) -> int:
    """The smallest letter size for a screen: 1/40 of its height (27 px on a 1080-line screen)."""
    height = screen_height if screen_height and screen_height > 0 else REFERENCE_HEIGHT
    return max(14, round(height / 40))


def _layout(size: int, separators: str, **extra: object) -> dict[str, object]:
    margin = {"l": round(size * 0.5), "r": round(size * 0.8), "t": round(size * 0.8), "b": 0}
    return {
        "font": {"family": FONT, "size": size, "color": INK},
        "paper_bgcolor": PAPER,
        "plot_bgcolor": PAPER,
        "margin": margin,
        "showlegend": False,
        "separators": separators,
        "autosize": True,
        **extra,
    }


def _count_axis(largest: float) -> dict[str, object]:
    axis: dict[str, object] = {
        "gridcolor": GRID,
        "zeroline": False,
        "rangemode": "tozero",
        "tickformat": ",d",
        "automargin": True,
        "nticks": 5,
    }
    if largest <= 4:
        axis["dtick"] = 1
    return axis


def _time_axis(**extra: object) -> dict[str, object]:
    return {"showgrid": False, "linecolor": GRID, "tickcolor": GRID, "automargin": True, **extra}


def message_figure(message: str, screen_height: int | None) -> Figure:
    """A chart that says in words why there is nothing to draw."""
    size = letter_px(screen_height)
    note = {
        "text": message,
        "showarrow": False,
        "x": 0.5,
        "y": 0.5,
        "xref": "paper",
        "yref": "paper",
        "font": {"size": size, "color": MUTED},
    }
    hidden = {"visible": False}
    return {
        "data": [],
        "layout": _layout(size, ".,", annotations=[note], xaxis=hidden, yaxis=hidden),
    }


def arrivals_figure(
    per_slot: pd.DataFrame, screen_height: int | None, separators: str, empty: str
) -> Figure:
    """Arrivals per quarter hour as bars: columns start (local time) and n."""
    if per_slot.empty:
        return message_figure(empty, screen_height)
    size = letter_px(screen_height)
    bars = {
        "type": "bar",
        "x": [moment.strftime("%Y-%m-%d %H:%M") for moment in per_slot["start"]],
        "y": [int(n) for n in per_slot["n"]],
        "marker": {"color": BLUE},
        "width": 15 * 60 * 1000 * 0.85,
        "hoverinfo": "skip",
    }
    layout = _layout(
        size,
        separators,
        xaxis=_time_axis(type="date", tickformat="%H:%M", nticks=8),
        yaxis=_count_axis(float(per_slot["n"].max())),
    )
    return {"data": [bars], "layout": layout}


def rounds_figure(
    rounds: Sequence[tuple[str, int, int]],
    names: tuple[str, str],
    screen_height: int | None,
    separators: str,
    empty: str,
) -> Figure:
    """Meetings scheduled and held per round: (label, scheduled, held) in time order."""
    if not rounds:
        return message_figure(empty, screen_height)
    size = letter_px(screen_height)
    labels = [label for label, _, _ in rounds]
    data = [
        {
            "type": "bar",
            "x": labels,
            "y": [r[index + 1] for r in rounds],
            "name": name,
            "marker": {"color": colour},
            "hoverinfo": "skip",
        }
        for index, (name, colour) in enumerate(zip(names, (BLUE, GREEN), strict=True))
    ]
    layout = _layout(
        size,
        separators,
        showlegend=True,
        legend={"orientation": "h", "x": 1, "xanchor": "right", "y": 1.02, "yanchor": "bottom"},
        bargap=0.25,
        xaxis=_time_axis(type="category"),
        yaxis=_count_axis(max(r[1] for r in rounds)),
    )
    layout["margin"]["t"] = round(size * 2.2)
    return {"data": data, "layout": layout}


def cumulative_figure(
    daily: pd.DataFrame, screen_height: int | None, separators: str, empty: str
) -> Figure:
    """The running total of registrations by date: columns date and cumulative."""
    if daily.empty:
        return message_figure(empty, screen_height)
    size = letter_px(screen_height)
    line = {
        "type": "scatter",
        "x": [day.isoformat() for day in daily["date"]],
        "y": [int(n) for n in daily["cumulative"]],
        "mode": "lines",
        "line": {"color": ORANGE, "width": max(3, size // 6), "shape": "hv"},
        "fill": "tozeroy",
        "fillcolor": "rgba(230,159,0,0.15)",
        "hoverinfo": "skip",
    }
    layout = _layout(
        size,
        separators,
        xaxis=_time_axis(type="date", nticks=5, tickformat="%d %b"),
        yaxis=_count_axis(float(daily["cumulative"].max())),
    )
    return {"data": [line], "layout": layout}


def alpha3(code: str) -> str | None:
    """The ISO 3166-1 alpha-3 code plotly's maps use, for an alpha-2 code."""
    country = pycountry.countries.get(alpha_2=code)
    return country.alpha_3 if country is not None else None


GEO = {
    "scope": "europe",
    "resolution": 110,
    # Centred on the Baltic Sea, where most participants come from; all of Europe stays coloured.
    "projection": {"type": "conic conformal", "parallels": [50, 65], "scale": 1.9},
    "center": {"lat": 57, "lon": 16},
    "showframe": False,
    "showcoastlines": False,
    "showland": True,
    "landcolor": LAND,
    "showcountries": True,
    "countrycolor": BORDER,
    "showocean": False,
    "showlakes": False,
    "bgcolor": PAPER,
}


def map_figure(counts: Mapping[str, int], screen_height: int | None, empty: str) -> Figure:
    """Participants by country on a map of Europe (the outlines come from our own server)."""
    known = [(alpha3(code), n) for code, n in counts.items() if alpha3(code)]
    if not known:
        return message_figure(empty, screen_height)
    shapes = {
        "type": "choropleth",
        "locations": [code for code, _ in known],
        "z": [int(n) for _, n in known],
        "locationmode": "ISO-3",
        "colorscale": MAP_SCALE,
        "marker": {"line": {"color": BORDER, "width": 0.6}},
        "showscale": False,
        "hoverinfo": "skip",
    }
    layout = _layout(letter_px(screen_height), ".,", geo=GEO)
    layout["margin"] = {"l": 0, "r": 0, "t": 0, "b": 0}
    return {"data": [shapes], "layout": layout}
