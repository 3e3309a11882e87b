"""JupyterLab in chromium: the REAL timeline explorer notebook, opened and run, shows the
explorer's widgets, its figures and the static figure for shared reports, with no error in any
cell. Runs a copy of the notebook in a temporary folder, so nothing is saved into the repo (the
server: support/apps.py)."""

from __future__ import annotations

import pytest
from support.apps import LAB_TOKEN, NOTEBOOK

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Every code cell has run: each shows an execution count and none is queued ("[*]").
RAN_ALL = """() => {
  const prompts = Array.from(document.querySelectorAll('.jp-CodeCell .jp-InputPrompt'))
    .map(p => p.textContent.trim());
  return prompts.length > 0 && prompts.every(p => /^\\[\\d+\\]:$/.test(p));
}"""
# The notebook's kernel has started and its websocket is connected (run-all is lost before).
KERNEL_READY = """() => {
  const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const kernel = panel && panel.sessionContext && panel.sessionContext.session
    && panel.sessionContext.session.kernel;
  return Boolean(kernel) && kernel.status === "idle" && kernel.connectionStatus === "connected";
}"""


def test_the_explorer_notebook_run_in_jupyterlab_shows_widgets_and_figures(browser, lab_server):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto(
            f"{lab_server.url}lab/tree/{NOTEBOOK.name}?token={LAB_TOKEN}",
            wait_until="domcontentloaded",
            timeout=90_000,
        )
        page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=90_000)
        page.wait_for_function(KERNEL_READY, timeout=90_000)
        # Ask Lab to run every cell; do not wait for the command's promise in evaluate.
        page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
        page.wait_for_function(RAN_ALL, timeout=150_000)
        assert page.locator(".jp-OutputArea-output[data-mime-type*='error']").count() == 0
        for control in ("actors", "as-of", "min-reliability", "record-kinds", "lanes"):
            assert page.locator(f".jp-OutputArea .explorer-{control}").first.is_visible()
        timeline = page.locator(".widget-vbox .js-plotly-plot", has_text="Timeline of")
        network = page.locator(".widget-vbox .js-plotly-plot", has_text="Relationship network")
        timeline.first.wait_for(timeout=60_000)
        network.first.wait_for(timeout=60_000)
        assert timeline.first.locator(".scatterlayer .point").count() > 0
        assert network.first.locator(".scatterlayer .point").count() > 0
        assert page.locator(".widget-vbox table.pd-records tbody tr").count() > 0
        static = page.locator(".jp-OutputArea .js-plotly-plot .slider-container")
        assert static.count() == 1  # the figure for shared reports, with its as-of slider
        assert errors == []
    finally:
        page.close()
