"""Parts that the matchmaking and workshops pages share: definitions, sections, problems."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import definitions
from dashboard.i18n import t
from layouts import ids
from layouts.components import info_popover


def info(page: str, key: str, lang: str) -> html.Span:
    """The definition popover of a figure of metrics.md."""
    return info_popover(
        ids.info(page, key), definitions.name(key, lang), definitions.text(key, lang), lang
    )


def section(title_key: str, lang: str, note: object = None) -> list:
    """A section heading with an optional note under it."""
    parts: list = [html.H2(t(title_key, lang), className="h5 mt-4 mb-1")]
    if note is not None:
        parts.append(html.P(note, className="text-muted small mb-2"))
    return parts


def problems_block(page: str, lines: list[str], lang: str) -> html.Details:
    """The page's data problems, folded: their number in the summary, one line each inside."""
    summary = t(f"{page}.section.problems", lang) + (f" ({len(lines)})" if lines else "")
    body = (
        html.Ul([html.Li(line) for line in lines], className="small mb-0")
        if lines
        else html.P(t(f"{page}.problems.none", lang), className="small mb-0")
    )
    return html.Details([html.Summary(summary, className="fw-semibold"), body])


def header(status_id: str, download_id: str, file_id: str, lang: str) -> html.Div:
    """The data status line and the button that downloads the page's statistics."""
    return html.Div(
        [
            html.Div(id=status_id, className="flex-grow-1"),
            dbc.Button(
                t("export.download", lang),
                id=download_id,
                color="primary",
                outline=True,
                size="sm",
                n_clicks=0,
            ),
            dcc.Download(id=file_id),
        ],
        className="d-flex align-items-center gap-3 mb-2",
    )


def notice_line(text: str | None) -> html.Div | None:
    """A plain sentence on why the page has nothing to show (no matchmaking, no workshops)."""
    return html.Div(text, className="alert alert-secondary", role="status") if text else None
