"""The matchmaking page: tiles, acceptance by segment, who meets whom, the meeting rounds."""

from __future__ import annotations

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard.i18n import fmt_int, t, value_name
from dashboard.matchmaking_charts import SMALL_N
from layouts import ids
from layouts.components import chart_card
from layouts.page_parts import header, info, section

PAGE = "matchmaking"


def _pair_bar(lang: str) -> html.Div:
    return html.Div(
        [
            html.Span(id=ids.MATCHMAKING_PAIR, className="me-3 fw-semibold"),
            dbc.Button(
                t("matchmaking.pair.clear", lang),
                id=ids.MATCHMAKING_PAIR_CLEAR,
                color="primary",
                outline=True,
                size="sm",
                n_clicks=0,
            ),
        ],
        id=ids.MATCHMAKING_NOTICE,
        className="d-none",
    )


PAIR_CLASS = "alert alert-info d-flex align-items-center py-2 mb-2"


def _acceptance(lang: str) -> list:
    note = t("matchmaking.note.acceptance", lang, n=SMALL_N)
    return [
        *section("matchmaking.section.acceptance", lang, note),
        dbc.Row(
            [
                dbc.Col(
                    chart_card(
                        ids.filter_chart(PAGE, dimension),
                        info=info(PAGE, "matchmaking.request_attributes", lang),
                    ),
                    lg=4,
                )
                for dimension in ("country", "sector", "org_type")
            ]
        ),
    ]


def _flows(lang: str) -> list:
    return [
        *section("matchmaking.section.flows", lang, html.Span(id=ids.MATCHMAKING_FLOWS_NOTE)),
        dbc.Row(
            [
                dbc.Col(
                    chart_card(graph, 420, info(PAGE, "matchmaking.cross_border_share", lang)), xl=6
                )
                for graph in (ids.MATCHMAKING_FLOWS_COUNTRY, ids.MATCHMAKING_FLOWS_SECTOR)
            ]
        ),
    ]


def _rounds(lang: str) -> list:
    return [
        *section("matchmaking.section.rounds", lang, t("matchmaking.note.rounds", lang)),
        dbc.Card(
            dbc.CardBody(
                [
                    html.Div(id=ids.MATCHMAKING_ROUNDS_NOTE, className="small text-muted"),
                    html.Div(id=ids.MATCHMAKING_ROUNDS_SUMMARY, className="fs-5 fw-semibold"),
                    dcc.Graph(id=ids.MATCHMAKING_ROUNDS, className="graph-matchmaking-rounds"),
                ]
            ),
            className="mb-3 chart-card",
        ),
    ]


def _over_time(lang: str) -> list:
    return [
        *section("matchmaking.section.time", lang),
        dbc.Row(
            [
                dbc.Col(
                    chart_card(ids.MATCHMAKING_FUNNEL, 300, info(PAGE, "matchmaking.held", lang)),
                    lg=4,
                ),
                dbc.Col(chart_card(ids.MATCHMAKING_OVER_TIME, 340), lg=8),
            ]
        ),
        dbc.Row(
            [
                dbc.Col(
                    chart_card(
                        ids.MATCHMAKING_RESPONSE_TIMES,
                        340,
                        info(PAGE, "matchmaking.median_response_time", lang),
                    ),
                    lg=6,
                ),
                dbc.Col(
                    chart_card(
                        ids.MATCHMAKING_PER_PARTICIPANT,
                        340,
                        info(PAGE, "matchmaking.meetings_per_participant", lang),
                    ),
                    lg=6,
                ),
            ]
        ),
    ]


def layout(lang: str = "en") -> html.Div:
    """The matchmaking page's frame; callbacks fill it."""
    return html.Div(
        [
            dcc.Store(id=ids.MATCHMAKING_RENDERED),
            dcc.Store(id=ids.MATCHMAKING_ROUNDS_RENDERED),
            header(
                ids.MATCHMAKING_STATUS,
                ids.MATCHMAKING_DOWNLOAD,
                ids.MATCHMAKING_DOWNLOAD_FILE,
                lang,
            ),
            _pair_bar(lang),
            dbc.Row(id=ids.MATCHMAKING_REQUEST_KPIS, className="g-3 mb-1"),
            dbc.Row(id=ids.MATCHMAKING_MEETING_KPIS, className="g-3 mb-1"),
            *_acceptance(lang),
            *_flows(lang),
            *_rounds(lang),
            *_over_time(lang),
            html.Div(id=ids.MATCHMAKING_UNMATCHED),
            html.Div(id=ids.MATCHMAKING_PROBLEMS, className="mt-4"),
        ]
    )


SHORT_LIST = 15


def people_table(total: int, rows: pd.DataFrame, lang: str, limit: int) -> list:
    """The staff list of opted-in participants without a meeting: how many (`total`), and
    the first of them (at most `limit` of `rows` are shown)."""
    heading = section("matchmaking.section.unmatched", lang)
    if not total:
        return [*heading, html.P(t("matchmaking.unmatched.none", lang))]
    lines = [html.P(t("matchmaking.unmatched.count", lang, n=fmt_int(total, lang)))]
    if total > limit:
        lines.append(html.P(t("matchmaking.unmatched.more", lang, shown=limit), className="small"))
    columns = ("name", "organisation", "country", "sector", "org_type")
    # One grid of plain rows: a table of a thousand cells as components took 0.2 s to
    # build and 100 kB to send at each click; the grid's rows are 25 kB, and sort.
    rows_data = [
        {
            "name": row.name,
            "organisation": row.organisation if isinstance(row.organisation, str) else "",
            "country": value_name("country", row.country, lang),
            "sector": value_name("sector", row.sector, lang),
            "org_type": value_name("org_type", row.org_type, lang),
        }
        for row in rows.head(limit).itertuples(index=False)
    ]
    table = dag.AgGrid(
        id=ids.MATCHMAKING_UNMATCHED_GRID,
        columnDefs=[
            {"field": c, "headerName": t(f"matchmaking.column.{c}", lang)} for c in columns
        ],
        rowData=rows_data,
        defaultColDef={"sortable": True, "resizable": True, "filter": True},
        columnSize="responsiveSizeToFit",
        # A short list takes its own height; a long one scrolls inside the grid.
        dashGridOptions={"domLayout": "autoHeight" if len(rows_data) <= SHORT_LIST else "normal"},
        style={} if len(rows_data) <= SHORT_LIST else {"height": "420px"},
        className="unmatched-grid",
    )
    return [*heading, *lines, table]
