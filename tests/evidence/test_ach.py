"""Analysis of Competing Hypotheses: scoring by hand, sensitivity, ICD 203 words, dossier data."""

from __future__ import annotations

import copy

import pandas as pd
import pytest
from conftest import MINI, write_tables
from pandas.testing import assert_series_equal

from analysis import load_dossier
from analysis.common.paths import PROJECT_ROOT
from analysis.evidence.ach import (
    LIKELIHOOD_TERMS,
    ach_analysis,
    ach_sensitivity,
    estimative_statement,
)
from analysis.evidence.ach.figures import CONSISTENCY_CODES, ach_matrix_figure, ach_scores_figure
from analysis.evidence.ach.scoring import (
    CREDIBILITY_WEIGHTS,
    INCONSISTENCY,
    RELIABILITY_WEIGHTS,
    ach_evidence,
    ach_points,
    ach_scores,
    obligation_credibility,
)
from analysis.figures.style import colour


def ratings_frame(table: dict[str, dict[str, str]]) -> pd.DataFrame:
    """{evidence: {hypothesis: code}} as the tidy ratings frame."""
    rows = [(h, e, c) for e, by_h in table.items() for h, c in by_h.items()]
    return pd.DataFrame(rows, columns=["hypothesis_id", "evidence_id", "consistency"])


# --- the hand-worked example ---------------------------------------------------------------------
#
# Four pieces of evidence, graded (reliability, credibility) and so weighted
# (RELIABILITY_WEIGHTS x CREDIBILITY_WEIGHTS):
#   e1  A1  1.0 x 1.0 = 1.00
#   e2  B2  0.8 x 0.8 = 0.64
#   e3  D3  0.4 x 0.6 = 0.24   (rests only on low-tier sources)
#   e4  C2  0.6 x 0.8 = 0.48
#
#          H1    H2    H3
#   e1     C     I     II
#   e2     I     C     I
#   e3     II    N     C
#   e4     N     I     C
#
# Weighted inconsistency (I = 1, II = 2, C/N = 0):
#   H1 = 1 x 0.64 (e2) + 2 x 0.24 (e3)  = 0.64 + 0.48 = 1.12
#   H2 = 1 x 1.00 (e1) + 1 x 0.48 (e4)  = 1.00 + 0.48 = 1.48
#   H3 = 2 x 1.00 (e1) + 1 x 0.64 (e2)  = 2.00 + 0.64 = 2.64
# so H1 is favoured, although an unweighted count (H1 3, H2 2, H3 3) would favour H2.
#
# Without low-tier-only evidence (drop e3): H1 = 0.64, H2 = 1.48, H3 = 2.64: H1 still leads.
# Leaving one out:
#   -e1: H1 1.12, H2 0.48, H3 0.64 -> H2 leads (changed)
#   -e2: H1 0.48, H2 1.48, H3 2.00 -> H1
#   -e3: H1 0.64, H2 1.48, H3 2.64 -> H1
#   -e4: H1 1.12, H2 1.00, H3 2.64 -> H2 leads (changed)
# Margin of H1 over H2: (1.48 - 1.12) / 1.48 = 0.243. All four items are diagnostic (their
# inconsistency differs between hypotheses): fewer than 5, so confidence is low, and a leader
# that one item overturns with a margin under 0.4 is a roughly even chance.

HAND = {
    "e1": {"H1": "C", "H2": "I", "H3": "II"},
    "e2": {"H1": "I", "H2": "C", "H3": "I"},
    "e3": {"H1": "II", "H2": "N", "H3": "C"},
    "e4": {"H1": "N", "H2": "I", "H3": "C"},
}
HAND_EVIDENCE = pd.DataFrame(
    {
        "reliability": ["A", "B", "D", "C"],
        "credibility": ["1", "2", "3", "2"],
        "low_tier_only": [False, False, True, False],
        "source_count": [2, 2, 1, 1],
    },
    index=pd.Index(["e1", "e2", "e3", "e4"], name="evidence_id"),
)
HAND_EVIDENCE["weight"] = [
    RELIABILITY_WEIGHTS[r] * CREDIBILITY_WEIGHTS[c]
    for r, c in zip(HAND_EVIDENCE["reliability"], HAND_EVIDENCE["credibility"], strict=True)
]


def test_hand_worked_weights():
    assert HAND_EVIDENCE["weight"].round(6).tolist() == [1.0, 0.64, 0.24, 0.48]


def test_hand_worked_scores():
    scores = ach_scores(ratings_frame(HAND), HAND_EVIDENCE["weight"])
    assert scores["score"].to_dict() == {"H1": 1.12, "H2": 1.48, "H3": 2.64}
    assert scores["rank"].to_dict() == {"H1": 1, "H2": 2, "H3": 3}
    assert scores["unweighted"].to_dict() == {"H1": 3, "H2": 2, "H3": 3}
    assert scores[["very_inconsistent", "inconsistent", "neutral", "consistent"]].loc[
        "H3"
    ].tolist() == [1, 1, 0, 2]


def test_hand_worked_unweighted_ranking_differs():
    scores = ach_scores(ratings_frame(HAND))
    assert scores["score"].to_dict() == {"H1": 3.0, "H2": 2.0, "H3": 3.0}
    assert scores["rank"].to_dict() == {"H1": 2, "H2": 1, "H3": 2}


def test_hand_worked_points_sum_to_scores():
    points = ach_points(ratings_frame(HAND), HAND_EVIDENCE["weight"])
    assert points.loc["e3"].tolist() == pytest.approx([0.48, 0.0, 0.0])
    assert points.sum().round(6).to_dict() == {"H1": 1.12, "H2": 1.48, "H3": 2.64}


def test_hand_worked_sensitivity():
    sens = ach_sensitivity(ratings_frame(HAND), HAND_EVIDENCE)
    assert sens.leaders == ("H1",)
    assert sens.runner_up == "H2"
    assert sens.dropped_low_tier == ("e3",)
    assert sens.without_low_tier["score"].to_dict() == {"H1": 0.64, "H2": 1.48, "H3": 2.64}
    assert sens.survives_low_tier_drop
    assert sens.leave_one_out["leaders"].to_dict() == {
        "e1": ("H2",),
        "e2": ("H1",),
        "e3": ("H1",),
        "e4": ("H2",),
    }
    assert sens.pivotal == ("e1", "e4")
    assert not sens.robust
    assert sens.margin == pytest.approx(0.36 / 1.48)
    assert sens.diagnostic == ("e1", "e2", "e3", "e4")
    assert sens.low_tier_share == pytest.approx(0.24 / (1.0 + 0.64 + 0.24 + 0.48))
    # what separates H1 from H2: e1 (1.00) and e4 (0.48) count against H2 only
    assert sens.separating.round(6).to_dict() == {"e1": 1.0, "e4": 0.48}
    assert sens.well_sourced_share == pytest.approx(1.0 / 1.48)  # e1 is A with 2 sources
    assert sens.confidence[0] == "low"
    assert sens.likelihood == "roughly even chance"


def test_hand_worked_statement():
    sens = ach_sensitivity(ratings_frame(HAND), HAND_EVIDENCE)
    scores = sens.baseline.assign(label=["first", "second", "third"])
    text = estimative_statement(scores, sens)
    assert text.startswith(
        "It is a roughly even chance (45-55%) that H1 (first) rather than H2 (second) is the "
        "correct reading (weighted inconsistency 1.12, against 1.48 for the runner-up;"
    )
    assert text.endswith(
        "We have low confidence in this judgement: only 4 piece(s) of evidence discriminate "
        "between the hypotheses."
    )


# --- the ICD 203 rules on constructed cases ------------------------------------------------------


def strong_case(n_items: int, against_h1: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``n_items`` A1 items with two sources each, all inconsistent with H2; the first
    ``against_h1`` also inconsistent with H1."""
    table = {f"e{i:02d}": {"H1": "I" if i < against_h1 else "C", "H2": "I"} for i in range(n_items)}
    evidence = pd.DataFrame(
        {
            "reliability": "A",
            "credibility": "1",
            "low_tier_only": False,
            "source_count": 2,
            "weight": 1.0,
        },
        index=pd.Index(list(table), name="evidence_id"),
    )
    return ratings_frame(table), evidence


@pytest.mark.parametrize(
    ("n_items", "against_h1", "confidence", "word", "alternative"),
    [
        # H1 = 0, H2 = 10: margin 1.0, 10 diagnostic items, all well sourced
        pytest.param(10, 0, "high", "almost certain", "almost no chance", id="margin 1.0"),
        # H1 = 6, H2 = 16: margin 0.625, the 10 items against H2 only are diagnostic
        pytest.param(16, 6, "high", "very likely", "very unlikely", id="margin 0.625"),
        # H1 = 6, H2 = 12: margin 0.5 but only 6 diagnostic items
        pytest.param(12, 6, "moderate", "likely", "unlikely", id="few diagnostic items"),
    ],
)
def test_icd203_words(n_items, against_h1, confidence, word, alternative):
    ratings, evidence = strong_case(n_items, against_h1)
    sens = ach_sensitivity(ratings, evidence)
    assert sens.confidence[0] == confidence
    assert sens.likelihood == word
    text = estimative_statement(sens.baseline.assign(label=["one", "two"]), sens)
    assert f"We judge it {word} ({LIKELIHOOD_TERMS[word]}) that H1 (one)" in text
    assert f"H2 (two): {alternative} ({LIKELIHOOD_TERMS[alternative]})." in text
    assert f"We have {confidence} confidence" in text


def test_tie_is_never_more_than_even_chance():
    ratings = ratings_frame({"e00": {"H1": "I", "H2": "I"}, "e01": {"H1": "C", "H2": "C"}})
    evidence = strong_case(2, 0)[1]
    sens = ach_sensitivity(ratings, evidence)
    assert sens.leaders == ("H1", "H2")
    text = estimative_statement(sens.baseline.assign(label=["one", "two"]), sens)
    assert text.startswith("The evidence does not discriminate between H1 (one) and H2 (two)")
    assert "We have low confidence in this judgement: the evidence does not separate" in text


def test_leader_that_falls_without_low_tier_evidence_gives_low_confidence():
    # H1 leads only because the low-tier item e0 counts against H2.
    table = {"e0": {"H1": "C", "H2": "II"}} | {f"e{i}": {"H1": "I", "H2": "C"} for i in range(1, 6)}
    evidence = pd.DataFrame(
        {
            "reliability": ["E"] + ["C"] * 5,
            "credibility": "1",
            "source_count": 1,
            "low_tier_only": [True] + [False] * 5,
        },
        index=pd.Index(list(table), name="evidence_id"),
    )
    # weights: e0 0.2 x 1.0 x 2 = 0.4 against H2 ... so give e0 enough weight to lead
    evidence["weight"] = [2.0, 0.1, 0.1, 0.1, 0.1, 0.1]  # H1 = 0.5, H2 = 4.0
    sens = ach_sensitivity(ratings_frame(table), evidence)
    assert sens.leaders == ("H1",)
    assert not sens.survives_low_tier_drop  # without e0: H1 0.5, H2 0
    level, why = sens.confidence
    assert level == "low"
    assert why == (
        "the favoured hypothesis changes when evidence resting only on low-tier sources is dropped"
    )
    # margin 0.875, but leaving out e0 alone puts H2 ahead: hedged, not "likely"
    assert sens.pivotal == ("e0",)
    assert sens.likelihood == "roughly even chance"


def test_a_leader_scoring_zero_does_not_make_a_slight_runner_up_very_unlikely():
    # H1 scores 0; H2 only 0.24 (one I at weight 0.24): the relative margin would be 1.
    table = {"e0": {"H1": "C", "H2": "I"}} | {f"e{i}": {"H1": "C", "H2": "C"} for i in range(1, 6)}
    evidence = strong_case(6, 0)[1].set_axis(list(table), axis=0).rename_axis("evidence_id")
    evidence["weight"] = [0.24, 1, 1, 1, 1, 1]
    sens = ach_sensitivity(ratings_frame(table), evidence)
    assert sens.margin == pytest.approx(0.24)
    assert sens.pivotal == ("e0",)  # without it H1 and H2 tie
    assert sens.robust_margins.to_dict() == {"H2": 0.0}
    assert sens.likelihood == "roughly even chance"
    text = estimative_statement(sens.baseline.assign(label=["one", "two"]), sens)
    assert "very unlikely" not in text and "almost no chance" not in text
    assert text.startswith(
        "It is a roughly even chance (45-55%) that H1 (one) rather than H2 (two) is the correct "
        "reading (weighted inconsistency 0, against 0.24 for the runner-up;"
    )
    assert text.endswith(
        "We have low confidence in this judgement: only 1 piece(s) of evidence discriminate "
        "between the hypotheses."
    )


def test_an_alternative_one_item_would_put_ahead_is_never_very_unlikely():
    # H1 0, H2 4.0 from one heavy item, H3 10 from ten A1 items: without e0, H2 ties H1.
    table = {"e0": {"H1": "C", "H2": "II", "H3": "I"}} | {
        f"e{i}": {"H1": "C", "H2": "C", "H3": "I"} for i in range(1, 11)
    }
    evidence = strong_case(11, 0)[1].set_axis(list(table), axis=0).rename_axis("evidence_id")
    evidence["weight"] = [2.0] + [1.0] * 10
    sens = ach_sensitivity(ratings_frame(table), evidence)
    assert sens.baseline["score"].to_dict() == {"H1": 0.0, "H2": 4.0, "H3": 12.0}
    assert sens.margin == 1.0 and sens.pivotal == ("e0",)
    assert sens.robust_margins.to_dict() == {"H2": 0.0, "H3": 1.0}
    assert sens.likelihood == "roughly even chance"
    text = estimative_statement(sens.baseline.assign(label=["a", "b", "c"]), sens)
    assert "H2 (b)" in text and "very unlikely" not in text


def test_a_leader_robust_to_every_single_removal_keeps_its_words():
    # H1 0, H2 10 from ten A1 items: leaving out any one still leaves H2 at 9, margin 1.
    ratings, evidence = strong_case(10, 0)
    sens = ach_sensitivity(ratings, evidence)
    assert sens.robust_margins.to_dict() == {"H2": 1.0} and sens.pivotal == ()
    assert sens.likelihood == "almost certain"


def test_empty_analysis_makes_no_claim():
    ratings = ratings_frame({})
    evidence = HAND_EVIDENCE.iloc[:0]
    sens = ach_sensitivity(ratings, evidence)
    assert estimative_statement(sens.baseline, sens) == (
        "No assessment: the dossier holds no competing hypotheses or ratings."
    )


# --- scoring rules and errors --------------------------------------------------------------------


def test_only_inconsistency_counts():
    assert INCONSISTENCY == {"CC": 0, "C": 0, "N": 0, "I": 1, "II": 2}


@pytest.mark.parametrize(
    "weights", [RELIABILITY_WEIGHTS, CREDIBILITY_WEIGHTS], ids=["reliability", "credibility"]
)
def test_weights_fall_with_the_grade_and_cannot_judge_is_not_unreliable(weights):
    graded = list(weights.values())[:5]  # A-E or 1-5, best first
    assert graded == sorted(graded, reverse=True)
    assert list(weights.values())[5] == graded[3]  # F / 6 weigh like D / 4


def test_docs_state_the_weights_in_use():
    text = (PROJECT_ROOT / "docs" / "ach.md").read_text(encoding="utf-8")
    for table in (RELIABILITY_WEIGHTS, CREDIBILITY_WEIGHTS):
        for grade, weight in table.items():
            assert f"| {grade} | {weight} |" in text, (grade, weight)
    assert "`II` = 2, `I` = 1, `N`, `C` and `CC` = 0" in text
    for term, span in LIKELIHOOD_TERMS.items():
        assert f"| {term} | {span} |" in text


def test_unknown_consistency_is_refused():
    with pytest.raises(
        ValueError, match=r"consistency must be one of CC, C, N, I, II; got \['X'\]"
    ):
        ach_scores(ratings_frame({"e1": {"H1": "X"}}))


def test_missing_weight_is_refused():
    with pytest.raises(KeyError, match="no weight for evidence 'e2'"):
        ach_scores(ratings_frame({"e1": {"H1": "I"}, "e2": {"H1": "C"}}), pd.Series({"e1": 1.0}))


def test_unrated_hypothesis_scores_zero():
    scores = ach_scores(ratings_frame({"e1": {"H1": "I"}}), hypotheses=["H1", "H2"])
    assert scores["score"].to_dict() == {"H1": 1.0, "H2": 0.0}
    assert scores["rank"].to_dict() == {"H1": 2, "H2": 1}


@pytest.mark.parametrize(
    ("presence", "sources", "grade"),
    [("absent", 2, "1"), ("present", 1, "2"), ("partial", 3, "1"), ("unverified", 4, "6")],
    ids=["two sources", "one source", "partial", "unverified"],
)
def test_obligation_credibility(presence, sources, grade):
    assert obligation_credibility(presence, sources) == grade


# --- on a small dossier --------------------------------------------------------------------------

ACH_ROWS = {
    "hypotheses": [
        {
            "hypothesis_id": "hy-a",
            "partnership_id": "pt-x",
            "label": "Symbolic <i>only</i>",
            "statement": "No commitment.",
            "source_ids": "src-a",
        },
        {
            "hypothesis_id": "hy-b",
            "partnership_id": "pt-x",
            "label": "Alliance",
            "statement": "A defence pact.",
            "source_ids": "src-b",
        },
    ],
    "ach_ratings": [
        {
            "rating_id": f"ach-{h}-{e}",
            "hypothesis_id": h,
            "evidence_id": e,
            "consistency": c,
            "rationale": r,
        }
        for h, e, c, r in [
            ("hy-a", "ob-x-1", "II", "Art. 4 is a <script>defence</script> clause."),
            ("hy-b", "ob-x-1", "CC", "Art. 4 is the alliance."),
            ("hy-a", "st-3", "I", "Russia admits sending troops."),
            ("hy-b", "st-3", "C", "Allies help."),
            ("hy-a", "st-2", "C", "A denial fits."),
            ("hy-b", "st-2", "I", "An ally would not deny."),
        ]
    ],
}


@pytest.fixture(scope="module")
def mini_ach(tmp_path_factory):
    tables = copy.deepcopy(MINI) | copy.deepcopy(ACH_ROWS)
    return ach_analysis(load_dossier(write_tables(tmp_path_factory.mktemp("ach"), tables)))


def test_mini_evidence_grades_and_weights(mini_ach):
    ev = mini_ach.evidence
    assert list(ev.index) == ["ob-x-1", "st-3", "st-2"]
    assert ev["kind"].tolist() == ["obligation", "statement", "statement"]
    # ob-x-1: B, one source -> credibility 2 -> 0.8 x 0.8; st-3: B1; st-2: D2, low tier
    assert ev["credibility"].tolist() == ["2", "1", "2"]
    assert ev["weight"].round(6).tolist() == [0.64, 0.8, 0.32]
    assert ev["low_tier_only"].tolist() == [False, False, True]


def test_mini_scores_and_matrix(mini_ach):
    # hy-a = 2 x 0.64 + 1 x 0.8 = 2.08; hy-b = 1 x 0.32 = 0.32
    assert mini_ach.scores["score"].to_dict() == {"hy-a": 2.08, "hy-b": 0.32}
    assert mini_ach.scores["label"].tolist() == ["Symbolic <i>only</i>", "Alliance"]
    assert mini_ach.matrix.loc["ob-x-1"].tolist() == ["II", "CC"]
    assert mini_ach.sensitivity.dropped_low_tier == ("st-2",)
    assert mini_ach.sensitivity.without_low_tier["score"].to_dict() == {"hy-a": 2.08, "hy-b": 0.0}


def test_unknown_evidence_id_is_refused(tmp_path):
    dossier = load_dossier(write_tables(tmp_path / "m", copy.deepcopy(MINI)))
    with pytest.raises(KeyError, match="no statement, event or obligation with id 'st-9'"):
        ach_evidence(dossier, ["st-1", "st-9"])


def test_matrix_figure(mini_ach):
    fig = ach_matrix_figure(mini_ach)
    heat = fig.data[0]
    assert list(heat.y) == ["ob-x-1", "st-3", "st-2"]
    assert list(heat.x) == ["hy-a", "hy-b"]
    assert [list(r) for r in heat.z] == [[-2, 2], [-1, 1], [1, -1]]
    assert [list(r) for r in heat.text] == [["II", "CC"], ["I", "C"], ["C", "I"]]
    hover = heat.hovertext[0][0]
    assert "&lt;script&gt;defence&lt;/script&gt;" in hover and "<script>" not in hover
    assert "Symbolic &lt;i&gt;only&lt;/i&gt;" in hover
    assert "grades B2 · weight 0.64 · sources: NK News" in hover
    stops = {c for _, c in heat.colorscale}
    assert stops == {colour("consistency", t) for t in CONSISTENCY_CODES}
    assert list(fig.layout.yaxis.ticktext)[2] == "st-2 (D2, w=0.32)"


def test_scores_figure(mini_ach):
    fig = ach_scores_figure(mini_ach)
    assert [t.name for t in fig.data] == ["all evidence", "without low-tier-only evidence"]
    assert list(fig.data[0].x) == [2.08, 0.32]
    assert list(fig.data[1].x) == [2.08, 0.0]
    # leaving one item out lowers hy-a by at most 1.28 (ob-x-1) and hy-b by at most 0.32 (st-2)
    assert list(fig.data[0].error_x.arrayminus) == pytest.approx([1.28, 0.32])
    assert fig.data[0].y[0] == "hy-a: Symbolic &lt;i&gt;only&lt;/i&gt;"


# --- the bundled dossier -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled(dossier):
    return ach_analysis(dossier)


def test_bundled_hypotheses_are_about_the_2025_pact(bundled, dossier):
    assert bundled.partnership_id == "pt-rus-irn-2025"
    assert 3 <= len(bundled.hypotheses) <= 4
    cited = {s for ids in bundled.hypotheses["source_ids"] for s in ids}
    assert cited <= set(dossier.sources["source_id"])


def test_bundled_matrix_is_complete(bundled):
    assert 15 <= len(bundled.matrix) <= 25
    assert bundled.matrix.notna().all().all()
    assert bundled.ratings["rationale"].str.len().gt(20).all()
    assert set(bundled.evidence["kind"]) == {"statement", "obligation"}


def test_bundled_known_weights(bundled):
    # the absent mutual-defence record: B, four sources -> credibility 1 -> 0.8
    assert bundled.evidence.at["ob-rus-irn-2025-mutual_defence", "weight"] == pytest.approx(0.8)
    # Gabuev's "icing on the cake" (Sky News, B; credibility 3) -> 0.48
    assert bundled.evidence.at["st-2025-01-17-gabuev-2", "weight"] == pytest.approx(0.48)


def test_bundled_conclusion_and_its_limits(bundled):
    sens = bundled.sensitivity
    assert sens.leaders == ("hy-2",)
    assert bundled.scores.sort_values("score").index[-1] == "hy-3"
    assert bundled.matrix.at["ob-rus-irn-2025-mutual_defence", "hy-3"] == "II"
    assert sens.dropped_low_tier == ("ob-rus-irn-2025-other-2",)
    assert sens.robust
    assert sens.confidence[0] == "moderate"
    assert "We judge it likely (55-80%) that hy-2" in bundled.statement
    assert "hy-3 (De facto defence alliance): very unlikely" in bundled.statement


def test_regrading_the_separating_sources_moves_the_scores(dossier):
    # Re-grading Sky News (Gabuev) to E lowers only what his statements weigh against.
    before = ach_analysis(dossier).scores["score"]
    after = ach_analysis(dossier.regrade(**{"src-sky-2025-01-17": "E"})).scores["score"]
    # st-2025-01-17-gabuev-2 is I for hy-2 and hy-3: 0.8 x 0.6 = 0.48 -> 0.2 x 0.6 = 0.12
    assert_series_equal(
        (before - after).round(6),
        pd.Series({"hy-1": 0.0, "hy-2": 0.36, "hy-3": 0.36}, name="score").rename_axis(
            "hypothesis_id"
        ),
    )
