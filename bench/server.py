"""A real server process: its memory at rest after warm-up, and a streamed People CSV.

The server runs in a subprocess (scripts/bench_tables.start_server), so that the bench's
own memory does not count; the warm-up runs every view's callbacks over HTTP.
"""

from __future__ import annotations

import json
import socket
import tempfile
import threading
import time
import urllib.request

from bench.ours import STATEMENT_TIMEOUT_S, VIEWS, Site, find_key
from scripts import bench_tables
from tests.attacks import callback_body, update_url

# Each warm-up request waits for its figures (by default a request waits 0.5 s and the
# computation goes on in the background: the memory would be read before the cubes are
# there), with the statement limit of the in-process site.
AT_REST = {"RECOMPUTE_WAIT_MS": "600000", "STATEMENT_TIMEOUT_SECONDS": str(STATEMENT_TIMEOUT_S)}
WARM_TIMEOUT_S = 900


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _warm(opener: urllib.request.OpenerDirector, port: int, site: Site) -> None:
    """Run each view's first callback once through the server, as a browser would."""
    for view, (which, outputs) in VIEWS.items():
        if which != "main":
            continue
        app = site.apps["main"]
        body = callback_body(app, find_key(app, outputs[0]), site._seed(view))
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}{update_url(app)}",
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
        )
        opener.open(request, timeout=WARM_TIMEOUT_S).read()


def _stream(opener, port: int, pid: int, event: int) -> dict[str, float]:
    before = bench_tables._rss_kb(pid, "VmRSS")
    peak, done = [before], threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], bench_tables._rss_kb(pid, "VmRSS"))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    started, size, lines = time.perf_counter(), 0, 0
    with opener.open(f"http://127.0.0.1:{port}/downloads/people.csv?event={event}") as answer:
        while chunk := answer.read(1 << 16):
            size += len(chunk)
            lines += chunk.count(b"\n")
    elapsed = time.perf_counter() - started
    done.set()
    sampler.join()
    return {
        "rows": lines - 1,
        "mb": round(size / 1e6, 1),
        "seconds": round(elapsed, 2),
        "peak_extra_mb": round((peak[0] - before) / 1024, 1),
        "peak_rss_mb": round(peak[0] / 1024, 1),
    }


def measure(site: Site) -> dict[str, object]:
    """Memory at rest after warm-up, then the People CSV streamed: time and peak memory."""
    port = _free_port()
    with tempfile.TemporaryDirectory(prefix="bench-server-") as workdir:
        server = bench_tables.start_server(site.url, port, workdir, AT_REST)
        try:
            opener = bench_tables._opener(port)
            opener.open(f"http://127.0.0.1:{port}/", timeout=60).read()
            _warm(opener, port, site)
            at_rest = bench_tables._rss_kb(server.pid, "VmRSS") / 1024
            export = _stream(opener, port, server.pid, site.event)
        finally:
            server.terminate()
            server.wait(timeout=30)
    return {"rest_mb": round(at_rest, 1), "export": export}
