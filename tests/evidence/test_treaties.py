"""Treaty obligations compared: the matrix, its table, the comparison and the heatmap."""

from __future__ import annotations

import copy
import math

import pytest
from conftest import MINI, write_tables

from analysis import load_dossier
from analysis.common.paths import PROJECT_ROOT
from analysis.evidence.treaties import (
    CATEGORIES,
    PRESENCE_CODES,
    cite_articles,
    compare_obligations,
    obligation_matrix,
    obligations_heatmap,
    obligations_table,
)
from analysis.figures.style import colour
from analysis.schema import VOCABULARIES

# --- on the mini dossier (pt-x: mutual_defence present, Art. 4) ----------------------------------


@pytest.fixture(scope="module")
def mini(tmp_path_factory):
    """The mini dossier, loaded once for the module (tests that change it write their own)."""
    return load_dossier(write_tables(tmp_path_factory.mktemp("mini"), copy.deepcopy(MINI)))


def extra_obligation(**fields) -> dict[str, str]:
    row = {
        "obligation_id": "ob-x-2",
        "partnership_id": "pt-x",
        "category": "mutual_defence",
        "presence": "partial",
        "article": "9",
        "article_certainty": "recalled",
        "paraphrase": "A weaker form.",
        "source_ids": "src-b",
    }
    return row | fields


def test_categories_come_from_the_schema():
    assert list(CATEGORIES) == list(VOCABULARIES["obligation_category"])
    assert set(PRESENCE_CODES) == set(VOCABULARIES["presence"])


def test_matrix_is_a_full_grid(mini):
    m = obligation_matrix(mini)
    assert len(m.tidy) == len(CATEGORIES)
    assert list(m.presence.columns) == list(CATEGORIES)
    assert m.presence.loc["pt-x", "mutual_defence"] == "present"
    assert m.presence.loc["pt-x"].isna().sum() == len(CATEGORIES) - 1
    cell = m.cell("pt-x", "mutual_defence")
    assert (cell["article"], cell["article_certainty"], cell["label"]) == ("4", "cited", "Y Art. 4")
    assert cell["publishers"] == ("NK News",)
    empty = m.cell("pt-x", "non_aggression")
    assert not empty["coded"] and empty["label"] == "" and empty["obligation_ids"] == ()


def test_strongest_presence_governs_a_shared_cell(mini_tables, tmp_path):
    mini_tables["obligations"].append(extra_obligation())
    m = obligation_matrix(load_dossier(write_tables(tmp_path / "m", mini_tables)))
    cell = m.cell("pt-x", "mutual_defence")
    assert cell["presence"] == "present"
    assert cell["article"] == "4"  # only the governing record's article is cited
    assert cell["obligation_ids"] == ("ob-x-1", "ob-x-2")
    assert cell["source_ids"] == ("src-a", "src-b") and cell["source_count"] == 2
    assert cell["reliability"] == "B" and not cell["low_tier_only"]


@pytest.mark.parametrize(
    ("presences", "expected"),
    [
        (("absent", "unverified"), "absent"),
        (("partial", "absent"), "partial"),
        (("unverified", "unverified"), "unverified"),
    ],
    ids=["cited absence beats unverified", "partial beats absent", "unverified alone"],
)
def test_presence_order(mini_tables, tmp_path, presences, expected):
    mini_tables["obligations"] = [
        extra_obligation(obligation_id=f"ob-x-{i}", presence=p, article="")
        for i, p in enumerate(presences)
    ]
    m = obligation_matrix(load_dossier(write_tables(tmp_path / "m", mini_tables)))
    assert m.presence.loc["pt-x", "mutual_defence"] == expected


def test_grade_filter_uncodes_weak_cells(mini_tables, tmp_path):
    mini_tables["obligations"].append(extra_obligation(category="non_aggression"))  # src-b: D
    dossier = load_dossier(write_tables(tmp_path / "m", mini_tables))
    assert obligation_matrix(dossier).cell("pt-x", "non_aggression")["presence"] == "partial"
    strict = obligation_matrix(dossier, min_reliability="C")
    assert not strict.cell("pt-x", "non_aggression")["coded"]
    assert strict.cell("pt-x", "mutual_defence")["presence"] == "present"  # src-a: B


def test_unknown_partnership_is_refused(mini):
    with pytest.raises(KeyError, match="no partnership with id 'pt-nope'"):
        obligation_matrix(mini, ["pt-x", "pt-nope"])
    with pytest.raises(KeyError, match=r"no cell \('pt-x', 'nothing'\) in the matrix"):
        obligation_matrix(mini).cell("pt-x", "nothing")


@pytest.mark.parametrize(
    ("articles", "cited"),
    [
        ("4", "Art. 4"),
        ("3(3)", "Art. 3(3)"),
        ("preamble; 3", "preamble, Art. 3"),
        ("4(1); 4(2)(b)", "Art. 4(1), 4(2)(b)"),
        ("", ""),
    ],
    ids=["one", "paragraph", "preamble first", "several", "none"],
)
def test_cite_articles(articles, cited):
    assert cite_articles(articles) == cited


def test_table(mini):
    table = obligations_table(mini)
    assert list(table.index) == ["X"]
    assert table.at["X", "mutual_defence"] == "Y Art. 4"
    assert table.at["X", "other"] == ""


def test_heatmap(mini):
    fig = obligations_heatmap(mini)
    heat = fig.data[0]
    assert list(heat.x) == list(CATEGORIES)
    assert list(heat.y) == ["pt-x"]
    assert heat.z[0][0] == PRESENCE_CODES["present"]
    assert all(math.isnan(v) for v in heat.z[0][1:])  # not coded: left blank
    assert heat.text[0][0] == "Y<br>Art. 4"  # presence, then the article, on two lines
    hover = heat.hovertext[0][0]
    assert hover.startswith("<b>X</b> · mutual_defence<br>present: Art. 4 (cited)")
    assert "Sources: NK News · best grade B · 1 source(s)" in hover
    assert VOCABULARIES["obligation_category"]["mutual_defence"] in hover
    assert "not coded in the dossier" in heat.hovertext[0][1]
    assert {c for _, c in heat.colorscale} == {colour("presence", p) for p in PRESENCE_CODES}
    assert list(heat.colorbar.ticktext) == ["absent", "unverified", "partial", "present"]


def test_heatmap_escapes_data(mini_tables, tmp_path):
    mini_tables["obligations"][0]["paraphrase"] = "<script>alert(1)</script>"
    mini_tables["partnerships"][0]["short_name"] = "<i>X</i>"
    mini_tables["sources"][0]["publisher"] = "NK <b>News</b>"
    fig = obligations_heatmap(load_dossier(write_tables(tmp_path / "m", mini_tables)))
    hover = fig.data[0].hovertext[0][0]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hover and "<script>" not in hover
    assert "NK &lt;b&gt;News&lt;/b&gt;" in hover
    assert list(fig.layout.yaxis.ticktext) == ["&lt;i&gt;X&lt;/i&gt;"]


def test_heatmap_refuses_unknown_category(mini):
    with pytest.raises(KeyError, match="no obligation category 'alliance'"):
        obligations_heatmap(mini, categories=["mutual_defence", "alliance"])


def test_docs_explain_every_category():
    text = (PROJECT_ROOT / "docs" / "obligations.md").read_text(encoding="utf-8")
    missing = [c for c in CATEGORIES if f"`{c}`" not in text]
    assert not missing, f"docs/obligations.md does not discuss {missing}"


# --- known values of the bundled dossier ---------------------------------------------------------

THE_FIVE = [
    "pt-rus-irn-2025",
    "pt-rus-prk-2024",
    "pt-rus-irn-2001",
    "pt-rus-blr-2024",
    "pt-rus-chn-2022",
]


@pytest.fixture(scope="module")
def matrix(dossier):
    return obligation_matrix(dossier, THE_FIVE)


@pytest.mark.parametrize(
    ("partnership", "presence", "article"),
    [
        ("pt-rus-prk-2024", "present", "4"),
        ("pt-rus-blr-2024", "present", "4(1); 4(2)(b); 6(1); 6"),
        ("pt-rus-irn-2025", "absent", ""),
        ("pt-rus-irn-2001", "absent", ""),
        ("pt-rus-chn-2022", "absent", ""),
    ],
    ids=["North Korea 2024", "Belarus 2024", "Iran 2025", "Iran 2001", "China 2022"],
)
def test_mutual_defence_cell(matrix, partnership, presence, article):
    cell = matrix.cell(partnership, "mutual_defence")
    assert (cell["presence"], cell["article"]) == (presence, article)
    assert cell["source_count"] >= 1


def test_iran_2025_bars_only_help_to_an_aggressor(matrix):
    cell = matrix.cell("pt-rus-irn-2025", "no_aid_to_aggressor")
    assert (cell["presence"], cell["article"], cell["article_certainty"]) == (
        "present",
        "3(3)",
        "cited",
    )
    assert "TASS" in cell["publishers"]


def test_iran_differs_from_north_korea(dossier):
    c = compare_obligations(dossier, "pt-rus-irn-2025", "pt-rus-prk-2024")
    assert c.loc["mutual_defence", ["pt-rus-irn-2025", "pt-rus-prk-2024", "differs"]].tolist() == [
        "absent",
        "present",
        True,
    ]
    assert c.at["mutual_defence", "pt-rus-prk-2024 article"] == "4"
    assert c.loc["consultation_on_threat", ["pt-rus-irn-2025", "pt-rus-prk-2024"]].tolist() == [
        "partial",
        "present",
    ]


def test_table_of_the_five(dossier):
    table = obligations_table(dossier, THE_FIVE)
    assert list(table.index) == [
        "RU–IR 2025",
        "RU–KP 2024",
        "RU–IR 2001",
        "RU–BY 2024",
        "RU–CN 2022",
    ]
    assert table["mutual_defence"].tolist() == [
        "N",
        "Y Art. 4",
        "N",
        "Y Art. 4(1), 4(2)(b), 6(1), 6",
        "N",
    ]
    assert table.at["RU–IR 2025", "no_aid_to_aggressor"] == "Y Art. 3(3)"


def test_default_matrix_covers_every_coded_partnership(dossier):
    m = obligation_matrix(dossier)
    assert list(m.presence.index) == [
        p
        for p in dossier.partnerships["partnership_id"]
        if p in set(dossier.obligations["partnership_id"])
    ]
