"""Sources and credibility: grade filters, who carries what, weak claims, re-grading."""

from __future__ import annotations

import csv

import pandas as pd
import pytest
from conftest import write_tables

from analysis import load_dossier
from analysis.common.paths import DEFAULT_DOSSIER
from analysis.evidence.credibility import (
    CLAIM_TABLES,
    grade_distribution,
    grade_matrix,
    grade_matrix_figure,
    publisher_claims,
    publisher_figure,
    publisher_matrix,
    source_dependence,
    weak_records,
)
from analysis.evidence.regrade import regrade_report
from analysis.figures.style import colour
from analysis.filtering import filter_grades

GRADES = pd.CategoricalDtype(list("ABCDEF"), ordered=True)


# --- filter_grades -------------------------------------------------------------------------------

FRAME = pd.DataFrame(
    {
        "id": ["a", "b", "c", "d"],
        "reliability": pd.Series(["A", "C", "D", "F"], dtype=GRADES),
        "credibility": pd.Categorical(
            ["1", "3", "2", "6"], categories=list("123456"), ordered=True
        ),
    }
)


@pytest.mark.parametrize(
    ("kwargs", "kept"),
    [
        ({}, ["a", "b", "c", "d"]),
        ({"min_reliability": "C"}, ["a", "b"]),
        ({"min_reliability": "A"}, ["a"]),
        ({"max_credibility": 2}, ["a", "c"]),
        ({"max_credibility": "3", "min_reliability": "D"}, ["a", "b", "c"]),
    ],
    ids=["nothing", "C or better", "A only", "credibility 2 or better", "both"],
)
def test_filter_grades(kwargs, kept):
    assert filter_grades(FRAME, **kwargs)["id"].tolist() == kept


def test_filter_grades_without_credibility_column():
    frame = FRAME.drop(columns="credibility")
    assert filter_grades(frame, max_credibility=1)["id"].tolist() == ["a", "b", "c", "d"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"min_reliability": "G"}, "min_reliability must be one of A, B, C, D, E, F; got 'G'"),
        ({"max_credibility": 7}, "max_credibility must be one of 1, 2, 3, 4, 5, 6; got '7'"),
    ],
    ids=["reliability", "credibility"],
)
def test_filter_grades_refuses_unknown_grades(kwargs, message):
    with pytest.raises(ValueError, match=message):
        filter_grades(FRAME, **kwargs)


# --- who carries what, on the mini dossier (src-a: NK News, B; src-b: Business Recorder, D) ----


def test_publisher_claims(mini):
    claims = publisher_claims(mini)
    assert len(claims) == 7  # one source per record: 1 allegation, 3 statements, 2 events, 1 ob.
    row = claims[claims["record_id"] == "st-2"].iloc[0]
    assert (row["publisher"], row["source_reliability"], row["subject"]) == (
        "Business Recorder",
        "D",
        "al-troops",
    )
    assert claims[claims["record_id"] == "ev-sign"]["subject"].tolist() == ["pt-x"]


def test_publisher_matrix(mini):
    table = publisher_matrix(mini)
    assert table.to_dict("index") == {
        "NK News": {"grade": "B", "al-troops": 1, "pt-x": 3},
        "Business Recorder": {"grade": "D", "al-troops": 3, "pt-x": 0},
    }


def test_source_dependence(mini):
    dep = source_dependence(mini)
    assert dep.loc["statements"].to_dict() == {
        "records": 3,
        "single_source": 3,
        "low_tier_only": 2,
        "single_low_tier": 2,
        "share_weak": 1.0,
    }
    assert dep.at["events", "low_tier_only"] == 0


def test_weak_records_weakest_first(mini):
    weak = weak_records(mini)
    assert weak["record_id"].tolist()[:3] == ["al-troops", "st-1", "st-2"]
    assert weak["low_tier_only"].tolist()[:3] == [True, True, True]
    assert len(weak) == 7


def test_grade_distribution_and_matrix(mini):
    dist = grade_distribution(mini)
    assert dist.loc[["B", "D"], "sources"].tolist() == [1, 1]
    assert dist.loc[["B", "D"], "statements"].tolist() == [1, 2]
    matrix = grade_matrix(mini)
    # statements st-1 D3, st-2 D2, st-3 B1; both events B1
    assert matrix.at["B", "1"] == 3 and matrix.at["D", "2"] == 1 and matrix.at["D", "3"] == 1
    assert int(matrix.to_numpy().sum()) == 5


def test_grade_matrix_figure(mini):
    heat = grade_matrix_figure(mini).data[0]
    assert list(heat.y) == list("ABCDEF") and list(heat.x) == list("123456")
    assert heat.z[1][0] == 3
    assert heat.hovertext[1][0].startswith("reliability B: Usually reliable")


def test_publisher_figure(mini_tables, tmp_path):
    mini_tables["sources"][1]["publisher"] = "<b>Recorder</b>"
    fig = publisher_figure(load_dossier(write_tables(tmp_path / "m", mini_tables)))
    assert [t.name for t in fig.data] == ["grade B", "grade D"]
    assert fig.data[0].marker.color == colour("reliability", "B")
    assert list(fig.data[1].y) == ["&lt;b&gt;Recorder&lt;/b&gt;"]
    assert list(fig.data[1].x) == [3]  # the allegation and two statements
    assert "3 claim(s), 3 resting on this source alone" in fig.data[1].hovertext[0]


# --- re-grading ----------------------------------------------------------------------------------


def test_regrade_changes_statuses_only_through_a_threshold(mini):
    strict = regrade_report(mini, {"src-a": "E"}, min_reliability="C")
    # at C or better only st-3 (NK News, B) counts: Russia's admission; graded E, nothing counts
    assert strict.statuses.loc["al-troops"].tolist() == ["confirmed", "unreported", True]
    assert list(strict.changed.index) == ["al-troops"]
    assert strict.dependence.at["statements", ("before", "low_tier_only")] == 2
    assert strict.dependence.at["statements", ("after", "low_tier_only")] == 3
    lax = regrade_report(mini, {"src-a": "E"}, min_reliability=None)
    assert lax.changed.empty
    assert strict.ach.empty and strict.statement_before == ""


def test_regrade_refuses_unknown_sources(mini):
    with pytest.raises(KeyError, match="no source with id 'src-nope'"):
        regrade_report(mini, {"src-nope": "E"})


# --- known values of the bundled dossier ---------------------------------------------------------


def raw_rows(table: str) -> list[dict[str, str]]:
    with open(DEFAULT_DOSSIER / f"{table}.csv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("table", list(CLAIM_TABLES))
def test_single_source_and_low_tier_counts(dossier, table):
    # counted again from the raw CSV, independently of the loader's derived columns
    grade = {r["source_id"]: r["reliability"] for r in raw_rows("sources")}
    ids = [r["source_ids"].split(";") for r in raw_rows(table)]
    single = sum(len(i) == 1 for i in ids)
    low = sum(all(grade[s] in "DEF" for s in i) for i in ids)
    dep = source_dependence(dossier)
    assert dep.at[table, "records"] == len(ids)
    assert dep.at[table, "single_source"] == single
    assert dep.at[table, "low_tier_only"] == low


def test_known_single_source_counts(dossier):
    dep = source_dependence(dossier)
    assert dep["single_source"].to_dict() == {
        "allegations": 2,
        # 49 before one utterance became one statement: the Kim Yo Jong denial (LBCI alone),
        # Gabuev's drones-and-expertise remark and the Sky article's reading (Sky alone) were
        # each two rows
        "statements": 46,
        "events": 12,
        "obligations": 53,  # + ob-rus-chn-2022-other-3, split from -2 (one low-quality host)
    }


def test_sky_news_carries_the_gabuev_readings(dossier):
    claims = publisher_claims(dossier)
    sky = claims[claims["publisher"] == "Sky News"]
    assert {"st-2025-01-17-gabuev-2", "st-2025-01-17-gabuev-3"} <= set(sky["record_id"])
    alone = sky[sky["source_count"] == 1]["record_id"]
    assert "st-2025-01-17-gabuev-2" in set(alone)  # the "icing on the cake" rests on it alone


def test_regrading_sky_news(dossier):
    report = regrade_report(dossier, {"src-sky-2025-01-17": "E"}, min_reliability="C")
    # the ammunition allegation rests on the Sky News article alone
    assert report.changed.index.tolist() == ["al-irn-ammo"]
    assert report.statuses.loc["al-irn-ammo", ["before", "after"]].tolist() == [
        "alleged",
        "unreported",
    ]
    assert report.ach.loc["hy-2", "score_before"] > report.ach.loc["hy-2", "score_after"]
    assert (report.ach["rank_before"] == report.ach["rank_after"]).all()
    assert report.statement_after.startswith("We judge it likely (55-80%) that hy-2")
