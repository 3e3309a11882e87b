"""The report of the real notebooks, read in chromium as a reader without sight would: axe-core
finds no serious or critical violation on any page, every figure has a description written
from its data and its data as a table, and every source a caption cites is on the page's list.

axe-core is vendored (tests/support/vendor/axe-core, see its README): nothing is fetched.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support.pages import each_page, offline_tab, open_page

pytestmark = [pytest.mark.browser, pytest.mark.slow]

AXE = Path(__file__).resolve().parents[1] / "support" / "vendor" / "axe-core" / "axe.min.js"
AXE_VERSION = "4.14.1"
#: Violations that fail the test; minor and moderate ones are printed.
FAILING = {"serious", "critical"}

RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length,
    first: v.nodes[0] ? v.nodes[0].target.join(' ') : ''}));
}"""

FIGURES = """() => Array.from(document.querySelectorAll('figure.report-figure')).map(f => ({
  id: f.querySelector('.js-plotly-plot') ? f.querySelector('.js-plotly-plot').id : null,
  described: f.getAttribute('aria-describedby'),
  description: (document.getElementById(f.getAttribute('aria-describedby')) || {}).textContent,
  dataRows: f.querySelectorAll('.report-figure-data tbody tr').length,
}))"""

CITED = """() => ({
  cited: Array.from(document.querySelectorAll('.report-cites a')).map(a => a.getAttribute('href')),
  listed: Array.from(document.querySelectorAll('.report-sources li')).map(li => '#' + li.id),
})"""


def test_axe_finds_no_serious_or_critical_violation_on_any_page(browser, real_site):
    source = AXE.read_text(encoding="utf-8")
    assert f"axe v{AXE_VERSION}" in source[:200]
    failures, counts = [], {}

    def audit(tab, name: str) -> None:
        tab.page.add_script_tag(content=source)
        found = tab.page.evaluate(RUN_AXE)
        counts[name] = {v["id"]: (v["impact"], v["nodes"]) for v in found}
        failures.extend((name, v) for v in found if v["impact"] in FAILING)
        assert tab.blocked == [], name

    index = offline_tab(browser)
    try:
        open_page(index.page, real_site.out / "index.html", 0)
        audit(index, "index.html")
    finally:
        index.close()
    for tab, built in each_page(browser, real_site.pages):
        audit(tab, built.href)
    assert len(counts) == len(real_site.pages) + 1
    print("axe violations per page:", counts)
    assert failures == []


def test_every_figure_is_described_and_carries_its_data_and_sources(browser, real_site):
    for tab, built in each_page(browser, real_site.pages):
        figures = tab.page.evaluate(FIGURES)
        assert len(figures) == built.figure_count, built.href
        for figure in figures:
            assert figure["described"] == f"{figure['id']}-description", built.href
            description = figure["description"] or ""
            assert " marks in " in description or "Heatmap of " in description, (
                built.href,
                figure,
            )
            assert figure["dataRows"] > 0, (built.href, figure)
        refs = tab.page.evaluate(CITED)
        assert set(refs["cited"]) <= set(refs["listed"]), built.href
        if built.figure_count:
            assert refs["listed"], built.href  # every figure page names its sources
            first = tab.page.locator(".report-cites a").first
            target = first.get_attribute("href")
            first.click()
            assert tab.page.evaluate("location.hash") == target
            assert tab.page.locator(f"{target}:target").count() == 1


def test_the_data_table_of_a_figure_opens_on_a_click(browser, real_site):
    tab = offline_tab(browser)
    try:
        open_page(tab.page, real_site.out / "05-treaty-obligations.html", 1)
        details = tab.page.locator("#figure-1-data")
        assert not details.locator("table").is_visible()
        details.locator("summary").click()
        assert details.locator("table").is_visible()
        assert details.locator("tbody tr").count() >= 2
    finally:
        tab.close()
