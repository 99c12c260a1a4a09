"""The workshops page in a real browser: seats and a workshop's bookers, console clean.

Hand-computed answers (tests/test_workshops.py): event 7 has 12 seats booked of 18;
"Overflow" (1 seat) is booked by participants 1 (DE) and 3 (SE), 4 (DE) waits.
"""

from __future__ import annotations

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By

from app import create_app
from tests.browser import console_errors, log_in, start, texts
from tests.test_browser_matchmaking import SCROLL, wait_for_text
from tests.test_matchmaking import mm_db  # noqa: F401  (the fixture)

FILL = ".graph-workshops-fill"


def click_bar(dash_duo, title: str) -> None:
    """Click the booked bar on the row whose label ends with the workshop's title."""
    dash_duo.wait_for_element(f"{FILL} .trace.bars .point path")
    plot = dash_duo.find_element(f"{FILL} .js-plotly-plot")
    dash_duo.driver.execute_script(SCROLL, plot)
    label = next(
        e
        for e in dash_duo.driver.find_elements(By.CSS_SELECTOR, f"{FILL} .ytick text")
        if e.text.strip().endswith(title)
    )
    middle = label.rect["y"] + label.rect["height"] / 2
    bars = dash_duo.driver.find_elements(By.CSS_SELECTOR, f"{FILL} .trace.bars .point path")
    bar = min(bars, key=lambda b: abs(b.rect["y"] + b.rect["height"] / 2 - middle))
    ActionChains(dash_duo.driver).move_to_element(bar).click().perform()


def test_a_click_on_a_workshop_shows_who_booked_it(dash_duo, mm_db, settings_for):  # noqa: F811
    start(dash_duo, create_app(settings_for(mm_db)))
    log_in(dash_duo, "staff", "/workshops?event=7")
    wait_for_text(dash_duo, "#kpi-ws-booked", "12 / 18")
    wait_for_text(dash_duo, "#kpi-ws-full", "2")

    click_bar(dash_duo, "Overflow")

    wait_for_text(dash_duo, "#workshops-detail-title", "Overflow – 05 May 2026, 14:00, B")
    dash_duo.wait_for_element("#workshops-people tbody tr")
    rows = [r.split(" ")[:2] for r in texts(dash_duo, "#workshops-people tbody tr")]
    assert rows == [["First1", "Last1"], ["First3", "Last3"], ["First4", "Last4"]]
    assert console_errors(dash_duo) == []
