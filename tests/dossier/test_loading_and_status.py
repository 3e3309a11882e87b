"""Typed frames, provenance, re-grading and derived status on the mini dossier."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import write_tables

from analysis import allegation_status, load_dossier
from analysis.filtering import status_timeline


def test_typed_frames(mini_dir):
    d = load_dossier(mini_dir)
    st = d.statements
    assert str(st["occurred"].dtype).startswith("datetime64")
    assert list(st["occurred_precision"].astype(str)) == ["month", "day", "day"]
    assert isinstance(st["stance"].dtype, pd.CategoricalDtype)
    assert st["source_ids"].iloc[0] == ("src-b",)
    assert d.partnerships["parties"].iloc[0] == ("RUS", "PRK")
    assert d.partnerships["binding"].iloc[0] is True or bool(d.partnerships["binding"].iloc[0])
    assert d.partnerships["articles"].iloc[0] == 23
    assert d.counts()["statements"] == 3 and d.counts()["hypotheses"] == 0


def test_provenance_columns_come_from_cited_sources(mini_dir):
    d = load_dossier(mini_dir)
    st = d.statements.set_index("statement_id")
    assert st.at["st-1", "reliability"] == "D" and st.at["st-1", "low_tier_only"]
    assert st.at["st-3", "reliability"] == "B" and not st.at["st-3", "low_tier_only"]
    assert st.at["st-3", "publishers"] == ("NK News",)


def test_regrade_recomputes_every_derived_column(mini_dir):
    d = load_dossier(mini_dir)
    lowered = d.regrade(**{"src-a": "E"})
    assert lowered.statements.set_index("statement_id").at["st-3", "reliability"] == "E"
    assert d.statements.set_index("statement_id").at["st-3", "reliability"] == "B"  # unchanged
    with pytest.raises(KeyError, match="no source with id 'src-nope'"):
        d.regrade(**{"src-nope": "A"})
    with pytest.raises(ValueError, match="reliability must be one of A, B, C, D, E, F"):
        d.regrade(**{"src-a": "Z"})


@pytest.mark.parametrize(
    "as_of,status,confirmed_by",
    [
        ("2024-10-09", "unreported", ()),
        ("2024-10-20", "disputed", ()),
        ("2025-04-30", "confirmed", ("RUS",)),
        (None, "confirmed", ("RUS",)),
    ],
)
def test_status_is_derived_as_of_a_date(mini_dir, as_of, status, confirmed_by):
    d = load_dossier(mini_dir)
    row = allegation_status(d.allegations, d.statements, as_of).loc["al-troops"]
    assert row["status"] == status
    assert row["confirmed_by"] == confirmed_by


def test_third_party_confirmation_does_not_settle_an_allegation(tmp_path, mini_tables):
    mini_tables["statements"][2]["actor_id"] = "KOR"  # Seoul, an accuser, "confirms"
    d = load_dossier(write_tables(tmp_path / "d", mini_tables))
    row = allegation_status(d.allegations, d.statements).loc["al-troops"]
    assert row["status"] == "disputed" and row["alleged_by"] == ("KOR",)


def test_days_to_confirmation_and_status_timeline(mini_dir):
    d = load_dossier(mini_dir)
    row = allegation_status(d.allegations, d.statements).loc["al-troops"]
    assert row["first_alleged"] == pd.Timestamp("2024-10-10")
    assert row["days_to_confirmation"] == 198
    changes = status_timeline(d.allegations, d.statements)
    assert list(changes["status"].astype(str)) == ["disputed", "confirmed"]
    assert list(changes["date"].dt.strftime("%Y-%m-%d")) == ["2024-10-10", "2025-04-26"]


def test_loading_writes_nothing(mini_dir):
    before = {p: p.stat().st_mtime_ns for p in mini_dir.iterdir()}
    load_dossier(mini_dir)
    assert {p: p.stat().st_mtime_ns for p in mini_dir.iterdir()} == before


def test_focus_falls_back_to_the_dossier_own_records(mini_dir):
    focus = load_dossier(mini_dir).focus  # the mini dossier has no datapackage.json
    assert focus == {
        "partnership": "pt-x",
        "comparison": "pt-x",
        "allegation": "al-troops",
        "second_allegation": "al-troops",
        "as_of": "2024-10-10",
    }


def test_focus_comes_from_the_descriptor(dossier):
    assert dossier.focus["partnership"] == "pt-rus-irn-2025"
    assert dossier.focus["comparison"] == "pt-rus-prk-2024"


def test_status_timeline_counts_a_month_reported_statement_from_the_end_of_its_month(
    tmp_path, mini_tables
):
    # Seoul's claim known only to the month: known by 31 Oct, after the 10 Oct denial
    mini_tables["statements"][0].update(occurred="2024-10", reported="2024-10")
    d = load_dossier(write_tables(tmp_path / "d", mini_tables))
    changes = status_timeline(d.allegations, d.statements)
    assert list(changes["status"].astype(str)) == ["denied", "disputed", "confirmed"]
    assert list(changes["date"].dt.strftime("%Y-%m-%d")) == [
        "2024-10-10",
        "2024-10-31",
        "2025-04-26",
    ]
