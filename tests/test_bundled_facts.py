"""What the bundled dossier shows about the seed article's claims, as named tests.

Notebook 01 states these facts in its prose and asserts them when it runs on the bundled
dossier; here each is a test of its own, so a data change that alters one fails by name.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import allegation_status, compare_obligations, load_dossier
from analysis.evidence import allegation_summary
from analysis.evidence.ach import ach_analysis
from analysis.filtering import Filters, apply_filters, partnership_dates


@pytest.fixture(scope="module")
def d():
    return load_dossier()


def test_the_two_treaties_were_signed_and_entered_into_force_on_these_days(d):
    dates = partnership_dates(d)
    got = {
        pid: [dates.at[pid, c].date().isoformat() for c in ("signed", "in_force")]
        for pid in ("pt-rus-irn-2025", "pt-rus-prk-2024")
    }
    assert got == {
        "pt-rus-irn-2025": ["2025-01-17", "2025-10-02"],
        "pt-rus-prk-2024": ["2024-06-19", "2024-12-04"],
    }


def test_only_the_north_korea_treaty_has_a_mutual_defence_clause(d):
    comparison = compare_obligations(d, "pt-rus-irn-2025", "pt-rus-prk-2024")
    row = comparison.loc["mutual_defence"]
    assert [row["pt-rus-irn-2025"], row["pt-rus-prk-2024"]] == ["absent", "present"]
    assert row["pt-rus-prk-2024 article"] == "4"
    assert comparison.at["no_aid_to_aggressor", "pt-rus-irn-2025 article"] == "3(3)"


def test_the_arms_allegations_stand_as_the_article_says(d):
    status = allegation_status(d.allegations, d.statements)
    assert status.at["al-irn-drones", "status"] == "partly_acknowledged"
    assert status.at["al-irn-drones", "partly_acknowledged_by"] == ("IRN",)
    assert status.at["al-irn-crbm", "status"] == "disputed"
    assert set(status.at["al-irn-crbm", "denied_by"]) == {"IRN", "RUS"}
    assert {"USA", "GBR", "eu", "e3"} <= set(status.at["al-irn-crbm", "alleged_by"])


def test_north_korean_troops_went_from_alleged_to_confirmed_in_198_days(d):
    status = allegation_status(d.allegations, d.statements).loc["al-prk-troops"]
    assert status["status"] == "confirmed"
    summary = allegation_summary(d).loc["al-prk-troops"]
    assert summary["first_alleged"] == pd.Timestamp("2024-10-10")
    assert summary["first_alleged_by"] == "KOR"
    assert summary["confirmed_by"] == ("RUS", "PRK")
    assert summary["days_to_confirmation"] == 198


def test_the_favoured_hypothesis_is_cooperation_without_a_defence_duty(d):
    ach = ach_analysis(d)
    assert ach.sensitivity.leaders == ("hy-2",) and ach.sensitivity.runner_up == "hy-1"
    assert "We judge it likely" in ach.statement and "moderate confidence" in ach.statement
    assert ach.sensitivity.pivotal == () and ach.sensitivity.survives_low_tier_drop


@pytest.mark.parametrize(
    "name, record, known_on, not_yet",
    [
        # had been "reported" on 2022-11-05, the date of the source cited
        ("russia-iran-2025", "ev-2022-02-24-russia-invades-ukraine", "2022-03-01", "2022-02-23"),
        # had been "reported" on 2021-03-22 in both dossiers
        ("russia-china-2022", "ev-2002-02-28-rus-chn-treaty-in-force", "2002-03-01", "2002-02-27"),
    ],
)
def test_as_of_views_know_what_the_world_knew(name, record, known_on, not_yet):
    """Issue 14: ``reported`` is when a fact became public, not when our source was published."""
    dossier = load_dossier(name)
    known = apply_filters(dossier, Filters(as_of=pd.Timestamp(known_on)))
    assert record in set(known.events["event_id"])
    early = apply_filters(dossier, Filters(as_of=pd.Timestamp(not_yet)))
    assert record not in set(early.events["event_id"])
