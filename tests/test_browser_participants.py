"""The participants page in a real browser: click, drill, step back, share the link, download.

Hand-computed answers (tests/test_participants.py): event 2 has 6 active participants,
2 of them from Denmark, both Agri-food cluster organisations of Food Valley Denmark.
"""

from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import urlsplit

from openpyxl import load_workbook
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By

from app import create_app
from tests.browser import TIMEOUT, console_errors, log_in, start, texts

COUNTRY = ".graph-participants-country"
SECTOR = ".graph-participants-sector"
DRILL = ".graph-participants-drill"
CRUMBS = "#participants-crumbs .breadcrumb-item"
FIRST_LOAD = 30  # the first view reads and draws both editions: slow on a busy machine


def click_bar(dash_duo, graph: str, label: str) -> None:
    """Click the bar of a horizontal bar chart that its y-axis labels `label`."""
    dash_duo.wait_for_contains_text(f"{graph} .yaxislayer-above", label, timeout=TIMEOUT)
    labels = [s.strip() for s in texts(dash_duo, f"{graph} .ytick text")]
    bars = dash_duo.driver.find_elements(By.CSS_SELECTOR, f"{graph} .trace.bars .point path")
    ActionChains(dash_duo.driver).move_to_element(bars[labels.index(label)]).click().perform()


def crumbs(dash_duo) -> list[str]:
    """The breadcrumb's steps, read in one go (the page may be redrawing them)."""
    script = "return [...document.querySelectorAll(arguments[0])].map(e => e.textContent)"
    return [c.strip(" /") for c in dash_duo.driver.execute_script(script, CRUMBS)]


def wait_for_crumbs(dash_duo, expected: list[str]) -> None:
    deadline = time.monotonic() + TIMEOUT
    while crumbs(dash_duo) != expected and time.monotonic() < deadline:
        time.sleep(0.1)
    assert crumbs(dash_duo) == expected


def test_click_drill_step_back_share_and_go_back(dash_duo, small_db, settings_for):
    start(dash_duo, create_app(settings_for(small_db)))
    log_in(dash_duo, "official", "/participants?event=2")
    dash_duo.wait_for_text_to_equal("#kpi-active", "6", timeout=FIRST_LOAD)

    # A click on Denmark's bar filters the whole page on Denmark.
    click_bar(dash_duo, COUNTRY, "Denmark")
    dash_duo.wait_for_text_to_equal("#kpi-active", "2", timeout=TIMEOUT)
    dash_duo.wait_for_text_to_equal("#kpi-countries", "1", timeout=TIMEOUT)
    assert "country=DK" in dash_duo.driver.current_url
    dash_duo.wait_for_contains_text("#filter-chips", "Country: Denmark", timeout=TIMEOUT)
    dash_duo.wait_for_contains_text(f"{SECTOR} .ytick text", "Agri-food", timeout=TIMEOUT)
    assert [s.strip() for s in texts(dash_duo, f"{SECTOR} .ytick text")] == ["Agri-food"]
    # Denmark × sector is a breakdown by two attributes: an official reads "< 3", not 2.
    assert texts(dash_duo, f"{SECTOR} .bartext") == ["< 3"]

    # Drill down: Denmark, Agri-food, cluster organisations, to the organisation.
    for label in ("Denmark", "Agri-food", "Cluster organisation"):
        click_bar(dash_duo, DRILL, label)
        dash_duo.wait_for_contains_text(CRUMBS + ".active", label, timeout=TIMEOUT)
    wait_for_crumbs(dash_duo, ["All countries", "Denmark", "Agri-food", "Cluster organisation"])
    dash_duo.wait_for_contains_text(f"{DRILL} .ytick text", "Food Valley Denmark", timeout=TIMEOUT)
    assert texts(dash_duo, f"{DRILL} .bartext") == ["< 3"]

    # Step back to Denmark through the breadcrumb, then forward again with the back button.
    dash_duo.driver.find_elements(By.CSS_SELECTOR, "#participants-crumbs button.crumb-link")[
        1
    ].click()
    wait_for_crumbs(dash_duo, ["All countries", "Denmark"])
    assert "drill=DK" in dash_duo.driver.current_url
    assert "drill=Agri-food" not in dash_duo.driver.current_url
    dash_duo.driver.back()
    wait_for_crumbs(dash_duo, ["All countries", "Denmark", "Agri-food", "Cluster organisation"])

    # The link reopens the same view in a new session.
    link = urlsplit(dash_duo.driver.current_url)
    assert console_errors(dash_duo) == []
    # Leave the dashboard first: its timer would call back without a session.
    dash_duo.driver.get(f"{link.scheme}://{link.netloc}/login")
    dash_duo.driver.delete_all_cookies()
    log_in(dash_duo, "official", f"{link.path}?{link.query}")
    wait_for_crumbs(dash_duo, ["All countries", "Denmark", "Agri-food", "Cluster organisation"])
    # Denmark, Agri-food, cluster organisations: three attributes, so an official reads "< 3".
    dash_duo.wait_for_text_to_equal("#kpi-active", "< 3", timeout=TIMEOUT)
    dash_duo.wait_for_contains_text("#filter-chips", "Country: Denmark", timeout=TIMEOUT)
    assert console_errors(dash_duo) == []


def downloaded(folder: Path, suffix: str) -> Path:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        found = [p for p in folder.glob(f"*{suffix}") if p.stat().st_size > 0]
        if found:
            return found[0]
        time.sleep(0.2)
    raise AssertionError(f"no {suffix} file in {folder}")


def test_bad_link_is_named_and_download_has_the_filters(dash_duo, small_db, settings_for):
    start(dash_duo, create_app(settings_for(small_db)))
    log_in(dash_duo, "staff", "/participants?event=2&country=DK&country=ZZ&drill=XX&compare=1")
    dash_duo.wait_for_contains_text("#filter-notice", "country=ZZ", timeout=FIRST_LOAD)
    assert "drill=XX" in dash_duo.find_element("#filter-notice").text
    dash_duo.wait_for_text_to_equal("#kpi-active", "2", timeout=TIMEOUT)
    dash_duo.wait_for_text_to_equal("#kpi-active-delta", "+2 (–) vs 0", timeout=TIMEOUT)

    dash_duo.find_element("#participants-download").click()
    book = load_workbook(downloaded(Path(dash_duo.download_path), ".xlsx"))
    about = {row[0]: row[1] for row in book["About these figures"].iter_rows(values_only=True)}
    assert about["Country"] == "Denmark"
    assert about["Compare with"] == "Baltic Clusters 2025 (18 Sep 2025)"
    assert "Small counts" not in about  # staff see exact counts
    assert list(book["By sector"].iter_rows(values_only=True)) == [
        ("Code", "Sector", "Baltic Clusters 2026", "Baltic Clusters 2025"),
        ("Agri-food", "Agri-food", 2, 0),
    ]

    # Each chart saves itself as PNG and SVG from its own toolbar, with nothing from the network.
    for title, suffix in (("Download plot as a PNG", ".png"), ("Download as SVG", ".svg")):
        button = f"{COUNTRY} .modebar-btn[data-title='{title}']"
        dash_duo.driver.execute_script("document.querySelector(arguments[0]).click()", button)
        image = downloaded(Path(dash_duo.download_path), suffix)
        assert image.name.startswith("participants-country")
    assert "Participants by country" in image.read_text(encoding="utf-8")
    assert console_errors(dash_duo) == []
