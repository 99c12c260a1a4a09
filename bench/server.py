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

import os
import time

from bench.ours import Site
from scripts.bench_tables import resident_peak, rss_kb


def _stream(site: Site) -> dict[str, float]:
    started, size, lines = time.perf_counter(), 0, 0
    with resident_peak(os.getpid()) as memory:
        answer = site.clients["main"].get(
            f"/downloads/people.csv?event={site.event}", buffered=False
        )
        try:
            if answer.status_code != 200:
                raise RuntimeError(f"the download answered {answer.status_code}")
            for chunk in answer.response:
                size += len(chunk)
                lines += chunk.count(b"\n")
        finally:
            answer.close()
    return {
        "rows": lines - 1,
        "mb": round(size / 1e6, 1),
        "seconds": round(time.perf_counter() - started, 2),
        "peak_extra_mb": round((memory["peak"] - memory["before"]) / 1024, 1),
        "peak_rss_mb": round(memory["peak"] / 1024, 1),
    }


def measure(site: Site) -> dict[str, object]:
    """Memory at rest now, then the People CSV streamed: time and peak memory."""
    at_rest = rss_kb(os.getpid(), "VmRSS") / 1024
    return {"rest_mb": round(at_rest, 1), "export": _stream(site)}
