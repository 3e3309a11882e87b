"""The live app: Voilà on loopback, configured by voila.json, and a filter that updates the page.

Serves tests/fixtures/notebooks/02-explorer.ipynb (a dropdown driving a FigureWidget and a table)
against the mini dossier through ``python -m analysis.app``, the command ``make app`` runs.
"""

from __future__ import annotations

import json
import socket
import sys
import time

import pytest
from support.reports import FIXTURES, mini_dossier
from support.servers import free_port, serve

from analysis.paths import PROJECT_ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NOTEBOOK = FIXTURES / "02-explorer.ipynb"
# Console errors Voilà itself causes (see stack-notes.md), not the project's pages.
NOISE = ("setData is not a function", "RUNTIME-012", "version")
# All Voilà's page asks the network for: icon and web fonts (blocked here; the app works without).
FONT_HOSTS = (
    "https://cdn.jsdelivr.net/npm/@fortawesome/",
    "https://fonts.googleapis.com/",
    "https://fonts.gstatic.com/",
)


def wait_for_port(port: int, proc, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"voila exited with code {proc.returncode}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.3)
    raise TimeoutError(f"voila did not listen on port {port} within {timeout:.0f} s")


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    port = free_port()
    log = tmp_path_factory.mktemp("voila") / "voila.log"
    dossier = mini_dossier(tmp_path_factory)
    command = [
        sys.executable,
        "-m",
        "analysis.app",
        f"--port={port}",
        f"--dossier={dossier}",
        str(NOTEBOOK),
    ]
    with serve(command, cwd=log.parent, log=log) as proc:
        wait_for_port(port, proc)
        yield f"http://127.0.0.1:{port}/", log


def test_a_filter_updates_the_figure_and_the_table(browser, app):
    url, log = app
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    blocked: list[str] = []

    def route(route):
        if route.request.url.startswith(url):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        page.goto(url, wait_until="domcontentloaded", timeout=90_000)
        title = page.locator(".js-plotly-plot .gtitle", has_text="Statements by")
        title.wait_for(timeout=60_000)
        assert title.text_content() == "Statements by KOR"
        table = page.locator("table.fixture-table")
        assert table.inner_text().split() == ["st-1", "alleges"]
        assert page.evaluate("document.querySelectorAll('.js-plotly-plot').length") == 2

        page.locator(".widget-dropdown select").select_option("RUS")

        page.locator(".js-plotly-plot .gtitle", has_text="Statements by RUS").wait_for(
            timeout=30_000
        )
        page.wait_for_function(
            "document.querySelector('table.fixture-table').innerText.includes('st-3')",
            timeout=30_000,
        )
        assert table.inner_text().split() == ["st-2", "denies", "st-3", "confirms"]
        points = page.locator(".js-plotly-plot", has_text="Statements by RUS").locator(
            ".scatterlayer .point"
        )
        assert points.count() == 2
        assert "2 actors have statements" in page.locator(".widget-output").inner_text()
    finally:
        context.close()
    text = log.read_text()
    assert f"http://127.0.0.1:{url.rsplit(':', 1)[1].rstrip('/')}" in text
    culling = json.loads((PROJECT_ROOT / "voila.json").read_text())["MappingKernelManager"]
    assert (
        f"Culling kernels with idle durations > {culling['cull_idle_timeout']} seconds at "
        f"{culling['cull_interval']} second intervals"
    ) in text
    assert all(u.startswith(FONT_HOSTS) for u in blocked), blocked
    ours = [
        e
        for e in errors
        if not any(n in e for n in NOISE)
        and not (blocked and e.startswith("Failed to load resource"))
    ]
    assert ours == []
