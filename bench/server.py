"""The worker's memory at rest after serving every view, and a streamed People CSV.

Both are read in the bench's own process for one database (bench.__main__.run_apart),
right after every view's callbacks ran after a change and for clicks, and before the
floor and the naive computation load anything: what the process holds then is a worker
that served every page (and the wall), plus the bench's own few megabytes. A separate
server process warmed up anew cost a whole recomputation more per database (a minute
and a half at a million participants). The CSV streams through the app's download route,
as a browser's download would, and the process's resident memory is sampled meanwhile.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from bench.ours import Site

SAMPLE_EVERY_S = 0.05


def rss_mb() -> float:
    """This process's resident memory, in MiB (as the server's figures were before)."""
    status = Path("/proc/self/status").read_text()
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _stream(site: Site) -> dict[str, float]:
    before = rss_mb()
    peak, done = [before], threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], rss_mb())
            time.sleep(SAMPLE_EVERY_S)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    started, size, lines = time.perf_counter(), 0, 0
    answer = site.clients["main"].get(f"/downloads/people.csv?event={site.event}", buffered=False)
    try:
        if answer.status_code != 200:
            raise RuntimeError(f"the download answered {answer.status_code}")
        for chunk in answer.response:
            size += len(chunk)
            lines += chunk.count(b"\n")
    finally:
        answer.close()
        done.set()
        sampler.join()
    return {
        "rows": lines - 1,
        "mb": round(size / 1e6, 1),
        "seconds": round(time.perf_counter() - started, 2),
        "peak_extra_mb": round(peak[0] - before, 1),
        "peak_rss_mb": round(peak[0], 1),
    }


def measure(site: Site) -> dict[str, object]:
    """Memory at rest now, then the People CSV streamed: time and peak memory."""
    at_rest = rss_mb()
    return {"rest_mb": round(at_rest, 1), "export": _stream(site)}
