"""The wall screen in a real browser: live figures, the stale banner, sizes read from a room.

Nobody clicks: each test opens the wall with its key and only waits and looks. The small
event (17-18 Sep 2026) is over, so the wall shows its last day, 18 September.
"""

from __future__ import annotations

import datetime as dt
import shutil
import threading
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from selenium.common.exceptions import StaleElementReferenceException as StaleElementReference
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from app import create_app
from data import simulate
from data.engine import writable_engine
from data.schema import checkins
from tests.browser import TIMEOUT, console_errors, start
from tests.conftest import WALL_KEY

PANELS = ("arrivals", "registrations", "matchmaking", "workshops", "map")
ACTIVE = """
    SELECT count(*) FROM participants p LEFT JOIN organisations o ON o.id = p.organisation_id
    WHERE p.event_id = 2 AND lower(trim(p.status)) IN ('registered', 'confirmed')
      AND (p.organisation_id IS NULL OR o.id IS NOT NULL)
"""
TODAY = ACTIVE + " AND p.registered_at >= :since AND p.registered_at < :until"


def _open_wall(dash_duo, base: str, query: str, size: tuple[int, int] = (1920, 1080)) -> None:
    width, height = size
    dash_duo.driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
    )
    dash_duo.driver.get(f"{base}/wall?key={WALL_KEY}&event=2&refresh=1{query}")


def _text(driver, selector: str) -> str | None:
    found = driver.find_elements(By.CSS_SELECTOR, selector)
    return found[0].text if found else None


def _wait(dash_duo, condition, timeout: float = TIMEOUT * 2) -> None:
    # The wall redraws its numbers while we read them: an element read as it is replaced
    # is read again at the next poll.
    wait = WebDriverWait(
        dash_duo.driver, timeout, poll_frequency=0.2, ignored_exceptions=[StaleElementReference]
    )
    wait.until(condition)


def _database_holds(database_url: str) -> tuple[int, int]:
    """Active participants, and those registered today (Berlin), counted in SQL."""
    midnight = dt.datetime.now(ZoneInfo("Europe/Berlin")).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    since = midnight.astimezone(dt.UTC).replace(tzinfo=None)
    until = since + dt.timedelta(days=1)
    engine = writable_engine(database_url)
    with engine.connect() as conn:
        active = conn.execute(sa.text(ACTIVE)).scalar_one()
        today = conn.execute(sa.text(TODAY), {"since": since, "until": until}).scalar_one()
    engine.dispose()
    return active, today


def test_the_wall_follows_the_simulator_by_itself(dash_duo, small_db, settings_for):
    base = start(dash_duo, create_app(settings_for(small_db)))
    _open_wall(dash_duo, base, "&panel=registrations")
    dash_duo.wait_for_text_to_equal("#wall-number-registered", "6", timeout=TIMEOUT)
    dash_duo.wait_for_text_to_equal("#wall-number-new-today", "0", timeout=TIMEOUT)
    dash_duo.wait_for_text_to_equal("#wall-event", "Baltic Clusters 2026", timeout=TIMEOUT)

    stop = threading.Event()
    writer = threading.Thread(
        target=simulate.run, args=(small_db,), kwargs={"rate": 10, "seed": 7, "stop": stop}
    )
    writer.start()
    try:
        # While it writes, the wall moves on by itself: new registrations appear today.
        _wait(dash_duo, lambda d: _text(d, "#wall-number-new-today") not in ("", "0"))
    finally:
        stop.set()
        writer.join()
    active, today = _database_holds(small_db)
    assert today >= 1
    dash_duo.wait_for_text_to_equal("#wall-number-registered", str(active), timeout=TIMEOUT)
    dash_duo.wait_for_text_to_equal("#wall-number-new-today", str(today), timeout=TIMEOUT)
    assert console_errors(dash_duo) == []


def _scan_on_day_two(path: Path, participant: int) -> None:
    engine = writable_engine(f"sqlite:///{path}")
    at = dt.datetime(2026, 9, 18, 8, 0)
    with engine.begin() as conn:
        conn.execute(checkins.insert().values(participant_id=participant, checked_in_at=at))
    engine.dispose()  # the last connection folds the WAL back into the file


def test_a_missing_database_shows_the_banner_and_keeps_the_figures(
    dash_duo, small_db, settings_for
):
    base = start(dash_duo, create_app(settings_for(small_db)))
    _open_wall(dash_duo, base, "&panel=arrivals")
    # 18 Sep: participant 1 at 08:30 and 3 at 01:30 (Berlin).
    dash_duo.wait_for_text_to_equal("#wall-number-checked-in", "2", timeout=TIMEOUT)
    label = dash_duo.find_element(".is-active .wall-number-label").text
    assert label == "Checked in on 18 Sep 2026"
    assert dash_duo.find_element("#wall-banner").text == ""

    path = Path(sa.engine.make_url(small_db).database)
    away = path.with_name("moved-away.sqlite")
    shutil.move(path, away)
    dash_duo.wait_for_contains_text("#wall-banner", "Data stale since", timeout=TIMEOUT)
    banner = dash_duo.find_element("#wall-banner").text
    assert banner.endswith("– database unreachable"), banner
    assert dash_duo.find_element("#wall-number-checked-in").text == "2"
    assert dash_duo.find_element("#wall-number-arrival-rate").text == "33%"

    _scan_on_day_two(away, 2)  # participant 2 arrives while the wall cannot see it
    shutil.move(away, path)
    dash_duo.wait_for_text_to_equal("#wall-banner", "", timeout=TIMEOUT)
    dash_duo.wait_for_text_to_equal("#wall-number-checked-in", "3", timeout=TIMEOUT)
    assert console_errors(dash_duo) == []


SIZES_JS = """
const texts = [];
for (const e of document.querySelectorAll('.wall *')) {
  const style = getComputedStyle(e);
  const own = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
  const box = e.getBoundingClientRect();
  if (own && style.visibility === 'visible' && box.width > 0 && box.height > 0) {
    texts.push([e.textContent.trim().slice(0, 40), parseFloat(style.fontSize)]);
  }
}
const numbers = [...document.querySelectorAll('.is-active .wall-number-value')]
  .map(e => parseFloat(getComputedStyle(e).fontSize));
const root = document.scrollingElement;
const outside = performance.getEntriesByType('resource')
  .map(r => r.name).filter(n => !n.startsWith(location.origin));
const maps = performance.getEntriesByType('resource')
  .map(r => r.name).filter(n => n.includes('/assets/topojson/'));
return {texts, numbers, outside, maps,
        overflow: [root.scrollWidth - innerWidth, root.scrollHeight - innerHeight]};
"""


@pytest.mark.parametrize("size", [(1920, 1080), (3840, 2160)])
def test_every_panel_reads_from_across_the_room(dash_duo, small_db, settings_for, tmp_path, size):
    base = start(dash_duo, create_app(settings_for(small_db)))
    width, height = size
    for panel in PANELS:
        _open_wall(dash_duo, base, f"&panel={panel}", size)
        shown = f"#wall-panel-{panel}.is-active .wall-number-value"
        _wait(dash_duo, lambda d, shown=shown: _text(d, shown) not in ("", None))
        _wait(dash_duo, lambda d: _text(d, "#wall-clock"))  # the browser's own tick ran
        if panel != "workshops":
            dash_duo.wait_for_element(f"#wall-panel-{panel} .main-svg", TIMEOUT)
        seen = dash_duo.driver.execute_script(SIZES_JS)
        dash_duo.driver.save_screenshot(str(tmp_path / f"{panel}-{width}x{height}.png"))
        assert seen["overflow"] == [0, 0], panel  # nothing to scroll
        assert min(seen["numbers"]) >= height / 12, (panel, seen["numbers"])
        small = [(text, px) for text, px in seen["texts"] if px < height / 40 - 0.5]
        assert small == [], (panel, small)
        assert seen["outside"] == [], panel  # scripts, styles, fonts and maps: all ours
        if panel == "map":
            assert any(url.endswith("/assets/topojson/europe_110m.json") for url in seen["maps"])
    assert console_errors(dash_duo) == []
