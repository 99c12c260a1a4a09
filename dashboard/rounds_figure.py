"""The figure of a day's meeting rounds: tables across, rounds down, a colour per state."""

from __future__ import annotations

from dashboard import i18n
from dashboard.figures import PALETTE, _layout
from dashboard.i18n import t
from dashboard.meeting_rounds import STATES, Grid
from dashboard.plot import Figure, Plot, trace

COLOURS = {
    "free": "#eef0f2",
    "scheduled": PALETTE[4],  # sky blue
    "unrecorded": PALETTE[1],  # orange
    "held": PALETTE[2],  # bluish green
    "no_show": PALETTE[5],  # vermilion
    "double": PALETTE[7],  # black
}
# Each state also has a mark, so that colour is never the only cue.
MARKS = {
    "free": "",
    "scheduled": "•",
    "unrecorded": "?",
    "held": "✓",
    "no_show": "✗",
    "double": "‼",
}
Names = dict[tuple[int, str], list[str]]


def short_names(tables: tuple[str, ...]) -> tuple[str, list[str]]:
    """Table names without the first word they all share ("Table 3" → "3"), and that word."""
    words = {name.split(" ", 1)[0] for name in tables}
    if len(words) != 1 or not all(" " in name for name in tables):
        return "", list(tables)
    return words.pop(), [name.split(" ", 1)[1] for name in tables]


def _colorscale() -> list[list]:
    """A stepped scale: state i fills the band [i, i+1) of len(STATES) equal bands."""
    scale = []
    for index, state in enumerate(STATES):
        scale += [
            [index / len(STATES), COLOURS[state]],
            [(index + 1) / len(STATES), COLOURS[state]],
        ]
    return scale


def _cells(board: Grid, lang: str, names: Names | None) -> tuple[list, list, list]:
    states = {(int(r.slot), r.table): r.state for r in board.cells.itertuples(index=False)}
    z, marks, hover = [], [], []
    for slot in board.slots:
        epoch, time = int(slot.timestamp()), slot.strftime("%H:%M")
        z_row, mark_row, hover_row = [], [], []
        for table in board.tables:
            state = states.get((epoch, table), "free")
            z_row.append(STATES.index(state))
            mark_row.append(MARKS[state])
            text = f"{table} · {time} · {t(f'matchmaking.round.{state}', lang)}"
            people = (names or {}).get((epoch, table), [])
            hover_row.append("<br>".join([text, *people]))
        z.append(z_row)
        marks.append(mark_row)
        hover.append(hover_row)
    return z, marks, hover


def _legend(fig: Plot, lang: str) -> None:
    for state in STATES:
        fig.add_scatter(
            x=[None],
            y=[None],
            mode="markers",
            marker={"symbol": "square", "size": 14, "color": COLOURS[state]},
            name=f"{MARKS[state]} {t(f'matchmaking.round.{state}', lang)}".strip(),
        )


def _frame_current(fig: Plot, board: Grid) -> None:
    if board.current is not None:
        fig.add_shape(
            type="rect",
            xref="paper",
            x0=0,
            x1=1,
            y0=board.current - 0.5,
            y1=board.current + 0.5,
            line={"color": PALETTE[7], "width": 3},
        )


def _axes(fig: Plot, board: Grid) -> None:
    prefix, short = short_names(board.tables)
    fig.update_xaxes(
        side="top",
        showgrid=False,
        tickvals=list(board.tables),
        ticktext=short,
        tickangle=0 if max(map(len, short), default=0) * len(short) < 160 else -45,
        title_text=prefix,
    )
    fig.update_yaxes(autorange="reversed", showgrid=False, ticksuffix="  ", type="category")
    fig.update_layout(legend={"orientation": "h", "y": -0.05, "x": 0}, plot_bgcolor="white")


def rounds_figure(board: Grid, lang: str, names: Names | None = None) -> Figure:
    """The grid of one day: every table in every round, the round running now framed."""
    z, marks, hover = _cells(board, lang, names)
    times = [slot.strftime("%H:%M") for slot in board.slots]
    fig = Plot(
        trace(
            "heatmap",
            z=z,
            x=list(board.tables),
            y=times,
            zmin=-0.5,
            zmax=len(STATES) - 0.5,
            colorscale=_colorscale(),
            showscale=False,
            text=marks,
            texttemplate="%{text}",
            textfont={"size": 14},
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
            xgap=3,
            ygap=3,
        )
    )
    _legend(fig, lang)
    _frame_current(fig, board)
    _axes(fig, board)
    title = t("matchmaking.chart.rounds", lang, day=i18n.fmt_date(board.day, lang))
    return _layout(fig, title, max(300, 150 + 34 * len(board.slots)))
