"""Stored XSS: hostile names in the registration database show as plain text on every page.

Names, organisation names, sectors, workshop titles and the event's name hold HTML,
javascript: URLs and plotly's pseudo-HTML. In a real browser, on every page as staff and
on the wall: no dialog opens, no element is injected, and the text shows literally.
"""

from __future__ import annotations

import time

import pytest
from selenium.common.exceptions import NoAlertPresentException

from app import create_app
from data.engine import writable_engine
from tests import small_event
from tests.browser import TIMEOUT, log_in, start
from tests.conftest import WALL_KEY

IMG = "<img src=x onerror=alert(1)>"
JS = "javascript:alert(1)"
BOLD = "<b>bold</b>"
LINK = '<a href="javascript:alert(1)">x</a>'
BREAK = "line<br>break"
HOSTILE = [IMG, JS, BOLD, LINK, BREAK]
PAGES = ["/", "/participants", "/matchmaking", "/workshops", "/tables"]
# Everything an injected tag would leave in the page: the elements and what plotly makes of
# its pseudo-HTML (<b> becomes a bold tspan, <a> an SVG link, <br> a second line).
INJECTED = """
const bad = [];
document.querySelectorAll('img').forEach(e => {
  if ((e.getAttribute('src') || '') === 'x') bad.push('img src=x');
});
document.querySelectorAll('a').forEach(e => {
  const href = e.getAttribute('href') || e.getAttribute('xlink:href') || '';
  if (href.trim().toLowerCase().startsWith('javascript')) bad.push('a href=' + href);
});
document.querySelectorAll('svg text, svg tspan').forEach(e => {
  const style = (e.getAttribute('style') || '') + (e.getAttribute('font-weight') || '');
  if (e.textContent.includes('bold') && !e.textContent.includes('<b>')) bad.push('bold: ' + style);
  if (e.textContent.trim() === 'x' && e.closest('a')) bad.push('svg link');
});
return bad;
"""
LABELS = "return [...document.querySelectorAll('svg text')].map(e => e.textContent);"


def _hostile_rows() -> None:
    """Put hostile strings into the fixture's names, organisations, sectors and titles."""
    for i, org in enumerate(small_event.ORGANISATIONS):
        org["name"] = f"{HOSTILE[i % len(HOSTILE)]} org{org['id']}"
    small_event.ORGANISATIONS[1]["sector"] = BOLD
    for i, person in enumerate(small_event.PARTICIPANTS):
        person["first_name"] = HOSTILE[i % len(HOSTILE)]
        person["last_name"] = LINK
        person["job_title"] = IMG
    for i, workshop in enumerate(small_event.WORKSHOPS):
        workshop["title"] = f"{HOSTILE[(i + 2) % len(HOSTILE)]} w{workshop['id']}"
        workshop["room"] = BREAK
    small_event.EVENTS[1]["name"] = f"{BOLD} {IMG} 2026"
    small_event.EVENTS[1]["city"] = LINK


@pytest.fixture
def hostile_db(tmp_path, monkeypatch):
    """The small event with hostile strings wherever the registration system stores text."""
    for name in ("ORGANISATIONS", "PARTICIPANTS", "WORKSHOPS", "EVENTS"):
        monkeypatch.setattr(
            small_event, name, [dict(r) for r in getattr(small_event, name)], raising=True
        )
    _hostile_rows()
    url = f"sqlite:///{tmp_path / 'hostile.sqlite'}"
    small_event.load(writable_engine(url))
    return url


def _settled(dash_duo, path: str) -> None:
    """Wait until the page has drawn its charts (or its grid), then for late callbacks."""
    css = ".tables-grid-people .ag-row" if path == "/tables" else ".js-plotly-plot .main-svg"
    dash_duo.wait_for_element(css, timeout=TIMEOUT)
    time.sleep(1.5)


def _assert_clean(dash_duo, where: str) -> str:
    with pytest.raises(NoAlertPresentException):
        dash_duo.driver.switch_to.alert.text  # noqa: B018 (the lookup is the check)
    assert dash_duo.driver.execute_script(INJECTED) == [], where
    return dash_duo.driver.execute_script("return document.body.innerText")


def test_hostile_names_show_as_text_on_every_page(dash_duo, hostile_db, settings_for):
    base = start(dash_duo, create_app(settings_for(hostile_db)))
    log_in(dash_duo, "staff", "/?event=2")
    shown = ""
    for path in PAGES:
        dash_duo.driver.get(f"{base}{path}?event=2")
        dash_duo.wait_for_element("#shell-page", timeout=TIMEOUT)
        _settled(dash_duo, path)
        shown += _assert_clean(dash_duo, path)
        if path == "/workshops":
            labels = dash_duo.driver.execute_script(LABELS)
            assert any(f"{BOLD} w1" in label for label in labels), labels
    # The people table (the default table) shows names and organisations as typed.
    dash_duo.wait_for_contains_text(".tables-grid-people", "org1", timeout=TIMEOUT)
    grid = dash_duo.find_element(".tables-grid-people").text
    assert IMG in grid and LINK in grid and BOLD in grid
    assert BOLD in shown  # the event's name, in the shell
    # The workshops panel pinned: a rotating wall shows one panel at a time.
    dash_duo.driver.get(f"{base}/wall/?key={WALL_KEY}&event=2&panel=workshops")
    dash_duo.wait_for_contains_text("body", "w1", timeout=TIMEOUT)
    _assert_clean(dash_duo, "/wall/")
