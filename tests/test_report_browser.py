"""Report pages in Debian's chromium with the network cut: no console error, every figure drawn,
plotly's own controls change what a figure shows, and the code toggle works."""

from __future__ import annotations

import pytest
from support.reports import built_report

pytestmark = [pytest.mark.browser, pytest.mark.slow]

FIGURE_DATA = (
    "id => document.getElementById(id).data.map(t => t.visible === undefined ? true : t.visible)"
)


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    return built_report(tmp_path_factory)


def offline_page(browser):
    """A fresh page that may read file:// only; console errors and network attempts recorded."""
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    blocked: list[str] = []

    def route(route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(f"uncaught: {exc}"))
    return context, page, errors, blocked


@pytest.fixture
def offline(browser):
    context, page, errors, blocked = offline_page(browser)
    yield page, errors, blocked
    context.close()


@pytest.fixture(scope="module")
def figures_page(browser, report):
    """01-figures.html, opened once for the tests that each work one of its controls."""
    out, _, _ = report
    context, page, errors, blocked = offline_page(browser)
    open_page(page, out / "01-figures.html", 2)
    yield page, errors
    assert blocked == []
    context.close()


def open_page(page, path, figures: int):
    page.goto(path.as_uri(), wait_until="load", timeout=60_000)
    if figures:
        page.wait_for_function(
            f"document.querySelectorAll('.js-plotly-plot').length >= {figures}", timeout=30_000
        )


def test_every_page_loads_offline_without_errors_and_draws_every_figure(report, offline):
    out, pages, _ = report
    page, errors, blocked = offline
    for built in pages:
        open_page(page, built.path, built.figure_count)
        drawn = page.locator(".js-plotly-plot").count()
        assert drawn == built.figure_count, built.href
        assert page.locator(".js-plotly-plot .main-svg").count() >= built.figure_count
        assert page.title() == built.title
    open_page(page, out / "index.html", 0)
    assert page.locator("main a").count() == len(pages)
    assert errors == [] and blocked == []


def test_a_legend_click_hides_a_series(figures_page):
    page, errors = figures_page
    assert page.evaluate(f"({FIGURE_DATA})('figure-1')") == [True, True, True]
    page.locator("#figure-1 .legend .traces").first.click()
    page.wait_for_function(f"({FIGURE_DATA})('figure-1')[0] === 'legendonly'", timeout=10_000)
    assert page.evaluate(f"({FIGURE_DATA})('figure-1')") == ["legendonly", True, True]
    assert errors == []


def test_a_button_switches_what_a_figure_shows(figures_page):
    page, errors = figures_page
    assert page.evaluate(f"({FIGURE_DATA})('figure-2')") == [True, False]
    page.locator("#figure-2 .updatemenu-button", has_text="Citing tables").click()
    page.wait_for_function(f"({FIGURE_DATA})('figure-2')[1] === true", timeout=10_000)
    assert page.evaluate(f"({FIGURE_DATA})('figure-2')") == [False, True]
    assert page.evaluate("document.getElementById('figure-2').layout.title.text") == "Citing tables"
    assert page.locator("#figure-2 .gtitle").text_content() == "Citing tables"
    assert errors == []


def test_code_is_hidden_until_the_button_shows_it(figures_page):
    page, errors = figures_page
    code = page.locator(".jp-CodeCell .jp-Cell-inputWrapper", has_text="load_dossier(DOSSIER)")
    assert page.locator("h1").first.is_visible() and not code.is_visible()
    button = page.locator("#report-code-toggle")
    assert button.inner_text() == "Show code"
    button.click()
    assert code.is_visible() and button.inner_text() == "Hide code"
    assert button.get_attribute("aria-pressed") == "true"
    assert errors == []


def test_widgets_show_the_live_app_note(report, offline):
    out, _, _ = report
    page, errors, _ = offline
    open_page(page, out / "02-explorer.html", 1)
    note = page.locator(".report-live-note")
    assert note.count() == 2 and note.first.is_visible()
    assert "make app" in note.first.inner_text()
    assert (
        page.locator(".report-banner")
        .inner_text()
        .startswith("What is interactive on this page (1 interactive figure; works offline")
    )
    assert errors == []
