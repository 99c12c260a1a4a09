"""The participants page's figures: data in, a figure dict out, titled, labelled, counts on bars.

Bars send their value back as customdata (a click filters or drills); counts an
official may not see are drawn at a fixed length with "< 3" on them, so that neither
the label, the bar nor the hover tells 1 from 2.
"""

from __future__ import annotations

import pandas as pd
import pycountry

from dashboard import i18n, privacy
from dashboard.figures import ACCENT, FONT, MUTED, PALETTE, PRIMARY, count_axis, empty_figure
from dashboard.participants_tables import HELIX_ORDER
from dashboard.plot import Figure, merge, nested
from dashboard.plot import figure as plot_figure
from dashboard.vocab import BALTIC_SEA_REGION

HIDDEN_LENGTH = privacy.SMALL / 2
HELIX_COLOURS = dict(zip(HELIX_ORDER, PALETTE, strict=False))
BAR_PX = 26
# Up to this many countries the heatmap has no colour bar (it would be too short to read).
SCALE_ROWS = 2


def figure(
    traces: list[dict], title: str, height: int, lang: str, legend: bool = False, **layout: object
) -> Figure:
    """A figure in the page's look: title top left, legend under it, the language's separators.

    Plain dicts, never validated at run time, which keeps a click fast (tests/test_plot.py
    validates them); layout keywords take plotly's underscore paths ("legend_traceorder").
    """
    top = 84 if legend else 56
    base = {
        "title": {"text": title, "x": 0, "xanchor": "left", "y": 1, "yanchor": "top"},
        "font": {"family": FONT, "size": 13, "color": "#212529"},
        "colorway": list(PALETTE),
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "height": height + top - 56,
        "margin": {"l": 10, "r": 30, "t": top, "b": 40},
        "separators": ",." if lang == "de" else ".,",
        "showlegend": legend,
        "legend": {"orientation": "h", "y": 1, "yanchor": "bottom", "x": 0, "xanchor": "left"},
        "hoverlabel": {"font": {"family": FONT}},
    }
    base["title"]["pad"] = {"t": 12}
    base["title"]["font"] = {"size": 17}
    return plot_figure(traces, merge(base, nested(layout)))


def _count_axis(title: str, largest: float) -> dict[str, object]:
    return {"title": {"text": title}, "gridcolor": "#e9ecef", **count_axis(largest)}


def _lengths(frame: pd.DataFrame, column: str) -> list[float]:
    return [
        HIDDEN_LENGTH if h else n
        for n, h in zip(frame[column], frame[f"{column}_hidden"], strict=True)
    ]


def _bar(frame: pd.DataFrame, column: str, name: str, colour: object) -> dict:
    return {
        "type": "bar",
        "x": _lengths(frame, column),
        "y": list(frame["label"]),
        "customdata": list(frame["value"]),
        "text": list(frame[f"{column}_text"]),
        "name": name,
        "orientation": "h",
        "marker": {"color": colour},
        "textposition": "outside",
        "cliponaxis": False,
        "hovertemplate": "%{y}: %{text}<extra>" + name.replace("%", "%%") + "</extra>",
    }


def bars(
    frame: pd.DataFrame,
    title: str,
    axis_title: str,
    lang: str,
    empty: str,
    selected: tuple[str, ...] = (),
    names: tuple[str, str] = ("", ""),
) -> Figure:
    """Horizontal bars, largest on top; with n_compare, the compared event's bars beside them."""
    if frame.empty or int(frame["n"].sum()) + int(frame.get("n_compare", pd.Series()).sum()) == 0:
        return empty_figure(empty, title)
    ordered = frame.iloc[::-1]
    compare = "n_compare" in frame
    colours = [ACCENT if v in selected else PRIMARY for v in ordered["value"]]
    traces = [_bar(ordered, "n", names[0], PRIMARY if compare else colours)]
    if compare:
        traces.append(_bar(ordered, "n_compare", names[1], MUTED))
    largest = max(frame["n"].max(), frame.get("n_compare", frame["n"]).max())
    rows = len(frame) * (2 if compare else 1)
    return figure(
        traces,
        title,
        max(170, 110 + BAR_PX * rows),
        lang,
        legend=compare,
        barmode="group",
        bargap=0.25,
        xaxis=_count_axis(axis_title, largest),
        yaxis={"automargin": True, "ticksuffix": "  "},
        legend_traceorder="reversed",
    )


def alpha3(code: str) -> str | None:
    """A country's ISO alpha-3 code, which plotly's maps locate countries by."""
    country = pycountry.countries.get(alpha_2=code)
    return country.alpha_3 if country else None


def _map_trace(frame: pd.DataFrame, colours: list[str], name: str, top: int) -> dict:
    return {
        "type": "choropleth",
        "locations": [alpha3(v) for v in frame["value"]],
        "z": _lengths(frame, "n"),
        "text": list(frame["n_text"]),
        "customdata": list(frame["value"]),
        "hovertext": list(frame["label"]),
        "hovertemplate": "%{hovertext}: %{text}<extra></extra>",
        "colorscale": [[0, colours[0]], [1, colours[1]]],
        "zmin": 0,
        "zmax": top,
        "showscale": False,
        "marker": {"line": {"color": "white", "width": 0.8}},
        "name": name,
    }


GEO = {
    "scope": "europe",
    "resolution": 50,
    "projection": {"type": "mercator"},
    "lataxis": {"range": [41, 71]},
    "lonaxis": {"range": [-15, 45]},
    "showland": True,
    "landcolor": "#eef0f2",
    "showcountries": True,
    "countrycolor": "#c4c9ce",
    "showcoastlines": False,
    "showframe": False,
    "bgcolor": "white",
}
MAP_HEIGHT = 560


def europe_map(frame: pd.DataFrame, title: str, lang: str, empty: str) -> Figure:
    """Participants by country on a map of Europe centred on the Baltic Sea Region."""
    frame = frame[[alpha3(v) is not None for v in frame["value"]]] if not frame.empty else frame
    if frame.empty:
        return empty_figure(empty, title, height=MAP_HEIGHT)
    region = frame["value"].isin(BALTIC_SEA_REGION)
    top = max(int(frame["n"].max()), 1)
    traces = [
        _map_trace(part, colours, i18n.t(key, lang), top)
        for part, colours, key in (
            (frame[region], ["#cfe3f1", PRIMARY], "participants.legend.bsr"),
            (frame[~region], ["#fbe3bd", "#b35900"], "participants.legend.guests"),
        )
        if not part.empty
    ]
    legend = (
        f"<span style='color:{PRIMARY}'>■</span> {i18n.t('participants.legend.bsr', lang)}"
        f"   <span style='color:#b35900'>■</span> {i18n.t('participants.legend.guests', lang)}"
    )
    note = {"text": legend, "x": 0, "y": 0, "xref": "paper", "yref": "paper", "showarrow": False}
    return figure(
        traces,
        title,
        MAP_HEIGHT,
        lang,
        geo=GEO,
        annotations=[{**note, "xanchor": "left", "yanchor": "top"}],
        margin={"l": 0, "r": 0, "t": 56, "b": 30},
    )


def _helix_traces(ordered: pd.DataFrame, lang: str) -> list[dict]:
    """One trace per helix group: its legend entry stands for the group (a click filters on it)."""
    traces = []
    for helix in dict.fromkeys(ordered["helix"]):
        part = ordered[ordered["helix"] == helix]
        group = i18n.t(f"participants.helix.{helix}", lang)
        trace = _bar(part, "n", group, HELIX_COLOURS[helix])
        traces.append({**trace, "y": [[group] * len(part), trace["y"]], "legendgroup": helix})
    return traces


def _helix_compared(ordered: pd.DataFrame, lang: str, names: tuple[str, str]) -> list[dict]:
    """This event's bars beside the compared event's (grey), grouped as the helix."""
    groups = [i18n.t(f"participants.helix.{h}", lang) for h in ordered["helix"]]
    traces = [_bar(ordered, "n", names[0], PRIMARY), _bar(ordered, "n_compare", names[1], MUTED)]
    return [{**trace, "y": [groups, trace["y"]]} for trace in traces]


def helix_figure(
    frame: pd.DataFrame, title: str, axis_title: str, lang: str, empty: str, names: tuple[str, str]
) -> Figure:
    """Organisation types as the triple helix: business, administration, science, clusters."""
    if frame.empty:
        return empty_figure(empty, title)
    ordered = frame.iloc[::-1]
    compare = "n_compare" in frame
    traces = _helix_compared(ordered, lang, names) if compare else _helix_traces(ordered, lang)
    largest = max(frame["n"].max(), frame.get("n_compare", frame["n"]).max())
    rows = len(frame) * (2 if compare else 1)
    return figure(
        traces,
        title,
        max(260, 110 + BAR_PX * rows),
        lang,
        legend=True,
        barmode="group" if compare else "relative",
        bargap=0.25,
        xaxis=_count_axis(axis_title, largest),
        yaxis={"automargin": True, "ticksuffix": "  "},
        legend_traceorder="reversed",
    )


def _cells(frame: pd.DataFrame, countries: list[str], sectors: list[str], lang: str):
    """The grid's colour values, in-cell texts and hover texts, row by row."""
    keys = zip(frame["country"], frame["sector"], strict=True)
    values = zip(frame["n"], frame["n_hidden"], frame["n_text"], strict=True)
    cells = dict(zip(keys, values, strict=True))  # 256 cells: a dict, not .loc, for each
    names = {s: i18n.sector_name(s, lang) for s in sectors}
    z, text, hover = [], [], []
    for country in countries:
        name = i18n.country_name(country, lang)
        rows = [cells.get((country, s)) for s in sectors]
        z.append([None if c is None else HIDDEN_LENGTH if c[1] else c[0] for c in rows])
        text.append(["" if c is None else c[2] for c in rows])
        hover.append(
            [f"{name} · {names[s]}: {t or 0}" for s, t in zip(sectors, text[-1], strict=True)]
        )
    return z, text, hover


def heatmap(frame: pd.DataFrame, title: str, lang: str, empty: str) -> Figure:
    """Countries by sectors, each cell's count written in it; a click filters on both.

    The axes hold the raw values (shown by their names): Dash leaves a heatmap's
    customdata out of its clicks, so the shell reads the clicked cell from y and x.
    """
    if frame.empty:
        return empty_figure(empty, title)
    countries = list(frame.groupby("country")["n"].sum().sort_values(ascending=False).index)
    sectors = list(frame.groupby("sector")["n"].sum().sort_values(ascending=False).index)
    z, text, hover = _cells(frame, countries, sectors, lang)
    trace = {
        "type": "heatmap",
        "z": z,
        "x": sectors,
        "y": countries,
        "text": text,
        "hovertext": hover,
        "texttemplate": "%{text}",
        "hovertemplate": "%{hovertext}<extra></extra>",
        "colorscale": [[0, "#deebf7"], [1, "#08519c"]],
        "zmin": 0,
        "zmax": max(int(frame["n"].max()), privacy.SMALL),
        "xgap": 2,
        "ygap": 2,
        "colorbar": {"title": {"text": i18n.t("axis.participants", lang)}, "thickness": 12},
        # A row or two leave the colour bar too short to read its labels; each cell
        # writes its count anyway.
        "showscale": len(countries) > SCALE_ROWS,
    }
    return figure(
        [trace],
        title,
        max(300, 190 + 28 * len(countries)),
        lang,
        xaxis={
            "title": {"text": i18n.t("filter.sector", lang)},
            "tickangle": -30,
            "automargin": True,
            "tickvals": sectors,
            "ticktext": [i18n.sector_name(s, lang) for s in sectors],
        },
        yaxis={
            "title": {"text": i18n.t("filter.country", lang)},
            "autorange": "reversed",
            "automargin": True,
            "tickvals": countries,
            "ticktext": [i18n.country_name(c, lang) for c in countries],
        },
    )
