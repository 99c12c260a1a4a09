"""Texts of the pages, one module per page: each maps a key to its (English, German) text.

Each page's module is imported here and merged into ALL; keys are prefixed with the
page's name so that they stay unique.
"""

from __future__ import annotations

from dashboard.texts import matchmaking, participants, shell, tables, wall, workshops

ALL: dict[str, tuple[str, str]] = {
    **shell.TEXTS,
    **participants.TEXTS,
    **wall.TEXTS,
    **matchmaking.TEXTS,
    **workshops.TEXTS,
    **tables.TEXTS,
}
