"""The bench harness on the small fixture, once each, so that it cannot rot unnoticed."""

from __future__ import annotations

import json

import pytest

from bench import __main__ as bench_main
from bench import datasets, ours, report


def test_bench_measures_every_view(small_db, tmp_path, monkeypatch):
    monkeypatch.setattr(report, "RESULTS_DIR", tmp_path / "results")
    run = bench_main.run("sqlite", small_db, 0, repeat=1, with_server=True)
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
    assert written["rounds"] == {"clicks": 1, "after_change": 1}
    # The memory and the download are read in the bench's process: every person of the
    # event streamed through the app's route, once, with the process's memory sampled.
    served = written["server"]
    people = datasets.participants_in(small_db, written["event"])
    assert served["export"]["rows"] == people > 0
    assert served["rest_mb"] > 0 and served["export"]["peak_extra_mb"] >= 0
    assert served["rest_met"] is (served["rest_mb"] < report.REST_LIMIT_MB)
    assert "overview" in report.table({"runs": [written]})
    probed = report.table({"runs": [written], "cores": 2, "cpu_probe_ms": 345.2})
    assert "2 cores; 5,000,000 steps of pure Python in 345 ms" in probed


def test_a_demo_is_measured_with_the_indexes_check_db_recommends(tmp_path):
    import sqlalchemy as sa

    from data import indexes

    url = datasets.ensure(f"sqlite:///{tmp_path / 'demo.sqlite'}", 300)
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        assert indexes.missing(conn) == []
        conn.execute(sa.text("UPDATE participants SET job_title = 'kept' WHERE id = 1"))
    assert datasets.ensure(url, 300) == url  # kept for the next run, not generated again
    with engine.connect() as conn:
        kept = conn.execute(sa.text("SELECT job_title FROM participants WHERE id = 1"))
        assert kept.scalar_one() == "kept"
    engine.dispose()


def test_each_database_is_measured_in_a_process_of_its_own(small_db):
    run = bench_main.run_apart("sqlite", small_db, 0, repeat=1, with_server=False)
    assert [row["view"] for row in run["views"]] == list(ours.VIEWS)
    assert run["shared_recomputation"]["changed"]["median_ms"] > 0


def _after_change(url: str, repeat: int) -> tuple[ours.Site, ours.Changed, object]:
    site, workdir = ours.open_site(url, 2)
    return site, ours.after_change(site, repeat), workdir


def test_a_large_database_recomputes_fewer_times_and_still_records_its_statements(small_db):
    site, changed, workdir = _after_change(small_db, 1)
    with workdir:
        figures = ours.measure(site, "overview", changed.values["overview"], {}, repeat=3)
    assert len(changed.of("overview").samples) == len(changed.shared.samples) == 1
    assert len(figures.unchanged.samples) == len(figures.click.samples) == 3
    assert any("participants" in statement for statement, _ in changed.statements["shared"])


def test_a_view_after_a_change_is_timed_with_exactly_what_it_would_read_first(small_db):
    """The shared recomputation plus a view's own callbacks send the statements that the
    view sends when it is the first to ask after a change: the sum times the same work."""
    from bench.floor import record_statements

    site, changed, workdir = _after_change(small_db, 2)
    with workdir:
        assert changed.reads_shared == {view: view != "tables" for view in ours.VIEWS}
        for view in ours.VIEWS:
            site.change()
            values = site._seed(view)
            cold = record_statements(
                site.engine, lambda view=view, values=values: site.load(view, values)
            )
            assert sorted(cold, key=repr) == sorted(changed.statements_of(view), key=repr), view
            first = [changed.events.samples, changed.own[view].samples]
            if view != "tables":
                first.insert(1, changed.shared.samples)
            assert list(changed.of(view).samples) == [
                sum(parts) for parts in zip(*first, strict=True)
            ]


@pytest.mark.parametrize(
    ("participants", "repeat", "slow"),
    [(300, 7, 7), (20_000, 7, 7), (100_000, 7, 3), (200_001, 7, 1), (1_000_000, 7, 1)],
)
def test_slow_measurements_repeat_less_on_large_databases(participants, repeat, slow):
    assert bench_main.slow_repeat(participants, repeat) == slow


def test_each_naive_function_is_timed_once_per_round_and_a_view_adds_its_own(small_db):
    """The wall's naive time is that of the three pages it shows, from the same rounds;
    the overview's is the participants page's (the same function, timed once)."""
    timings = bench_main.naive_timings(small_db, 2, repeat=2)
    assert sorted(timings) == sorted(ours.VIEWS)
    assert all(len(timing.samples) == 2 and min(timing.samples) > 0 for timing in timings.values())
    assert timings["overview"] == timings["participants"]
    parts = [timings[view].samples for view in ("participants", "matchmaking", "workshops")]
    assert list(timings["wall"].samples) == [sum(round_) for round_ in zip(*parts, strict=True)]


def _row(view: str, click_p95: float, kb: float) -> dict:
    return {
        "view": view,
        "click": {"median_ms": click_p95, "p95_ms": click_p95},
        "unchanged": {"median_ms": 1.0, "p95_ms": 1.0},
        "ours_per_floor": 1.1,
        "naive_per_ours": 100.0,
        "max_response_kb": kb,
    }


def test_targets_are_judged_at_a_million_but_the_response_size_at_every_size():
    slow_small, big_small = _row("participants", 80.0, 50.0), _row("matchmaking", 10.0, 250.0)
    assert report.verdicts(slow_small, 300) == {
        "click_p95_ms": None,
        "refresh_ms": None,
        "ours_per_floor": None,
        "naive_per_ours": None,
        "response_kb": True,
    }
    assert report.verdicts(big_small, 300)["response_kb"] is False
    assert report.verdicts(slow_small, 1_000_000)["click_p95_ms"] is False
    assert all(report.verdicts(_row("overview", 49.0, 199.0), 1_000_000).values())

    def run(participants: int, rows: list[dict], rest_mb: float) -> dict:
        for row in rows:
            row["targets"] = report.verdicts(row, participants)
        server = {"rest_mb": rest_mb, "rest_met": rest_mb < report.REST_LIMIT_MB}
        export = {"rows": 1, "mb": 0.1, "seconds": 0.1, "peak_extra_mb": 0, "peak_rss_mb": 1}
        return {
            "backend": "sqlite",
            "participants": participants,
            "views": rows,
            "server": server | {"export": export},
        }

    results = {
        "runs": [
            run(300, [slow_small, big_small], 400.0),  # memory is judged at a million only
            run(1_000_000, [_row("overview", 49.0, 10.0), _row("tables", 900.0, 10.0)], 310.0),
        ],
        "minutes": 16.2,
    }
    text = report.table(results)
    assert "responses met; the rest judged at 1M" in text
    assert "missed: response_kb" in text
    assert (
        "10 of 13 met; missed: matchmaking response_kb (sqlite 300), "
        "tables click_p95_ms (sqlite 1,000,000), memory at rest (sqlite 1,000,000)"
    ) in text
    assert "this bench took 16.2 min (MISSED, < 15)" in text


def test_load_runs_every_kind_of_user_without_errors(small_db, monkeypatch):
    from bench import load

    monkeypatch.setattr(load, "THINK_S", (0.1, 0.3))
    monkeypatch.setattr(load, "SCROLL_S", (0.1, 0.3))
    counts = {"wall": 2, "official": 2, "staff": 1}
    tally, rss, warm_s, computed = load.run(small_db, None, 4.0, counts, change_s=0)
    summary = tally.summary()
    assert summary["wall refresh"]["count"] >= 2
    assert sum(row["count"] for kind, row in summary.items() if kind.startswith("click")) >= 4
    assert summary["table block"]["count"] >= 1
    assert tally.errors == {}
    assert len(rss) == 2 and all(mb > 0 for mb in rss) and warm_s > 0
    assert computed["event"]["count"] >= 1  # read from the workers' log
