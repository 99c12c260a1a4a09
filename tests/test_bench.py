"""The bench harness on the small fixture, once each, so that it cannot rot unnoticed."""

from __future__ import annotations

import json

from bench import __main__ as bench_main
from bench import ours, report


def test_bench_measures_every_view(small_db, tmp_path, monkeypatch):
    monkeypatch.setattr(report, "RESULTS_DIR", tmp_path / "results")
    run = bench_main.run("sqlite", small_db, 0, repeat=1, with_server=False)
    path = report.write({"runs": [run]})
    written = json.loads(path.read_text(encoding="utf-8"))["runs"][0]
    rows = {row["view"]: row for row in written["views"]}
    assert sorted(rows) == sorted(ours.VIEWS)
    for view, row in rows.items():
        for figure in ("changed", "unchanged", "naive"):
            assert row[figure]["median_ms"] > 0, (view, figure)
        assert row["click"] is None if view == "wall" else row["click"]["median_ms"] > 0
        assert row["statements"] > 0, view  # a change makes the view read the database again
        assert row["floor"]["median_ms"] > 0, view
        assert all(size > 0 for size in row["responses_bytes"].values()), view
        assert set(row["targets"]) == {target[0] for target in report.TARGETS}
    assert "overview" in report.table({"runs": [written]})
