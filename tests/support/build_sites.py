"""Build report sites for the browser tests, executing their notebooks a few at a time.

``python tests/support/build_sites.py PLAN.json`` reads a list of sites (``name``, ``out``,
``dossier`` or null, ``notebooks``) and builds each with :func:`analysis.report.build_report`.
Notebooks are executed up front by :func:`analysis.report.execute.execute_notebook` in a
small thread pool (a kernel spends much of its time waiting); ``build_report`` then renders
the pages, checks them and writes the site exactly as ``python -m analysis.report`` does, with
the executions it asks for answered from that pool. Next to each site, ``manifest.json`` lists
its pages and, for each, the plotly figure outputs counted in the executed notebook, before
rendering, so that tests can compare them with what a browser draws.
"""

from __future__ import annotations

import copy
import json
import sys
import time
import traceback
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import analysis.report.build as build
from analysis.report import build_report
from analysis.report.execute import KERNEL_ENV, execute_notebook
from analysis.report.render import FIGURE_MIME

#: Notebooks executed at once. Two cores: a third kernel fills the time the others wait.
JOBS = 3
BUILD_DATE = datetime(2026, 1, 2, 3, 4, tzinfo=UTC)


def figure_outputs(nb) -> int:
    return sum(
        FIGURE_MIME in output.get("data", {})
        for cell in nb.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
    )


def main(plan_path: str) -> int:
    import os

    os.environ.update(KERNEL_ENV)  # once for all threads (execute_notebook sets it per call)
    plan = json.loads(Path(plan_path).read_text())
    pool = ThreadPoolExecutor(JOBS)
    started = time.perf_counter()
    runs: dict[tuple[str, str | None], Future] = {}
    for site in plan:
        dossier = Path(site["dossier"]).resolve() if site["dossier"] else None
        for notebook in site["notebooks"]:
            key = (str(Path(notebook).resolve()), None if dossier is None else str(dossier))
            runs[key] = pool.submit(execute_notebook, Path(notebook), dossier=dossier)
    counts: dict[tuple[str, str | None], int] = {}

    def executed(path, *, dossier=None, timeout=None):
        key = (str(Path(path).resolve()), None if dossier is None else str(Path(dossier)))
        nb = runs[key].result()  # raises the notebook's ReportError
        counts[key] = figure_outputs(nb)
        return copy.deepcopy(nb)

    build.execute_notebook = executed
    failed = False
    for site in plan:
        out = Path(site["out"])
        manifest = out.parent / f"{out.name}.json"
        try:
            pages = build_report(
                site["notebooks"],
                out,
                dossier=site["dossier"],
                progress=lambda line, name=site["name"]: print(f"{name}: {line}", flush=True),
                build_date=BUILD_DATE,
            )
        except Exception as exc:  # noqa: BLE001 -- reported to the tests through the manifest
            failed = True
            manifest.write_text(
                json.dumps(
                    {"error": f"{type(exc).__name__}: {exc}", "traceback": traceback.format_exc()}
                )
            )
            continue
        dossier = None if site["dossier"] is None else str(Path(site["dossier"]).resolve())
        manifest.write_text(
            json.dumps(
                {
                    "seconds": round(time.perf_counter() - started, 1),
                    "pages": [
                        {
                            "notebook": str(p.notebook),
                            "path": str(p.path),
                            "href": p.href,
                            "title": p.title,
                            "figure_count": p.figure_count,
                            "figure_outputs": counts[(str(p.notebook), dossier)],
                            "live_widgets": p.live_widgets,
                            "size": p.size,
                        }
                        for p in pages
                    ],
                },
                indent=1,
            )
        )
    pool.shutdown(wait=True, cancel_futures=True)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
