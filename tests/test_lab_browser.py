"""JupyterLab in chromium: a notebook opened and run shows the explorer's widgets and figures,
and its filter works. Runs a copy of the fixture notebook, so nothing is saved into the repo."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest
from support.reports import FIXTURES, mini_dossier
from support.servers import free_port, serve, wait_for_http

pytestmark = [pytest.mark.browser, pytest.mark.slow]

JUPYTER = Path(sys.executable).with_name("jupyter")
TOKEN = "lab-browser-test"
# User settings for this run only: start the notebook's kernel without asking, fetch no news.
SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"autoStartDefaultKernel": True},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}

# The notebook's kernel has started and its websocket is connected (run-all is lost before).
KERNEL_READY = """() => {
  const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const kernel = panel && panel.sessionContext && panel.sessionContext.session
    && panel.sessionContext.session.kernel;
  return Boolean(kernel) && kernel.status === "idle" && kernel.connectionStatus === "connected";
}"""


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    home = tmp_path_factory.mktemp("lab")
    root = home / "notebooks"
    root.mkdir()
    shutil.copy(FIXTURES / "02-explorer.ipynb", root)
    for name, values in SETTINGS.items():
        (home / "settings" / name).parent.mkdir(parents=True, exist_ok=True)
        (home / "settings" / name).write_text(json.dumps(values))
    port = free_port()
    command = [
        str(JUPYTER),
        "lab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--port={port}",
        f"--ServerApp.root_dir={root}",
        f"--IdentityProvider.token={TOKEN}",
        f"--LabApp.user_settings_dir={home / 'settings'}",
        f"--LabApp.workspaces_dir={home / 'workspaces'}",
        "--LabApp.expose_app_in_browser=True",
    ]
    if os.geteuid() == 0:
        command.append("--allow-root")
    env = {"PARTNERSHIP_DOSSIER": str(mini_dossier(tmp_path_factory))}
    log = home / "lab.log"
    with serve(command, cwd=root, log=log, env=env) as proc:
        url = f"http://127.0.0.1:{port}"
        wait_for_http(f"{url}/api/status?token={TOKEN}", timeout=90, proc=proc)
        yield url


def test_a_notebook_run_in_jupyterlab_shows_widgets_and_figures(browser, lab):
    page = browser.new_page()
    try:
        page.goto(
            f"{lab}/lab/tree/02-explorer.ipynb?token={TOKEN}",
            wait_until="domcontentloaded",
            timeout=90_000,
        )
        page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=90_000)
        page.wait_for_function(KERNEL_READY, timeout=90_000)
        # Ask Lab to run every cell; do not wait for the command's promise in evaluate.
        page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
        dropdown = page.locator(".jp-OutputArea .widget-dropdown select")
        dropdown.wait_for(timeout=90_000)
        title = page.locator(".js-plotly-plot .gtitle", has_text="Statements by")
        title.first.wait_for(timeout=60_000)
        assert title.first.text_content() == "Statements by KOR"
        page.wait_for_function(
            "document.querySelectorAll('.js-plotly-plot').length >= 2", timeout=60_000
        )

        dropdown.select_option("RUS")

        page.locator(".js-plotly-plot .gtitle", has_text="Statements by RUS").wait_for(
            timeout=30_000
        )
        page.wait_for_function(
            "document.querySelector('table.fixture-table').innerText.includes('st-3')",
            timeout=30_000,
        )
        assert page.locator("table.fixture-table").inner_text().split() == [
            "st-2",
            "denies",
            "st-3",
            "confirms",
        ]
    finally:
        page.close()
