"""Report sites of the REAL notebooks for the browser tests, built once per session in the
background.

Building the real notebooks takes a minute or more, so the build starts as soon as pytest has
collected a test that asks for a site (see ``pytest_collection_finish`` in ``conftest.py``),
in a subprocess (``build_sites.py``) that executes a few notebooks at a time, while the other
browser tests (Voilà, JupyterLab) run. Tests that need a site run last and wait for it.

* ``real``: every notebook under ``notebooks/`` (classroom included), bundled dossier;
* ``hostile``: every notebook again on ``tests/fixtures/hostile``, a dossier whose every text
  field carries a payload (one partnership, one hypothesis: the notebooks cope with both);
* ``skeleton``: the notebooks again on a dossier with no records at all, made when the build
  starts by ``python -m analysis new`` in the build's own folder (the timeline explorer is left
  out: it cannot run on an empty dossier yet).
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from analysis.common.paths import PROJECT_ROOT
from analysis.report import default_notebooks

__all__ = ["SITES", "SITE_FIXTURES", "HOSTILE_NOTEBOOKS", "Site", "SitePage", "start", "site"]

HOSTILE_DIR = PROJECT_ROOT / "tests" / "fixtures" / "hostile"
HOSTILE_NOTEBOOKS = default_notebooks()
#: Stands for the skeleton dossier, made by ``python -m analysis new`` when its build starts.
SKELETON = Path("<new skeleton>")
SKELETON_NOTEBOOKS = [p for p in default_notebooks() if p.name != "02-timeline-explorer.ipynb"]
#: name -> (dossier folder or None for the bundled one, notebooks)
SITES: dict[str, tuple[Path | None, list[Path]]] = {
    "real": (None, default_notebooks()),
    "hostile": (HOSTILE_DIR, HOSTILE_NOTEBOOKS),
    "skeleton": (SKELETON, SKELETON_NOTEBOOKS),
}
#: Session fixtures (in conftest.py) that hand a site to a test, and the site each builds.
SITE_FIXTURES = {"real_site": "real", "hostile_site": "hostile", "skeleton_site": "skeleton"}
#: Seconds a test waits for the background build before it fails.
TIMEOUT = 600


@dataclass(frozen=True)
class SitePage:
    notebook: Path
    path: Path
    href: str
    title: str
    figure_count: int  # figures the page was rendered with
    figure_outputs: int  # plotly figure outputs counted in the executed notebook
    live_widgets: int
    size: int


@dataclass(frozen=True)
class Site:
    name: str
    out: Path
    pages: list[SitePage]
    seconds: float

    def page(self, href: str) -> SitePage:
        return next(p for p in self.pages if p.href == href)


class _Build:
    """The one background build of this session."""

    def __init__(self, names: list[str]):
        self.folder = Path(tempfile.mkdtemp(prefix="report-sites-"))
        self.names = names
        plan = [
            {
                "name": name,
                "out": str(self.folder / name),
                "dossier": self._dossier(name),
                "notebooks": [str(p) for p in SITES[name][1]],
            }
            for name in names
        ]
        (self.folder / "plan.json").write_text(json.dumps(plan))
        self.log = self.folder / "build.log"
        with open(self.log, "wb") as out:
            self.proc = subprocess.Popen(
                [
                    # at low priority: the browser tests that run meanwhile (Voilà, JupyterLab)
                    # keep the CPU they need (plotly's widget module must load within
                    # anywidget's 2 s, or a live figure may stop updating)
                    "nice",
                    "-n",
                    "15",
                    sys.executable,
                    str(Path(__file__).with_name("build_sites.py")),
                    str(self.folder / "plan.json"),
                ],
                cwd=PROJECT_ROOT,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.started = time.monotonic()

    def _dossier(self, name: str) -> str | None:
        folder = SITES[name][0]
        if folder == SKELETON:  # made as a curator makes one, by the command
            folder = self.folder / "skeleton-dossier"
            made = subprocess.run(
                [sys.executable, "-m", "analysis", "new", str(folder), "--title", "A new story"],
                capture_output=True,
                text=True,
            )
            assert made.returncode == 0, made.stderr
        return None if folder is None else str(folder)

    def site(self, name: str, timeout: float = TIMEOUT) -> Site:
        manifest = self.folder / f"{name}.json"
        deadline = time.monotonic() + timeout
        while not manifest.exists():
            if self.proc.poll() is not None and not manifest.exists():
                pytest.fail(f"the {name} report was not built:\n{self._tail()}")
            if time.monotonic() > deadline:
                pytest.fail(f"the {name} report took over {timeout:.0f} s:\n{self._tail()}")
            time.sleep(0.25)
        time.sleep(0.05)  # the manifest is written in one go; let it land
        data = json.loads(manifest.read_text())
        if "error" in data:
            pytest.fail(f"the {name} report failed: {data['error']}\n{self._tail()}")
        pages = [
            SitePage(**{**p, "notebook": Path(p["notebook"]), "path": Path(p["path"])})
            for p in data["pages"]
        ]
        return Site(name, self.folder / name, pages, data["seconds"])

    def _tail(self, lines: int = 40) -> str:
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=5)
        shutil.rmtree(self.folder, ignore_errors=True)


_builds: list[_Build] = []


def start(names) -> None:
    """Start building the named sites not already being built; stopped by :func:`stop`."""
    todo = [n for n in SITES if n in set(names) and not any(n in b.names for b in _builds)]
    if todo:
        if not _builds:
            atexit.register(stop)
        _builds.append(_Build(todo))


def stop() -> None:
    """Stop every build still running (by its process group) and remove its folder."""
    while _builds:
        _builds.pop().stop()


def site(name: str) -> Site:
    """The built site ``name``, waiting for the background build (started now if need be)."""
    start([name])
    return next(b for b in _builds if name in b.names).site(name)
