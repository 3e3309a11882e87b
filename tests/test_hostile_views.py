"""Hostile text through every in-process view: the committed hostile dossier (a payload in every
text field, see ``tests/fixtures/hostile_payloads.py``) renders harmlessly in every plotly figure
builder, every HTML table, the explorer's widgets and every export.

* figures: no string of the figure JSON is live markup, no ``$`` (MathJax) and no ``%{`` outside
  the package's own hover and text templates, every tag is one plotly draws and every link is
  http(s); the escaped payloads are there, so nothing passes for want of text;
* HTML (records tables, the pandas tables the notebooks show, classroom blocks, the explorer's
  HTML widgets): only the expected tags, no ``on*`` attribute, http(s) links only;
* exports: XML is XML whose values are the data, TimelineJS strings are inert, CSV text cells
  that a spreadsheet would run get the documented apostrophe, FtM values are the data, and
  nothing is written outside the folder asked for.

The static timeline and network are checked in ``test_static_views.py``; browsers render the
hostile dossier in the browser tests.
"""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET
from html import unescape
from html.parser import HTMLParser

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go
import pytest
from fixtures.hostile_payloads import HOSTILE_URLS, PAYLOADS, live_markup
from fixtures.make_hostile import HOSTILE_DIR
from followthemoney import model

from analysis import allegation_status, explore, load_dossier
from analysis.classroom import EXERCISES, ask, check
from analysis.common import markup
from analysis.evidence.ach import ach_analysis
from analysis.evidence.ach.figures import (
    ach_matrix_figure,
    ach_scores_figure,
    regraded_scores_figure,
)
from analysis.evidence.allegations import allegation_summary, lifecycle_figure, lifecycle_table
from analysis.evidence.credibility import (
    grade_distribution,
    grade_matrix_figure,
    publisher_claims,
    publisher_figure,
    publisher_matrix,
    source_dependence,
    weak_records,
)
from analysis.evidence.stances import stance_matrix, stance_matrix_figure, stance_pivot
from analysis.evidence.treaties import obligation_matrix, obligations_heatmap, obligations_table
from analysis.exports import FORMATS, ExportError, export
from analysis.figures.network import build_graph, layout, network_figure, network_measures
from analysis.figures.records import records_html, records_table
from analysis.figures.tables import reader_table
from analysis.figures.timeline.figure import timeline_figure
from analysis.filtering.filters import Filters, apply_filters
from analysis.interactive.controls import actor_label
from analysis.interactive.live import live_figure
from analysis.interactive.plotly_view import PlotlyView, to_wire
from analysis.schema import TABLES

# Tags a table (records, pandas, classroom) may hold; the explorer adds its own headings.
TABLE_TAGS = frozenset("table thead tbody tr th td caption a style p b br div span".split())
EXPLORER_TAGS = TABLE_TAGS | {"i", "h3", "code"}
# The subset of HTML plotly draws in labels (plus <extra> of hover templates).
PLOTLY_TAGS = frozenset({"a", "b", "br", "em", "extra", "i", "span", "sub", "sup"})
# What only escaping makes of the payloads: the package writes none of it, and the raw
# html_entities payload ("&lt;script&gt;window.__pwned=1&lt;/script&gt; &amp; &#60;b&#62;") is
# told apart by what follows it.
ESCAPED = re.compile(
    r"&#34;|&#39;|&#36;|&#37;\{|&amp;lt;|html,&lt;|&lt;(?:img|svg|iframe|a href|/textarea|br)"
    r"|&lt;/script&gt;(?! &amp; &#60;b&#62;)"
)
SCRIPT = "&lt;script&gt;window.__pwned=1&lt;/script&gt;"  # markup.text(PAYLOADS["script"])
# Variables the package's hover and text templates may name.
PLOTLY_VARIABLE = re.compile(
    r"%\{(?:x|y|z|text|hovertext|fullData\.name|customdata(?:\[\d+\])?|meta(?:\[\d+\])?)"
    r"(?::[^}]*)?\}"
)
# docs/exports.md, "Spreadsheet safety": cells starting so get a leading apostrophe.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMULA_PAYLOADS = [n for n in PAYLOADS if n.startswith("formula_")]


@pytest.fixture(scope="module")
def hostile():
    """The committed hostile dossier, loaded once for the module."""
    return load_dossier(HOSTILE_DIR)


@pytest.fixture(scope="module")
def ach(hostile):
    return ach_analysis(hostile)


# --- parsing helpers ------------------------------------------------------------------------------


class Parsed(HTMLParser):
    """Start tags (with attributes), comments and declarations, and the text of style and
    script elements, as a browser's parser finds them in ``source``."""

    def __init__(self, source: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.other: list[str] = []
        self.raw_text: list[str] = []
        self.text: list[str] = []  # what a reader sees (entities decoded)
        self._raw = False
        self.feed(source)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._raw = tag in ("style", "script")

    def handle_endtag(self, tag):
        self._raw = False

    def handle_data(self, data):
        (self.raw_text if self._raw else self.text).append(data)

    def handle_comment(self, data):
        self.other.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.other.append(f"<!{decl}>")

    def unknown_decl(self, data):
        self.other.append(f"<![{data}]>")

    def handle_pi(self, data):
        self.other.append(f"<?{data}>")


def html_problems(source: str, allowed: frozenset[str], *, via_markup: bool = True) -> list[str]:
    """Everything in ``source`` that would make it more than inert text and plain links.

    HTML the package builds (``via_markup``) has its text from :func:`analysis.common.markup.text`:
    no :func:`live_markup` marker, no raw ``$`` or ``%{``. Pandas' tables are judged by the
    parse alone: pandas escapes ``<``, ``>`` and ``&`` but not quotes (inert in element text,
    but the marker ``onerror="``) nor ``$``."""
    found = []
    if via_markup:
        found += [f"live markup {m}" for m in live_markup(source)]
        found += [f"raw {c} in {source[:60]!r}" for c in ("$", "%{") if c in source]
    parsed = Parsed(source)
    found += [f"not a tag: {o[:60]}" for o in parsed.other]
    found += [f"data in style: {t[:60]}" for t in parsed.raw_text if "pwned" in t]
    for tag, attrs in parsed.tags:
        if tag not in allowed:
            found.append(f"<{tag}>")
        found += [f"<{tag} {name}=...>" for name in attrs if name.lower().startswith("on")]
        found += [
            f"<{tag} {name}={value[:40]}>"
            for name, value in attrs.items()
            if value and re.match(r"\s*(javascript|data|vbscript):", value, re.I)
        ]
        if tag == "a":
            href = attrs.get("href") or ""
            own = re.fullmatch(r"\?[\w.,:~+%=&-]*", href)  # the explorer's link to its view
            if not own and (not re.match(r"https?://", href) or markup.safe_url(href) != href):
                found.append(f"<a href={href[:60]}>")
            if attrs.get("target") == "_blank" and attrs.get("rel") != "noopener noreferrer":
                found.append(f"<a target=_blank rel={attrs.get('rel')}>")
    return found


def hrefs(source: str) -> list[str]:
    return [attrs["href"] for tag, attrs in Parsed(source).tags if tag == "a"]


def walk(value, path=()):
    """(path, string) of every string in a JSON value (a figure, a TimelineJS file)."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from walk(item, (*path, key))
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from walk(item, (*path, i))


def figure_strings(fig) -> list[tuple[tuple, str]]:
    """Every string of a figure as sent to a page (a live view: its state on the wire)."""
    if isinstance(fig, PlotlyView):
        return list(walk(json.loads(json.dumps(to_wire(fig.spec, [])))))
    return list(walk(json.loads(fig.to_json())))


def is_template(path: tuple) -> bool:
    return isinstance(path[-1], str) and path[-1].endswith("template")


def figure_problems(fig: go.Figure) -> list[str]:
    """Every string of ``fig`` that plotly would render as more than escaped text."""
    found = []
    for path, s in figure_strings(fig):
        where = "/".join(map(str, path))
        found += [f"{where}: {p}" for p in html_problems(s, PLOTLY_TAGS, via_markup=False)]
        found += [f"{where}: live markup {m}" for m in live_markup(s)]
        if "$" in s:
            found.append(f"{where}: $ (MathJax) in {s[:60]!r}")
        if is_template(path):
            if "%{" in PLOTLY_VARIABLE.sub("", s) or "pwned" in s:
                found.append(f"{where}: template {s[:60]!r}")
        elif "%{" in s:
            found.append(f"{where}: %{{ in {s[:60]!r}")
    return found


def body_and_title(fig: go.Figure) -> tuple[list[str], str]:
    """The figure's strings outside its title, and its title."""
    strings = figure_strings(fig)
    body = [s for path, s in strings if path[:2] != ("layout", "title")]
    return body, fig.layout.title.text or ""


def shows_escaped_data(strings: list[str]) -> bool:
    """Some escaped payload is in ``strings``, so their checks are not vacuous."""
    return any(ESCAPED.search(s) for s in strings)


# --- 1. plotly figures ----------------------------------------------------------------------------


def _network(d, **options):
    graph = build_graph(apply_filters(d))
    return network_figure(graph, layout(graph), title=d.title, **options)


def _regraded(d, _ach):
    return regraded_scores_figure(d, source_id="src-a", grade="E")


# id -> (builder of (dossier, ach), the hostile title is passed, dossier text is drawn)
FIGURES = {
    "timeline": (lambda d, a: timeline_figure(apply_filters(d), title=d.title), True, True),
    "timeline-by-allegation-and-status": (
        lambda d, a: timeline_figure(
            apply_filters(d), lanes="allegation", colour_by="status", title=d.title
        ),
        True,
        True,
    ),
    # counts per period and kind: the title is its one string from the dossier
    "timeline-aggregated": (
        lambda d, a: timeline_figure(apply_filters(d), max_marks=1, title=d.title),
        True,
        False,
    ),
    "timeline-no-records": (
        lambda d, a: timeline_figure(apply_filters(d, Filters(record_kinds=())), title=d.title),
        True,
        True,
    ),
    "network": (lambda d, a: _network(d), True, True),
    "network-by-bloc-highlighted": (
        lambda d, a: _network(d, colour_by="bloc", size_by="betweenness", highlight=["peskov"]),
        True,
        True,
    ),
    "network-pruned": (
        lambda d, a: _network(d, max_nodes=2, max_edges=1, highlight=["KOR"]),
        True,
        True,
    ),
    "lifecycle": (lambda d, a: lifecycle_figure(d, title=d.title), True, True),
    "lifecycle-as-of": (
        lambda d, a: lifecycle_figure(d, as_of="2024-10-10", title=d.title),
        True,
        True,
    ),
    "stance-matrix": (lambda d, a: stance_matrix_figure(d, title=d.title), True, True),
    "obligations-heatmap": (lambda d, a: obligations_heatmap(d, title=d.title), True, True),
    "obligations-heatmap-uncoded": (
        lambda d, a: obligations_heatmap(d, min_reliability="A", title=d.title),
        True,
        True,
    ),
    "publisher": (lambda d, a: publisher_figure(d, title=d.title), True, True),
    # grades and counts only: the title is its one string from the dossier
    "grade-matrix": (lambda d, a: grade_matrix_figure(d, title=d.title), True, False),
    "ach-matrix": (lambda d, a: ach_matrix_figure(a, title=d.title), True, True),
    "ach-scores": (lambda d, a: ach_scores_figure(a, title=d.title), True, True),
    "ach-regraded": (_regraded, False, True),
}


@pytest.mark.parametrize("name", list(FIGURES))
def test_figure_shows_hostile_text_as_escaped_text(hostile, ach, name):
    build, titled, draws_data = FIGURES[name]
    fig = build(hostile, ach)
    assert figure_problems(fig) == []
    body, title = body_and_title(fig)
    if titled:
        assert SCRIPT in title and "&#36;\\href" in title
    if draws_data:
        assert shows_escaped_data(body), "no escaped dossier text reached the figure"


def test_live_figure_redraws_stay_inert(hostile):
    grade = widgets.Dropdown(options=list("FEDCBA"), value="F")
    live = live_figure(
        obligations_heatmap, {"min_reliability": grade}, dossier=hostile, title=hostile.title
    )
    for value in ("A", "F"):
        grade.value = value
        assert figure_problems(live.figure) == []
        assert SCRIPT in live.figure.layout.title.text
    assert shows_escaped_data(body_and_title(live.figure)[0])


def test_ach_of_a_single_hypothesis_says_there_is_nothing_to_weigh(ach):
    (only,) = ach.scores.index
    assert ach.statement.startswith(
        f"No assessment: ACH weighs hypotheses against each other, and the dossier holds only "
        f"one, {only} ("
    )
    assert ach.statement.endswith("). Add at least one competing hypothesis.")


# --- 2. HTML tables -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "options",
    [{}, {"limit": 2}, {"columns": ["who", "summary", "publishers", "sources"]}],
    ids=["all", "latest-2", "columns"],
)
def test_records_html_is_inert(hostile, options):
    options = dict(options)
    columns = options.pop("columns", None)
    table = records_table(apply_filters(hostile), **options)
    out = records_html(table, columns=columns)
    assert html_problems(out, TABLE_TAGS) == []
    assert shows_escaped_data([out])
    links = hrefs(out)
    assert links and set(links) <= set(HOSTILE_URLS)


def test_records_html_of_no_records_is_inert(hostile):
    out = records_html(records_table(apply_filters(hostile, Filters(record_kinds=()))))
    assert html_problems(out, TABLE_TAGS) == []
    assert [tag for tag, _ in Parsed(out).tags] == ["p", "b"]


# The DataFrames the notebooks show (Jupyter renders them with DataFrame._repr_html_).
SHOWN_TABLES = {
    **{f"dossier.{t.name}": (lambda d, name=t.name: d.table(name)) for t in TABLES},
    "partnerships-kept": lambda d: apply_filters(d).partnerships,
    "allegation-status": lambda d: d.allegations.set_index("allegation_id").join(
        allegation_status(d.allegations, d.statements)
    ),
    "lifecycle_table": lambda d: lifecycle_table(d),
    "allegation_summary": lambda d: allegation_summary(d),
    "obligations_table": lambda d: obligations_table(d),
    "obligation_matrix.tidy": lambda d: obligation_matrix(d).tidy,
    "stance_matrix": lambda d: stance_matrix(d),
    "stance_pivot": lambda d: stance_pivot(stance_matrix(d), "denies"),
    "publisher_matrix": lambda d: publisher_matrix(d),
    "publisher_claims": lambda d: publisher_claims(d),
    "weak_records": lambda d: weak_records(d),
    "records_table": lambda d: records_table(apply_filters(d)),
    "network_measures": lambda d: network_measures(build_graph(apply_filters(d))),
    "source_dependence": lambda d: source_dependence(d),
    "grade_distribution": lambda d: grade_distribution(d),
}
NO_TEXT = {
    "obligations_table",
    "stance_matrix",
    "stance_pivot",
    "allegation_summary",
    "network_measures",
    "source_dependence",
    "grade_distribution",
    "dossier.ach_ratings",
}


@pytest.mark.parametrize("name", list(SHOWN_TABLES))
def test_tables_the_notebooks_show_are_inert(hostile, name):
    frame = SHOWN_TABLES[name](hostile)
    out = frame._repr_html_()
    assert html_problems(out, TABLE_TAGS, via_markup=False) == []
    if name not in NO_TEXT:
        assert shows_escaped_data([out]), "no escaped dossier text reached the table"


@pytest.mark.parametrize("name", list(SHOWN_TABLES))
def test_reader_tables_of_what_the_notebooks_show_are_inert(hostile, name):
    table = reader_table(SHOWN_TABLES[name](hostile))
    assert html_problems(table.html, TABLE_TAGS) == []
    if name not in NO_TEXT:
        assert shows_escaped_data([table.html]), "no escaped dossier text reached the table"


@pytest.mark.parametrize("exercise", [e.id for e in EXERCISES])
def test_classroom_questions_and_feedback_are_inert(hostile, exercise):
    question = ask(exercise, hostile)._repr_html_()
    shown = [question] + [
        check(exercise, answer, hostile)._repr_html_()
        for answer in (PAYLOADS["script"], PAYLOADS["img_onerror"], None)
    ]
    for out in shown:
        assert html_problems(out, TABLE_TAGS) == []
    # the reader sees the dossier's text as it is typed (bidirectional controls as marks)
    seen = "".join(Parsed(question).text)
    template = next(e.question for e in EXERCISES if e.id == exercise)
    if "{partnership}" in template or "{comparison}" in template:
        short = hostile.partnerships.at[0, "short_name"]
        assert unescape(str(markup.text(short, limit=None))) in seen
    if "allegation}" in template:
        assert PAYLOADS["script"] in seen


# --- 3. the explorer ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shared_explorer(hostile):
    return explore(hostile)


@pytest.fixture
def explorer(shared_explorer):
    """The module's explorer, back at its defaults after each test."""
    yield shared_explorer
    shared_explorer.select_node(None)
    shared_explorer.reset()


def widget_tree(widget: widgets.Widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from widget_tree(child)


def html_widgets(ex) -> list[widgets.HTML]:
    return [w for w in widget_tree(ex.widget) if isinstance(w, widgets.HTML)]


def assert_explorer_inert(ex) -> None:
    for w in html_widgets(ex):
        assert html_problems(w.value, EXPLORER_TAGS) == [], w.value[:200]
    for fw in (ex.timeline, ex.network):
        assert figure_problems(fw) == []


def test_explorer_shows_hostile_text_as_text(explorer):
    assert_explorer_inert(explorer)
    values = [w.value for w in html_widgets(explorer)]
    assert any(v.startswith(f"<h3>{SCRIPT}") for v in values)  # the dossier's title
    assert shows_escaped_data([explorer.table_html.value])  # the records table
    assert explorer.table_html in html_widgets(explorer)
    assert explorer.detail in html_widgets(explorer)
    assert explorer.summary in html_widgets(explorer)
    body, title = body_and_title(explorer.timeline)
    assert title.startswith(f"Timeline of {SCRIPT}")
    assert shows_escaped_data(body)
    assert shows_escaped_data(body_and_title(explorer.network)[0])


RECORDS = ["st-1", "st-2", "st-3", "ev-sign", "ev-force"]


@pytest.mark.parametrize("record_id", RECORDS)
def test_explorer_detail_of_each_record_is_inert(hostile, explorer, record_id):
    explorer.show_record(record_id)
    detail = explorer.detail.value
    assert html_problems(detail, EXPLORER_TAGS) == []
    rows = pd.concat(
        [hostile.statements.set_index("statement_id"), hostile.events.set_index("event_id")]
    )
    summary = rows.at[record_id, "summary"]
    assert str(markup.text(summary, limit=2000)) in detail
    cited = hostile.sources.set_index("source_id").loc[list(rows.at[record_id, "source_ids"])]
    assert hrefs(detail) == list(cited["url"])


def test_explorer_detail_of_an_unknown_record_is_inert(explorer):
    explorer.show_record(PAYLOADS["script"])
    assert html_problems(explorer.detail.value, EXPLORER_TAGS) == []
    assert explorer.detail.value == f"No record {SCRIPT}"


@pytest.mark.parametrize("actor_id", ["RUS", "PRK", "KOR", "peskov"])
def test_explorer_focused_on_each_actor_is_inert(hostile, explorer, actor_id):
    explorer.select_node(actor_id)
    assert_explorer_inert(explorer)
    name = hostile.actors.set_index("actor_id").at[actor_id, "name"]
    assert explorer.summary.value.endswith(f"focus: {markup.text(name)}")
    assert explorer.timeline.layout.title.text.endswith(f"focused on {markup.text(name)}")


def test_explorer_with_no_records_is_inert(explorer):
    explorer.controls.record_kinds.value = ()
    assert explorer.view.n_records == 0
    assert_explorer_inert(explorer)
    assert explorer.summary.value.startswith("<b>No records match these filters</b>")


def test_explorer_option_labels_are_the_plain_text_of_the_data(hostile, explorer):
    """ipywidgets shows option labels as text (never as HTML), so the controls hand them the
    data as it is: escaping them would show ``&lt;`` to the reader."""
    c = explorer.controls
    expected = {
        actor_id: actor_label(name, actor_id)
        for actor_id, name in zip(hostile.actors["actor_id"], hostile.actors["name"], strict=True)
    }
    assert dict((v, k) for k, v in c.actors.options) == expected
    for dropdown in (c.neighbourhood, c.focus):
        assert dict((v, k) for k, v in dropdown.options) == {"": "(none)", **expected}
    assert "<script>" in expected["peskov"] and "$\\href" in expected["peskov"]
    for w in widget_tree(explorer.widget):  # descriptions are text too
        assert not getattr(w, "description_allow_html", False), w


# --- 4. exports -----------------------------------------------------------------------------------


def _xml_values(root: ET.Element) -> set[str]:
    values = set()
    for element in root.iter():
        values |= set(element.attrib.values())
        if element.text and element.text.strip():
            values.add(element.text)
    return values


XML_NAMESPACES = {
    "gexf": "{http://www.gexf.net/1.2draft}",
    "graphml": "{http://graphml.graphdrawing.org/xmlns}",
}


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_graph_export_is_xml_whose_values_are_the_data(hostile, tmp_path, fmt):
    path = tmp_path / f"hostile.{fmt}"
    export(hostile, fmt, path)
    root = ET.parse(path).getroot()  # well-formed
    assert {e.tag for e in root.iter() if not e.tag.startswith(XML_NAMESPACES[fmt])} == set()
    values = _xml_values(root)
    texts = [hostile.title]
    texts += list(hostile.actors["name"]) + list(hostile.actors["role"].dropna())
    texts += list(hostile.allegations["proposition"]) + list(hostile.partnerships["short_name"])
    if fmt == "graphml":
        # GraphML keeps values as element text, where XML reads any line end as "\n" (XML 1.0,
        # 2.11) and ElementTree writes "\r" raw; GEXF keeps them in attributes, escaped.
        texts = [t.replace("\r\n", "\n").replace("\r", "\n") for t in texts]
    assert [t[:60] for t in texts if t not in values] == []
    assert any(PAYLOADS["script"] in v for v in values)  # as text, escaped by the XML layer


def test_timelinejs_export_is_inert(hostile, tmp_path):
    path = tmp_path / "hostile.json"
    export(hostile, "timelinejs", path)
    data = json.loads(path.read_text(encoding="utf-8"))
    strings = [s for _, s in walk(data)]
    for s in strings:
        assert html_problems(s, TABLE_TAGS) == [], s[:80]
    assert shows_escaped_data(strings)
    media = [slide["media"]["url"] for slide in data["events"] if "media" in slide]
    assert media and set(media) <= set(HOSTILE_URLS)
    links = [h for s in strings for h in hrefs(s)]
    assert links and set(links) <= set(HOSTILE_URLS)


def test_csv_export_neutralises_every_formula_cell(hostile, tmp_path):
    folder = tmp_path / "tables"
    export(hostile, "csv", folder)
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    limits = {
        (r["name"], f["name"]): f.get("constraints", {}).get("maxLength")
        for r in package["resources"]
        for f in r["schema"]["fields"]
    }
    neutralised = set()
    for t in TABLES:
        with open(folder / t.filename, newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        frame = hostile.table(t.name)
        assert len(rows) == len(frame)
        for row in rows:
            bad = {k: v[:40] for k, v in row.items() if v.startswith(FORMULA_STARTS)}
            assert bad == {}, t.name
        for f in (f for f in t.fields if f.type == "text"):
            for i, (row, value) in enumerate(zip(rows, frame[f.name], strict=True)):
                value = value if isinstance(value, str) else ""
                cell = row[f.name]
                if value.startswith(FORMULA_STARTS):
                    assert cell == "'" + value, (t.name, f.name, i)
                    neutralised.add(value)
                else:
                    assert cell == value, (t.name, f.name, i)
                limit = limits[(t.name, f.name)]
                assert limit is None or len(cell) <= limit, (t.name, f.name, i)
    assert {PAYLOADS[n] for n in FORMULA_PAYLOADS} <= neutralised
    assert package["title"] == hostile.title  # JSON holds the data as it is
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert live_markup(readme) == [] and readme.startswith(f"# {SCRIPT}")


def test_ftm_export_values_are_the_data(hostile, tmp_path):
    path = tmp_path / "hostile.ftm.json"
    export(hostile, "ftm", path)
    entities = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    articles = {e["id"]: e["properties"] for e in entities if e["schema"] == "Article"}
    schema = model.get("Article")
    for source in hostile.sources.to_dict("records"):
        props = articles[source["source_id"]]
        for field, prop in (
            ("title", "title"),
            ("publisher", "publisher"),
            ("url", "sourceUrl"),
            ("notes", "notes"),
        ):
            if isinstance(source[field], str):  # as FtM's own type cleans it (zero-widths go)
                assert props[prop] == [schema.get(prop).type.clean(source[field])], field
    assert articles["src-a"]["publisher"] == [PAYLOADS["script"]]  # not escaped: data, not HTML


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_exports_write_only_where_asked(hostile, tmp_path, fmt):
    before = {p.name: p.read_bytes() for p in HOSTILE_DIR.iterdir()}
    out = tmp_path / "out" / ("tables" if fmt == "csv" else f"hostile.{fmt}")
    result = export(hostile, fmt, out)
    written = {p for p in tmp_path.rglob("*") if p.is_file()}
    assert written == {p.resolve() for p in result.paths} == set(result.paths)
    assert all(tmp_path in p.parents for p in written)
    with pytest.raises(ExportError, match="holds dossier data"):
        export(hostile, fmt, HOSTILE_DIR / ("tables" if fmt == "csv" else f"x.{fmt}"))
    assert {p.name: p.read_bytes() for p in HOSTILE_DIR.iterdir()} == before
