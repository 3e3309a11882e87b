"""One utterance, one statement: a statement names every allegation it bears on
(``allegation_ids``); counts, tallies, relations and ACH evidence take it once, while each
allegation's status and lifecycle still see it.

The "before" figures in the comments are those of the bundled dossier when one utterance was
recorded as one row per allegation (109 statements; the MSMT report as three rows).
"""

from __future__ import annotations

import pandas as pd

from analysis import load_dossier, per_actor, per_allegation
from analysis.evidence import allegation_summary, lifecycle_table, stance_matrix
from analysis.evidence.ach import ach_analysis
from analysis.filtering import Filters, apply_filters

MSMT = "st-2025-05-29-msmt"
MSMT_ALLEGATIONS = ("al-prk-shells", "al-prk-missiles", "al-rus-prk-airdefence")


def test_the_msmt_report_is_one_statement_naming_three_allegations(dossier):
    st = dossier.statements.set_index("statement_id")
    assert st.at[MSMT, "allegation_ids"] == MSMT_ALLEGATIONS
    assert st.at["st-2024-05-17-kim-yo-jong", "allegation_ids"] == (
        "al-prk-shells",
        "al-prk-missiles",
    )
    assert not st.index.str.startswith("st-2025-05-29-msmt-").any()


def test_statement_counts_take_each_utterance_once(dossier):
    # before: 109 (one row per allegation), then 101 (one row per party of a joint statement)
    assert len(dossier.statements) == 99
    # the Xi-Putin and the 2023 Russia-China joint statements, once each (before: 9)
    assert len(load_dossier("russia-china-2022").statements) == 7
    view = apply_filters(dossier, Filters())
    assert (len(view.statements), view.n_records) == (99, 158)  # before: 109, 168; 101, 160


def test_the_per_allegation_view_has_one_row_per_statement_and_allegation(dossier):
    claims = per_allegation(dossier.statements)
    assert len(claims) == 106  # 66 statements name 73 allegations; 33 name none
    assert claims.loc[claims["statement_id"] == MSMT, "allegation_id"].tolist() == list(
        MSMT_ALLEGATIONS
    )
    none = claims[claims["allegation_id"].isna()]
    assert len(none) == (dossier.statements["allegation_ids"].map(len) == 0).sum() == 33
    assert per_allegation(claims) is claims  # already per allegation


def test_a_statement_with_no_allegation_stays_once():
    frame = pd.DataFrame({"statement_id": ["a", "b"], "allegation_ids": [("x", "y"), ()]})
    out = per_allegation(frame)
    assert out["statement_id"].tolist() == ["a", "a", "b"]
    assert out["allegation_id"].tolist()[:2] == ["x", "y"]
    assert pd.isna(out["allegation_id"].iloc[2])


def test_each_allegation_still_sees_the_utterance(dossier):
    summary = allegation_summary(dossier)
    # per allegation nothing changed: each still counts the report once
    assert summary.loc[list(MSMT_ALLEGATIONS), "statements"].tolist() == [5, 6, 1]
    for aid in MSMT_ALLEGATIONS:
        life = lifecycle_table(dossier, allegations=[aid])
        assert MSMT in set(life["statement_id"])
    life = lifecycle_table(dossier, allegations=["al-prk-missiles"])
    assert life.set_index("statement_id").at["st-2024-05-17-kim-yo-jong", "step"] == "denial"


def test_who_alleges_tallies_count_the_utterance_once(dossier):
    m = stance_matrix(dossier).set_index(["actor_id", "target_id", "stance"])["statements"]
    assert m[("msmt", "PRK", "alleges")] == 1  # before: 3
    assert m[("msmt", "RUS", "alleges")] == 1  # before: 3
    assert m[("USA", "IRN", "alleges")] == 4  # before: 7 (Sullivan, Kirby, Blinken twice each)
    assert m[("PRK", "PRK", "denies")] == 3  # before: 4 (Kim Yo Jong twice)


def test_relations_weigh_the_utterance_once(dossier):
    edges = apply_filters(dossier, Filters()).edges
    alleging = edges[edges["relation"] == "alleges against"].set_index(["source", "target"])
    assert alleging.at[("msmt", "PRK"), "weight"] == 1  # before: 2 (shells and missiles)
    assert alleging.at[("USA", "IRN"), "weight"] == 4  # before: 6


def test_a_status_filter_keeps_a_statement_if_one_of_its_allegations_passes(dossier):
    # al-rus-prk-airdefence is only alleged; the shells and missiles are disputed
    view = apply_filters(dossier, Filters(statuses=("alleged",)))
    assert MSMT in set(view.statements["statement_id"])
    view = apply_filters(dossier, Filters(statuses=("confirmed",)))
    assert MSMT not in set(view.statements["statement_id"])


def test_ach_evidence_takes_the_merged_statement_once(dossier):
    ach = ach_analysis(dossier)
    ids = ach.evidence.index.tolist()
    assert ids.count("st-2024-09-10-blinken") == 1
    assert "st-2024-09-10-blinken-2" not in ids
    assert len(ids) == 20  # before: 21 (Blinken's remarks as two items, each weighed)
    assert len(dossier.ach_ratings) == 60  # before: 63 (three ratings of blinken-2)
    assert ach.scores.at["hy-2", "consistent"] == 13  # before: 14 (one remark counted twice)
    # scores count only inconsistency, and Blinken's remarks were N, C, N both times
    assert ach.scores["score"].round(2).to_dict() == {"hy-1": 2.36, "hy-2": 1.08, "hy-3": 8.6}


def test_joint_statements_are_one_row_naming_every_party_and_speaker(dossier):
    second = load_dossier("russia-china-2022")
    for d in (dossier, second):
        st = d.statements.set_index("statement_id")
        assert st.at["st-2022-02-04-putin-xi", "joint_actor_ids"] == ("CHN",)
        assert st.at["st-2022-02-04-putin-xi", "joint_speaker_ids"] == ("xi",)
        assert not st.index.isin(["st-2022-02-04-putin", "st-2022-02-04-xi"]).any()
    st = second.statements
    assert per_actor(st[st["statement_id"] == "st-2023-03-21-rus-chn"])["actor_id"].tolist() == [
        "RUS",
        "CHN",
    ]
    # Ukraine's claim of 5 Nov 2024 (fact row F50), given to two officials together: once,
    # and found under either speaker
    for speaker in ("umerov", "kovalenko"):
        view = apply_filters(dossier, Filters(actors=(speaker,)))
        assert "st-2024-11-05-umerov-kovalenko-troops" in set(view.statements["statement_id"])
    troops = lifecycle_table(dossier, allegations=["al-prk-troops"])
    row = troops[troops["statement_id"] == "st-2024-11-05-umerov-kovalenko-troops"]
    assert row["speaker"].tolist() == ["Rustem Umerov, Andrii Kovalenko"]
