"""Allegation tracker: lifecycles, summaries, the swimlane chart and who alleges against whom."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import write_tables

from analysis import load_dossier
from analysis.evidence.allegations import (
    _DRAW_ORDER,
    STEPS,
    allegation_summary,
    lifecycle_figure,
    lifecycle_table,
)
from analysis.evidence.stances import stance_matrix, stance_matrix_figure, stance_pivot
from analysis.figures.style import STANCE_SYMBOLS, colour
from analysis.filtering.status import allegation_status

DAY = 24 * 3600 * 1000  # one day in milliseconds, as plotly's date bars measure it


# --- the mini dossier: KOR alleges, RUS denies (both 2024-10-10), RUS confirms (2025-04-26) -----


def test_lifecycle_steps_and_status_after(mini):
    life = lifecycle_table(mini)
    assert life["statement_id"].tolist() == ["st-1", "st-2", "st-3"]
    assert life["step"].tolist() == ["first allegation", "denial", "confirmation"]
    # the allegation and the denial were reported the same day: disputed after both
    assert life["status_after"].astype(str).tolist() == ["disputed", "disputed", "confirmed"]
    assert life["speaker"].tolist()[1] == "Dmitry Peskov"
    assert life["by_party"].tolist() == [False, True, True]


def test_lifecycle_as_of(mini):
    life = lifecycle_table(mini, as_of="2025-01-01")
    assert life["statement_id"].tolist() == ["st-1", "st-2"]


def test_grade_filter_changes_the_lifecycle(mini):
    # st-1 and st-2 rest on a D-graded source only; requiring C or better leaves the admission
    life = lifecycle_table(mini, min_reliability="C")
    assert life["statement_id"].tolist() == ["st-3"]
    assert life["step"].tolist() == ["confirmation"]
    summary = allegation_summary(mini, min_reliability="C")
    assert summary.at["al-troops", "first_alleged_by"] is None
    assert summary.at["al-troops", "denials"] == 0


def test_third_party_confirmation_is_an_allegation(mini_tables, tmp_path):
    mini_tables["statements"][2]["actor_id"] = "KOR"  # a third party says it is true
    life = lifecycle_table(load_dossier(write_tables(tmp_path / "m", mini_tables)))
    assert life["step"].tolist() == ["first allegation", "denial", "third-party confirmation"]
    assert life["status_after"].astype(str).tolist() == ["disputed"] * 3


def test_summary_of_mini(mini):
    row = allegation_summary(mini).loc["al-troops"]
    assert row["status"] == "confirmed"
    assert row["first_alleged"] == pd.Timestamp("2024-10-10")
    assert row["first_alleged_by"] == "KOR"
    assert (row["denials"], row["denied_by"]) == (1, ("RUS",))
    assert (row["confirmations"], row["confirmed_by"]) == (1, ("RUS",))
    assert row["days_to_confirmation"] == 198
    assert row["weak_statements"] == 3  # every statement rests on a single source


def test_unknown_allegation_is_refused(mini):
    with pytest.raises(KeyError, match="no allegation with id 'al-nope'"):
        lifecycle_table(mini, allegations=["al-nope"])


# --- swimlane figure -----------------------------------------------------------------------------


def test_lifecycle_figure_bands_and_marks(mini):
    fig = lifecycle_figure(mini)
    bars = {t.name: t for t in fig.data if t.type == "bar"}
    marks = {t.name: t for t in fig.data if t.type == "scatter"}
    assert list(bars) == ["disputed", "confirmed"]
    disputed = bars["disputed"]
    assert list(disputed.y) == ["al-troops"]
    assert pd.Timestamp(disputed.base[0]) == pd.Timestamp("2024-10-10")
    assert disputed.x[0] == 198 * DAY  # disputed until the admission on 2025-04-26
    assert disputed.marker.color == colour("status", "disputed")
    # the last band runs 14 days past the last statement
    assert bars["confirmed"].x[0] == 14 * DAY
    assert set(marks) == {"alleges", "denies", "confirms"}
    assert marks["confirms"].marker.symbol == STANCE_SYMBOLS["confirms"]
    assert marks["denies"].marker.color == colour("stance", "denies")
    assert pd.Timestamp(marks["confirms"].x[0]) == pd.Timestamp("2025-04-26")


def test_lifecycle_figure_as_of_cuts_and_marks_the_date(mini):
    fig = lifecycle_figure(mini, as_of="2025-01-01")
    assert [t.name for t in fig.data] == ["disputed", "denies", "alleges"]
    assert fig.data[0].x[0] == (pd.Timestamp("2025-01-01") - pd.Timestamp("2024-10-10")).days * DAY
    assert pd.Timestamp(fig.layout.shapes[0].x0) == pd.Timestamp("2025-01-01")


def test_lifecycle_figure_escapes_data(mini_tables, tmp_path):
    mini_tables["statements"][1]["summary"] = '<img src=x onerror="alert(1)"> $x$'
    mini_tables["allegations"][0]["proposition"] = "<b>PRK</b> sent troops"
    fig = lifecycle_figure(load_dossier(write_tables(tmp_path / "m", mini_tables)))
    hover = next(t for t in fig.data if t.name == "denies").hovertext[0]
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt; &#36;x&#36;" in hover
    assert "<img" not in hover
    assert "<b>denial</b> · 10 Oct 2024" in hover
    assert list(fig.layout.yaxis.ticktext) == ["&lt;b&gt;PRK&lt;/b&gt; sent troops"]


def test_every_stance_is_drawn():
    assert sorted(_DRAW_ORDER) == sorted(STANCE_SYMBOLS)
    assert STEPS[0] == "first allegation" and STEPS[-1] == "confirmation"


# --- who alleges against whom --------------------------------------------------------------------


def test_stance_matrix(mini):
    matrix = stance_matrix(mini)
    rows = {(r.actor_id, r.target_id, r.stance): r.statements for r in matrix.itertuples()}
    assert rows == {
        ("KOR", "PRK", "alleges"): 1,
        ("KOR", "RUS", "alleges"): 1,
        ("RUS", "PRK", "confirms"): 1,
        ("RUS", "PRK", "denies"): 1,
        ("RUS", "RUS", "confirms"): 1,
        ("RUS", "RUS", "denies"): 1,
    }
    accused_only = stance_matrix(mini, include_beneficiaries=False)
    assert set(accused_only["target_id"]) == {"PRK"}
    assert stance_pivot(matrix, "denies").to_dict() == {"PRK": {"RUS": 1}, "RUS": {"RUS": 1}}


def test_stance_matrix_figure(mini):
    fig = stance_matrix_figure(mini)
    alleges, denies = fig.data
    assert (alleges.name, denies.name) == ("alleges", "denies")
    assert [list(r) for r in alleges.z] == [[1, 1]]
    assert list(alleges.y) == ["KOR"]
    assert list(fig.layout.yaxis.ticktext) == ["South Korea"]
    assert "<b>South Korea</b> alleges <b>North Korea</b>" in alleges.hovertext[0][0]


# --- known values of the bundled dossier ---------------------------------------------------------


@pytest.fixture(scope="module")
def summary(dossier):
    return allegation_summary(dossier)


@pytest.fixture(scope="module")
def life(dossier):
    return lifecycle_table(dossier)


def test_north_korean_troops_lifecycle(summary, life):
    row = summary.loc["al-prk-troops"]
    assert row["status"] == "confirmed"
    assert (row["first_alleged"], row["first_alleged_by"]) == (pd.Timestamp("2024-10-10"), "KOR")
    assert row["confirmed_on"] == pd.Timestamp("2025-04-26")
    assert row["confirmed_by"] == ("RUS", "PRK")
    assert row["days_to_confirmation"] == 198
    assert set(row["denied_by"]) == {"RUS", "PRK"}
    admissions = life[(life["allegation_id"] == "al-prk-troops") & (life["step"] == "confirmation")]
    first_by = admissions.groupby("actor_id")["reported"].min().to_dict()
    assert first_by == {"RUS": pd.Timestamp("2025-04-26"), "PRK": pd.Timestamp("2025-04-28")}


def test_iranian_missiles_lifecycle(summary, life):
    row = summary.loc["al-irn-crbm"]
    assert row["status"] == "disputed"
    assert (row["first_alleged"], row["first_alleged_by"]) == (
        pd.Timestamp("2024-08-09"),
        "reuters",
    )
    assert row["denied_by"] == ("IRN", "RUS")
    assert row["confirmed_by"] == () and pd.isna(row["confirmed_on"])
    steps = life[life["allegation_id"] == "al-irn-crbm"]
    first_denial = steps[steps["step"] == "denial"].iloc[0]
    assert (first_denial["reported"], first_denial["actor_id"]) == (
        pd.Timestamp("2024-09-10"),
        "IRN",
    )


def test_iranian_missiles_first_alleged_on_stronger_sources(dossier):
    # the first report (Reuters, 2024-08-09) rests on one D-graded source: demanding C or
    # better moves the start to the US and UK statements of 2024-09-10
    row = allegation_summary(dossier, min_reliability="C").loc["al-irn-crbm"]
    assert row["first_alleged"] == pd.Timestamp("2024-09-10")


def test_troops_status_as_of(dossier):
    before = allegation_summary(dossier, as_of="2025-04-27").loc["al-prk-troops"]
    assert before["confirmed_by"] == ("RUS",)
    assert (
        allegation_summary(dossier, as_of="2024-10-20").at["al-prk-troops", "status"] == "disputed"
    )


def test_lifecycle_status_agrees_with_status_module(dossier, life):
    # The swimlane derives statuses in one pass; they must equal allegation_status on any date.
    for day in ["2022-10-20", "2024-09-12", "2025-04-27"]:
        expected = allegation_status(dossier.allegations, dossier.statements, day)["status"]
        known = life[life["reported"] <= pd.Timestamp(day)].groupby("allegation_id").tail(1)
        got = known.set_index("allegation_id")["status_after"].astype(str)
        assert got.to_dict() == expected.astype(str).reindex(got.index).to_dict(), day


def test_first_allegation_agrees_with_status_module(summary, life):
    firsts = life[life["step"] == "first allegation"].set_index("allegation_id")
    assert firsts["actor_id"].to_dict() == summary["first_alleged_by"].dropna().to_dict()
    assert firsts["reported"].to_dict() == summary["first_alleged"].dropna().to_dict()
