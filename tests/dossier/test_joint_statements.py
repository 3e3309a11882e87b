"""One utterance, one statement, also when several parties make it: a joint statement is one row
naming its other parties (``joint_actor_ids``) and speakers (``joint_speaker_ids``). Counts take
it once; each party is credited with it (filtering by actor, relations, who alleges whom, the
timeline's lanes, the records table, the exports' edges).

The fixture is the shared mini dossier with a US actor added, and its South Korean allegation
(``st-1``) made jointly by South Korea and the United States.
"""

from __future__ import annotations

import copy

import pandas as pd
import pytest
from conftest import MINI, write_tables

from analysis import load_dossier, per_actor, per_allegation
from analysis.dossier import Issue
from analysis.dossier.audit import audit_folder
from analysis.evidence import stance_matrix
from analysis.exports.graph_formats import dossier_graph
from analysis.figures.records import records_table
from analysis.figures.timeline.marks import timeline_marks
from analysis.filtering import Filters, allegation_status, apply_filters

USA = {
    "actor_id": "USA",
    "name": "United States",
    "kind": "state",
    "alignment": "west_and_partners",
    "source_ids": "src-b",
}
KIM = {
    "actor_id": "kim",
    "name": "A South Korean official",
    "kind": "person",
    "affiliation_id": "KOR",
    "alignment": "west_and_partners",
    "source_ids": "src-b",
}


@pytest.fixture
def joint_tables():
    tables = copy.deepcopy(MINI)
    tables["actors"] += [USA, KIM]
    tables["statements"][0]["joint_actor_ids"] = "USA"
    return tables


@pytest.fixture
def joint(tmp_path, joint_tables):
    return load_dossier(write_tables(tmp_path / "d", joint_tables))


def issues_of(tmp_path, tables) -> list[Issue]:
    from analysis.dossier import DossierValidationError

    try:
        load_dossier(write_tables(tmp_path / "bad", tables))
    except DossierValidationError as err:
        return sorted(err.issues, key=str)
    return []


# --- validation -----------------------------------------------------------------------------


def test_every_wrong_party_list_is_reported_at_once(tmp_path, joint_tables):
    st = joint_tables["statements"]
    st[0]["joint_actor_ids"] = "USA;KOR"  # st-1 is South Korea's own
    st[0]["joint_speaker_ids"] = "kim"  # st-1 names no speaker_id
    st[1]["joint_actor_ids"] = "PRK;PRK"
    st[1]["joint_speaker_ids"] = "peskov"  # st-2's own speaker
    st[2]["joint_actor_ids"] = "PRK;XXX"
    own_actor = "names the statement's own actor_id: list only the others who made the utterance "
    own_speaker = "names speaker_id itself, or comes without one: list only the others who made "
    assert issues_of(tmp_path, joint_tables) == sorted(
        [
            Issue(
                "statements.csv",
                2,
                "st-1",
                "joint_actor_ids",
                "USA;KOR",
                own_actor + "with actor_id",
            ),
            Issue(
                "statements.csv",
                2,
                "st-1",
                "joint_speaker_ids",
                "kim",
                own_speaker + "the utterance with speaker_id",
            ),
            Issue(
                "statements.csv",
                3,
                "st-2",
                "joint_actor_ids",
                "PRK;PRK",
                "lists the same id more than once",
            ),
            Issue(
                "statements.csv",
                3,
                "st-2",
                "joint_speaker_ids",
                "peskov",
                own_speaker + "the utterance with speaker_id",
            ),
            Issue(
                "statements.csv",
                4,
                "st-3",
                "joint_actor_ids",
                "PRK;XXX",
                "names an id that is not in actors.csv: 'XXX'",
            ),
        ],
        key=str,
    )


def test_a_joint_speaker_beside_the_speaker_is_valid(tmp_path, joint_tables):
    joint_tables["statements"][1]["joint_speaker_ids"] = "kim"
    assert issues_of(tmp_path, joint_tables) == []


# --- counts and the per-party view ----------------------------------------------------------


def test_a_joint_statement_is_one_row_and_counts_once(joint):
    assert len(joint.statements) == 3
    st = joint.statements.set_index("statement_id")
    assert st.at["st-1", "actor_id"] == "KOR"
    assert st.at["st-1", "joint_actor_ids"] == ("USA",)
    view = apply_filters(joint)
    assert (len(view.statements), view.n_records) == (3, len(joint.events) + 3)


def test_the_per_actor_view_has_one_row_per_party(joint):
    parties = per_actor(joint.statements)
    assert parties[["statement_id", "actor_id"]].values.tolist() == [
        ["st-1", "KOR"],
        ["st-1", "USA"],
        ["st-2", "RUS"],
        ["st-3", "RUS"],
    ]
    # it composes with the per-allegation view, and a frame with no joint column is as it is
    both = per_actor(per_allegation(joint.statements))
    assert both[["statement_id", "actor_id", "allegation_id"]].values.tolist()[:2] == [
        ["st-1", "KOR", "al-troops"],
        ["st-1", "USA", "al-troops"],
    ]
    plain = pd.DataFrame({"statement_id": ["a"], "actor_id": ["X"]})
    assert per_actor(plain) is plain


def test_filtering_by_either_party_or_a_joint_speaker_keeps_the_statement(tmp_path, joint_tables):
    joint_tables["statements"][1]["joint_speaker_ids"] = "kim"
    d = load_dossier(write_tables(tmp_path / "d", joint_tables))
    usa = apply_filters(d, Filters(actors=("USA",)))
    assert usa.statements["statement_id"].tolist() == ["st-1"]
    kim = apply_filters(d, Filters(actors=("kim",)))
    assert kim.statements["statement_id"].tolist() == ["st-2"]
    assert apply_filters(d).activity.to_dict()["USA"] == 1


def test_each_party_gets_its_network_edge(joint):
    edges = apply_filters(joint).edges
    alleging = edges[edges["relation"] == "alleges against"]
    assert sorted(zip(alleging["source"], alleging["target"], alleging["weight"], strict=True)) == [
        ("KOR", "PRK", 1),
        ("USA", "PRK", 1),
    ]


def test_each_party_is_tallied_and_named_among_the_accusers(joint):
    matrix = stance_matrix(joint, include_beneficiaries=False)
    alleges = matrix[matrix["stance"] == "alleges"]
    assert alleges[["actor_id", "target_id", "statements"]].values.tolist() == [
        ["KOR", "PRK", 1],
        ["USA", "PRK", 1],
    ]
    status = allegation_status(joint.allegations, joint.statements).loc["al-troops"]
    assert status["alleged_by"] == ("KOR", "USA")
    assert status["first_alleged_by"] == "KOR"
    assert status["statements"] == 3  # the joint statement once


def test_the_timeline_puts_it_on_each_party_lane_and_the_table_names_both(joint):
    view = apply_filters(joint)
    marks = timeline_marks(view)
    mine = marks[marks["record_id"] == "st-1"]
    assert mine["lane"].tolist() == ["KOR", "USA"]
    assert all("South Korea, United States:" in h for h in mine["hover"])
    assert len(timeline_marks(view, lanes="allegation").query("record_id == 'st-1'")) == 1
    table = records_table(view).set_index("record_id")
    assert table.at["st-1", "who"] == "South Korea, United States"
    assert table.at["st-2", "who"] == "Russia (Dmitry Peskov)"


def test_the_graph_export_has_one_edge_per_party(joint):
    g = dossier_graph(joint)
    edges = {(u, v, k) for u, v, k, d in g.edges(keys=True, data=True) if d["record_id"] == "st-1"}
    assert edges == {("KOR", "al-troops", "st-1.KOR"), ("USA", "al-troops", "st-1.USA")}
    # a statement by one party keeps its own id as the edge's key
    assert g.has_edge("RUS", "al-troops", "st-2")


# --- the audit ------------------------------------------------------------------------------


def _audit(tmp_path, tables) -> list[str]:
    return [f.message for f in audit_folder(write_tables(tmp_path / "a", tables))]


def test_a_joint_text_recorded_once_per_party_is_a_warning_and_one_row_passes(
    tmp_path, joint_tables
):
    st = joint_tables["statements"]
    st[0].update(joint_actor_ids="", quote="troops may join", quote_language="en")
    st.append(
        {**st[0], "statement_id": "st-1-usa", "actor_id": "USA", "summary": "Washington too."}
    )
    assert _audit(tmp_path / "per-party", joint_tables) == [
        "looks like the same utterance as st-1 (same quote): if it is one, record it once"
    ]
    st.pop()
    st[0]["joint_actor_ids"] = "USA"
    assert _audit(tmp_path / "joint", joint_tables) == []


def test_notes_saying_distinct_from_the_other_confirm_two_remarks(tmp_path, joint_tables):
    st = joint_tables["statements"]
    st.append({**st[1], "statement_id": "st-2b", "summary": "Another remark."})
    warning = (
        "looks like the same utterance as st-2 (same speaker, sources, stance and partnership): "
        "if it is one, record it once (one row naming all its allegations in allegation_ids)"
    )
    assert _audit(tmp_path / "plain", joint_tables) == [warning]
    st[-1]["notes"] = "A second remark, distinct from st-3."  # names another statement
    assert _audit(tmp_path / "other", joint_tables) == [warning]
    st[-1]["notes"] = "A second remark, Distinct from st-2 (checked against the source)."
    assert _audit(tmp_path / "confirmed", joint_tables) == []
