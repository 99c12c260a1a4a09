"""The overview in a real browser: figures, filters, language, URL state, console."""

from __future__ import annotations

from app import create_app
from tests.browser import TIMEOUT, choose, console_errors, log_in, start, texts


def test_overview_filters_and_language(dash_duo, small_db, settings_for):
    start(dash_duo, create_app(settings_for(small_db)))
    log_in(dash_duo, "official", "/?event=2")
    dash_duo.wait_for_text_to_equal("#kpi-active", "6", timeout=TIMEOUT)
    dash_duo.wait_for_text_to_equal("#kpi-countries", "4", timeout=TIMEOUT)
    dash_duo.wait_for_text_to_equal("#kpi-acceptance", "80%", timeout=TIMEOUT)

    choose(dash_duo, "filter-country", "Denmark")
    dash_duo.wait_for_text_to_equal("#kpi-active", "2", timeout=TIMEOUT)
    dash_duo.wait_for_text_to_equal("#kpi-acceptance", "100%", timeout=TIMEOUT)
    assert "country=DK" in dash_duo.driver.current_url
    dash_duo.wait_for_contains_text(".graph-overview-sector .yaxislayer-above", "Agri-food")
    assert [s.strip() for s in texts(dash_duo, ".graph-overview-sector .ytick text")] == [
        "Agri-food"
    ]

    dash_duo.find_element("#shell-lang-toggle").click()
    dash_duo.wait_for_text_to_equal("#shell-lang-toggle", "English", timeout=TIMEOUT)
    dash_duo.wait_for_contains_text("#shell-nav", "Übersicht", timeout=TIMEOUT)
    dash_duo.wait_for_text_to_equal("#kpi-acceptance", "100 %", timeout=TIMEOUT)
    assert "lang=de" in dash_duo.driver.current_url
    assert console_errors(dash_duo) == []
