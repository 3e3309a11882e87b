"""The live app: the REAL notebooks folder served by Voilà (``python -m analysis.app``, what
``make app`` runs, on loopback, configured by voila.json): the app notebook and the timeline
explorer notebook, their filters driving the timeline, the network and the records table
together, and the hostile dossier's text staying text in it. Both apps start in the background
when the tests are collected (support/apps.py).
"""

from __future__ import annotations

import json
import re
import time

import pytest
from support.apps import APP_NOTEBOOK, NOTEBOOK, render_url
from support.explorer_page import (
    FIGURES,
    first_figures,
    pick_actor,
    shown,
    time_change,
    toggle_option,
)
from support.pages import hostile_problems, hover_points, offline_tab

from analysis.common.paths import PROJECT_ROOT
from analysis.interactive.explorer import explore

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Console errors Voilà itself causes (see stack-notes.md), not the project's pages.
NOISE = ("setData is not a function", "RUNTIME-012", "version")
# All Voilà's page asks the network for: icon and web fonts (blocked here; the app works without).
FONT_HOSTS = (
    "https://cdn.jsdelivr.net/npm/@fortawesome/",
    "https://fonts.googleapis.com/",
    "https://fonts.gstatic.com/",
)
TABLE = ".widget-vbox table.pd-records"


def visit(browser, app, notebook=APP_NOTEBOOK, query: str = ""):
    """Start loading ``notebook`` in ``app`` (a preheated kernel has run it already, or a new
    one runs it meanwhile), with ``query`` after its address; only the app's own URLs load."""
    url = render_url(app, notebook) + query
    tab = offline_tab(browser, allow=app.url)
    tab.opened_at = time.perf_counter()
    tab.page.goto(url, wait_until="commit", timeout=120_000)
    return tab


def ready(tab):
    """Wait until every cell has run and the explorer is drawn."""
    first_figures(tab.page, tab.opened_at, timeout=150)
    tab.page.wait_for_selector("#rendered_cells", state="visible", timeout=60_000)
    tab.page.locator(TABLE).wait_for(timeout=60_000)
    return tab


@pytest.fixture(scope="module")
def hostile_tab(browser, voila_apps):
    """A page of the app on the hostile dossier, loading while the other test runs."""
    tab = visit(browser, voila_apps["voila-hostile"])
    yield tab
    tab.close()


def ours(tab) -> list[str]:
    """Console errors that are the project's, not Voilà's own noise or the fonts it may not
    fetch here."""
    return [
        e
        for e in tab.errors
        if not any(n in e for n in NOISE)
        and not (tab.blocked and e.startswith("Failed to load resource"))
    ]


#: Page loads of the live app per run. None is retried or reloaded: each must draw both
#: figures and follow a filter change, or the test fails.
LOADS = 10
#: Loads opened side by side (the next page's kernel runs its notebook while one is checked).
SIDE_BY_SIDE = 2


def expected_for(dossier, actor_id: str) -> tuple[str, str]:
    """The records caption and the summary's count once ``actor_id`` is picked in an explorer
    opened as the app opens it (the notebook leaves its filters as they opened)."""
    ex = explore(dossier)
    ex.controls.actors.value = (actor_id,)
    n = ex.view.n_records
    caption = f"the latest 100 of {n:,} records" if n > 100 else f"{n:,} records"
    total = len(dossier.statements) + len(dossier.events)
    return caption, f"Showing {n:,} of {total:,} records"


def follow_an_actor_filter(tab, label: str, caption: str, summary: str) -> dict:
    """Pick actor ``label`` in a page of the app and check that both live figures and the table
    followed; returns what was measured."""
    page = tab.page
    started = tab.opened_at
    first = first_figures(page, started, timeout=150)
    page.wait_for_selector("#rendered_cells", state="visible", timeout=60_000)
    table = page.locator(TABLE)
    before = shown(page), table.inner_text()
    time_change(page, lambda: pick_actor(page, label), timeout=20)
    page.locator(".explorer-summary", has_text=summary).first.wait_for(timeout=20_000)
    # the table's HTML comes after the figures and the summary: wait for its caption too
    exact = re.compile(f"^{re.escape(caption)}$")
    table.locator("caption", has_text=exact).wait_for(timeout=20_000)
    assert table.locator("caption").inner_text() == caption
    after = shown(page)
    for name in FIGURES:
        assert after[name]["rev"] > before[0][name]["rev"]
    assert after["explorer-timeline"]["points"] < before[0]["explorer-timeline"]["points"]
    assert after["explorer-network"]["lines"] < before[0]["explorer-network"]["lines"]
    assert table.inner_text() != before[1]
    chips = page.locator(".explorer-actors .jupyter-widget-tag").all_inner_texts()
    assert [c.strip() for c in chips if c.strip()] == [label]
    # and another kind of control: a record kind off, then on again
    repaint = [time_change(page, toggle_option("record-kinds", 0)) for _ in range(2)]
    return {"first figure s": round(first, 1), "repaint ms": repaint}


def test_every_load_of_the_app_draws_and_follows_the_filters(browser, voila_apps, dossier):
    """LOADS fresh page loads, no reload and no rerun: each draws both live figures and, when
    a reader picks an actor, both figures and the table follow. (plotly's FigureWidget froze
    in 3-4 of 20 loads here; the explorer's PlotlyView has no such race.)"""
    app = voila_apps["voila"]
    caption, summary = expected_for(dossier, "IRN")
    label = "Islamic Republic of Iran (IRN)"
    outcomes: list[str] = []
    firsts: list[float] = []
    for start in range(0, LOADS, SIDE_BY_SIDE):
        batch = [visit(browser, app) for _ in range(min(SIDE_BY_SIDE, LOADS - start))]
        for k, tab in enumerate(batch):
            try:
                got = follow_an_actor_filter(tab, label, caption, summary)
                firsts.append(got["first figure s"])
                assert ours(tab) == [], ours(tab)
                assert all(u.startswith(FONT_HOSTS) for u in tab.blocked), tab.blocked
                outcomes.append("ok")
            except Exception as exc:  # noqa: BLE001 -- count every load, then fail
                said = "; ".join(e[:300] for e in ours(tab))
                outcomes.append(
                    f"load {start + k + 1}: {type(exc).__name__}: {str(exc)[:400]}"
                    + (f" (console: {said})" if said else "")
                )
            finally:
                tab.close()
    failed = [o for o in outcomes if o != "ok"]
    print(f"first figure after opening (s): {sorted(firsts)}")
    assert failed == [], f"{len(failed)} of {LOADS} page loads failed:\n" + "\n".join(failed)
    text = app.log.read_text()
    assert app.url.rstrip("/") in text
    # the first visitor of a pair found the preheated kernel, the second a new one
    assert "Using pre-heated kernel" in text
    culling = json.loads((PROJECT_ROOT / "voila.json").read_text())["MappingKernelManager"]
    assert (
        f"Culling kernels with idle durations > {culling['cull_idle_timeout']} seconds at "
        f"{culling['cull_interval']} second intervals"
    ) in text


def test_hostile_text_stays_text_in_the_live_app(hostile_tab):
    tab = ready(hostile_tab)
    page = tab.page
    try:
        assert hover_points(page) > 0
        assert hostile_problems(page) == []
        # a reader types a hostile name into the actor picker: its chip and every update the
        # filter sends (titles, hover texts, the table) stay text
        label = "<svg onload=window.__pwned=1> (KOR)"
        time_change(page, lambda: pick_actor(page, label), timeout=20)
        chips = page.locator(".explorer-actors .jupyter-widget-tag").all_inner_texts()
        assert [c.strip() for c in chips if c.strip()] == [label]
        time_change(page, toggle_option("record-kinds", 0))
        hover_points(page)
        assert hostile_problems(page) == []
        assert ours(tab) == []
        assert all(u.startswith(FONT_HOSTS) for u in tab.blocked), tab.blocked
    finally:
        tab.close()


def test_the_timeline_explorer_notebook_also_runs_live(browser, voila_apps, dossier):
    """The research notebook, served by the same app with a kernel of its own, draws the
    explorer and follows a filter like the app page."""
    caption, summary = expected_for(dossier, "IRN")
    tab = visit(browser, voila_apps["voila"], NOTEBOOK)
    try:
        follow_an_actor_filter(tab, "Islamic Republic of Iran (IRN)", caption, summary)
        assert ours(tab) == [], ours(tab)
    finally:
        tab.close()


def test_a_link_opens_the_app_on_the_view_it_names_and_says_what_it_left_out(
    browser, voila_apps, dossier
):
    """A reader opens a cited view: the preheated kernel waits for the page's query string,
    then the explorer shows that view; a parameter it cannot read is named on the page."""
    ex = explore(dossier)
    notes = ex.open_link("as_of=2024-10-20&actors=RUS,PRK")
    tab = visit(browser, voila_apps["voila"], query="?as_of=2024-10-20&actors=RUS,PRK&colour=red")
    try:
        ready(tab)
        page = tab.page
        chips = page.locator(".explorer-actors .jupyter-widget-tag").all_inner_texts()
        assert [c.strip() for c in chips if c.strip()] == [
            "Russian Federation (RUS)",
            "Democratic People's Republic of Korea (PRK)",
        ]
        as_of = ex.view.filters.as_of
        summary = page.locator(".explorer-summary").inner_text()
        assert f"as known on {as_of:%d %b %Y}" in summary
        assert f"Showing {ex.view.n_records:,} of" in summary
        line = page.locator(".explorer-link-line").inner_text()
        assert f"?{ex.link}" in line
        assert "The link's colour=red ignored: not a parameter of this view" in line
        for note in notes:
            assert f"The link's {note}" in line
        assert ours(tab) == [], ours(tab)
    finally:
        tab.close()


_LEGENDS = """() => Object.fromEntries(['explorer-timeline', 'explorer-network'].map(cls =>
  [cls, Array.from(document.querySelectorAll('.' + cls + ' .legendtext'))
    .map(t => t.textContent)]))"""


def test_a_compare_link_marks_what_became_known_in_both_figures_until_turned_off(
    browser, voila_apps, dossier
):
    """A cited comparison: the page opens with the records newly known since the date ringed on
    the timeline and the relations gained haloed in the network; turning compare off in the
    page redraws both without them."""
    ex = explore(dossier)
    ex.open_link("as_of=2025-05-01&since=2024-10-01")
    since = ex.controls.since.value
    tab = visit(browser, voila_apps["voila"], query="?as_of=2025-05-01&since=2024-10-01")
    try:
        ready(tab)
        page = tab.page
        legends = page.evaluate(_LEGENDS)
        assert f"new since {since:%d %b %Y}" in legends["explorer-timeline"], legends
        assert f"relations gained since {since:%d %b %Y}" in legends["explorer-network"], legends
        summary = page.locator(".explorer-summary").inner_text()
        assert f"Since {since:%d %b %Y}: {len(ex.changes().record_ids):,} records newly" in summary
        page.locator(".explorer-since select").select_option(label="(off)")
        page.wait_for_function(
            f"() => {{ const l = ({_LEGENDS})(); return !l['explorer-timeline'].some(t => "
            "t.startsWith('new since')) && !l['explorer-network'].some(t => "
            "t.startsWith('relations gained')); }",
            timeout=30_000,
        )
        assert "Since" not in page.locator(".explorer-summary").inner_text()
        assert ours(tab) == [], ours(tab)
    finally:
        tab.close()


def test_the_app_on_a_fresh_skeleton_says_there_is_nothing_yet(browser, voila_apps):
    from analysis.interactive.summary import BLANK

    tab = visit(browser, voila_apps["voila-skeleton"])
    try:
        page = tab.page
        page.locator(".explorer-summary", has_text="has no statements").wait_for(timeout=150_000)
        assert page.locator(".explorer-summary").inner_text() == BLANK
        for name in FIGURES:  # both figures drawn, each saying why it is empty
            page.locator(f".{name} .annotation-text", has_text="nothing to draw").wait_for(
                timeout=60_000
            )
        assert ours(tab) == [], ours(tab)
    finally:
        tab.close()
