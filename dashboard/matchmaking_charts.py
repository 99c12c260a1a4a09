"""Figures of the matchmaking page: plain functions, data in, a figure dict out."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd

from dashboard import i18n
from dashboard.figures import GOOD, PALETTE, PRIMARY, _layout, _separators, count_axis
from dashboard.figures import empty_figure as empty
from dashboard.i18n import t
from dashboard.plot import Figure, Plot, trace
from dashboard.privacy import SUPPRESSED

DECLINED = PALETTE[5]  # vermilion
PALE_BLUE = PALETTE[4]
# Bars over fewer answered requests than this are pale and hatched: their rate swings a lot.
SMALL_N = 10
ANSWERED = ("accepted", "declined")
Shown = Callable[[int], str]  # how a count is written: exact, or "< 3" for officials


def funnel_figure(stages: Sequence[tuple[str, int]], lang: str, shown: Shown) -> Figure:
    """Requested → answered → accepted → held, each with its share of the requests."""
    title = t("matchmaking.chart.funnel", lang)
    first = stages[0][1] if stages else 0
    if not first:
        return empty(t("matchmaking.empty.requests", lang), title)
    texts = []
    for _, n in stages:
        written = shown(n)
        share = i18n.fmt_pct(n / first, lang) if written != SUPPRESSED else ""
        texts.append(f"{written}  ({share})" if share else written)
    fig = Plot(
        trace(
            "funnel",
            y=[t(f"matchmaking.funnel.{key}", lang) for key, _ in stages],
            x=[0 if shown(n) == SUPPRESSED else n for _, n in stages],
            text=texts,
            textinfo="text",
            textposition="auto",
            insidetextfont={"color": "white"},
            outsidetextfont={"color": "#212529"},
            marker={"color": [PRIMARY, PALE_BLUE, GOOD, PALETTE[1]]},
            connector={"fillcolor": "#e9ecef"},
            hoverinfo="skip",
        )
    )
    fig.update_yaxes(ticksuffix="  ")
    fig.update_layout(separators=_separators(lang))
    return _layout(fig, title, 300)


def _acceptance_texts(rows: list, lang: str, hidden: list[bool], shown: Shown) -> list[str]:
    texts = []
    for row, hide in zip(rows, hidden, strict=True):
        if hide:
            texts.append(t("matchmaking.acceptance.hidden", lang, n=shown(int(row.answered))))
            continue
        rate = i18n.fmt_pct(row.rate, lang)
        texts.append(t("matchmaking.acceptance.label", lang, rate=rate, n=row.answered))
    return texts


def _acceptance_rows(table: pd.DataFrame, shown: Shown) -> tuple[list, list[bool]]:
    """Rows bottom to top, and which of them the role may not read.

    Rows whose volume the role may not read go last, by name: their order would tell it.
    A row is hidden when its accepted or declined count is. Plain rows: a chart has a few,
    and pandas' concat, sort and reindex of them cost a millisecond.
    """
    records = list(table.itertuples(index=False))
    masked = [shown(int(row.answered)) == SUPPRESSED for row in records]
    rows = [row for row, m in zip(records, masked, strict=True) if not m]
    rows += sorted((r for r, m in zip(records, masked, strict=True) if m), key=lambda r: r.value)
    rows.reverse()
    hidden = [SUPPRESSED in (shown(int(r.accepted)), shown(int(r.declined))) for r in rows]
    return rows, hidden


def _acceptance_bars(
    fig: Plot, rows: list, hidden: list[bool], labels: list[str], selected, texts
) -> None:
    small = [row.answered < SMALL_N for row in rows]
    values = [row.value for row in rows]
    marker = {
        "opacity": [0.4 if s else 1.0 for s in small],
        "pattern": {"shape": ["/" if s else "" for s in small], "fgcolor": "white", "size": 6},
        "line": {"color": "#212529", "width": [2 if v in selected else 0 for v in values]},
    }
    rates = [float(row.rate) for row in rows]
    for key, colour, share in (
        ("accepted", GOOD, rates),
        ("declined", DECLINED, [1 - rate for rate in rates]),
    ):
        fig.add_bar(
            x=[0.0 if hide else part for part, hide in zip(share, hidden, strict=True)],
            y=labels,
            customdata=values,
            orientation="h",
            name=texts[key],
            marker={**marker, "color": colour},
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x:.0%} " + texts[key] + "<extra></extra>",
            # Only the outer bar carries the labels, right of the whole row.
            **({"text": texts["labels"]} if key == "declined" else {}),
        )


def acceptance_figure(
    table: pd.DataFrame,
    dimension: str,
    lang: str,
    shown: Shown,
    selected: Sequence[str] = (),
) -> Figure:
    """Acceptance rate by the recipient's value: accepted and declined shares of the answered.

    Most answered on top; bars over fewer than SMALL_N answered requests are pale and
    hatched; a bar whose count the role may not read is not drawn at all.
    """
    title = t(f"matchmaking.chart.acceptance_{dimension}", lang)
    if table.empty:
        return empty(t("matchmaking.empty.answered", lang), title)
    rows, hidden = _acceptance_rows(table, shown)
    texts = {key: t(f"matchmaking.status.{key}", lang) for key in ANSWERED}
    texts["labels"] = _acceptance_texts(rows, lang, hidden, shown)
    labels = [i18n.value_name(dimension, str(row.value), lang) for row in rows]
    fig = Plot()
    _acceptance_bars(fig, rows, hidden, labels, selected, texts)
    fig.update_xaxes(range=[0, 1], tickformat=".0%", gridcolor="#e9ecef")
    fig.update_yaxes(automargin=True, ticksuffix="  ")
    fig.update_layout(
        barmode="stack",
        bargap=0.25,
        separators=_separators(lang),
        legend={"orientation": "h", "y": -0.12, "x": 0, "traceorder": "normal"},
    )
    _layout(fig, title, max(240, 120 + 28 * len(rows)))
    # After the house layout: these override its margins and add to its title.
    subtitle = {"text": t("matchmaking.chart.acceptance.sub", lang), "font": {"size": 13}}
    return fig.update_layout(margin={"r": 110, "t": 70}, title_subtitle=subtitle).figure()


def _visible(counts: pd.Series, shown: Shown) -> tuple[list, list[str]]:
    """Heights to draw (None where the count is hidden) and the texts the role may read."""
    texts = [shown(int(n)) for n in counts]
    heights = [
        None if text == SUPPRESSED else int(n) for n, text in zip(counts, texts, strict=True)
    ]
    return heights, texts


def over_time_figure(daily: pd.DataFrame, lang: str, shown: Shown) -> Figure:
    """Requests sent per day as bars; accepted and declined answers per day as lines."""
    title = t("matchmaking.chart.over_time", lang)
    if daily.empty:
        return empty(t("matchmaking.empty.requests", lang), title)
    dates = pd.to_datetime(daily["date"])
    fig = Plot()
    for key, colour in (("requested", PALE_BLUE), ("accepted", GOOD), ("declined", DECLINED)):
        heights, texts = _visible(daily[key], shown)
        kind, style = (
            ("bar", {"marker_color": colour, "width": 86_400_000 * 0.8})
            if key == "requested"
            else ("scatter", {"mode": "lines+markers", "line": {"color": colour, "width": 3}})
        )
        fig.add_trace(
            trace(
                kind,
                x=dates,
                y=heights,
                customdata=texts,
                name=t(f"matchmaking.series.{key}", lang),
                hovertemplate="%{customdata}",
                **style,
            )
        )
    largest = int(daily[["requested", "accepted", "declined"]].to_numpy().max())
    fig.update_yaxes(
        title_text=t("matchmaking.axis.per_day", lang), gridcolor="#e9ecef", **count_axis(largest)
    )
    fig.update_layout(
        legend={"orientation": "h", "y": -0.2}, separators=_separators(lang), hovermode="x unified"
    )
    return _layout(fig, title, 340)


def response_figure(
    bins: pd.DataFrame, median_hours: float | None, lang: str, shown: Shown
) -> Figure:
    """Answered requests by how long the answer took; the median in the title."""
    title = t("matchmaking.chart.response_times", lang, median=i18n.fmt_number(median_hours, lang))
    if not bins["n"].sum():
        return empty(t("matchmaking.empty.answered", lang), title)
    labels = [t(f"matchmaking.bin.{key}", lang) for key in bins["key"]]
    heights, texts = _visible(bins["n"], shown)
    fig = Plot(
        trace(
            "bar",
            x=labels,
            y=heights,
            marker_color=PRIMARY,
            text=texts,
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{x}: %{text}<extra></extra>",
        )
    )
    fig.update_yaxes(
        title_text=t("matchmaking.axis.answered", lang),
        gridcolor="#e9ecef",
        **count_axis(int(bins["n"].max())),
    )
    fig.update_layout(separators=_separators(lang), bargap=0.2)
    return _layout(fig, title, 340)


def meetings_figure(distribution: pd.Series, lang: str, shown: Shown) -> Figure:
    """Opted-in participants by their number of accepted meetings; none stands out."""
    title = t("matchmaking.chart.per_participant", lang)
    if not distribution.sum():
        return empty(t("matchmaking.empty.opted_in", lang), title)
    full = distribution.reindex(range(int(distribution.index.max()) + 1), fill_value=0)
    texts = [shown(int(n)) if n else "0" for n in full]
    heights = [0 if text == SUPPRESSED else int(n) for n, text in zip(full, texts, strict=True)]
    colours = [DECLINED if k == 0 else GOOD if k >= 2 else PRIMARY for k in full.index]
    fig = Plot(
        trace(
            "bar",
            x=[str(k) for k in full.index],
            y=heights,
            text=texts,
            marker_color=colours,
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{x}: %{text}<extra></extra>",
        )
    )
    fig.update_xaxes(title_text=t("matchmaking.axis.meetings", lang), type="category")
    fig.update_yaxes(
        title_text=t("axis.participants", lang),
        gridcolor="#e9ecef",
        **count_axis(max(heights) if heights else 0),
    )
    fig.update_layout(separators=_separators(lang), bargap=0.2)
    return _layout(fig, title, 340)
