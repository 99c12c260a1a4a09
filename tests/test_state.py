"""The view state in the URL: every filter, drill step and comparison survives a round trip."""

from __future__ import annotations

import pytest
from dash.exceptions import PreventUpdate

from dashboard import state as st
from dashboard.filters import Filters


def test_round_trip_keeps_filters_drill_compare_and_language():
    query = "?event=2&country=DK&country=SE&sector=Digital&drill=DK&drill=Digital&compare=1&lang=de"
    state = st.parse_query(query)
    assert state.event == 2
    assert state.filters.country == ("DK", "SE")
    assert state.drill == ("DK", "Digital")
    assert state.compare == 1
    assert state.lang == "de"
    assert state.ignored == ()
    assert st.parse_query(state.to_query()) == state
    assert state.to_query() == query


def test_scoped_filters_narrow_by_the_drill_path():
    state = st.parse_query("?country=DK&country=SE&drill=DK&drill=Digital")
    assert state.scoped_filters() == Filters(country=("DK",), sector=("Digital",))
    assert st.parse_query("?drill=FI").scoped_filters() == Filters(country=("FI",))


@pytest.mark.parametrize(
    ("query", "ignored", "drill"),
    [
        ("?drill=XX&drill=Digital", ("drill=XX", "drill=Digital"), ()),
        ("?drill=DK&drill=Nonsense", ("drill=Nonsense",), ("DK",)),
        # A drill step outside the filters cannot be reached by clicking: it is ignored.
        ("?country=SE&drill=DK", ("drill=DK",), ()),
        (
            "?drill=DK&drill=Digital&drill=sme&drill=extra",
            ("drill=extra",),
            ("DK", "Digital", "sme"),
        ),
    ],
)
def test_bad_drill_steps_are_named(query, ignored, drill):
    state = st.parse_query(query)
    assert state.drill == drill
    assert state.ignored == ignored


def test_malformed_parameters_are_named_never_raised():
    state = st.parse_query("?event=abc&compare=-1&country=ZZ&sector=&day=2026-13-01&foo=1&lang=fr")
    assert state.event is None and state.compare is None
    assert set(state.ignored) == {
        "event=abc",
        "compare=-1",
        "country=ZZ",
        "day=2026-13-01",
        "foo",
        "lang=fr",
    }
    assert st.parse_query("?event=2&compare=2").ignored == ("compare=2",)
    assert st.parse_query(None) == st.ViewState()


def test_drill_down_and_back():
    state = st.ViewState(event=2)
    state = st.after_drill(state, "DK")
    state = st.after_drill(state, "Digital")
    state = st.after_drill(state, "sme")
    assert state.drill == ("DK", "Digital", "sme")
    assert st.after_drill(state, "research") == state  # the organisations are the last level
    assert st.after_drill(st.ViewState(), "Nowhere").drill == ()
    assert st.drilled_to(state, 1).drill == ("DK",)
    assert st.drilled_to(state, 0).drill == ()
    assert st.drilled_to(state, 7) == state


def test_filters_that_exclude_a_drill_step_cut_the_path():
    state = st.ViewState(drill=("DK", "Digital"))
    assert st.after_click(state, "country", "SE").drill == ()
    assert st.after_click(state, "sector", "Digital").drill == ("DK", "Digital")
    assert st.after_click(state, "sector", "Health").drill == ("DK",)
    assert st.cleared(state).drill == ()


def test_chips_remove_one_value_and_cells_add_two():
    state = st.parse_query("?country=DK&country=SE&sector=Digital")
    assert st.without_filter(state, "country", "DK").filters.country == ("SE",)
    cell = st.after_click(st.ViewState(), "country+sector", ["DK", "Digital"])
    assert cell.filters == Filters(country=("DK",), sector=("Digital",))
    assert st.after_click(st.ViewState(), "country+sector", "DK") == st.ViewState()
    assert st.after_click(st.ViewState(), "country+sector", ["DK", "Bogus"]) == st.ViewState()


def test_comparison_is_never_the_event_itself():
    state = st.ViewState(event=2)
    assert st.with_compare(state, 1).compare == 1
    assert st.with_compare(state, 2).compare is None
    assert st.with_compare(state, None).compare is None
    assert st.after_controls(st.ViewState(event=2, compare=1), 1, {}).compare is None


def test_a_legend_entry_adds_all_its_values():
    state = st.with_values(
        st.parse_query("?org_type=research"), "org_type", ("sme", "large_company")
    )
    assert state.filters.org_type == ("research", "sme", "large_company")
    assert st.with_values(state, "org_type", ("bogus",)) == state


def clicked(value: object) -> list[dict]:
    return [{"prop_id": "chart.clickData", "value": value}]


def test_the_shell_turns_clicks_into_states():
    from callbacks import shell
    from layouts import ids

    start = st.parse_query("?event=2&country=DK&drill=DK&drill=Agri-food")
    heatmap = {"points": [{"curveNumber": 0, "x": "Digital", "y": "SE"}]}  # no customdata
    cell = shell._next_state(
        st.ViewState(), ids.filter_chart("p", "country+sector"), clicked(heatmap), {}
    )
    assert cell.filters == Filters(country=("SE",), sector=("Digital",))
    chip = shell._next_state(start, ids.filter_chip("country", "DK"), clicked(1), {})
    assert chip.filters.country == () and chip.drill == ("DK", "Agri-food")
    crumb = shell._next_state(start, ids.drill_crumb("p", 1), clicked(1), {})
    assert crumb.drill == ("DK",)
    bar = {"points": [{"customdata": "sme"}]}
    deeper = shell._next_state(start, ids.drill_chart("p"), clicked(bar), {})
    assert deeper.drill == ("DK", "Agri-food", "sme")
    with pytest.raises(PreventUpdate):  # a crumb drawn, not clicked
        shell._next_state(start, ids.drill_crumb("p", 0), clicked(0), {})


def test_links_without_lang_open_in_the_default_language():
    from dashboard.state import parse_query

    german = parse_query("?event=2", "de")
    assert german.lang == "de"
    assert german.to_query("de") == "?event=2"  # the default needs no lang=
    assert german.as_store("de")["query"] == "?event=2&lang=de"  # pages read it without default
    english = parse_query("?event=2&lang=en", "de")
    assert english.to_query("de") == "?event=2&lang=en"
    assert parse_query(english.as_store("de")["query"]).lang == "en"
