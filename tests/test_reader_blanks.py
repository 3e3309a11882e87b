"""Blanks reach readers as blanks: on dossiers whose every optional field is empty, no raw
``NaT``, ``NaN``, ``None`` or ``<NA>`` and no printed pandas Series (``dtype:``, ``Name:``)
appears in what a reader sees: reader tables (their HTML and their plain text), figures'
hovers, texts and labels, the narrative sentences, a report page's source list, and the
exports' human-readable text.

The one home of the rule is :func:`analysis.common.markup.text`, which every cell, hover and
sentence passes through: a missing value becomes an empty string (an empty cell, a hover line
left out). Reader tables write a missing value as an empty cell
(:func:`analysis.figures.tables.cell_html`).
"""

from __future__ import annotations

import csv
import shutil

import pytest
from support.outputs import raw_blanks

from analysis import evidence as E
from analysis import figures as F
from analysis import load_dossier
from analysis.cli import main
from analysis.common.paths import DATA_DIR, PROJECT_ROOT
from analysis.filtering import apply_filters
from analysis.report.sources import Citations, source_index
from analysis.schema import TABLES

STORIES = PROJECT_ROOT / "tests" / "fixtures" / "stories"
#: Optional fields that a row rule makes necessary on some rows (a statement that alleges names
#: its allegation; a signing names its partnership): kept, so that the dossier stays valid.
KEPT = {("statements", "allegation_ids"), ("events", "partnership_id")}


def _blanked(source, folder):
    """A copy of the dossier ``source`` with every optional field emptied (but :data:`KEPT`)."""
    shutil.copytree(source, folder)
    for table in TABLES:
        path = folder / table.filename
        if not path.is_file():
            continue
        with open(path, newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        if not rows:
            continue
        optional = {
            f.name
            for f in table.fields
            if not f.required and f.name != table.primary_key and (table.name, f.name) not in KEPT
        }
        for row in rows:
            row.update({k: "" for k in optional & set(row)})
        with open(path, "w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    return folder


@pytest.fixture(scope="module", params=["tri-pact", "quiet-accord", "russia-iran-2025"])
def blank(request, tmp_path_factory):
    source = (DATA_DIR if request.param.startswith("russia") else STORIES) / request.param
    folder = _blanked(source, tmp_path_factory.mktemp("blank") / request.param)
    dossier = load_dossier(folder)
    assert dossier.sources["published"].isna().all()
    assert dossier.statements["speaker_id"].isna().all()
    return dossier


def _strings(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, str):
        yield value


def _figure_text(fig) -> str:
    return "\n".join(_strings(fig.to_plotly_json()))


FIGURES = {
    "timeline": lambda d: F.timeline_figure(apply_filters(d)),
    "timeline by allegation": lambda d: F.timeline_figure(apply_filters(d), lanes="allegation"),
    "static timeline": lambda d: F.static_timeline_figure(d, steps=3),
    "static network": lambda d: F.static_network_figure(d, steps=3),
    "lifecycle": E.lifecycle_figure,
    "stances": E.stance_matrix_figure,
    "grades": E.grade_matrix_figure,
    "publishers": E.publisher_figure,
    "obligations": E.obligations_heatmap,
    "ach matrix": lambda d: E.ach_matrix_figure(E.ach_analysis(d)),
    "ach scores": lambda d: E.ach_scores_figure(E.ach_analysis(d)),
}

TABLES_SHOWN = {
    "records": lambda d: F.records_table(apply_filters(d)),
    "lifecycle": E.lifecycle_table,
    "allegations": E.allegation_summary,
    "obligations": E.obligations_table,
    "obligation cells": lambda d: E.obligation_matrix(d).tidy,
    "weak records": E.weak_records,
    "publisher claims": E.publisher_claims,
    "partnerships": lambda d: apply_filters(d).partnerships,
    "statements": lambda d: d.statements,
    "sources": lambda d: d.sources,
}


@pytest.mark.parametrize("name", FIGURES)
def test_figures_show_no_raw_blank(blank, name):
    assert raw_blanks(_figure_text(FIGURES[name](blank))) == []


def test_the_network_shows_no_raw_blank(blank):
    graph = F.build_graph(apply_filters(blank))
    assert raw_blanks(_figure_text(F.network_figure(graph, F.layout(graph)))) == []


@pytest.mark.parametrize("name", TABLES_SHOWN)
def test_reader_tables_show_no_raw_blank_in_html_or_plain_text(blank, name):
    table = F.reader_table(TABLES_SHOWN[name](blank))
    assert raw_blanks(table.html) == [], name
    assert raw_blanks(repr(table)) == [], name  # a notebook's text/plain output


def test_the_records_html_shows_no_raw_blank(blank):
    assert raw_blanks(F.records_html(F.records_table(apply_filters(blank)))) == []


def test_narrative_sentences_show_no_raw_blank(blank):
    prose = [E.focus_prose, E.partnerships_prose, E.allegations_prose, E.precedent_prose]
    for make in prose:
        said = make(blank)
        assert raw_blanks(said._repr_html_()) == [] and raw_blanks(str(said)) == [], make


def test_a_report_pages_source_list_shows_no_raw_blank(blank):
    citations = Citations(source_index(blank))
    citations.of_html(str(F.reader_table(blank.sources).html))  # a table citing every source
    listed = str(citations.list_html())
    assert raw_blanks(listed) == [] and listed.count("<li ") == len(blank.sources)


@pytest.mark.parametrize("fmt", ["gexf", "graphml", "timelinejs", "ftm", "csv"])
def test_exports_human_text_shows_no_raw_blank(blank, fmt, tmp_path):
    out = tmp_path / f"export-{fmt}"
    assert main(["export", "--format", fmt, "--dossier", str(blank.path), "--out", str(out)]) == 0
    files = [p for p in out.rglob("*") if p.is_file()] if out.is_dir() else [out]
    for path in files:
        assert raw_blanks(path.read_text(encoding="utf-8")) == [], path
