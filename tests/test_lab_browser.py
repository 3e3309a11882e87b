"""JupyterLab in chromium: the REAL timeline explorer notebook, opened and run, shows the
explorer's widgets, its figures and the static figure for shared reports, with no error in any
cell; the allegations notebook run on the hostile dossier shows its text as text, and MathJax
typesets none of it. Runs copies of the notebooks in a temporary folder, so nothing is saved
into the repo (the server: support/apps.py)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from fixtures.hostile_payloads import PAYLOADS, PWNED
from support.apps import HOSTILE_NOTEBOOK, LAB_TOKEN, NOTEBOOK
from support.explorer_page import first_figures, shown, time_change, toggle_option
from support.pages import hostile_problems, hover_points

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Every code cell has run: each shows an execution count and none is queued ("[*]"); or a cell
# failed (Lab then stops running the others).
RAN_ALL = """() => {
  if (document.querySelector(".jp-OutputArea-output[data-mime-type*='error']")) return true;
  const prompts = Array.from(document.querySelectorAll('.jp-CodeCell .jp-InputPrompt'))
    .map(p => p.textContent.trim());
  return prompts.length > 0 && prompts.every(p => /^\\[\\d+\\]:$/.test(p));
}"""
ERRORS = ".jp-OutputArea-output[data-mime-type*='error']"
# The notebook's kernel has started and its websocket is connected (run-all is lost before).
KERNEL_READY = """() => {
  const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const kernel = panel && panel.sessionContext && panel.sessionContext.session
    && panel.sessionContext.session.kernel;
  return Boolean(kernel) && kernel.status === "idle" && kernel.connectionStatus === "connected";
}"""


def run_in_lab(browser, lab_server, name: str, workspace: str | None = None):
    """Open notebook ``name`` in JupyterLab, run every cell and wait until all have run; return
    the page and the uncaught errors it logged."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(
        # a workspace of its own: Lab does not reopen notebooks an earlier test left open
        f"{lab_server.url}lab/workspaces/{workspace or Path(name).stem}/tree/{name}"
        f"?reset&token={LAB_TOKEN}",
        wait_until="domcontentloaded",
        timeout=90_000,
    )
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=90_000)
    page.wait_for_function(KERNEL_READY, timeout=90_000)
    # Ask Lab to run every cell; do not wait for the command's promise in evaluate.
    page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
    page.wait_for_function(RAN_ALL, timeout=150_000)
    failed = page.locator(ERRORS).all_inner_texts()
    if failed:
        page.close()
        pytest.fail(f"a cell of {name} failed in JupyterLab:\n" + "\n".join(failed)[-3000:])
    return page, errors


#: Runs of the explorer notebook per test run. None is retried: in each, both live figures
#: must be drawn and follow a filter change, or the test fails.
RUNS = 3


def test_every_run_of_the_explorer_notebook_in_jupyterlab_draws_and_follows(browser, lab_server):
    """RUNS fresh openings of the real explorer notebook, each run whole, no rerun: the
    controls, both live figures, the records table and the static figure for shared reports
    are shown, and toggling a record kind repaints both live figures. (plotly's FigureWidget
    was not drawn in 3 of 8 such runs here; PlotlyView has no 2 s module deadline.)"""
    outcomes = []
    for run in range(RUNS):
        page, errors = run_in_lab(browser, lab_server, NOTEBOOK.name, f"explorer-{run}")
        try:
            for control in ("actors", "as-of", "min-reliability", "record-kinds", "lanes"):
                assert page.locator(f".jp-OutputArea .explorer-{control}").first.is_visible()
            first_figures(page, time.perf_counter(), timeout=60)
            drawn = shown(page)
            assert drawn["explorer-timeline"]["points"] > 0
            assert drawn["explorer-network"]["points"] > 0
            assert page.locator(".widget-vbox table.pd-records tbody tr").count() > 0
            static = page.locator(".jp-OutputArea .js-plotly-plot .slider-container")
            assert static.count() == 1  # the figure for shared reports, with its as-of slider
            repaint = [time_change(page, toggle_option("record-kinds", 0)) for _ in range(2)]
            assert errors == []
            outcomes.append(f"ok (repaint {', '.join(f'{ms:.0f}' for ms in repaint)} ms)")
        except Exception as exc:  # noqa: BLE001 -- count every run, then fail
            outcomes.append(f"run {run + 1}: {type(exc).__name__}: {str(exc)[:400]} {errors}")
        finally:
            page.close()
    print("\n".join(outcomes))
    failed = [o for o in outcomes if not o.startswith("ok")]
    assert failed == [], f"{len(failed)} of {RUNS} runs failed:\n" + "\n".join(failed)


def test_hostile_text_stays_text_and_is_never_typeset_in_jupyterlab(browser, lab_server):
    page, errors = run_in_lab(browser, lab_server, HOSTILE_NOTEBOOK)
    try:
        tables = page.locator(".jp-OutputArea-output table")
        assert tables.count() > 3  # pandas tables and the explorer's records table
        shown = page.locator(".jp-OutputArea-output").all_inner_texts()
        assert any(PAYLOADS["script"] in text for text in shown)  # shown as the text it is
        assert any(PAYLOADS["mathjax_href"] in text for text in shown)  # $...$ left as typed
        # MathJax typesets the markdown cell on top, and nothing the dossier's text put out
        page.locator(".jp-MarkdownOutput mjx-container").first.wait_for(timeout=30_000)
        assert page.locator(".jp-OutputArea mjx-container").count() == 0
        assert hover_points(page, ".jp-OutputArea .js-plotly-plot") > 0
        assert hostile_problems(page) == []
        assert page.evaluate(f"() => window.{PWNED}") is None
        assert errors == []
    finally:
        page.close()
