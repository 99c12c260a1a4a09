"""The matchmaking page in a real browser: a matrix cell filters to its pair; the meeting
rounds follow the database; the console stays clean.

Hand-computed answers (tests/test_matchmaking.py): event 7 keeps 13 requests, 8 accepted;
from Germany to Sweden 3 requests, 2 accepted. Event 7 is over, so the rounds show its last
day: one meeting at Table 3 at 10:00 (request 15), not yet recorded.
"""

from __future__ import annotations

import time

import sqlalchemy as sa
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.common.by import By

from app import create_app
from data.engine import writable_engine
from tests.browser import TIMEOUT, console_errors, log_in, start
from tests.test_matchmaking import mm_db  # noqa: F401  (the fixture)

FLOWS = ".graph-matchmaking-flows-country"
GRID_MARKS = (
    "return document.querySelector('.graph-matchmaking-rounds .js-plotly-plot').data[0].text;"
)
# Bootstrap scrolls smoothly: jump, so that an element is where it is measured.
SCROLL = "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});"
CELL_POSITION = """
const gd = document.querySelector(arguments[0] + ' .js-plotly-plot');
const layout = gd._fullLayout, drag = gd.querySelector('.nsewdrag').getBoundingClientRect();
return [Math.round(drag.left + layout.xaxis.d2p(arguments[2])),
        Math.round(drag.top + layout.yaxis.d2p(arguments[1]))];
"""


def wait_for_text(dash_duo, selector: str, text: str, timeout: float = 2 * TIMEOUT) -> None:
    """Wait until an element reads `text`, even while the page's loading veil hides it.

    On a busy machine a refresh can outlast dcc.Loading's delay, and the veil then hides
    the page (visibility: hidden), so Selenium's .text reads "" though the text is there.
    """
    deadline = time.monotonic() + timeout
    found = None
    while time.monotonic() < deadline:
        try:
            elements = dash_duo.driver.find_elements(By.CSS_SELECTOR, selector)
            found = elements[0].get_attribute("textContent").strip() if elements else None
        except StaleElementReferenceException:  # re-rendered between finding and reading
            found = None
        if found == text:
            return
        time.sleep(0.1)
    raise AssertionError(f"{selector}: expected {text!r}, found {found!r}")


def click_cell(dash_duo, graph: str, row: str, column: str) -> None:
    """Click the heatmap cell of a row and a column (the values, such as country codes)."""
    dash_duo.wait_for_element(f"{graph} .hm", timeout=2 * TIMEOUT)
    plot = dash_duo.find_element(f"{graph} .js-plotly-plot")
    dash_duo.driver.execute_script(SCROLL, plot)
    x, y = dash_duo.driver.execute_script(CELL_POSITION, graph, row, column)
    actions = ActionBuilder(dash_duo.driver)
    actions.pointer_action.move_to_location(x, y).click()
    actions.perform()


def test_a_matrix_cell_filters_the_page_to_its_pair(dash_duo, mm_db, settings_for):  # noqa: F811
    start(dash_duo, create_app(settings_for(mm_db)))
    log_in(dash_duo, "staff", "/matchmaking?event=7")
    wait_for_text(dash_duo, "#kpi-mm-requests", "13")
    wait_for_text(dash_duo, "#kpi-mm-accepted", "8")

    click_cell(dash_duo, FLOWS, "DE", "SE")
    wait_for_text(dash_duo, "#kpi-mm-requests", "3")
    wait_for_text(dash_duo, "#kpi-mm-accepted", "2")
    wait_for_text(dash_duo, "#kpi-mm-declined", "1")
    wait_for_text(dash_duo, "#kpi-mm-acceptance", "67%")
    assert "pair=country%3ADE%3ASE" in dash_duo.driver.current_url
    wait_for_text(
        dash_duo,
        "#matchmaking-pair",
        "Showing the requests from Germany to Sweden. The per-participant figures count all "
        "meetings of the filtered participants.",
    )
    clear = dash_duo.find_element("#matchmaking-pair-clear")
    dash_duo.driver.execute_script(SCROLL, clear)
    clear.click()
    wait_for_text(dash_duo, "#kpi-mm-requests", "13")
    assert "pair=" not in dash_duo.driver.current_url
    assert console_errors(dash_duo) == []


def test_the_rounds_follow_the_database(dash_duo, mm_db, settings_for):  # noqa: F811
    start(dash_duo, create_app(settings_for(mm_db)))
    log_in(dash_duo, "official", "/matchmaking?event=7")
    summary = "#matchmaking-rounds-summary"
    wait_for_text(dash_duo, summary, "Round of 10:00: 1 over, not recorded · 2 free")
    # One round (10:00) by three tables: only Table 3 is taken, its meeting not recorded.
    assert dash_duo.driver.execute_script(GRID_MARKS) == [["", "", "?"]]

    with writable_engine(mm_db).begin() as conn:
        conn.execute(sa.text("UPDATE meeting_requests SET held = 1 WHERE id = 15"))
    wait_for_text(dash_duo, summary, "Round of 10:00: 1 held · 2 free")
    assert dash_duo.driver.execute_script(GRID_MARKS) == [["", "", "✓"]]
    assert console_errors(dash_duo) == []
