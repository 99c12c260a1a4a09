"""Helpers for the real-browser tests (dash_duo, headless Chromium)."""

from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from tests.conftest import OFFICIAL_PASSWORD, STAFF_PASSWORD

TIMEOUT = 10


def start(dash_duo, app) -> str:
    """Serve the app in a thread (its pages need a login first); return its base URL."""
    dash_duo.driver.set_window_size(1400, 1000)
    dash_duo.server(app)
    dash_duo._url = dash_duo.server.url  # the setter would wait for a Dash page, not the login
    return dash_duo.server.url.rstrip("/")


def log_in(dash_duo, role: str = "staff", path: str = "/") -> None:
    """Log in through the login form and open a path."""
    user, password = ("sam", STAFF_PASSWORD) if role == "staff" else ("olga", OFFICIAL_PASSWORD)
    base = dash_duo.server.url.rstrip("/")
    dash_duo.driver.get(base + "/login")
    dash_duo.wait_for_element("#username", timeout=TIMEOUT).send_keys(user)
    dash_duo.find_element("#password").send_keys(password)
    dash_duo.find_element("#login-submit").click()
    dash_duo.wait_for_element("#shell-page", timeout=TIMEOUT)
    if path != "/":
        dash_duo.driver.get(base + path)
        dash_duo.wait_for_element("#shell-page", timeout=TIMEOUT)


def choose(dash_duo, dropdown_id: str, text: str) -> None:
    """Open a dcc.Dropdown (Dash 4: a popover with a search box) and pick the option named."""
    dash_duo.find_element(f"#{dropdown_id}").click()
    search = dash_duo.wait_for_element(".dash-dropdown-content input[type=search]")
    search.send_keys(text)
    options = dash_duo.driver.find_elements(By.CSS_SELECTOR, ".dash-dropdown-content [role=option]")
    next(option for option in options if option.text.strip() == text).click()
    search.send_keys(Keys.ESCAPE)
    dash_duo.wait_for_no_elements(".dash-dropdown-content", timeout=TIMEOUT)


def console_errors(dash_duo) -> list[dict]:
    """The browser console's errors and warnings since the last look."""
    return [entry for entry in dash_duo.get_logs() or [] if entry.get("level") != "INFO"]


def texts(dash_duo, selector: str) -> list[str]:
    """The texts of the elements a CSS selector finds."""
    return [e.text for e in dash_duo.driver.find_elements(By.CSS_SELECTOR, selector)]
