"""Partial dates as intervals: a record reported only to the month or year is known by the END
of its period in every as-of view (issue 18 item 4), on a purpose-made dossier."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import write_tables

from analysis import load_dossier
from analysis.common.dates import known_by
from analysis.filtering import Filters, apply_filters, reported_days
from analysis.filtering.changes import changes_between
from analysis.filtering.grades import graded_statements
from analysis.filtering.status import allegation_status, status_steps


@pytest.fixture
def vague(tmp_path, mini_tables):
    # Seoul's claim (st-1) is reported only as "2024-10"; Peskov's denial on 10 Oct 2024;
    # the treaty's entry into force only as "2024" (the year).
    mini_tables["statements"][0].update(occurred="2024-10", reported="2024-10")
    mini_tables["statements"][1].update(occurred="2024-10-10", reported="2024-10-15")
    mini_tables["events"][1].update(occurred="2024", reported="2024")
    return load_dossier(write_tables(tmp_path / "vague", mini_tables))


def test_known_by_is_the_end_of_the_period(vague):
    st = vague.statements.set_index("statement_id")
    assert known_by(st).dt.strftime("%Y-%m-%d").to_dict() == {
        "st-1": "2024-10-31",
        "st-2": "2024-10-15",
        "st-3": "2025-04-26",
    }


def test_a_month_reported_claim_is_not_known_before_the_month_ends(vague):
    def shown(as_of):
        return list(apply_filters(vague, Filters(as_of=as_of)).statements["statement_id"])

    assert shown("2024-10-01") == []
    assert shown("2024-10-20") == ["st-2"]  # the denial, not yet the claim it answers
    assert shown("2024-10-31") == ["st-1", "st-2"]
    status = allegation_status(vague.allegations, vague.statements, "2024-10-20")
    assert status.at["al-troops", "status"] == "denied"
    assert (
        allegation_status(vague.allegations, vague.statements, "2024-10-31").at[
            "al-troops", "status"
        ]
        == "disputed"
    )
    view = apply_filters(vague, Filters(as_of="2024-10-20"))
    assert str(view.status["al-troops"]) == "denied"
    assert list(graded_statements(vague, as_of="2024-10-20")["statement_id"]) == ["st-2"]


def test_a_year_reported_entry_into_force_counts_from_the_years_end(vague):
    def state(as_of):
        parts = apply_filters(vague, Filters(as_of=as_of)).partnerships
        return str(parts.set_index("partnership_id").at["pt-x", "state"])

    assert state("2024-12-30") == "signed"
    assert state("2024-12-31") == "in_force"


def test_as_of_steps_and_changes_follow_the_same_rule(vague):
    days = [f"{d:%Y-%m-%d}" for d in reported_days(vague)]
    assert days == ["2024-06-19", "2024-10-15", "2024-10-31", "2024-12-31", "2025-04-26"]
    steps = status_steps(vague.allegations, vague.statements)
    pairs = zip(steps["date"], steps["status"], strict=True)
    assert [(f"{d:%Y-%m-%d}", str(s)) for d, s in pairs] == [
        ("2024-10-15", "denied"),
        ("2024-10-31", "disputed"),
        ("2025-04-26", "confirmed"),
    ]
    changes = changes_between(vague, pd.Timestamp("2024-10-20"), pd.Timestamp("2024-11-30"))
    assert list(changes.records["record_id"]) == ["st-1"]
