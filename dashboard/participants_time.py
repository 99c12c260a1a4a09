"""The participants page's figures over time: check-ins by day and arrivals by hour."""

from __future__ import annotations

import pandas as pd

from dashboard import i18n
from dashboard.figures import MUTED, PALETTE, PRIMARY, count_axis, empty_figure
from dashboard.participants_figures import figure
from dashboard.plot import Figure


def day_labels(days: list, lang: str) -> list[str]:
    """Event days as "Day 1 · 17 Sep": editions line up by day, the date tells which."""
    fmt = "%d.%m." if lang == "de" else "%d %b"
    return [
        f"{i18n.t('participants.day', lang, n=i + 1)} · {day.strftime(fmt)}"
        for i, day in enumerate(days)
    ]


def _day_bars(frame: pd.DataFrame, name: str, colour: str, lang: str) -> dict:
    return {
        "type": "bar",
        "x": [i18n.t("participants.day", lang, n=i + 1) for i in range(len(frame))],
        "y": [int(n) for n in frame["n"]],
        "name": name,
        "marker": {"color": colour},
        "text": [i18n.fmt_int(n, lang) for n in frame["n"]],
        "customdata": day_labels(list(frame["date"]), lang),
        "hovertemplate": "%{customdata}: %{y}<extra>" + name.replace("%", "%%") + "</extra>",
        "textposition": "outside",
        "cliponaxis": False,
    }


def checkins_by_day(
    current: pd.DataFrame,
    lang: str,
    empty: str,
    previous: pd.DataFrame | None = None,
    names: tuple[str, str] = ("", ""),
) -> Figure:
    """Participants checked in on each event day; the compared event's days beside them."""
    title = i18n.t("participants.chart.checkins_day", lang)
    frames = [current] if previous is None else [current, previous]
    largest = max(int(f["n"].max()) if not f.empty else 0 for f in frames)
    if largest == 0:
        return empty_figure(empty, title)
    traces = [
        _day_bars(frame, name, colour, lang)
        for frame, name, colour in zip(frames, names, (PRIMARY, MUTED), strict=False)
    ]
    return figure(
        traces,
        title,
        320,
        lang,
        legend=previous is not None,
        barmode="group",
        bargap=0.3,
        xaxis={"title": {"text": i18n.t("participants.axis.day", lang)}},
        yaxis={"title": {"text": i18n.t("axis.participants", lang)}, **count_axis(largest)},
    )


def arrivals_by_hour(arrivals: pd.DataFrame, days: list, lang: str, empty: str) -> Figure:
    """First arrivals of each day by local hour, one colour per event day."""
    title = i18n.t("participants.chart.checkins_hour", lang)
    if arrivals.empty:
        return empty_figure(empty, title)
    labels = day_labels(days, lang)
    hours = pd.to_datetime(arrivals["start"]).dt.strftime("%H:00")
    traces = []
    for index in sorted(int(i) for i in arrivals["day"].dropna().unique()):
        part = arrivals["day"] == index
        counts = [int(n) for n in arrivals.loc[part, "n"]]
        traces.append(
            {
                "type": "bar",
                "x": list(hours[part]),
                "y": counts,
                "name": labels[index] if index < len(labels) else str(index + 1),
                "marker": {"color": PALETTE[index % len(PALETTE)]},
                "text": [i18n.fmt_int(n, lang) for n in counts],
                "textposition": "outside",
                "cliponaxis": False,
            }
        )
    hour_axis = {"title": {"text": i18n.t("participants.axis.hour", lang)}, "type": "category"}
    return figure(
        traces,
        title,
        320,
        lang,
        legend=True,
        barmode="group",
        bargap=0.2,
        xaxis={**hour_axis, "categoryorder": "category ascending"},
        yaxis={
            "title": {"text": i18n.t("axis.participants", lang)},
            **count_axis(int(arrivals["n"].max())),
        },
    )
