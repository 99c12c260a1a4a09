"""The bench's report: one table with ratios and targets, and the same as JSON."""

from __future__ import annotations

import json
import time
from pathlib import Path

from bench.measure import PROBE_STEPS

RESULTS_DIR = Path("bench-results")
# (name, figure in a view's row, comparison, limit, what it means)
TARGETS = (
    ("click_p95_ms", "click.p95_ms", "<", 50.0, "filter click p95 < 50 ms"),
    ("refresh_ms", "unchanged.median_ms", "<", 5.0, "unchanged refresh < 5 ms"),
    ("ours_per_floor", "ours_per_floor", "<=", 1.5, "after a change <= 1.5 x floor"),
    # What a naive app pays at every callback against what ours pays for the same
    # interaction: a filter click (the wall: its refresh), data unchanged.
    ("naive_per_ours", "naive_per_ours", ">=", 20.0, "naive / ours per interaction >= 20"),
    ("response_kb", "max_response_kb", "<=", 200.0, "responses <= 200 kB"),
)
REST_LIMIT_MB = 300.0
# The issue sets its targets at a million participants, but for the responses' size,
# which holds at any size; below, the ratios and times are printed and not judged (at 300
# participants a recomputation is ten times its 11 ms floor: building the figures costs
# more than the database's reading).
TARGET_SIZE = 1_000_000
AT_ANY_SIZE = frozenset({"response_kb"})
BENCH_LIMIT_MIN = 15.0
COLUMNS = (
    ("view", "view", 12),
    ("after change", "changed", 15),
    ("floor", "floor", 15),
    ("ours/floor", "ours_per_floor", 10),
    ("naive", "naive", 15),
    ("naive/ours", "naive_per_ours", 10),
    ("naive/change", "naive_per_changed", 12),
    ("unchanged", "unchanged", 15),
    ("click", "click", 15),
    ("max kB", "max_response_kb", 8),
)


def _get(row: dict, path: str) -> object:
    value: object = row
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def verdicts(row: dict, participants: int) -> dict[str, bool | None]:
    """Each target met (True), missed (False) or not applicable (None) for a view's row at
    a size (below TARGET_SIZE only those that hold at any size are judged)."""
    out = {}
    for name, path, op, limit, _ in TARGETS:
        value = _get(row, path)
        if value is None or (participants < TARGET_SIZE and name not in AT_ANY_SIZE):
            out[name] = None
        else:
            out[name] = (
                value < limit if op == "<" else value <= limit if op == "<=" else value >= limit
            )
    return out


def _cell(row: dict, key: str) -> str:
    value = row.get(key)
    if isinstance(value, dict):
        return f"{value['median_ms']:.1f}/{value['p95_ms']:.1f}"
    if isinstance(value, float):
        return f"{value:.2f}" if value < 100 else f"{value:.0f}"
    return "-" if value is None else str(value)


def _mark(met: bool | None) -> str:
    return "-" if met is None else "met" if met else "MISSED"


def table(results: dict) -> str:
    """The one table: per database and size, every view, then the server's figures."""
    lines = ["times in ms as median/p95; ratios of medians"]
    if "cpu_probe_ms" in results:
        lines.append(
            f"this machine: {results.get('cores')} cores; {PROBE_STEPS:,} steps of pure Python"
            f" in {results['cpu_probe_ms']:.0f} ms (compare runs by this)"
        )
    header = " " + " ".join(f"{title:>{width}}" for title, _, width in COLUMNS)
    for run in results["runs"]:
        lines += ["", f"== {run['backend']} {run['participants']:,} participants =="]
        if shared := run.get("shared_recomputation"):
            lines.append(
                f"the event's aggregates after a change, computed once for every view that"
                f" asks (* below; its 'after change' and floor include them):"
                f" {_cell(shared, 'changed')}, floor {_cell(shared, 'floor')}"
                f" ({shared['statements']} statements)"
            )
        lines.append(header)
        for row in run["views"]:
            cells = " ".join(f"{_cell(row, key):>{width}}" for _, key, width in COLUMNS)
            cells = ("*" if row.get("reads_shared") else " ") + cells
            lines.append(cells + "  " + _judged(row["targets"], run["participants"]))
        server = run.get("server") or {}
        export = server.get("export") or {}
        if server:
            lines.append(
                f"memory at rest {server['rest_mb']:.0f} MB ({_mark(server['rest_met'])}, < 300);"
                f" People CSV {export['rows']:,} rows, {export['mb']} MB in {export['seconds']} s,"
                f" peak +{export['peak_extra_mb']} MB (RSS {export['peak_rss_mb']} MB)"
            )
    lines += ["", "targets: " + "; ".join(t[4] for t in TARGETS) + "; memory at rest < 300 MB"]
    lines.append(
        f"judged at {TARGET_SIZE:,} participants (responses at every size): {summary(results)}"
    )
    if "minutes" in results:
        met = "met" if results["minutes"] < BENCH_LIMIT_MIN else "MISSED"
        lines.append(
            f"this bench took {results['minutes']:.1f} min ({met}, < {BENCH_LIMIT_MIN:.0f})"
        )
    return "\n".join(lines)


def _judged(targets: dict[str, bool | None], participants: int) -> str:
    missed = [name for name, met in targets.items() if met is False]
    if missed:
        return "missed: " + ", ".join(missed)
    return "all met" if participants >= TARGET_SIZE else "responses met; the rest judged at 1M"


def summary(results: dict) -> str:
    """How many judged targets were met, and which were missed where."""
    judged, missed = 0, []
    for run in results["runs"]:
        where = f"{run['backend']} {run['participants']:,}"
        for row in run["views"]:
            for name, met in row["targets"].items():
                judged += met is not None
                if met is False:
                    missed.append(f"{row['view']} {name} ({where})")
        server = run.get("server") or {}
        if server and run["participants"] >= TARGET_SIZE:
            judged += 1
            if not server["rest_met"]:
                missed.append(f"memory at rest ({where})")
    met = f"{judged - len(missed)} of {judged} met"
    return met + ("; missed: " + ", ".join(missed) if missed else "")


def new_path() -> Path:
    """A new results file: bench-results/<timestamp>.json."""
    RESULTS_DIR.mkdir(exist_ok=True)
    return RESULTS_DIR / f"{time.strftime('%Y%m%d-%H%M%S')}.json"


def write(results: dict, path: Path | None = None) -> Path:
    """Write the results as JSON (into a new results file unless a path is given)."""
    path = path or new_path()
    path.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return path
