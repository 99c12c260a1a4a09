"""The data service: one computation per data change, shared through the cache; stale data kept."""

from __future__ import annotations

import gc
import logging
import shutil
import threading
import time
import weakref

import pytest
import sqlalchemy as sa

from dashboard import service as service_module
from dashboard.cache import MemoryCache, RedisCache
from dashboard.service import DataService, Snapshot, TooSlow
from dashboard.views import status
from data.engine import make_engine, parse_url, writable_engine
from tests import small_event


def _service(url: str, cache=None) -> DataService:
    return DataService(make_engine(url), cache or MemoryCache())


def _count_computations(caplog) -> int:
    return sum("computed event:2" in r.getMessage() for r in caplog.records)


def test_unchanged_data_is_computed_once(small_db, caplog):
    caplog.set_level(logging.INFO, logger="dashboard.service")
    service = _service(small_db)
    first = service.snapshot(2)
    second = service.snapshot(2)
    assert first.cubes is second.cubes
    assert _count_computations(caplog) == 1


def test_events_are_read_once_per_version_and_a_callers_list_is_its_own(small_db, monkeypatch):
    service = _service(small_db)
    reads = []
    read = service_module.events_from_frame
    monkeypatch.setattr(service_module, "events_from_frame", lambda f: reads.append(1) or read(f))
    events = service.events()
    assert [e.id for e in events] == [2, 1] and len(reads) == 1
    events.clear()
    assert service.event(2).id == 2 and len(service.events()) == 2
    assert len(reads) == 1  # the rows were read into events once


def test_a_change_is_computed_once_more(small_db, caplog):
    caplog.set_level(logging.INFO, logger="dashboard.service")
    service = _service(small_db)
    before = service.snapshot(2)
    with writable_engine(small_db).begin() as conn:
        conn.execute(sa.text("UPDATE participants SET status = 'cancelled' WHERE id = 1"))
    after = service.snapshot(2)
    service.snapshot(2)
    assert after.version != before.version
    assert after.cubes.people["n"].sum() == before.cubes.people["n"].sum()
    assert _count_computations(caplog) == 2


def test_database_gone_keeps_last_figures_then_recovers(small_db, tmp_path):
    service = _service(small_db)
    good = service.snapshot(2)
    path = parse_url(small_db).database
    shutil.move(path, tmp_path / "away.sqlite")
    stale = service.snapshot(2)
    assert stale.stale and stale.cubes is good.cubes
    assert stale.stale_since is not None and "missing" in stale.problem
    shutil.move(tmp_path / "away.sqlite", path)
    back = service.snapshot(2)
    assert not back.stale and back.cubes is not None


def test_database_unreachable_at_start_says_so(tmp_path):
    service = _service(f"sqlite:///{tmp_path / 'nothing-here.sqlite'}")
    snapshot = service.snapshot(2)
    assert snapshot.cubes is None and snapshot.stale


def test_missing_contract_parts_are_named(tmp_path):
    url = f"sqlite:///{tmp_path / 'partial.sqlite'}"
    with writable_engine(url).begin() as conn:
        conn.exec_driver_sql("CREATE TABLE events (id INTEGER PRIMARY KEY)")
    snapshot = _service(url).snapshot(None)
    assert "the database lacks" in snapshot.problem and "table participants" in snapshot.problem


def test_two_workers_sharing_redis_compute_once(small_db, redis_url, caplog):
    caplog.set_level(logging.INFO, logger="dashboard.service")
    first, second = (
        _service(small_db, RedisCache(redis_url)),
        _service(small_db, RedisCache(redis_url)),
    )
    a, b = first.snapshot(2), second.snapshot(2)
    assert a.version == b.version
    assert a.cubes.people.equals(b.cubes.people)
    assert _count_computations(caplog) == 1


def test_redis_down_falls_back_to_memory_with_a_warning(small_db, caplog):
    caplog.set_level(logging.WARNING, logger="dashboard.cache")
    service = _service(small_db, RedisCache("redis://127.0.0.1:1/0"))
    snapshot = service.snapshot(2)
    assert snapshot.cubes is not None and not snapshot.stale
    assert any("Redis unreachable" in r.getMessage() for r in caplog.records)
    assert service.snapshot(2).cubes is snapshot.cubes  # served from the in-process fallback


ENDLESS = "WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r) SELECT count(*) FROM r"


def test_a_slow_query_on_sqlite_is_cut_off_and_said_so(small_db):
    service = DataService(make_engine(small_db, statement_timeout_s=0.5), MemoryCache())
    with pytest.raises(TooSlow):
        service.cached("endless", "v1", lambda conn: conn.exec_driver_sql(ENDLESS).all())
    assert service.snapshot(2).cubes is not None  # the worker is free again


def test_a_slow_query_on_postgresql_is_cut_off(postgres_url):
    small_event.load(writable_engine(postgres_url))
    service = DataService(make_engine(postgres_url, statement_timeout_s=1), MemoryCache())
    with pytest.raises(TooSlow):
        service.cached("sleep", "v1", lambda conn: conn.exec_driver_sql("SELECT pg_sleep(5)").all())
    assert service.snapshot(2).cubes is not None


def test_too_slow_reads_as_taking_too_long():
    line = status(Snapshot(None, None, None, None, "canceling statement", slow=True), "en")
    assert "taking too long" in line.text and line.level == "down"


def test_a_writer_holding_the_sqlite_file_does_not_lock_readers_out(small_db):
    writer = writable_engine(small_db).connect()
    writer.exec_driver_sql("BEGIN IMMEDIATE")
    writer.exec_driver_sql("UPDATE participants SET status = 'cancelled' WHERE id = 2")
    try:
        snapshot = _service(small_db).snapshot(2)
        assert snapshot.problem is None and snapshot.cubes is not None
    finally:
        writer.rollback()
        writer.close()


def test_threads_waiting_for_a_frame_being_computed_get_it(small_db):
    import threading
    import time

    import pandas as pd

    service = _service(small_db)
    results, errors = [], []

    def slow_frame(_conn) -> pd.DataFrame:
        time.sleep(0.3)
        return pd.DataFrame({"n": [1, 2]})

    def ask() -> None:
        try:
            results.append(service.cached("frame", "v1", slow_frame))
        except Exception as exc:  # the test reports any failure below
            errors.append(exc)

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and len(results) == 4
    assert all(frame["n"].tolist() == [1, 2] for frame in results)


def _active(snapshot: Snapshot) -> int:
    people = snapshot.cubes.people
    return int(people.loc[people["status"].isin(["registered", "confirmed"]), "n"].sum())


def test_a_long_recomputation_runs_behind_the_figures_before(small_db, monkeypatch):
    import dashboard.service as service_module

    service = DataService(make_engine(small_db), MemoryCache(), recompute_wait_s=0.05)
    before = service.snapshot(2)
    assert not service.behind() and service.settled(before.version) == before.version
    real_load, release = service_module.load_event, threading.Event()

    def slow_load(conn, event):
        release.wait(10)  # the database's aggregation of a big event
        return real_load(conn, event)

    monkeypatch.setattr(service_module, "load_event", slow_load)
    with writable_engine(small_db).begin() as conn:
        conn.execute(sa.text("UPDATE participants SET status = 'cancelled' WHERE id = 1"))
    started = time.perf_counter()
    during = service.snapshot(2)
    assert time.perf_counter() - started < 2  # not the ten seconds the computation may take
    # The figures before, said to be of the version before and read when that was read.
    assert during.cubes is before.cubes and during.version == before.version
    assert during.checked_at == before.checked_at and not during.stale
    # A drawing of these figures (as the callbacks remember it, by the snapshot's version)
    # is marked behind the current version, and is not drawn again (peek_settled gives
    # its mark back) until something new is computed.
    current = service.version()
    drawn = service.settled(during.version)
    assert service.behind() and drawn.startswith(f"behind {current} ")
    assert service.peek_settled(drawn) == drawn
    assert service.snapshot(2).cubes is before.cubes  # one computation, still running
    release.set()
    deadline = time.monotonic() + 10
    while service.snapshot(2).version == before.version and time.monotonic() < deadline:
        time.sleep(0.05)
    after = service.snapshot(2)
    assert after.version == current and not service.behind()
    assert _active(after) == _active(before) - 1
    assert service.peek_settled(drawn) == current  # computed since: drawn again


def test_at_most_two_computations_run_behind_at_once_and_each_ends(small_db):
    service = DataService(make_engine(small_db), MemoryCache(), recompute_wait_s=0.01)
    names = ("a", "b", "c", "d")
    for name in names:  # a first value each: later versions compute behind it
        assert service.cached(name, "v1", lambda _conn: 1) == 1
    running, most, guard, release = 0, 0, threading.Lock(), threading.Event()

    def slow(_conn):
        nonlocal running, most
        with guard:
            running += 1
            most = max(most, running)
        release.wait(10)
        with guard:
            running -= 1
        return 2

    assert [service.cached(name, "v2", slow) for name in names] == [1, 1, 1, 1]  # before
    deadline = time.monotonic() + 10
    while most < 2 and time.monotonic() < deadline:  # threads start late on a busy machine
        time.sleep(0.02)
    time.sleep(0.3)  # time for the other two to start, were they not held back
    assert most == 2  # the other two wait for a slot
    release.set()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(service.cached(n, "v2", slow) != 2 for n in names):
        time.sleep(0.05)
    assert [service.cached(name, "v2", slow) for name in names] == [2, 2, 2, 2]
    assert most == 2

    def computing() -> list:
        return [t for t in threading.enumerate() if t.name.startswith("recompute")]

    while computing() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not computing()  # each thread ended with its computation: none idles


def test_without_a_recompute_wait_every_request_waits_for_its_version(small_db):
    service = _service(small_db)
    before = service.snapshot(2)
    with writable_engine(small_db).begin() as conn:
        conn.execute(sa.text("UPDATE participants SET status = 'cancelled' WHERE id = 1"))
    after = service.snapshot(2)
    assert after.version != before.version and _active(after) == _active(before) - 1


def test_after_a_long_computation_the_next_waits_as_long(small_db, monkeypatch):
    import dashboard.service as service_module

    monkeypatch.setattr(service_module, "REST_FROM_S", 0.0)  # every computation is long
    real_load, loads = service_module.load_event, []

    def counted_load(conn, event):
        loads.append(event.id)
        return real_load(conn, event)

    monkeypatch.setattr(service_module, "load_event", counted_load)
    service = DataService(make_engine(small_db), MemoryCache(), recompute_wait_s=5)
    first = service.snapshot(2)  # computed; the next computation rests for a second
    with writable_engine(small_db).begin() as conn:
        conn.execute(sa.text("UPDATE participants SET status = 'cancelled' WHERE id = 1"))
    resting = service.snapshot(2)
    assert resting.cubes is first.cubes and service.behind() and loads == [2]  # none started
    time.sleep(1.2)
    after = service.snapshot(2)
    assert after.version != first.version and _active(after) == _active(first) - 1
    assert loads == [2, 2]


@pytest.mark.parametrize("shared", ["memory", "redis"])
def test_a_hold_is_shared_by_workers_and_never_copied_locally(shared, request):
    if shared == "redis":
        url = request.getfixturevalue("redis_url")
        one, two = RedisCache(url), RedisCache(url)  # two workers
    else:
        one = two = MemoryCache()  # one process: its threads share the cache
    assert one.hold("event:2", 60) and not two.hold("event:2", 60)
    one.release("event:2")
    assert two.hold("event:2", 60) and not one.hold("event:2", 60)
    assert one.hold("event:2", 1, replace=True)  # a rest replaces the running hold
    assert not two.hold("event:2", 60)
    time.sleep(1.2)
    assert two.hold("event:2", 60)  # the rest is over


class _Cycle:
    """An object in a reference cycle: only a garbage collection frees it."""

    def __init__(self) -> None:
        self.me = self


def test_after_a_long_computation_what_it_keeps_is_frozen_and_old_cycles_are_freed(
    small_db, monkeypatch
):
    import dashboard.service as service_module

    monkeypatch.setattr(service_module, "REST_FROM_S", 0.0)  # every computation is long
    old = _Cycle()
    gone = weakref.ref(old)
    service_module.freeze_memory()  # frozen by the computation before, say
    del old
    gc.collect()
    assert gone() is not None  # a frozen cycle outlives a collection
    service = _service(small_db)
    snapshot = service.snapshot(2)
    assert gone() is None  # the computation unfroze, collected and froze again
    assert not any(kept is snapshot.cubes for kept in gc.get_objects())  # not walked again


def test_workers_of_another_release_share_no_cached_value(small_db, redis_url, monkeypatch):
    import dashboard.service as service_module

    assert service_module.code_digest() == service_module.CODE_DIGEST
    current = _service(small_db, RedisCache(redis_url)).snapshot(2)
    monkeypatch.setattr(service_module, "CODE_DIGEST", "another-release")
    other = _service(small_db, RedisCache(redis_url)).snapshot(2)
    assert other.version == current.version
    assert other.cubes.read_at > current.cubes.read_at  # computed again, not read


def test_the_code_digest_changes_with_the_code(tmp_path):
    from dashboard.service import code_digest

    (tmp_path / "dashboard").mkdir()
    (tmp_path / "dashboard" / "event_data.py").write_text("SHAPE = 1\n")
    before = code_digest(tmp_path)
    (tmp_path / "dashboard" / "event_data.py").write_text("SHAPE = 2\n")
    assert code_digest(tmp_path) != before
