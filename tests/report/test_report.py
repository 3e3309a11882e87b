"""The static report: offline pages, plotly.js once, code hidden, small, reproducible, progress.

Most tests render notebooks whose outputs are written here by hand (no kernel, milliseconds);
the fixture notebooks in tests/fixtures/notebooks are executed once per session for the rest.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from html.parser import HTMLParser

import nbformat
import plotly.graph_objects as go
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
from plotly.offline import get_plotlyjs
from support.reports import FIRST_BUILD, FIXTURE_NOTEBOOKS, built_report, mini_dossier

from analysis.report import MAX_PAGE_BYTES, ReportError, build_report, render_page
from analysis.report import build as build_module
from analysis.report.execute import execute_notebook
from analysis.report.interactivity import controls_of
from analysis.report.render import FIGURE_MIME, WIDGET_MIME, network_loads, stable_ids

PLOTLYJS = get_plotlyjs()


def without_plotlyjs(html: str) -> str:
    return html.replace(PLOTLYJS, "")


class Scripts(HTMLParser):
    """Collect every <script> tag's attributes and the body's classes."""

    def __init__(self):
        super().__init__()
        self.scripts: list[dict[str, str | None]] = []
        self.body_classes: list[str] = []
        self.links: dict[str, str] = {}
        self._href: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script":
            self.scripts.append(attributes)
        elif tag == "body":
            self.body_classes = (attributes.get("class") or "").split()
        elif tag == "a":
            self._href = attributes.get("href")

    def handle_data(self, data):
        if self._href is not None and data.strip():
            self.links[self._href] = data.strip()
            self._href = None


def parse(html: str) -> Scripts:
    parser = Scripts()
    parser.feed(without_plotlyjs(html))
    return parser


def figure_output(fig: go.Figure):
    return new_output("display_data", data={FIGURE_MIME: json.loads(fig.to_json())})


def executed(*cells) -> nbformat.NotebookNode:
    """A notebook as papermill returns it: cells with their outputs."""
    nb = new_notebook(cells=list(cells), metadata={"language_info": {"name": "python"}})
    for number, cell in enumerate(nb.cells):
        cell.id = f"c{number}"
    return nb


def code(source: str, *outputs) -> nbformat.NotebookNode:
    cell = new_code_cell(source)
    cell.outputs = list(outputs)
    return cell


TIMELINE = go.Figure(
    [
        go.Scatter(x=["2024-06-19", "2025-01-17"], y=[1, 2], name="signing"),
        go.Scatter(x=["2024-12-04"], y=[1], name="entry into force"),
    ],
    layout=dict(
        title=dict(text="Events <b>over time</b>"), xaxis=dict(rangeslider=dict(visible=True))
    ),
)
BARS = go.Figure(
    [
        go.Bar(x=["a", "b"], y=[1, 2], name="all"),
        go.Bar(x=["a"], y=[1], name="some", visible=False),
    ],
    layout=dict(
        title=dict(text="Counts"),
        updatemenus=[
            dict(
                type="dropdown",
                buttons=[
                    dict(label="All", method="update", args=[{"visible": [True, False]}]),
                    dict(label="Some", method="update", args=[{"visible": [False, True]}]),
                ],
            )
        ],
    ),
)


def sample_notebook() -> nbformat.NotebookNode:
    widget = new_output(
        "execute_result",
        data={
            WIDGET_MIME: {
                "model_id": "0f3e6ad1-6a8a-4c5e-9a7e-3b6b0f0e2c11",
                "version_major": 2,
                "version_minor": 0,
            },
            "text/plain": "VBox(children=(Dropdown(...),))",
        },
        execution_count=4,
    )
    return executed(
        new_markdown_cell(
            "# The *pact* at a glance\n\nProse for readers: [next](classroom/c1-b.ipynb#Top), "
            "[elsewhere](../other/x.ipynb), [web](https://example.org/a.ipynb)."
        ),
        code("import plotly", new_output("stream", name="stderr", text="DeprecationWarning: x\n")),
        code("TIMELINE", figure_output(TIMELINE)),
        code("BARS", figure_output(BARS)),
        code("explore(dossier)", widget),
        code("print('done')", new_output("stream", name="stdout", text="done\n")),
    )


def test_a_page_has_plotlyjs_once_and_loads_nothing_from_the_network():
    html, content = render_page(sample_notebook(), name="01-glance")
    assert html.count(PLOTLYJS) == 1
    scripts = parse(html).scripts
    assert all("src" not in s for s in scripts), scripts
    # plotly.js, one per figure, the code toggle, the views' rules (JSON) and script
    assert len(scripts) == 1 + 2 + 1 + 2
    rest = without_plotlyjs(html).lower()
    for cdn in (
        "require.js",
        "require.min.js",
        "mathjax",
        "cdnjs",
        "unpkg",
        "jsdelivr",
        "embed-amd",
        "html-manager",
        "cdn.plot.ly",
    ):
        assert cdn not in rest, cdn
    assert network_loads(html) == []
    assert (content.title, len(content.figures), content.live_widgets) == (
        "The pact at a glance",
        2,
        1,
    )


def test_a_page_without_figures_carries_no_plotlyjs():
    html, content = render_page(executed(new_markdown_cell("# Notes")), name="notes")
    assert PLOTLYJS[:200] not in html and content.figures == []
    assert "This page has no interactive figures." in html


def test_figures_get_stable_ids_in_page_order_and_the_offline_config():
    html, _ = render_page(sample_notebook(), name="p")
    assert re.findall(r'<div class="plotly-graph-div" id="(figure-\d+)"', html) == [
        "figure-1",
        "figure-2",
    ]
    assert '"displaylogo": false' in html and "plotlyServerURL" not in without_plotlyjs(html)


def test_code_is_hidden_by_default_and_a_button_shows_it():
    hidden, _ = render_page(sample_notebook(), name="p")
    shown, _ = render_page(sample_notebook(), name="p", show_code=True)
    assert "report-hide-code" in parse(hidden).body_classes
    assert "report-hide-code" not in parse(shown).body_classes
    for html in (hidden, shown):
        assert '<button aria-pressed="false" id="report-code-toggle" type="button">' in html
        assert ".report-hide-code .jp-CodeCell .jp-Cell-inputWrapper" in html
        assert 'classList.toggle("report-hide-code")' in html
    assert "print" in hidden  # the code is in the page, only hidden by CSS


def test_widgets_become_a_note_and_warnings_are_dropped():
    html, _ = render_page(sample_notebook(), name="p")
    assert "Interactive controls need the live app: <code>make app</code>" in html
    assert "0f3e6ad1" not in html and WIDGET_MIME not in html
    assert "DeprecationWarning" not in without_plotlyjs(html)
    assert "done" in html


def test_the_banner_says_what_is_interactive():
    html, _ = render_page(sample_notebook(), name="p")
    banner = html[html.index('<aside aria-label="What is interactive') : html.index("</aside>")]
    assert "2 interactive figures" in banner
    assert "Legend: click an entry to hide or show it" in banner
    assert "Range slider: drag its handles under the time axis — in “Events over time”" in banner
    assert "Menus on “Counts”: <em>All</em>, <em>Some</em>." in banner
    assert "need Python: run <code>make app</code>" in banner


@pytest.mark.parametrize(
    "figure,expected",
    [
        pytest.param({"data": [{"name": "a"}]}, dict(legend=False), id="one trace, no legend"),
        pytest.param(
            {"data": [{"name": "a"}, {"name": "b"}], "layout": {"showlegend": False}},
            dict(legend=False),
            id="legend switched off",
        ),
        pytest.param(
            {"data": [{}], "layout": {"xaxis2": {"rangeslider": {}}}},
            dict(range_slider=True),
            id="range slider on a second axis",
        ),
        pytest.param(
            {
                "data": [],
                "layout": {
                    "updatemenus": [
                        {
                            "type": "buttons",
                            "buttons": [{"label": "<b>Iran</b>"}, {"label": "DPRK"}],
                        }
                    ]
                },
            },
            dict(buttons=("Iran", "DPRK"), dropdowns=()),
            id="buttons",
        ),
        pytest.param(
            {"data": [], "layout": {"sliders": [{"currentvalue": {"prefix": "As of: "}}]}},
            dict(sliders=("As of",)),
            id="as-of slider",
        ),
        pytest.param({"data": [], "frames": [{"name": "1"}]}, dict(animation=True), id="animation"),
    ],
)
def test_controls_read_from_a_figure(figure, expected):
    controls = controls_of(figure, 3)
    for name, value in expected.items():
        assert getattr(controls, name) == value, name
    assert controls.title == "figure 3"


def test_data_in_a_figure_title_is_escaped_in_the_banner():
    evil = go.Figure(
        go.Scatter(x=[1], y=[1]),
        layout=dict(
            title=dict(text="&lt;img src=x onerror=alert(1)&gt;"), sliders=[dict(steps=[])]
        ),
    )
    html, _ = render_page(executed(code("evil", figure_output(evil))), name="p")
    banner = html[html.index("<aside") : html.index("</aside>")]
    assert "<img" not in banner and "&lt;img src=x onerror=alert(1)&gt;" in banner


def test_random_ids_become_numbered():
    html = (
        '<table id="T_9f0ab"><td id="T_9f0ab_row0_col0">'
        '<div data-id="0f3e6ad1-6a8a-4c5e-9a7e-3b6b0f0e2c11"></div>'
        '<div data-id="0f3e6ad1-6a8a-4c5e-9a7e-3b6b0f0e2c11"></div></table>'
    )
    assert stable_ids(html) == (
        '<table id="T_t1"><td id="T_t1_row0_col0">'
        '<div data-id="id-1"></div><div data-id="id-1"></div></table>'
    )


# ---- the build, with execution replaced by ready-made notebooks (fast) ----


@pytest.fixture
def fake_execution(monkeypatch, tmp_path):
    """Notebooks 'a' and 'b' in tmp; executing one returns the sample notebook's outputs."""
    folder = tmp_path / "notebooks"
    (folder / "classroom").mkdir(parents=True)
    paths = [folder / "01-a.ipynb", folder / "classroom" / "c1-b.ipynb"]
    for path in paths:
        nbformat.write(new_notebook(), path)
    monkeypatch.setattr(
        build_module, "execute_notebook", lambda path, dossier, timeout: sample_notebook()
    )
    return paths


def build(paths, out, mini, **kwargs):
    lines: list[str] = []
    pages = build_report(paths, out, dossier=mini, progress=lines.append, **kwargs)
    return pages, lines


@pytest.fixture
def mini(tmp_path_factory):
    return mini_dossier(tmp_path_factory)


def test_the_build_prints_progress_and_writes_an_index(fake_execution, tmp_path, mini):
    pages, lines = build(fake_execution, tmp_path / "site", mini)
    assert lines[0] == f"dossier: mini ({mini})"
    assert lines[1] == "[1/2] executing 01-a.ipynb ..."
    assert re.fullmatch(
        r"\[1/2\] 01-a\.html: 2 figures, \d\.\d MB \(executed in \d+\.\d s, "
        r"rendered in \d+\.\d s\)",
        lines[2],
    ), lines[2]
    assert lines[3] == "[2/2] executing classroom/c1-b.ipynb ..."
    assert re.fullmatch(
        rf"wrote 2 pages and index\.html to {re.escape(str(tmp_path / 'site'))} "
        r"in \d+\.\d s",
        lines[-1],
    ), lines[-1]
    index = (tmp_path / "site" / "index.html").read_text()
    assert parse(index).links == {
        "01-a.html": "The pact at a glance",
        "classroom/c1-b.html": "The pact at a glance",
    }
    assert "<h2>Classroom</h2>" in index and PLOTLYJS[:200] not in index
    first = (tmp_path / "site" / "01-a.html").read_text()
    assert 'href="classroom/c1-b.html#Top"' in first  # a notebook in the build: its page
    assert 'href="../other/x.ipynb"' in first and 'href="https://example.org/a.ipynb"' in first
    nested = (tmp_path / "site" / "classroom" / "c1-b.html").read_text()
    assert '<a href="../index.html">All pages</a>' in nested
    assert [p.href for p in pages] == ["01-a.html", "classroom/c1-b.html"]


def test_two_builds_differ_only_in_the_build_date_line(fake_execution, tmp_path, mini):
    build(fake_execution, tmp_path / "one", mini, build_date=FIRST_BUILD)
    build(fake_execution, tmp_path / "two", mini, build_date=datetime(2027, 5, 6, tzinfo=UTC))
    for name in ("index.html", "01-a.html", "classroom/c1-b.html"):
        one = (tmp_path / "one" / name).read_text().splitlines()
        two = (tmp_path / "two" / name).read_text().splitlines()
        changed = [(a, b) for a, b in zip(one, two, strict=True) if a != b]
        assert changed == [
            (
                '<p class="report-build-date">Built 2026-01-02 03:04 UTC</p>',
                '<p class="report-build-date">Built 2027-05-06 00:00 UTC</p>',
            )
        ], name


def test_a_page_over_the_size_limit_fails_the_build_and_names_it(
    fake_execution, tmp_path, mini, monkeypatch
):
    monkeypatch.setattr(build_module, "MAX_PAGE_BYTES", 1_000_000)
    with pytest.raises(
        ReportError,
        match=r"^01-a\.html is \d\.\d\d MB, over the 1 MB limit for "
        r"a page \(2 figures\)",
    ):
        build(fake_execution, tmp_path / "site", mini)
    assert not (tmp_path / "site").exists() and not (tmp_path / ".site.building").exists()


def test_a_failed_build_keeps_the_previous_report(fake_execution, tmp_path, mini, monkeypatch):
    build(fake_execution, tmp_path / "site", mini)
    monkeypatch.setattr(build_module, "MAX_PAGE_BYTES", 10)
    with pytest.raises(ReportError):
        build(fake_execution, tmp_path / "site", mini)
    assert (tmp_path / "site" / "01-a.html").stat().st_size > 10


def test_the_build_will_not_replace_a_folder_that_is_not_a_report(fake_execution, tmp_path, mini):
    (tmp_path / "precious").mkdir()
    (tmp_path / "precious" / "thesis.txt").write_text("keep me")
    with pytest.raises(ReportError, match="is not empty and holds no report"):
        build(fake_execution, tmp_path / "precious", mini)
    assert (tmp_path / "precious" / "thesis.txt").read_text() == "keep me"


def test_a_hostile_dossier_title_stays_text_in_footers_and_the_index(fake_execution, tmp_path):
    from fixtures.hostile_payloads import live_markup
    from fixtures.make_hostile import HOSTILE_DIR

    build(fake_execution, tmp_path / "site", HOSTILE_DIR)
    page = (tmp_path / "site" / "01-a.html").read_text()
    footer = page[page.index("<footer") : page.index("</footer>")]
    index = (tmp_path / "site" / "index.html").read_text()
    body = index[index.index("<body") :]
    for html in (footer, body):
        assert live_markup(html) == []
        assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    assert "<script" not in index


# ---- executing notebooks (a kernel each: marked slow) ----


@pytest.mark.slow
def test_a_failing_cell_names_the_notebook_cell_and_error(tmp_path):
    path = tmp_path / "03-broken.ipynb"
    nbformat.write(
        new_notebook(
            cells=[new_code_cell("x = 1"), new_code_cell("raise ValueError('no such actor: XYZ')")],
            metadata={
                "kernelspec": {"name": "python3", "language": "python", "display_name": "Python 3"}
            },
        ),
        path,
    )
    with pytest.raises(
        ReportError,
        match=r"^03-broken\.ipynb failed in cell \[2\]: ValueError: "
        r"no such actor: XYZ$",
    ):
        execute_notebook(path)


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    return built_report(tmp_path_factory)


@pytest.mark.slow
def test_fixture_notebooks_build_with_their_figures_and_the_injected_dossier(
    report, tmp_path_factory
):
    report_dossier = mini_dossier(tmp_path_factory)
    out, pages, lines = report
    assert [(p.href, p.title, p.figure_count, p.live_widgets) for p in pages] == [
        ("01-figures.html", "Fixture: figures and a table", 2, 0),
        ("02-explorer.html", "Fixture: a live filter", 1, 2),
    ]
    first = (out / "01-figures.html").read_text()
    assert "3 statements in mini" in first  # DOSSIER was injected: the mini dossier was read
    injected = first[first.index('id="cell-id=injected-parameters"') :]
    assert str(report_dossier) in injected[: injected.index("</pre>")]
    assert [line.split(" ")[1] for line in lines if line.startswith("[")] == [
        "executing",
        "01-figures.html:",
        "executing",
        "02-explorer.html:",
    ]


@pytest.mark.slow
@pytest.mark.parametrize("name", ["01-figures.html", "02-explorer.html", "index.html"])
def test_built_pages_are_offline_and_under_the_size_limit(report, name):
    out, pages, _ = report
    html = (out / name).read_text()
    assert (out / name).stat().st_size < MAX_PAGE_BYTES
    assert html.count(PLOTLYJS) == (0 if name == "index.html" else 1)
    assert all("src" not in s for s in parse(html).scripts)
    assert network_loads(html) == []
    assert html.count("report-build-date") == 1


@pytest.mark.slow
def test_a_rebuild_from_the_same_dossier_is_identical_but_for_the_date(
    report, tmp_path, tmp_path_factory
):
    out, _, _ = report
    build_report(
        FIXTURE_NOTEBOOKS[:1],
        tmp_path / "again",
        dossier=mini_dossier(tmp_path_factory),
        progress=lambda line: None,
        build_date=datetime(2030, 1, 1, tzinfo=UTC),
    )
    one = (out / "01-figures.html").read_text().splitlines()
    two = (tmp_path / "again" / "01-figures.html").read_text().splitlines()
    assert [b for a, b in zip(one, two, strict=True) if a != b] == [
        '<p class="report-build-date">Built 2030-01-01 00:00 UTC</p>'
    ]


def test_the_command_line_builds_a_report(tmp_path, tmp_path_factory, capsys, monkeypatch):
    from analysis.report.__main__ import main

    monkeypatch.setattr(
        build_module, "execute_notebook", lambda path, dossier, timeout: sample_notebook()
    )
    notebook = tmp_path / "01-a.ipynb"
    nbformat.write(new_notebook(), notebook)
    code_ = main(
        [
            "--dossier",
            str(mini_dossier(tmp_path_factory)),
            "--out",
            str(tmp_path / "site"),
            "--show-code",
            str(notebook),
        ]
    )
    assert code_ == 0
    printed = capsys.readouterr().out
    assert "[1/1] executing 01-a.ipynb ..." in printed
    assert f"open {tmp_path / 'site' / 'index.html'}" in printed
    assert (
        "report-hide-code" not in parse((tmp_path / "site" / "01-a.html").read_text()).body_classes
    )


def test_the_command_line_reports_a_missing_notebook(tmp_path, capsys):
    from analysis.report.__main__ import main

    assert main(["--out", str(tmp_path / "site"), str(tmp_path / "nope.ipynb")]) == 1
    assert capsys.readouterr().err == f"error: no such notebook: {tmp_path / 'nope.ipynb'}\n"


def test_fixture_notebooks_are_stored_without_outputs():
    for path in FIXTURE_NOTEBOOKS:
        cells = nbformat.read(path, as_version=4).cells
        assert not any(c.get("outputs") for c in cells if c.cell_type == "code"), path
        tagged = [c for c in cells if "parameters" in c.metadata.get("tags", [])]
        assert len(tagged) == 1 and tagged[0].source.startswith("DOSSIER = None"), path


def test_live_only_notebooks_such_as_the_app_are_left_out_of_the_report(tmp_path):
    for name, meta in [("a.ipynb", {}), ("app.ipynb", {"analysis": {"report": False}})]:
        nb = new_notebook(cells=[new_markdown_cell("# T")])
        nb.metadata.update(meta)
        nbformat.write(nb, tmp_path / name)
    (tmp_path / "scratch").mkdir()
    nbformat.write(new_notebook(), tmp_path / "scratch" / "s.ipynb")
    assert build_module.default_notebooks(tmp_path) == [tmp_path / "a.ipynb"]
    bundled = [p.name for p in build_module.default_notebooks()]
    assert "app.ipynb" not in bundled and "02-timeline-explorer.ipynb" in bundled
