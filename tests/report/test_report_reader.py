"""Reports for readers: light and single-file sites, figure descriptions, figure data, sources.

Pages are rendered from notebooks whose outputs are written here (no kernel), against the
conftest's mini dossier and the hostile dossier.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import nbformat
import plotly.graph_objects as go
import pytest
from fixtures.make_hostile import HOSTILE_DIR
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
from plotly.offline import get_plotlyjs
from support.reports import mini_dossier

from analysis import load_dossier
from analysis.report import build as build_module
from analysis.report import build_report, render_page
from analysis.report.build import mode_note, site_bytes
from analysis.report.describe import describe_figure, figure_data_html
from analysis.report.render import FIGURE_MIME, PLOTLYJS_FILE
from analysis.report.sources import Citations, source_index

PLOTLYJS = get_plotlyjs()


class Tags(HTMLParser):
    """Every start tag in some HTML, with its attributes."""

    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))


def figure_output(fig: go.Figure):
    return new_output("display_data", data={FIGURE_MIME: json.loads(fig.to_json())})


def notebook(*figures: go.Figure) -> nbformat.NotebookNode:
    cells = [new_markdown_cell("# Glance")]
    for number, fig in enumerate(figures):
        cell = new_code_cell(f"fig{number}")
        cell.outputs = [figure_output(fig)]
        cells.append(cell)
    nb = new_notebook(cells=cells, metadata={"language_info": {"name": "python"}})
    for number, cell in enumerate(nb.cells):
        cell.id = f"c{number}"
    return nb


#: Two statements of the mini dossier, drawn with their record ids as customdata.
STATEMENTS = go.Figure(
    [
        go.Scatter(
            x=["2024-10-10", "2025-04-26"],
            y=["RUS", "RUS"],
            name="statements",
            customdata=["st-2", "st-3"],
        )
    ],
    layout={"title": {"text": "Who said what"}},
)
HEATMAP = go.Figure(
    go.Heatmap(z=[[1, None], [2, 3]], x=["mutual_defence", "other"], y=["pt-x", "pt-y"]),
    layout={"title": {"text": "Obliges"}, "yaxis": {"tickvals": ["pt-x"], "ticktext": ["X 2024"]}},
)


@pytest.fixture
def mini(tmp_path_factory):
    return mini_dossier(tmp_path_factory)


@pytest.fixture
def fake_execution(monkeypatch, tmp_path):
    folder = tmp_path / "notebooks"
    (folder / "classroom").mkdir(parents=True)
    paths = [folder / "01-a.ipynb", folder / "classroom" / "c1-b.ipynb", folder / "02-c.ipynb"]
    for path in paths:
        nbformat.write(new_notebook(), path)
    outputs = {"01-a": notebook(STATEMENTS), "c1-b": notebook(HEATMAP), "02-c": notebook()}
    monkeypatch.setattr(
        build_module,
        "execute_notebook",
        lambda path, dossier, timeout: outputs[path.stem],
    )
    return paths


def test_a_light_site_has_one_plotlyjs_file_that_pages_with_figures_load(
    fake_execution, tmp_path, mini
):
    lines: list[str] = []
    build_report(
        fake_execution, tmp_path / "site", dossier=mini, single_file=False, progress=lines.append
    )
    site = tmp_path / "site"
    assert (site / PLOTLYJS_FILE).read_text() == PLOTLYJS
    top, nested, empty = (
        (site / n).read_text() for n in ("01-a.html", "classroom/c1-b.html", "02-c.html")
    )
    assert PLOTLYJS[:2000] not in top + nested + empty
    assert re.search(rf'<script [^>]*src="{PLOTLYJS_FILE}"', top)
    assert re.search(rf'<script [^>]*src="\.\./{PLOTLYJS_FILE}"', nested)
    assert PLOTLYJS_FILE not in empty  # a page without figures loads no plotly.js
    assert lines[-2] == f"mode: {mode_note(False)}; {site_bytes(site) / 1e6:.1f} MB in all"
    assert "share one copy of plotly.js" in (site / "index.html").read_text()
    assert site_bytes(site) < len(PLOTLYJS) + 1_000_000


def test_a_single_file_site_inlines_plotlyjs_and_writes_no_shared_file(
    fake_execution, tmp_path, mini
):
    lines: list[str] = []
    build_report(
        fake_execution, tmp_path / "site", dossier=mini, single_file=True, progress=lines.append
    )
    site = tmp_path / "site"
    assert not (site / PLOTLYJS_FILE).exists()
    assert (site / "01-a.html").read_text().count(PLOTLYJS) == 1
    assert lines[-2].startswith("mode: single-file site: every page embeds plotly.js")
    assert "Each page is self-contained" in (site / "index.html").read_text()


def test_the_size_limit_counts_the_shared_plotlyjs(fake_execution, tmp_path, mini, monkeypatch):
    monkeypatch.setattr(build_module, "MAX_PAGE_BYTES", 1_000_000)
    with pytest.raises(build_module.ReportError, match=r"counting the plotly\.min\.js it loads"):
        build_report(
            fake_execution,
            tmp_path / "site",
            dossier=mini,
            single_file=False,
            progress=lambda line: None,
        )


def test_a_scatter_description_counts_marks_per_series_and_gives_the_time_span():
    fig = json.loads(STATEMENTS.to_json())
    assert describe_figure(fig, "Who said what") == (
        "Who said what: 2 marks in 1 series: statements (2). "
        "Time axis from 10 Oct 2024 to 26 Apr 2025."
    )


def test_a_heatmap_description_names_rows_by_their_tick_labels_and_counts_cells():
    fig = json.loads(HEATMAP.to_json())
    assert describe_figure(fig, "Obliges") == (
        "Obliges: Heatmap of 2 rows (X 2024, pt-y) by 2 columns (mutual defence, other); "
        "3 of 4 cells hold a value."
    )


def test_a_bar_description_names_the_largest_bars():
    fig = json.loads(go.Figure(go.Bar(x=["A", "B", "C"], y=[3, 9, 1], name="grades")).to_json())
    assert describe_figure(fig, "Grades") == (
        "Grades: 3 marks in 1 series: grades (3). Largest bars: B 9, A 3, C 1."
    )


def test_the_figure_data_table_lists_each_point_with_its_series():
    html = str(figure_data_html(json.loads(STATEMENTS.to_json()), "figure-1"))
    rows = re.findall(r"<tr>(.*?)</tr>", html)
    assert rows[0].count('<th scope="col">') == 4
    assert rows[1:] == [
        "<td>statements</td><td>10 Oct 2024</td><td>RUS</td><td></td>",
        "<td>statements</td><td>26 Apr 2025</td><td>RUS</td><td></td>",
    ]
    assert "(2 rows)" in html


def test_citations_number_sources_in_order_of_first_use_and_list_them(mini):
    citations = Citations(source_index(load_dossier(mini)))
    numbers = citations.of_figure(json.loads(STATEMENTS.to_json()))
    assert numbers == [1, 2]
    assert list(citations.numbers) == ["src-b", "src-a"]  # st-2 cites src-b, st-3 src-a
    caption = str(citations.caption(numbers))
    assert caption == (
        '<p class="report-cites">Sources of this figure: <a href="#source-1">[1]</a>–'
        '<a href="#source-2">[2]</a>.</p>'
    )
    listed = str(citations.list_html())
    items = re.findall(r'<li id="source-(\d)" value="\d">(.*?)</li>', listed)
    assert [n for n, _ in items] == ["1", "2"]
    assert "Kremlin dismisses reports" in items[0][1] and "reliability D" in items[0][1]
    assert '<a href="https://www.nknews.org/' in items[1][1] and "26 Apr 2025" in items[1][1]


def test_layout_meta_source_ids_are_cited_even_without_record_ids_in_the_traces(mini):
    citations = Citations(source_index(load_dossier(mini)))
    fig = go.Figure(go.Bar(x=["a"], y=[1]), layout={"meta": {"source_ids": ["src-a"]}})
    assert citations.of_figure(json.loads(fig.to_json())) == [1]
    assert citations.of_figure({"data": [{"type": "bar", "x": ["nothing"]}]}) == []
    assert "cites no source record" in str(citations.caption([]))


def test_a_page_describes_each_figure_and_ends_with_its_sources(mini):
    citations = Citations(source_index(load_dossier(mini)))
    html, _ = render_page(notebook(STATEMENTS, HEATMAP), name="glance", citations=citations)
    assert len(re.findall(r'<figure aria-describedby="figure-\d-description"', html)) == 2
    assert 'id="figure-1-description">Who said what: 2 marks' in html
    assert 'id="figure-2-description">Obliges: Heatmap of 2 rows' in html
    assert html.index('id="report-sources-heading"') > html.index('id="figure-2-data"')
    assert html.count('<li id="source-') == 2


def test_hostile_sources_and_figure_text_stay_text_on_a_page():
    dossier = load_dossier(HOSTILE_DIR)
    citations = Citations(source_index(dossier))
    citations.of_figure({"data": [{"x": list(dossier.sources["source_id"])}]})
    names = list(dossier.sources["title"].astype(str))[:3]
    fig = go.Figure(go.Scatter(x=[1, 2, 3], y=[1, 2, 3], name=names[0], text=names))
    html, _ = render_page(notebook(fig), name="hostile", citations=citations)
    ours = html[html.index('<p class="report-figure-description"') : html.index("</main>")]
    tags = Tags()
    tags.feed(ours)
    assert {tag for tag, _ in tags.found} <= {
        "p", "a", "figure", "figcaption", "details", "summary", "div", "table", "thead",
        "tbody", "tr", "th", "td", "section", "h2", "ol", "li", "span", "cite", "code",
    }  # fmt: skip
    assert all(not name.startswith("on") for _, attrs in tags.found for name, _ in attrs)
    hrefs = [v for tag, attrs in tags.found if tag == "a" for n, v in attrs if n == "href"]
    assert hrefs and all(h.startswith(("https://", "http://", "#source-")) for h in hrefs)
    assert "&lt;script&gt;" in ours  # the payloads are there, as text


def test_the_print_stylesheet_hides_controls_and_prints_link_addresses(mini):
    html, _ = render_page(notebook(STATEMENTS), name="glance")
    css = html[html.index("@media print") :]
    assert ".report-banner" in css and ".modebar-container" in css
    assert 'a[href^="http"]::after { content: " <" attr(href) ">"' in css
    assert 'matchMedia("print").addEventListener("change", fit)' in html
