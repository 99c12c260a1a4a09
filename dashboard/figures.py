"""Figure builders: plain functions, data in, a figure dict out, one colour-blind-safe theme."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from dashboard.i18n import t
from dashboard.plot import Figure, Plot, trace

# Okabe & Ito's palette: distinguishable with every common colour-vision deficiency.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
PRIMARY, ACCENT, GOOD, MUTED = PALETTE[0], PALETTE[1], PALETTE[2], "#8c8c8c"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"


def plain_label(text: object) -> str:
    """Show text from the database in a chart label or hover exactly as typed."""
    # Plotly reads a subset of HTML in labels (<b>, <a href>, <br>); entities it shows as
    # the characters, so a stored name can neither format nor link.
    return html.escape(str(text), quote=False)


@dataclass(frozen=True)
class Bar:
    """One bar: the value it stands for (sent back on click), its label and its count."""

    value: str
    label: str
    count: int
    text: str | None = None


def _layout(fig: Plot, title: str, height: int) -> Figure:
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": 18}},
        font={"family": FONT, "size": 14, "color": "#212529"},
        colorway=list(PALETTE),
        paper_bgcolor="white",
        plot_bgcolor="white",
        height=height,
        margin={"l": 10, "r": 20, "t": 50, "b": 40},
        hoverlabel={"font": {"family": FONT}},
    )
    return fig.figure()


def _separators(lang: str) -> str:
    return ",." if lang == "de" else ".,"


def count_axis(largest: float) -> dict[str, object]:
    """Axis settings for counts: whole-number ticks, from zero."""
    settings: dict[str, object] = {"rangemode": "tozero", "tickformat": ",d"}
    if largest <= 8:
        settings["dtick"] = 1
    return settings


def empty_figure(message: str, title: str = "", height: int = 320) -> Figure:
    """A figure that says why it is empty instead of showing an empty axis."""
    fig = Plot()
    fig.add_annotation(
        text=message,
        showarrow=False,
        x=0.5,
        y=0.5,
        xref="paper",
        yref="paper",
        font={"size": 16, "color": "#6c757d"},
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _layout(fig, title, height)


def bar_figure(
    bars: Sequence[Bar],
    title: str,
    axis_title: str,
    lang: str,
    empty_message: str,
    selected: Sequence[str] = (),
) -> Figure:
    """Horizontal bars, largest on top, each labelled with its count; selected bars stand out."""
    if not bars:
        return empty_figure(empty_message, title)
    ordered = list(reversed(bars))
    colours = [ACCENT if bar.value in selected else PRIMARY for bar in ordered]
    fig = Plot(
        trace(
            "bar",
            x=[bar.count for bar in ordered],
            y=[bar.label for bar in ordered],
            customdata=[bar.value for bar in ordered],
            orientation="h",
            marker_color=colours,
            text=[bar.text or f"{bar.count:,}" for bar in ordered],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    fig.update_xaxes(
        title_text=axis_title, gridcolor="#e9ecef", **count_axis(max(b.count for b in bars))
    )
    fig.update_yaxes(automargin=True, ticksuffix="  ")
    fig.update_layout(separators=_separators(lang), bargap=0.25)
    return _layout(fig, title, height=max(220, 100 + 30 * len(bars)))


def registrations_figure(
    daily: pd.DataFrame,
    lang: str,
    empty_message: str,
    event_start: object = None,
    previous: pd.DataFrame | None = None,
    previous_name: str = "",
) -> Figure:
    """New registrations per day as bars and the running total as a line."""
    title = t("chart.registrations", lang)
    if daily.empty:
        return empty_figure(empty_message, title)
    dates = pd.to_datetime(daily["date"])
    fig = Plot()
    day_ms = 86_400_000 * 0.8
    fig.add_bar(
        x=dates, y=daily["n"], width=day_ms, name=t("axis.per_day", lang), marker_color=PRIMARY
    )
    fig.add_scatter(
        x=dates,
        y=daily["cumulative"],
        name=t("axis.cumulative", lang),
        yaxis="y2",
        mode="lines",
        line={"color": ACCENT, "width": 3},
    )
    if previous is not None and event_start is not None:
        # The previous edition at the same number of days before its event.
        previous = previous[previous["days_before"] >= daily["days_before"].min()]
        fig.add_scatter(
            x=pd.Timestamp(event_start) - pd.to_timedelta(previous["days_before"], unit="D"),
            y=previous["cumulative"],
            name=previous_name,
            yaxis="y2",
            mode="lines",
            line={"color": MUTED, "width": 2, "dash": "dot"},
        )
    fig.update_layout(
        yaxis={"title": {"text": t("axis.per_day", lang)}, **count_axis(daily["n"].max())},
        yaxis2={
            "title": {"text": t("axis.cumulative", lang)},
            "overlaying": "y",
            "side": "right",
            "showgrid": False,
            **count_axis(daily["cumulative"].max()),
        },
        xaxis={"title": {"text": t("axis.date", lang)}},
        legend={"orientation": "h", "y": -0.25},
        separators=_separators(lang),
    )
    return _layout(fig, title, height=360)
