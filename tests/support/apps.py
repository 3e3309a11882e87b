"""The servers the browser tests share, started in the background as soon as pytest has
collected a test that needs one (see ``pytest_collection_finish`` in ``conftest.py``).

* ``voila``: the live app (``python -m analysis.app``, what ``make app`` runs) serving the real
  notebooks folder (the app notebook from a preheated kernel, the others each in a new kernel),
  on the bundled dossier, on the hostile one and on a fresh skeleton (``python -m analysis new``);
* ``lab``: JupyterLab on a temporary folder holding a copy of that notebook and a copy of the
  allegations notebook set (as papermill would) to the hostile dossier, with settings for the
  run only (start the kernel without asking, render every cell, fetch no news).

Every server listens on 127.0.0.1 on a free port, runs in its own process group and is stopped
by that group's id when the session ends.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from analysis.common.paths import PROJECT_ROOT

from .servers import free_port, serve, wait_for_http

__all__ = [
    "APP_FIXTURES",
    "APP_NOTEBOOK",
    "NOTEBOOK",
    "HOSTILE_DIR",
    "HOSTILE_NOTEBOOK",
    "MATH_CHECK",
    "LAB_TOKEN",
    "App",
    "start",
    "app",
    "render_url",
    "stop",
]

NOTEBOOK = PROJECT_ROOT / "notebooks" / "02-timeline-explorer.ipynb"
#: The app alone (its kernel is preheated by voila.json's pool).
APP_NOTEBOOK = PROJECT_ROOT / "notebooks" / "app.ipynb"
HOSTILE_DIR = PROJECT_ROOT / "tests" / "fixtures" / "hostile"
#: The allegations notebook shows tables of hostile statements (pandas and the package's own).
HOSTILE_SOURCE = PROJECT_ROOT / "notebooks" / "04-allegations-and-denials.ipynb"
#: Its copy in JupyterLab's folder, with ``DOSSIER`` set to the hostile dossier.
HOSTILE_NOTEBOOK = "hostile-allegations.ipynb"
#: A markdown cell on top of that copy: MathJax typesets it, so the page has MathJax running.
MATH_CHECK = "MathJax is live on this page: $e^{i\\pi} + 1 = 0$"
JUPYTER = Path(sys.executable).with_name("jupyter")
LAB_TOKEN = "lab-browser-test"
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {
        "autoStartDefaultKernel": True,
        "windowingMode": "none",  # every cell in the DOM, whatever is scrolled into view
    },
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}
#: Session fixtures (in conftest.py) that hand servers to tests, and the servers each needs.
APP_FIXTURES = {
    "voila_apps": ("voila", "voila-hostile", "voila-skeleton"),
    "lab_server": ("lab",),
}


@dataclass(frozen=True)
class App:
    name: str
    url: str
    log: Path
    proc: subprocess.Popen


def _commands(name: str, folder: Path, port: int) -> tuple[list[str], Path]:
    """The command line of a server and the folder it runs in."""
    if name.startswith("voila"):
        extra = [f"--dossier={HOSTILE_DIR}"] if name == "voila-hostile" else []
        if name == "voila-skeleton":  # a fresh dossier, made as a curator makes one
            skeleton = folder / "new-story"
            subprocess.run(
                [sys.executable, "-m", "analysis", "new", str(skeleton), "--title", "A new story"],
                check=True,
                capture_output=True,
            )
            extra = [f"--dossier={skeleton}"]
        return [
            sys.executable,
            "-m",
            "analysis.app",
            f"--port={port}",
            *extra,
            str(NOTEBOOK.parent),
        ], folder
    root = folder / "notebooks"
    root.mkdir()
    shutil.copy(NOTEBOOK, root)
    _hostile_copy(root / HOSTILE_NOTEBOOK)
    for setting, values in LAB_SETTINGS.items():
        (folder / "settings" / setting).parent.mkdir(parents=True, exist_ok=True)
        (folder / "settings" / setting).write_text(json.dumps(values))
    command = [
        str(JUPYTER),
        "lab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--port={port}",
        f"--ServerApp.root_dir={root}",
        f"--IdentityProvider.token={LAB_TOKEN}",
        f"--LabApp.user_settings_dir={folder / 'settings'}",
        f"--LabApp.workspaces_dir={folder / 'workspaces'}",
        "--LabApp.expose_app_in_browser=True",
    ]
    if os.geteuid() == 0:
        command.append("--allow-root")
    return command, root


def _hostile_copy(target: Path) -> None:
    """The allegations notebook with the hostile dossier injected as papermill injects it, and
    a line of real math on top (MathJax is live in the page; data must still not be typeset)."""
    import nbformat
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    nb = load_notebook_node(str(HOSTILE_SOURCE))  # papermill's reader: every cell gets tags
    nb = parameterize_notebook(nb, {"DOSSIER": str(HOSTILE_DIR)})
    nb.metadata.pop("papermill", None)
    nb.cells.insert(0, nbformat.v4.new_markdown_cell(MATH_CHECK))
    nbformat.write(nb, target)


class _Servers:
    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="browser-apps-"))
        self.stack = contextlib.ExitStack()
        self.started: dict[str, App] = {}
        self.ready: set[str] = set()

    def start(self, name: str) -> None:
        if name in self.started:
            return
        folder = self.folder / name
        folder.mkdir()
        port = free_port()
        command, cwd = _commands(name, folder, port)
        log = folder / "server.log"
        proc = self.stack.enter_context(serve(command, cwd=cwd, log=log))
        self.started[name] = App(name, f"http://127.0.0.1:{port}/", log, proc)

    def get(self, name: str, timeout: float = 120.0) -> App:
        self.start(name)
        found = self.started[name]
        if name not in self.ready:
            try:
                if name == "lab":
                    wait_for_http(f"{found.url}api/status?token={LAB_TOKEN}", timeout, found.proc)
                else:
                    _wait_for_port(found, timeout)
            except (RuntimeError, TimeoutError) as exc:
                log = found.log.read_text(errors="replace")[-3000:]
                pytest.fail(f"the {name} server did not start: {exc}\n{log}")
            self.ready.add(name)
        return found

    def stop(self) -> None:
        self.stack.close()
        shutil.rmtree(self.folder, ignore_errors=True)


def _wait_for_port(found: App, timeout: float) -> None:
    port = int(found.url.rstrip("/").rsplit(":", 1)[1])
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if found.proc.poll() is not None:
            raise RuntimeError(f"exited with code {found.proc.returncode}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise TimeoutError(f"nothing listened on port {port} within {timeout:.0f} s")


_servers: _Servers | None = None


def start(names) -> None:
    """Start the named servers (each once per session); they run until :func:`stop`."""
    global _servers
    if _servers is None:
        _servers = _Servers()
        atexit.register(stop)
    for name in names:
        _servers.start(name)


def render_url(found: App, notebook: Path) -> str:
    """The address of ``notebook`` (in the notebooks folder) in Voilà app ``found``."""
    return f"{found.url}voila/render/{notebook.relative_to(NOTEBOOK.parent).as_posix()}"


def app(name: str) -> App:
    """The server ``name``, started now if need be, once it answers."""
    start([name])
    return _servers.get(name)


def stop() -> None:
    """Stop every server by its process group, and remove their folders."""
    global _servers
    if _servers is not None:
        _servers.stop()
        _servers = None
