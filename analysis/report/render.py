"""Turn an executed notebook into one self-contained, offline HTML page.

nbconvert's ``lab`` template does the layout. The ``report-page.html.j2`` template on top of it
drops every script it would load from a CDN (require.js, MathJax, mermaid, the widget manager),
inlines plotly.js once in the page head when the page has figures, and adds the banner, the
show-code toggle and the footer. Before rendering, :func:`prepare_outputs` turns each plotly
figure output into a ``<div>`` with a stable id, and each ipywidgets output into a note.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import nbformat
import plotly.io as pio
from markupsafe import Markup
from nbconvert import HTMLExporter
from plotly.offline import get_plotlyjs
from traitlets.config import Config

from analysis.figures.datatables import SORTABLE_CLASS, bundle_script, split_bundle
from analysis.report.describe import describe_figure, figure_data_html
from analysis.report.errors import ReportError
from analysis.report.interactivity import PageControls, banner_html, controls_of
from analysis.report.sources import Citations
from analysis.report.views import config_script

__all__ = [
    "FIGURE_MIME",
    "WIDGET_MIME",
    "LIVE_APP_NOTE",
    "PLOT_CONFIG",
    "PLOTLYJS_FILE",
    "TEMPLATES",
    "PageContent",
    "prepare_outputs",
    "notebook_title",
    "render_page",
    "stable_ids",
    "network_loads",
]

FIGURE_MIME = "application/vnd.plotly.v1+json"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
TEMPLATES = Path(__file__).resolve().parent / "templates"

#: The file, next to ``index.html``, that the pages of a light site load plotly.js from.
PLOTLYJS_FILE = "plotly.min.js"

#: plotly.js options for every figure: no logo, resize with the page, PNG at twice the size.
PLOT_CONFIG = {
    "displaylogo": False,
    "responsive": True,
    "toImageButtonOptions": {"format": "png", "scale": 2},
}
#: Height of a figure whose layout sets none (plotly's own default is 450 px).
DEFAULT_HEIGHT = "480px"

#: What a reader sees in place of ipywidgets controls, which need a running kernel.
LIVE_APP_NOTE = Markup(
    '<div class="report-live-note" role="note">Interactive controls need the live app: '
    "<code>make app</code> (or open this notebook in JupyterLab with <code>make lab</code>)."
    "</div>"
)


@dataclass
class PageContent:
    """What :func:`prepare_outputs` found in a notebook."""

    title: str
    figures: list[PageControls] = field(default_factory=list)
    live_widgets: int = 0
    #: Whether a table on the page is sortable (the page then loads the DataTables bundle).
    sortable_tables: bool = False


def notebook_title(nb: nbformat.NotebookNode, fallback: str) -> str:
    """The text of the notebook's first markdown heading, else ``fallback``.

    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# *Who* signed")])
    >>> notebook_title(nb, "x")
    'Who signed'
    """
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        for line in cell.source.splitlines():
            match = re.match(r"^#{1,6}\s+(.+?)\s*#*\s*$", line)
            if match:
                text = re.sub(r"[*_`]|\[([^\]]*)\]\([^)]*\)", r"\1", match.group(1))
                return Markup(text).striptags() or fallback
    return fallback


def _figure_div(
    figure: Mapping, div_id: str, title: str, citations: Citations | None = None
) -> str:
    spec = {key: figure[key] for key in ("data", "layout", "frames") if key in figure}
    config = {**(figure.get("config") or {}), **PLOT_CONFIG}
    config.pop("plotlyServerURL", None)
    html = pio.to_html(
        spec,
        include_plotlyjs=False,
        full_html=False,
        div_id=div_id,
        config=config,
        validate=False,
        default_height=DEFAULT_HEIGHT,
    )
    described = Markup('<p class="report-figure-description" id="{}-description">{}</p>').format(
        div_id, describe_figure(figure, title)
    )
    cites = citations.caption(citations.of_figure(figure)) if citations is not None else ""
    return (
        f'<figure class="report-figure" aria-describedby="{div_id}-description">{html}'
        f"<figcaption>{described}{cites}</figcaption>{figure_data_html(figure, div_id)}"
        "</figure>"
    )


def prepare_outputs(
    nb: nbformat.NotebookNode, fallback_title: str, citations: Citations | None = None
) -> PageContent:
    """Rewrite ``nb``'s outputs in place for a static page; return what the page holds.

    * A plotly figure (its JSON output) becomes a ``<div id="figure-N">`` drawn by the page's
      one copy of plotly.js; figures are numbered in order, so ids are the same every build.
      It is shown with a description generated from its data, its data as a folded table and,
      given ``citations``, a caption numbering the sources it draws on.
    * A table that names its sources (``data-sources``) gets the same caption; the DataTables
      bundle that a sortable table carries is dropped (the page loads it once).
    * An ipywidgets output becomes :data:`LIVE_APP_NOTE`.
    * Standard-error streams (library warnings) are dropped.
    """
    content = PageContent(title=notebook_title(nb, fallback_title))
    nb.metadata["title"] = content.title
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        kept = []
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and output.get("name") == "stderr":
                continue
            data = output.get("data", {})
            if FIGURE_MIME in data:
                figure = data[FIGURE_MIME]
                number = len(content.figures) + 1
                controls = controls_of(figure, number)
                content.figures.append(controls)
                output["data"] = {
                    "text/html": _figure_div(figure, f"figure-{number}", controls.title, citations)
                }
            elif "text/html" in data and "reader-table" in _html_of(data):
                html, bundled = split_bundle(_html_of(data))
                content.sortable_tables |= bundled or SORTABLE_CLASS in html
                if citations is not None and "data-sources=" in html:
                    html += str(citations.caption(citations.of_html(html), "table"))
                output["data"] = {"text/html": html}
            elif WIDGET_MIME in data:
                content.live_widgets += 1
                output["data"] = {"text/html": str(LIVE_APP_NOTE)}
            output.get("metadata", {}).pop(FIGURE_MIME, None)
            kept.append(output)
        cell["outputs"] = kept
    return content


def _html_of(data: Mapping) -> str:
    html = data.get("text/html", "")
    return "".join(html) if isinstance(html, list) else str(html)


_UUID = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b")
_STYLER = re.compile(r'<table id="T_([0-9a-f]{5,})"')


def stable_ids(html: str) -> str:
    """Replace random ids (uuids, pandas Styler table ids) by ids numbered in page order.

    >>> stable_ids('<table id="T_ab12c"><td id="T_ab12c_row0_col0"></table>')
    '<table id="T_t1"><td id="T_t1_row0_col0"></table>'
    """
    for number, styler in enumerate(dict.fromkeys(_STYLER.findall(html)), start=1):
        html = html.replace(f"T_{styler}", f"T_t{number}")
    numbers: dict[str, str] = {}
    return _UUID.sub(lambda m: numbers.setdefault(m.group(0), f"id-{len(numbers) + 1}"), html)


# A script, stylesheet, frame or image fetched from the network, or a module imported from it.
_NETWORK = re.compile(
    r"""<(?:script|link|img|iframe|source|video|audio)\b[^>]*?\b(?:src|href)\s*=\s*["']?"""
    r"""(?:https?:)?//|\bimport\s*\(\s*["'](?:https?:)?//|@import\s+(?:url\()?["']?https?:""",
    re.IGNORECASE,
)


def network_loads(html: str) -> list[str]:
    """Every place where ``html`` would load something from the network (none is allowed).

    Links (``<a href>``) are fine: a reader follows them on purpose. plotly.js is skipped.

    >>> network_loads('<script src="https://cdn.example/require.js"></script><a href="https://x">')
    ['<script src="https://']
    """
    return [m.group(0) for m in _NETWORK.finditer(html.replace(get_plotlyjs(), ""))]


# Where plotly.js (and DataTables) go in the page head; filled in after the page is checked
# and its ids fixed.
_PLOTLYJS_SLOT = Markup("/* plotly.js */")
_TABLES_SLOT = Markup("/* reader tables */")


@cache
def _asset(name: str) -> Markup:
    return Markup((TEMPLATES / name).read_text(encoding="utf-8"))


@cache
def _exporter() -> HTMLExporter:
    config = Config(
        {
            "HTMLExporter": {
                "template_name": "lab",
                "template_file": "report-page.html.j2",
                "extra_template_paths": [str(TEMPLATES)],
                "theme": "light",
                "mathjax_url": "",
                "require_js_url": "",
                "widget_renderer_url": "",
                "embed_images": True,
            }
        }
    )
    return HTMLExporter(config=config)


def render_page(
    nb: nbformat.NotebookNode,
    *,
    name: str,
    show_code: bool = False,
    footer: str = "",
    plotlyjs_src: str | None = None,
    citations: Citations | None = None,
    tables_src: str | None = None,
) -> tuple[str, PageContent]:
    """Render an executed notebook as one offline page.

    Parameters
    ----------
    nb : the executed notebook (rewritten in place by :func:`prepare_outputs`).
    name : the page's name, used as the title when the notebook has no heading.
    show_code : show code cells when the page opens (a button on the page toggles them).
    footer : the page's footer as trusted HTML (see :func:`analysis.report.build.footer_html`).
    plotlyjs_src : a relative address of plotly.js (``"../plotly.min.js"``) for a page of a
        light site; ``None`` inlines plotly.js, so the page stands alone.
    tables_src : likewise for the DataTables bundle of sortable tables
        (:data:`analysis.figures.datatables.BUNDLE_FILE`).
    citations : the dossier's sources, to caption figures and tables with the sources they
        draw on and end the page with their numbered list; ``None`` leaves both out.

    Raises
    ------
    ReportError
        If the page would load anything from the network.
    """
    content = prepare_outputs(nb, name, citations)
    report = {
        "plotlyjs": _PLOTLYJS_SLOT if content.figures and plotlyjs_src is None else "",
        "plotlyjs_src": plotlyjs_src if content.figures else "",
        "tables": _TABLES_SLOT if content.sortable_tables and tables_src is None else "",
        "tables_src": tables_src if content.sortable_tables else "",
        "banner": banner_html(content.figures, content.live_widgets),
        "css": _asset("report.css"),
        "script": _asset("report.js"),
        "views_config": config_script(),
        "views_script": _asset("report-views.js"),
        "show_code": show_code,
        "footer": Markup(footer),
        "sources": citations.list_html() if citations is not None else "",
    }
    html, _ = _exporter().from_notebook_node(nb, resources={"report": report})
    html = stable_ids(html)
    loads = network_loads(html)
    if loads:
        raise ReportError(f"{name} would load from the network: {', '.join(loads[:3])}")
    if content.figures and plotlyjs_src is None:
        html = html.replace(_PLOTLYJS_SLOT, get_plotlyjs(), 1)
    if content.sortable_tables and tables_src is None:
        html = html.replace(_TABLES_SLOT, bundle_script(), 1)
    return html, content
