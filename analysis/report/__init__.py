"""Shared reports that work offline: notebooks executed against a dossier, as a static site.

``python -m analysis.report`` (what ``make report`` runs) executes every notebook with papermill
and writes ``build/report/index.html`` plus one page per notebook. Pages need no Python and no
network: plotly.js is inlined once per page, nothing comes from a CDN, figures keep plotly's own
controls, code is hidden behind a button, and a banner says what is interactive.

>>> from analysis.report import build_report, default_notebooks
>>> pages = build_report(default_notebooks(), "build/report")  # doctest: +SKIP
"""

from analysis.report.build import DEFAULT_OUT, MAX_PAGE_BYTES, Page, build_report, default_notebooks
from analysis.report.errors import ReportError
from analysis.report.execute import execute_notebook
from analysis.report.render import render_page

__all__ = [
    "DEFAULT_OUT",
    "MAX_PAGE_BYTES",
    "Page",
    "ReportError",
    "build_report",
    "default_notebooks",
    "execute_notebook",
    "render_page",
]
