"""What the browser benchmarks share: a Voilà app on 127.0.0.1 stopped by pid, dossiers
written to a folder by size, the control changes a reader makes, and the summary arithmetic.

The pure functions (:func:`percentile`, :func:`summary`, :func:`table`, :func:`verdict`) are
tested in tests/test_benchmarks.py; the rest starts processes and is exercised by running
``make bench-browser`` and ``make bench-load``.
"""

from __future__ import annotations

import math
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
#: What a visitor opens: the app notebook, which voila.json keeps a preheated kernel ready for.
APP_NOTEBOOK = "app.ipynb"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

# --- arithmetic ----------------------------------------------------------------------------------


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0..100) of ``values``, linear between closest ranks (numpy's
    default); NaN for no values.

    >>> percentile([1, 2, 3, 4], 50), percentile([10], 95), percentile([1, 2, 3, 4, 5], 95)
    (2.5, 10.0, 4.8)
    """
    xs = sorted(float(v) for v in values)
    if not xs:
        return math.nan
    rank = (len(xs) - 1) * q / 100
    low, high = math.floor(rank), math.ceil(rank)
    return round(xs[low] + (xs[high] - xs[low]) * (rank - low), 10)


def summary(values: Sequence[float]) -> dict:
    """``{"n", "p50", "p95", "max"}`` of ``values``.

    >>> summary([3, 1, 2])
    {'n': 3, 'p50': 2.0, 'p95': 2.9, 'max': 3.0}
    """
    return {
        "n": len(values),
        "p50": percentile(values, 50),
        "p95": percentile(values, 95),
        "max": max(map(float, values)) if values else math.nan,
    }


def table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A plain-text table, columns padded to their widest cell, numbers right-aligned.

    >>> print(table(["size", "p50 ms"], [["bundled", 12.0], ["100000", 240.5]]))
    size     p50 ms
    -------  ------
    bundled    12.0
    100000    240.5
    """

    def cell(v: object) -> str:
        if isinstance(v, float):
            return "-" if math.isnan(v) else f"{v:.1f}"
        return str(v)

    cells = [[cell(v) for v in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(header)]
    numeric = [all(isinstance(r[i], (int, float)) for r in rows) for i in range(len(header))]

    def line(row: Sequence[str]) -> str:
        return "  ".join(
            c.rjust(w) if num else c.ljust(w)
            for c, w, num in zip(row, widths, numeric, strict=True)
        ).rstrip()

    return "\n".join([line(header), line(["-" * w for w in widths]), *map(line, cells)])


def verdict(label: str, value: float, goal: float, unit: str) -> str:
    """One goal line: ``label: value unit (goal <= g unit): met`` or ``not met``.

    >>> verdict("p50 at bundled", 80.0, 100, "ms")
    'p50 at bundled: 80 ms (goal <= 100 ms): met'
    >>> verdict("first figure", float("nan"), 3, "s")
    'first figure: not measured (goal <= 3 s): not met'
    """
    shown = "not measured" if math.isnan(value) else f"{value:.3g} {unit}"
    met = "met" if not math.isnan(value) and value <= goal else "not met"
    return f"{label}: {shown} (goal <= {goal:g} {unit}): {met}"


# --- dossiers ------------------------------------------------------------------------------------


def dossier_folder(size: str, workdir: Path) -> Path | None:
    """The folder of the dossier called ``size``: ``None`` for "bundled", else a seeded
    synthetic dossier of that many records written as tables into ``workdir``."""
    if size == "bundled":
        return None
    from analysis.dossier.loading import load_dossier
    from analysis.exports.tables import write_tables
    from analysis.synthetic.dossiers import synthetic_dossier

    folder = workdir / f"synthetic-{size}"
    if not (folder / "datapackage.json").exists():
        write_tables(synthetic_dossier(int(size), seed=19), folder)
        load_dossier(folder)  # fail here, with the loader's message, not in the kernel
    return folder


# --- the app -------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class App:
    """``python -m analysis.app`` serving the notebooks folder (as ``make app`` does) on a free
    127.0.0.1 port, in a process group of its own; :attr:`url` is ``notebook``'s page (the app
    notebook by default). :meth:`stop` ends that group (by its pid) and waits."""

    def __init__(
        self,
        dossier: Path | None,
        log: Path,
        extra: Sequence[str] = (),
        notebook: str = APP_NOTEBOOK,
    ):
        self.port = free_port()
        self.root = f"http://127.0.0.1:{self.port}/"
        self.url = f"{self.root}voila/render/{notebook}"
        self._log = open(log, "w")  # noqa: SIM115 -- closed in stop()
        command = [sys.executable, "-m", "analysis.app", f"--port={self.port}"]
        if dossier is not None:
            command.append(f"--dossier={dossier}")
        self.process = subprocess.Popen(
            [*command, str(NOTEBOOKS), *extra],
            cwd=ROOT,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait(self, timeout: float = 120.0) -> App:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the app exited with {self.process.returncode}")
            try:
                socket.create_connection(("127.0.0.1", self.port), 1).close()
                return self
            except OSError:
                time.sleep(0.25)
        raise RuntimeError(f"the app did not listen on {self.port} within {timeout:.0f} s")

    def kernels(self) -> list:
        """The kernel processes under the app (``psutil.Process`` objects)."""
        import psutil

        kids = psutil.Process(self.process.pid).children(recursive=True)
        return [p for p in kids if "ipykernel" in " ".join(p.cmdline())]

    def stop(self) -> None:
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)
            except ProcessLookupError:
                pass
        self._log.close()

    def __enter__(self) -> App:
        return self.wait()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def launch(pw):
    """Debian's chromium, headless, off the network."""
    from support.browser import CHROMIUM_ARGS, chromium_executable

    return pw.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_ARGS)


# --- the changes ---------------------------------------------------------------------------------

#: Control changes, each made twice in a row so the cycle ends where it began:
#: ``(control, option index)`` toggles an option of a multi-select; ``("actors", 0)`` picks the
#: most active actor by typing its name and Enter, then removes its chip.
CHANGES: tuple[tuple[str, int], ...] = (
    ("record-kinds", 0),
    ("relations", 0),
    ("statuses", 2),
    ("actors", 0),
    ("record-kinds", 1),
    ("relations", 4),
    ("statuses", 0),
    ("actors", 1),
    ("record-kinds", 6),
    ("statuses", 3),
    ("relations", 2),
    ("record-kinds", 2),
)


def kernel_times(dossier: Path | None, rounds: int = 2) -> tuple[list[float], list[int]]:
    """The same changes made in this process on an :class:`Explorer` of the same dossier:
    ``Explorer.last_update`` seconds (as ms) and figure bytes of each change."""
    from analysis.dossier.loading import load_dossier
    from analysis.interactive.explorer import Explorer

    ex = Explorer(load_dossier(dossier))
    c = ex.controls
    ms: list[float] = []
    sent: list[int] = []
    for _ in range(rounds):
        for control, index in CHANGES:
            for twice in (0, 1):
                if control == "actors":
                    c.actors.value = () if twice else (c.actors.options[index][1],)
                else:
                    widget = getattr(c, control.replace("-", "_"))
                    widget.index = tuple(sorted(set(widget.index) ^ {index}))
                ms.append(ex.last_update["seconds"] * 1000)
                sent.append(int(ex.last_update["bytes"]))
    return ms, sent
