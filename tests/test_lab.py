"""`make lab` starts JupyterLab on notebooks/, bound to loopback, and it loads in a browser."""

from __future__ import annotations

import shutil

import pytest
from support.servers import free_port, serve, wait_for_http

from analysis.common.paths import PROJECT_ROOT

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    if shutil.which("make") is None:
        pytest.fail("make is needed to run `make lab`")
    port = free_port()
    token = "test-token"
    log = tmp_path_factory.mktemp("lab") / "lab.log"
    command = [
        "make",
        "--no-print-directory",
        "lab",
        f"PORT={port}",
        f"LAB_ARGS=--no-browser --ServerApp.token={token}",
    ]
    with serve(command, cwd=PROJECT_ROOT, log=log) as proc:
        url = f"http://127.0.0.1:{port}"
        wait_for_http(f"{url}/api/status?token={token}", timeout=90, proc=proc)
        yield url, token, log


def test_make_lab_serves_on_loopback_with_notebooks_as_root(lab):
    url, token, log = lab
    contents = wait_for_http(f"{url}/api/contents?token={token}")
    assert '"type": "directory"' in contents or '"type":"directory"' in contents
    text = log.read_text()
    assert "127.0.0.1" in text and "notebooks" in text


def test_jupyterlab_page_loads_in_chromium(lab, browser):
    url, token, _ = lab
    page = browser.new_page()
    try:
        page.goto(f"{url}/lab?token={token}", wait_until="domcontentloaded", timeout=60_000)
        page.wait_for_selector("#jp-main-dock-panel", timeout=60_000)
        assert "JupyterLab" in page.title()
    finally:
        page.close()
