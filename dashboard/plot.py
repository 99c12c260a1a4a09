"""A figure built as plain dicts, with the few go.Figure methods our builders use.

plotly's graph objects validate every property as it is set: building one bar chart
through them costs about 30 ms, most of a filter click, and even an empty go.Figure
spends 4 ms applying the default template. Here a figure is the dict Dash sends
anyway, with the same template (converted once, shared). The tests validate every
builder's output (tests/test_plot.py), so a misspelt property still fails there.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

# Property names that hold an underscore themselves; every other underscore in a
# keyword nests, as in plotly ("marker_color" is marker.color).
UNSPLIT = frozenset({"error_x", "error_y", "error_z", "paper_bgcolor", "plot_bgcolor"})
AXIS = re.compile(r"^([xy])axis\d*$")
Figure = dict[str, Any]
# The look go.Figure would give (plotly's default template), converted once.
TEMPLATE = go.layout.Template(pio.templates["plotly"]).to_plotly_json()


def _path(key: str) -> list[str]:
    return [key] if key in UNSPLIT or "_" not in key else key.split("_")


def nested(values: Mapping[str, Any]) -> dict[str, Any]:
    """Keywords with plotly's underscore paths ("title_text") as nested dicts."""
    out: dict[str, Any] = {}
    for key, value in values.items():
        *parents, last = _path(key)
        target = out
        for part in parents:
            target = target.setdefault(part, {})
        merge(target, {last: value})
    return out


def merge(target: dict[str, Any], update: Mapping[str, Any]) -> dict[str, Any]:
    """Merge update into target as plotly's update does: dicts deeply, the rest replaced."""
    for key, value in update.items():
        if key == "title" and isinstance(value, str):
            value = {"text": value}
        if isinstance(value, Mapping) and isinstance(target.get(key), dict):
            merge(target[key], value)
        elif isinstance(value, Mapping):
            target[key] = merge({}, value)
        else:
            target[key] = value
    return target


def trace(kind: str, **properties: Any) -> dict[str, Any]:
    """One trace of a kind ("bar", "scatter", "heatmap", ...) as a dict."""
    return {"type": kind, **nested({k: _sendable(v) for k, v in properties.items()})}


def _sendable(value: Any) -> Any:
    """Times as the text plotly's JSON encoder would write (isoformat), written now.

    The encoder writes a column of times one value at a time through its chain of type
    checks: 200 to 360 times a click, 20 us each. Anything else is left to it.
    """
    if isinstance(value, pd.Series | pd.Index) and pd.api.types.is_datetime64_any_dtype(value):
        return [None if t is pd.NaT else t.isoformat() for t in value.tolist()]
    return value


class Plot:
    """Traces and a layout as dicts; `figure()` makes the figure Dash sends."""

    def __init__(self, data: list[dict] | dict | None = None, layout: Mapping | None = None):
        self.data: list[dict[str, Any]] = [data] if isinstance(data, dict) else list(data or [])
        self.layout: dict[str, Any] = merge({}, layout or {})

    def add_trace(self, trace_: dict[str, Any]) -> Plot:
        """Append a trace (a dict from `trace`)."""
        self.data.append(trace_)
        return self

    def add_bar(self, **properties: Any) -> Plot:
        """Append a bar trace."""
        return self.add_trace(trace("bar", **properties))

    def add_scatter(self, **properties: Any) -> Plot:
        """Append a scatter trace."""
        return self.add_trace(trace("scatter", **properties))

    def add_shape(self, **properties: Any) -> Plot:
        """Append a shape to the layout."""
        self.layout.setdefault("shapes", []).append(nested(properties))
        return self

    def add_annotation(self, **properties: Any) -> Plot:
        """Append an annotation to the layout."""
        self.layout.setdefault("annotations", []).append(nested(properties))
        return self

    def update_layout(self, update: Mapping | None = None, **properties: Any) -> Plot:
        """Merge into the layout."""
        merge(self.layout, merge(dict(update or {}), nested(properties)))
        return self

    def _update_axes(self, letter: str, properties: dict[str, Any]) -> Plot:
        names = [k for k in self.layout if (m := AXIS.match(k)) and m.group(1) == letter]
        for name in names or [f"{letter}axis"]:
            merge(self.layout.setdefault(name, {}), nested(properties))
        return self

    def update_xaxes(self, **properties: Any) -> Plot:
        """Merge into every x axis (the first one when there is none yet)."""
        return self._update_axes("x", properties)

    def update_yaxes(self, **properties: Any) -> Plot:
        """Merge into every y axis (the first one when there is none yet)."""
        return self._update_axes("y", properties)

    def update_traces(self, **properties: Any) -> Plot:
        """Merge into every trace."""
        for each in self.data:
            merge(each, nested(properties))
        return self

    def figure(self) -> Figure:
        """The figure as plotly's JSON structure, in the default template's look."""
        return figure(self.data, self.layout)


def template_for(data: list[dict[str, Any]]) -> dict[str, Any]:
    """The default template with the trace defaults of the figure's own trace types only.

    The whole template is 7 kB, half of it defaults for two dozen trace types; a page
    of ten figures would send it ten times. Defaults apply to their own type alone, so
    the figure looks the same.
    """
    kinds = {trace.get("type", "scatter") for trace in data}  # plotly.js: scatter if none
    defaults = TEMPLATE["data"]
    return {
        "layout": TEMPLATE["layout"],
        "data": {kind: defaults[kind] for kind in sorted(kinds) if kind in defaults},
    }


def figure(data: list[dict[str, Any]], layout: Mapping[str, Any]) -> Figure:
    """A figure dict from traces and a layout, in the default template's look."""
    traces = list(data)
    return {"data": traces, "layout": {"template": template_for(traces), **layout}}
