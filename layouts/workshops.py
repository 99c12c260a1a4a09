"""The workshops page: tiles, one bar per workshop against its seats, who booked one."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard.i18n import fmt_pct, t, value_name
from dashboard.workshops import FILLING_FROM, GROUPINGS
from layouts import ids
from layouts.components import chart_card
from layouts.page_parts import header, info

PAGE = "workshops"


def _grouping(lang: str) -> html.Div:
    return html.Div(
        [
            dbc.Label(
                t("workshops.group.label", lang),
                html_for=ids.WORKSHOPS_GROUP,
                className="me-3 mb-0 fw-semibold",
            ),
            dbc.RadioItems(
                id=ids.WORKSHOPS_GROUP,
                options=[{"label": t(f"workshops.group.{g}", lang), "value": g} for g in GROUPINGS],
                value="none",
                inline=True,
            ),
        ],
        className="d-flex align-items-center mb-2",
    )


def _detail(lang: str) -> html.Div:
    return html.Div(
        [
            html.H2(t("workshops.section.detail", lang), className="h5 mt-4 mb-1"),
            html.P(t("workshops.detail.hint", lang), className="text-muted small mb-2"),
            html.Div(
                [
                    html.Div(id=ids.WORKSHOPS_DETAIL_TITLE, className="fs-5 fw-semibold"),
                    html.P(id=ids.WORKSHOPS_DETAIL_SMALL, className="text-muted small mb-2"),
                    dbc.Row(
                        [
                            dbc.Col(chart_card(ids.filter_chart(PAGE, dimension)), lg=4)
                            for dimension in ("country", "sector", "org_type")
                        ]
                    ),
                    html.Div(id=ids.WORKSHOPS_PEOPLE),
                ],
                id=ids.WORKSHOPS_DETAIL,
                className="mt-2",
            ),
        ]
    )


def layout(lang: str = "en") -> html.Div:
    """The workshops page's frame; callbacks fill it."""
    note = t("workshops.note.fill", lang, filling=fmt_pct(FILLING_FROM, lang))
    return html.Div(
        [
            dcc.Store(id=ids.WORKSHOPS_RENDERED),
            dcc.Store(id=ids.WORKSHOPS_SELECTED),
            header(ids.WORKSHOPS_STATUS, ids.WORKSHOPS_DOWNLOAD, ids.WORKSHOPS_DOWNLOAD_FILE, lang),
            html.Div(id=ids.WORKSHOPS_NOTICE),
            dbc.Row(id=ids.WORKSHOPS_KPIS, className="g-3 mb-1"),
            html.H2(t("workshops.section.fill", lang), className="h5 mt-3 mb-1"),
            html.P(note, className="text-muted small mb-2"),
            _grouping(lang),
            chart_card(ids.WORKSHOPS_FILL, 400, info(PAGE, "workshops.fill_level", lang)),
            _detail(lang),
            html.Div(id=ids.WORKSHOPS_PROBLEMS, className="mt-4"),
        ]
    )


def _attended(value: object, lang: str) -> str:
    if value is None or pd.isna(value):
        return "–"
    return t("workshops.attended.yes" if bool(value) else "workshops.attended.no", lang)


def people_table(rows: pd.DataFrame, lang: str) -> list:
    """The staff list of a workshop's bookings: booked first, then the waitlist."""
    heading = html.H3(t("workshops.people.title", lang), className="h6 mt-2")
    if rows.empty:
        return [heading, html.P(t("workshops.people.none", lang))]
    columns = (
        "name",
        "organisation",
        "country",
        "sector",
        "org_type",
        "booking_status",
        "attended",
    )
    head = html.Thead(html.Tr([html.Th(t(f"workshops.column.{c}", lang)) for c in columns]))
    body = html.Tbody(
        [
            html.Tr(
                [
                    html.Td(row.name),
                    html.Td(row.organisation if isinstance(row.organisation, str) else ""),
                    html.Td(value_name("country", row.country, lang)),
                    html.Td(value_name("sector", row.sector, lang)),
                    html.Td(value_name("org_type", row.org_type, lang)),
                    html.Td(t(f"workshops.booking.{row.booking_status}", lang)),
                    html.Td(_attended(row.attended, lang)),
                ]
            )
            for row in rows.itertuples(index=False)
        ]
    )
    return [heading, dbc.Table([head, body], size="sm", striped=True, hover=True, responsive=True)]
