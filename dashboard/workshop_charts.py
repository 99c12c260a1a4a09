"""Figures of the workshops page: one bar per workshop against its seats, and its bookers."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from dashboard import i18n
from dashboard.figures import PALETTE, _layout, _separators, empty_figure, plain_label
from dashboard.i18n import t
from dashboard.plot import Figure, Plot
from dashboard.privacy import SUPPRESSED
from dashboard.workshops import FILLING_FROM, LEVELS, Workshop

COLOURS = {
    "comfortable": PALETTE[2],  # bluish green
    "filling": PALETTE[1],  # orange
    "full": PALETTE[0],  # blue
    "overbooked": PALETTE[5],  # vermilion
    "no_seats": "#8c8c8c",
}
WAITLIST = "#c9ced3"
MATCHING = "#212529"
Shown = Callable[[int], str]


def level_name(level: str, lang: str) -> str:
    """A fill level's name with its threshold, as the legend and the page state it."""
    return t(f"workshops.level.{level}", lang, filling=i18n.fmt_pct(FILLING_FROM, lang))


def _label(w: Workshop, lang: str) -> str:
    f = w.figures
    n = partial(i18n.fmt_int, lang=lang)
    if f.capacity <= 0:
        parts = [t("workshops.bar.no_seats", lang, booked=n(f.booked))]
    else:
        parts = [t("workshops.bar.seats", lang, booked=n(f.booked), capacity=n(f.capacity))]
    if f.waitlisted:
        parts.append(t("workshops.bar.waitlist", lang, n=n(f.waitlisted)))
    if w.level == "overbooked" and f.capacity > 0:
        parts.append(t("workshops.bar.over", lang, n=n(f.booked - f.capacity)))
    if w.attendance is not None:
        parts.append(t("workshops.bar.attended", lang, rate=i18n.fmt_pct(w.attendance, lang)))
    return " · ".join(parts)


def _y(pairs: list[tuple[str, Workshop]], grouping: str, lang: str) -> list:
    """Axis labels: the start time and title; the day too when workshops span several."""
    days = {w.starts.date() for _, w in pairs}
    titles = []
    for _, w in pairs:
        day = f"{i18n.fmt_date(w.starts.date(), lang)}, " if len(days) > 1 else ""
        shown_day = day if grouping != "day" else ""
        titles.append(f"{shown_day}{w.starts.strftime('%H:%M')}  {plain_label(w.figures.title)}")
    if grouping == "none":
        return titles
    return [[plain_label(group) for group, _ in pairs], titles]


def _bars(fig: Plot, pairs: list, y: list, lang: str) -> None:
    rows = [w for _, w in pairs]
    fig.add_bar(
        x=[w.figures.booked for w in rows],
        y=y,
        orientation="h",
        marker_color=[COLOURS[w.level] for w in rows],
        customdata=[w.figures.id for w in rows],
        name=t("workshops.legend.booked", lang),
        showlegend=False,
        hovertemplate="%{x}<extra></extra>",
        width=0.75,
    )
    fig.add_bar(
        x=[w.figures.waitlisted for w in rows],
        base=[w.figures.booked for w in rows],
        y=y,
        orientation="h",
        marker={"color": WAITLIST, "pattern": {"shape": "/", "fgcolor": "#6c757d"}},
        customdata=[w.figures.id for w in rows],
        name=t("workshops.legend.waitlist", lang),
        hovertemplate="%{x}<extra></extra>",
        width=0.75,
    )


def _matching(fig: Plot, rows: list[Workshop], y: list, lang: str, shown: Shown) -> None:
    texts = [shown(w.matching) for w in rows]
    fig.add_bar(
        x=[0 if text == SUPPRESSED else w.matching for w, text in zip(rows, texts, strict=True)],
        y=y,
        orientation="h",
        marker_color=MATCHING,
        customdata=[w.figures.id for w in rows],
        hovertext=texts,
        hovertemplate="%{hovertext}<extra></extra>",
        name=t("workshops.legend.matching", lang),
        width=0.3,
    )


def _capacity_and_labels(fig: Plot, rows: list[Workshop], y: list, lang: str) -> float:
    seated = [(w, yy) for w, yy in zip(rows, _columns(y), strict=True) if w.figures.capacity > 0]
    fig.add_scatter(
        x=[w.figures.capacity for w, _ in seated],
        y=_rows_of(y, [yy for _, yy in seated]),
        mode="markers",
        marker={
            "symbol": "line-ns-open",
            "size": 22,
            "color": "#212529",
            "line": {"width": 3, "color": "#212529"},
        },
        name=t("workshops.legend.capacity", lang),
        hoverinfo="skip",
    )
    right = max(
        [max(w.figures.booked + w.figures.waitlisted, w.figures.capacity) for w in rows] + [1]
    )
    fig.add_scatter(
        x=[right * 1.02] * len(rows),
        y=y,
        mode="text",
        text=[_label(w, lang) for w in rows],
        textposition="middle right",
        showlegend=False,
        hoverinfo="skip",
        cliponaxis=False,
    )
    return right


def _columns(y: list) -> list:
    """One y value per workshop (a [group, title] pair on a grouped axis)."""
    return list(zip(*y, strict=True)) if y and isinstance(y[0], list) else list(y)


def _rows_of(y: list, picked: list) -> list:
    """Picked y values back in the axis' shape."""
    if y and isinstance(y[0], list):
        return [[p[0] for p in picked], [p[1] for p in picked]]
    return picked


def _legend(fig: Plot, lang: str) -> None:
    for level in LEVELS:
        fig.add_scatter(
            x=[None],
            y=[None],
            mode="markers",
            marker={"symbol": "square", "size": 14, "color": COLOURS[level]},
            name=level_name(level, lang),
        )


def fill_figure(
    pairs: list[tuple[str, Workshop]],
    grouping: str,
    lang: str,
    shown: Shown,
    filtered: bool,
) -> Figure:
    """One bar per workshop: booked (coloured by fill level), waitlist, the seats marked."""
    title = t("workshops.chart.fill", lang)
    if not pairs:
        return empty_figure(t("workshops.none", lang), title)
    y = _y(pairs, grouping, lang)
    rows = [w for _, w in pairs]
    fig = Plot()
    _bars(fig, pairs, y, lang)
    if filtered:
        _matching(fig, rows, y, lang, shown)
    right = _capacity_and_labels(fig, rows, y, lang)
    _legend(fig, lang)
    fig.update_xaxes(
        range=[0, right * 1.45], title_text=t("workshops.axis.seats", lang), gridcolor="#e9ecef"
    )
    fig.update_yaxes(autorange="reversed", automargin=True, ticksuffix="  ")
    fig.update_layout(
        barmode="overlay",
        separators=_separators(lang),
        legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0},
        clickmode="event",
    )
    _layout(fig, title, max(300, 140 + 30 * len(rows)))
    # After the house layout: room above the plot for the legend.
    return fig.update_layout(margin={"t": 90}).figure()
