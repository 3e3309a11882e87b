"""Treaty articles read the same in every view: one rule, :func:`analysis.common.cite_articles`.

An obligation cell's articles are data (``"5; 6"``, the dossier's list form); the obligations
table's labels, the heatmap's text and hovers, reader tables of the matrix and of the
comparison, and the ACH evidence list all cite them as ``Art. 5, 6``.
"""

from __future__ import annotations

import pytest

from analysis.common import cite_articles
from analysis.evidence import (
    compare_obligations,
    obligation_matrix,
    obligations_heatmap,
    obligations_table,
)
from analysis.evidence.ach.scoring import ach_evidence
from analysis.figures import reader_table


@pytest.mark.parametrize(
    ("articles", "cited"),
    [
        ("5; 6", "Art. 5, 6"),
        ("preamble", "preamble"),
        ("preamble; 1; 12", "preamble, Art. 1, 12"),
        ("4; 4", "Art. 4"),
        (" 3(3) ", "Art. 3(3)"),
        ("", ""),
        (None, ""),
        (float("nan"), ""),
    ],
)
def test_cite_articles(articles, cited):
    assert cite_articles(articles) == cited


@pytest.fixture(scope="module")
def joined(dossier):
    """A cell of the bundled dossier whose governing records cite two articles."""
    tidy = obligation_matrix(dossier).tidy
    rows = tidy[tidy["article"].str.contains(";")]
    assert len(rows), "the bundled dossier has a cell citing several articles"
    return rows.iloc[0]


def test_every_view_cites_a_cells_articles_alike(dossier, joined):
    pid, category = joined["partnership_id"], str(joined["category"])
    cited = cite_articles(joined["article"])
    assert ";" not in cited and cited.startswith(("Art. ", "preamble"))
    table = obligations_table(dossier)
    assert table.at[joined["short_name"], category].endswith(" " + cited)
    heat = obligations_heatmap(dossier, [pid])
    hovers = [h for row in heat.data[0].hovertext for h in row if f"· {category}<br>" in str(h)]
    assert len(hovers) == 1 and f": {cited} (" in str(hovers[0])
    cell = obligation_matrix(dossier, [pid]).tidy.set_index("category").loc[[category]]
    shown = reader_table(cell[["presence", "article"]])
    assert f">{cited}</td>" in shown.html and "; " not in repr(shown)
    other = next(p for p in dossier.partnerships["partnership_id"] if p != pid)
    comparison = reader_table(compare_obligations(dossier, pid, other))
    assert f">{cited}</td>" in comparison.html


def test_the_ach_evidence_list_cites_articles_by_the_same_rule(dossier):
    obligations = dossier.obligations.set_index("obligation_id")["article"].dropna()
    summaries = ach_evidence(dossier, list(obligations.index))
    assert (obligations == "preamble").any()
    for oid, article in obligations.items():
        summary = summaries.at[oid, "summary"]
        assert f"({cite_articles(article)})" in summary
        assert "Art. preamble" not in summary
