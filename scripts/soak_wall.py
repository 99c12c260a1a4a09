"""Leave the wall screen running for a while and watch it (a tool for a person, not a test).

Starts the dashboard as its own process on a demo database, the simulator writing to that
database, and a headless Chromium showing the wall (refresh 2 s); samples the server's
resident memory, the page's script heap, what the wall shows and the browser console.
Exits 1 when the console logged errors or the wall went blank. Linux (reads /proc).

Usage: python scripts/soak_wall.py [--minutes 5] [--rate 2] [--sample 30] [--port 8062]
       [--database sqlite:////tmp/wall-soak.sqlite] [--fresh]
"""

from __future__ import annotations

import argparse
import logging
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from data import demo, simulate  # noqa: E402
from scripts.screenshots import browser  # noqa: E402

log = logging.getLogger("soak")
WALL_KEY = "demo-wall-key"
LOOK_JS = """
const text = id => (document.getElementById(id) || {}).textContent || '';
const heap = performance.memory ? performance.memory.usedJSHeapSize : 0;
return {event: text('wall-event'), asOf: text('wall-as-of'), banner: text('wall-banner'),
        offline: text('wall-offline'), registered: text('wall-number-registered'),
        requests: text('wall-number-requests'), heap: heap,
        active: (document.querySelector('.wall-panel.is-active') || {}).id || ''};
"""


@dataclass(frozen=True)
class Sample:
    """One look at the server and the page."""

    elapsed_s: float
    rss_mb: float
    heap_mb: float
    look: dict


def rss_mb(pid: int) -> float:
    """The resident memory of a process, in MB (from /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def start_server(database_url: str, port: int, users_file: str) -> subprocess.Popen:
    """Run the dashboard in demo mode as its own process; wait until it answers."""
    env = {
        **os.environ,
        "DASHBOARD_DEMO": "1",
        "DATABASE_URL": database_url,
        "PORT": str(port),
        "DASHBOARD_USERS_FILE": users_file,
    }
    server = subprocess.Popen(
        [sys.executable, "app.py"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=2):
                return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit("the server did not start within 60 s")


def console_errors(driver) -> list[dict]:
    """The browser console's warnings and errors since the last look."""
    return [e for e in driver.get_log("browser") if e.get("level") in ("WARNING", "SEVERE")]


def soak(args: argparse.Namespace, server: subprocess.Popen) -> tuple[list[Sample], list, int]:
    """Watch the wall for the minutes asked; return the samples, console errors, changes."""
    stop = threading.Event()
    written: dict[str, int] = {}
    writer = threading.Thread(
        target=lambda: written.update(simulate.run(args.database, rate=args.rate, stop=stop)),
        daemon=True,
    )
    driver = browser(1920, 1080)
    samples, errors = [], []
    started = time.monotonic()
    try:
        query = f"key={WALL_KEY}&refresh=2&rotate={args.rotate}"
        driver.get(f"http://127.0.0.1:{args.port}/wall?{query}")
        writer.start()
        while (elapsed := time.monotonic() - started) < args.minutes * 60:
            look = driver.execute_script(LOOK_JS)
            samples.append(Sample(elapsed, rss_mb(server.pid), look["heap"] / 2**20, look))
            errors += console_errors(driver)
            log.info("%s", _line(samples[-1]))
            time.sleep(min(args.sample, max(0.0, args.minutes * 60 - elapsed)))
        errors += console_errors(driver)
    finally:
        stop.set()
        writer.join(timeout=10)
        driver.quit()
    return samples, errors, sum(v for k, v in written.items() if k != "skipped")


def _line(sample: Sample) -> str:
    look = sample.look
    warning = (
        f"  BANNER {look['banner']}{look['offline']}" if look["banner"] or look["offline"] else ""
    )
    return (
        f"{sample.elapsed_s:5.0f} s  server {sample.rss_mb:6.1f} MB"
        f"  page heap {sample.heap_mb:5.1f} MB"
        f"  {look['active']:<24} {look['asOf']}  registered {look['registered']}"
        f"  requests {look['requests']}{warning}"
    )


def report(samples: list[Sample], errors: list, changes: int) -> int:
    """Log the summary; 1 when the console had errors or the wall went blank."""
    first, last = samples[0], samples[-1]
    blank = [s for s in samples[1:] if not s.look["event"] or not s.look["asOf"]]
    log.info("data changes written by the simulator: %d", changes)
    log.info(
        "server memory: %.1f MB at start, %.1f MB at the end, %.1f MB at most",
        first.rss_mb,
        last.rss_mb,
        max(s.rss_mb for s in samples),
    )
    log.info("page script heap: %.1f MB at start, %.1f MB at the end", first.heap_mb, last.heap_mb)
    log.info(
        "figures: registered %s -> %s, requests %s -> %s",
        first.look["registered"],
        last.look["registered"],
        first.look["requests"],
        last.look["requests"],
    )
    log.info("console warnings and errors: %d", len(errors))
    for entry in errors[:20]:
        log.info("  %s", entry.get("message", entry))
    log.info("samples with a blank wall: %d", len(blank))
    return 1 if errors or blank else 0


def main() -> None:
    """Run the soak and exit with its verdict."""
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stdout)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=5)
    parser.add_argument("--rate", type=float, default=2, help="simulated changes per second")
    parser.add_argument("--sample", type=float, default=30, help="seconds between samples")
    parser.add_argument("--rotate", type=int, default=10, help="seconds per panel")
    parser.add_argument("--port", type=int, default=8062)
    parser.add_argument("--database", default="sqlite:////tmp/wall-soak.sqlite")
    parser.add_argument("--fresh", action="store_true", help="write a new demo database first")
    args = parser.parse_args()
    logging.getLogger("data").setLevel(logging.WARNING)
    sqlite_file = args.database.startswith("sqlite:///") and Path(args.database[10:])
    if args.fresh or (sqlite_file and not sqlite_file.exists()):
        demo.generate(args.database, force=True)  # only a missing SQLite file, or when asked
    with tempfile.TemporaryDirectory() as home:
        server = start_server(args.database, args.port, str(Path(home) / "users.json"))
        try:
            samples, errors, changes = soak(args, server)
        finally:
            server.terminate()
            server.wait(timeout=10)
    raise SystemExit(report(samples, errors, changes))


if __name__ == "__main__":
    main()
