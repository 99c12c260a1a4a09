"""Roles in a real browser: officials see statistics and no people; staff see the people."""

from __future__ import annotations

import requests
from selenium.webdriver.common.by import By

from app import create_app
from tests.attacks import leaked
from tests.browser import TIMEOUT, console_errors, log_in, start

STAFF_ONLY_TEXT = "Tables and downloads of rows about people are for staff accounts."
PEOPLE_GRID = ".tables-grid-people"
CSV_LINK = '[id=\'{"table":"people","type":"tables-csv"}\']'


def _download(dash_duo, url: str) -> requests.Response:
    """GET a URL with the browser's session cookie."""
    cookies = {c["name"]: c["value"] for c in dash_duo.driver.get_cookies()}
    return requests.get(url, cookies=cookies, timeout=TIMEOUT)


def test_official_sees_statistics_but_no_people(dash_duo, small_db, settings_for):
    base = start(dash_duo, create_app(settings_for(small_db)))
    log_in(dash_duo, "official", "/?event=2")
    dash_duo.wait_for_text_to_equal("#kpi-active", "6", timeout=TIMEOUT)
    dash_duo.wait_for_text_to_equal("#kpi-countries", "4", timeout=TIMEOUT)

    dash_duo.driver.get(base + "/tables?event=2")
    dash_duo.wait_for_contains_text("#shell-page", STAFF_ONLY_TEXT, timeout=TIMEOUT)
    assert dash_duo.driver.find_elements(By.CSS_SELECTOR, ".ag-row") == []
    assert dash_duo.driver.find_elements(By.CSS_SELECTOR, CSV_LINK) == []
    assert leaked(dash_duo.driver.page_source) == []
    assert console_errors(dash_duo) == []

    refused = _download(dash_duo, base + "/downloads/people.csv?event=2")
    assert refused.status_code == 403 and leaked(refused.text) == []


def test_staff_see_the_people_and_download_them(dash_duo, small_db, settings_for):
    base = start(dash_duo, create_app(settings_for(small_db)))
    log_in(dash_duo, "staff", "/tables?event=2")
    dash_duo.wait_for_contains_text(PEOPLE_GRID, "Last11", timeout=TIMEOUT)
    assert "person1@example.org" in dash_duo.find_element(PEOPLE_GRID).text
    link = dash_duo.wait_for_element(CSV_LINK, timeout=TIMEOUT).get_attribute("href")
    assert "/downloads/people.csv" in link
    download = _download(dash_duo, link)
    assert download.status_code == 200 and "person1@example.org" in download.text
    assert console_errors(dash_duo) == []
    assert base in link
