"""Texts of the frame shared by the statistics pages: comparison, chips, breadcrumb, definitions."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "filter.compare": ("Compare with", "Vergleichen mit"),
    "filter.compare.none": ("No comparison", "Kein Vergleich"),
    "filter.remove": ("Remove the filter {name}", "Filter {name} entfernen"),
    "info.definition": ("Definition", "Definition"),
    "info.definition_of": ("Definition of {name}", "Definition von {name}"),
    "drill.path": ("Drill-down path", "Drill-down-Pfad"),
}
