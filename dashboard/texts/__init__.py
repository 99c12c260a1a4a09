"""Texts of the pages, one module per page: each maps a key to its (English, German) text.

Each page's module is imported here and merged into ALL; keys are prefixed with the
page's name so that they stay unique.
"""

from __future__ import annotations

ALL: dict[str, tuple[str, str]] = {}
