"""The report of the REAL notebooks in Debian's chromium, with the network cut: every page loads
from disk without a console error and draws every figure its notebook made, plotly's own
controls filter the static timeline and network, and the hostile dossier's text stays text.

The sites are built once per session, in the background, while the other browser tests run
(see support/sites.py); the tests here run last and wait for them.
"""

from __future__ import annotations

import pytest
from support.pages import (
    POINTS,
    each_page,
    hostile_problems,
    hover_points,
    offline_tab,
    open_page,
)

from analysis.figures import static_network_figure, static_timeline_figure
from analysis.filtering.links import from_query
from analysis.report import MAX_PAGE_BYTES, default_notebooks

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TIMELINE_PAGE = "02-timeline-explorer.html"
NETWORK_PAGE = "03-network-explorer.html"
# Record marks the figure draws now (after a restyle plotly holds plain arrays).
RECORDS_SHOWN = """el => el.data.filter(t => t.meta && t.meta.role === 'records')
  .reduce((n, t) => n + Array.from(t.x).filter(v => v !== null).length, 0)"""
HOVER_SHOWN = """el => el.data.filter(t => t.meta && t.meta.role === 'edge-hover')
  .reduce((n, t) => n + Array.from(t.y).filter(v => v !== null).length, 0)"""


@pytest.fixture(scope="module")
def timeline_tab(browser, real_site):
    """The timeline explorer's page, opened once for the tests that work its controls."""
    tab = offline_tab(browser)
    open_page(tab.page, real_site.out / TIMELINE_PAGE, 1)
    yield tab
    assert tab.blocked == []
    tab.close()


@pytest.fixture(scope="module")
def static_timeline(dossier):
    """The figure the page was built with, rebuilt here to know what each control should do."""
    return static_timeline_figure(dossier)


def click_slider(page, figure: str, fraction: float) -> None:
    rail = page.locator(f"#{figure} .slider-rail-touch-rect")
    box = rail.bounding_box()
    rail.click(position={"x": box["width"] * fraction, "y": box["height"] / 2})


def choose(page, figure: str, menu: int, label: str) -> None:
    """Open the ``menu``-th dropdown of a figure and click its entry ``label``."""
    page.locator(f"#{figure} .updatemenu-header-group").nth(menu).click()
    page.locator(f"#{figure} .updatemenu-dropdown-button", has_text=label).first.click()


# --- every page -----------------------------------------------------------------------------


def test_the_report_covers_every_notebook_classroom_included(real_site):
    assert [p.notebook for p in real_site.pages] == default_notebooks()
    assert {p.href for p in real_site.pages} >= {
        "00-start-here.html",
        TIMELINE_PAGE,
        NETWORK_PAGE,
        "classroom/C1-reading-a-timeline.html",
    }


def test_every_page_loads_offline_without_errors_and_draws_every_figure(browser, real_site):
    for tab, built in each_page(browser, real_site.pages):
        assert built.path.stat().st_size == built.size < MAX_PAGE_BYTES, built.href
        drawn = tab.page.locator(".js-plotly-plot").count()
        assert drawn == built.figure_outputs == built.figure_count, built.href
        assert tab.page.locator(".js-plotly-plot .main-svg").count() >= drawn
        assert tab.page.title() == built.title
        assert tab.errors == [] and tab.blocked == [], built.href
    tab = offline_tab(browser)
    try:
        open_page(tab.page, real_site.out / "index.html", 0)
        assert tab.page.locator("main a").count() == len(real_site.pages)
        assert tab.errors == [] and tab.blocked == []
    finally:
        tab.close()


def test_the_explorer_pages_keep_a_static_figure_and_say_the_panel_needs_the_app(real_site):
    # the timeline page also shows what changed after the focus date (a second static figure)
    # the network page shows the static timeline beside the network: one as-of date for both
    pages = ((TIMELINE_PAGE, "Timeline of", 2), (NETWORK_PAGE, "Relationship network", 2))
    for href, title, figures in pages:
        page = real_site.page(href)
        assert (page.live_widgets, page.figure_outputs) == (1, figures), href
        html = page.path.read_text(encoding="utf-8")
        assert html.count('class="report-live-note"') == 1
        assert "Sliders on “" + title in html  # the banner lists the as-of slider


def test_code_is_hidden_until_the_button_shows_it(browser, real_site):
    tab = offline_tab(browser)
    try:
        open_page(tab.page, real_site.out / "00-start-here.html", 0)
        code = tab.page.locator(
            ".jp-CodeCell .jp-Cell-inputWrapper", has_text="load_dossier(DOSSIER)"
        )
        assert tab.page.locator("h1").first.is_visible() and not code.is_visible()
        button = tab.page.locator("#report-code-toggle")
        button.click()
        assert code.is_visible() and button.inner_text() == "Hide code"
        assert button.get_attribute("aria-pressed") == "true"
        assert tab.errors == []
    finally:
        tab.close()


# --- the static timeline and network, driven in the page -------------------------------------


def test_the_as_of_slider_hides_what_was_not_yet_reported(timeline_tab, static_timeline):
    page = timeline_tab.page
    figure = page.locator("#figure-1")
    steps = static_timeline.layout.sliders[0].steps
    before = figure.evaluate(POINTS)
    assert figure.evaluate("el => el.layout.sliders[0].active") == len(steps) - 1

    click_slider(page, "figure-1", 0.5)

    page.wait_for_function(
        f"document.getElementById('figure-1').layout.sliders[0].active < {len(steps) - 1}",
        timeout=10_000,
    )
    active = figure.evaluate("el => el.layout.sliders[0].active")
    step = steps[active]
    expected = sum(
        x is not None
        for index, xs in zip(step.args[2], step.args[0]["x"], strict=True)
        if static_timeline.data[index].meta.get("role") == "records"
        for x in xs
    )
    assert 0 < figure.evaluate(RECORDS_SHOWN) == expected
    assert figure.evaluate(POINTS) < before
    assert figure.evaluate("el => el.layout.title.text") == step.args[1]["title.text"]
    assert figure.locator(".gtitle").text_content().endswith(f"as known on {step.label}")
    assert timeline_tab.errors == []


def test_the_kinds_menu_keeps_one_kind(timeline_tab, static_timeline):
    page = timeline_tab.page
    figure = page.locator("#figure-1")
    kinds = static_timeline.layout.updatemenus[0]
    denies = next(b for b in kinds.buttons if b.label == "denies")

    choose(page, "figure-1", 0, "denies")

    page.wait_for_function(
        "document.getElementById('figure-1').data.some(t => t.visible === 'legendonly')",
        timeout=10_000,
    )
    assert figure.evaluate("el => el.data.map(t => t.visible)") == list(denies.args[0]["visible"])
    symbols = figure.evaluate(
        "el => Array.from(el.querySelectorAll('.scatterlayer .trace')).filter(t => "
        "t.querySelector('.point')).length"
    )
    assert symbols >= 1
    choose(page, "figure-1", 0, "all kinds")
    page.wait_for_function(
        "document.getElementById('figure-1').data.every(t => t.visible !== 'legendonly')",
        timeout=10_000,
    )
    assert timeline_tab.errors == []


def test_the_lanes_menu_zooms_onto_one_actor(timeline_tab, static_timeline):
    page = timeline_tab.page
    lanes = list(static_timeline.layout.yaxis.ticktext)
    iran = lanes.index("Islamic Republic of Iran")

    choose(page, "figure-1", 1, "Islamic Republic of Iran")

    page.wait_for_function(
        f"document.getElementById('figure-1').layout.yaxis.range[0] === {iran + 0.5}",
        timeout=10_000,
    )
    assert page.locator("#figure-1").evaluate("el => el.layout.yaxis.range") == [
        iran + 0.5,
        iran - 0.5,
    ]
    ticks = page.locator("#figure-1 .yaxislayer-above .ytick text").all_text_contents()
    assert ticks == ["Islamic Republic of Iran"]
    assert timeline_tab.errors == []


def test_the_network_grows_with_its_as_of_slider(browser, real_site, dossier):
    network = static_network_figure(dossier)
    steps = network.layout.sliders[0].steps
    tab = offline_tab(browser)
    try:
        open_page(tab.page, real_site.out / NETWORK_PAGE, 2)
        figure = tab.page.locator("#figure-2")  # below the timeline
        before = figure.locator(".scatterlayer .js-line").count()

        click_slider(tab.page, "figure-2", 0.25)

        tab.page.wait_for_function(
            f"document.getElementById('figure-2').layout.sliders[0].active < {len(steps) - 1}",
            timeout=10_000,
        )
        step = steps[figure.evaluate("el => el.layout.sliders[0].active")]
        expected = sum(
            y is not None
            for index, ys in zip(step.args[2], step.args[0]["y"], strict=True)
            if network.data[index].meta["role"] == "edge-hover"
            for y in ys
        )
        latest = steps[-1].args[1]["annotations[0].text"]
        assert 0 < figure.evaluate(HOVER_SHOWN) == expected
        assert f"{expected} relations" in step.args[1]["annotations[0].text"] != latest
        assert figure.locator(".scatterlayer .js-line").count() <= before
        assert figure.locator(".gtitle").text_content().endswith(f"as known on {step.label}")
        assert tab.errors == [] and tab.blocked == []
    finally:
        tab.close()


# --- links and playback (report-views.js) ------------------------------------------------------

ACTIVE = "el => el.layout.sliders[0].active"
NOTES = ".report-link-notes li"


def shown_in(fig, step, role: str, axis: str) -> int:
    """Points of the traces of ``role`` that a slider step leaves drawn (not None)."""
    return sum(
        v is not None
        for index, values in zip(step.args[2], step.args[0][axis], strict=True)
        if fig.data[index].meta.get("role") == role
        for v in values
    )


def test_a_link_opens_the_timeline_on_its_date_and_kind_and_notes_what_it_ignored(
    browser, real_site, static_timeline
):
    steps = static_timeline.layout.sliders[0].steps
    middle = len(steps) // 2
    kinds = next(m for m in static_timeline.layout.updatemenus if m.name == "record kinds")
    denies = [b.label for b in kinds.buttons].index("denies")
    link = f"#as_of={steps[middle].value}&kinds=denies&as_of=2024-13-40&colour=red"
    tab = offline_tab(browser)
    try:
        tab.page.goto((real_site.out / TIMELINE_PAGE).as_uri() + link, wait_until="load")
        page = tab.page
        page.wait_for_selector(NOTES, timeout=30_000)
        page.wait_for_function(
            f"document.getElementById('figure-1').layout.sliders[0].active === {middle}"
            f" && document.getElementById('figure-1').layout.updatemenus[0].active === {denies}",
            timeout=30_000,
        )
        figure = page.locator("#figure-1")
        assert figure.evaluate(RECORDS_SHOWN) == shown_in(
            static_timeline, steps[middle], "records", "x"
        )
        assert (
            figure.locator(".gtitle").text_content().endswith(f"as known on {steps[middle].label}")
        )
        assert figure.evaluate("el => el.data.map(t => t.visible)") == list(
            kinds.buttons[denies].args[0]["visible"]
        )
        assert page.locator(NOTES).all_text_contents() == [
            "as_of=2024-13-40 ignored: as_of is given more than once",
            "colour=red ignored: not a parameter of this view (dates, as_of, actors, "
            "neighbourhood, relations, kinds, statuses, min_reliability, max_credibility, since)",
        ]
        # the page reads a link by the rules of analysis.filtering.links
        for query in (
            "as_of=2024-13-40&as_of=2024-10-01",
            "as_of=soon&colour=red",
            "as_of=2025-02-30",
        ):
            assert page.evaluate(f"window.reportViews.parse('{query}').notes") == list(
                from_query(query).notes
            ), query
        assert tab.errors == [] and tab.blocked == []
    finally:
        tab.close()


def test_one_as_of_control_moves_timeline_and_network_and_plays_them_to_the_end(
    browser, real_site, dossier
):
    timeline, network = static_timeline_figure(dossier), static_network_figure(dossier)
    steps = timeline.layout.sliders[0].steps
    assert [s.value for s in steps] == [s.value for s in network.layout.sliders[0].steps]
    tab = offline_tab(browser)
    try:
        page = tab.page
        page.goto((real_site.out / NETWORK_PAGE).as_uri() + "#as_of=2024-13-40", wait_until="load")
        drawn_figures = "document.querySelectorAll('.js-plotly-plot .main-svg').length >= 2"
        page.wait_for_function(drawn_figures, timeout=30_000)
        page.wait_for_selector("#report-play", timeout=30_000)
        assert page.locator(NOTES).all_text_contents() == [
            "as_of=2024-13-40 ignored: as_of must be a date; got '2024-13-40'"
        ]
        tl, nw = page.locator("#figure-1"), page.locator("#figure-2")
        last = len(steps) - 1
        assert tl.evaluate(ACTIVE) == nw.evaluate(ACTIVE) == last

        click_slider(page, "figure-1", 0.25)  # the timeline's slider moves the network too

        page.wait_for_function(
            f"(a => a < {last} && document.getElementById('figure-2').layout.sliders[0].active"
            " === a)(document.getElementById('figure-1').layout.sliders[0].active)",
            timeout=10_000,
        )
        active = tl.evaluate(ACTIVE)
        step = steps[active]
        records = shown_in(timeline, step, "records", "x")
        relations = shown_in(network, network.layout.sliders[0].steps[active], "edge-hover", "y")
        assert (
            0
            < tl.evaluate(RECORDS_SHOWN)
            == records
            < shown_in(timeline, steps[-1], "records", "x")
        )
        assert 0 < nw.evaluate(HOVER_SHOWN) == relations
        assert nw.locator(".gtitle").text_content().endswith(f"as known on {step.label}")
        page.wait_for_function(f"location.hash === '#as_of={step.value}'", timeout=5_000)

        page.locator("#report-play").click()  # plays on from the next step to the last
        page.wait_for_selector(".report-playback[data-state=done]", timeout=90_000)

        assert tl.evaluate(ACTIVE) == nw.evaluate(ACTIVE) == last
        assert tl.evaluate(RECORDS_SHOWN) == shown_in(timeline, steps[-1], "records", "x")
        assert (
            nw.evaluate(HOVER_SHOWN)
            == shown_in(network, network.layout.sliders[0].steps[-1], "edge-hover", "y")
            > relations
        )
        assert page.evaluate("location.hash") == f"#as_of={steps[-1].value}"
        assert (
            page.locator(".report-playback-status")
            .text_content()
            .startswith(f"As of {steps[-1].label}")
        )
        assert tab.errors == [] and tab.blocked == []
    finally:
        tab.close()


# --- a new dossier -------------------------------------------------------------------------------


def test_a_fresh_skeleton_reads_as_a_dossier_with_nothing_yet(browser, skeleton_site):
    assert [p.notebook.name for p in skeleton_site.pages] == [
        p.name for p in default_notebooks() if p.name != "02-timeline-explorer.ipynb"
    ]
    said = 0
    for tab, built in each_page(browser, skeleton_site.pages):
        assert tab.page.title() == built.title
        assert tab.errors == [] and tab.blocked == [], built.href
        said += tab.page.get_by_text("This dossier has no ").count()
    assert said > len(skeleton_site.pages)  # the views with nothing to show say so


# --- hostile text -----------------------------------------------------------------------------


def test_hostile_text_stays_text_in_every_page(browser, hostile_site):
    assert [p.notebook for p in hostile_site.pages] == default_notebooks()
    for tab, built in each_page(browser, hostile_site.pages):
        assert built.size < MAX_PAGE_BYTES, built.href
        assert tab.page.locator(".js-plotly-plot").count() == built.figure_outputs
        if built.figure_outputs:
            assert hover_points(tab.page) > 0, built.href
        if built.href == TIMELINE_PAGE:  # menus draw the hostile lane labels
            tab.page.locator("#figure-1 .updatemenu-header-group").nth(1).click()
            assert tab.page.locator("#figure-1 .updatemenu-dropdown-button").count() > 1
        assert hostile_problems(tab.page) == [], built.href
        assert tab.errors == [] and tab.blocked == [], built.href
