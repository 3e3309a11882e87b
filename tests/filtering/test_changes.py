"""What became known between two dates (issue 15): records, status changes with the statements
that moved them, partnerships, relations and ranks, on the bundled dossier."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.common.dates import known_by
from analysis.filtering import Filters, apply_filters
from analysis.filtering.changes import changes_between, changes_since
from analysis.filtering.status import status_steps

START, END = pd.Timestamp("2024-10-01"), pd.Timestamp("2025-05-01")


@pytest.fixture(scope="module")
def changes(dossier):
    return changes_between(dossier, START, END)


def test_the_north_korean_troops_allegation_goes_from_unknown_to_confirmed(changes):
    troops = changes.statuses[changes.statuses["allegation_id"] == "al-prk-troops"]
    assert troops[["before", "after", "moved_by"]].values.tolist() == [
        ["unreported", "alleged", "st-2024-10-kor-seoul-troops"],
        ["alleged", "disputed", "st-2024-10-10-peskov-troops"],
        ["disputed", "confirmed", "st-2025-04-26-gerasimov-troops"],
    ]
    assert troops["date"].dt.strftime("%Y-%m-%d").tolist() == [
        "2024-10-10", "2024-10-10", "2025-04-26",
    ]  # fmt: skip


def test_new_records_are_those_reported_after_the_start_and_by_the_end(dossier, changes):
    # known by the end of their reported period: a record reported "2024-10" counts as new
    st, ev = dossier.statements, dossier.events
    expected = {
        *st.loc[known_by(st).between(START, END, inclusive="right"), "statement_id"],
        *ev.loc[known_by(ev).between(START, END, inclusive="right"), "event_id"],
    }
    assert set(changes.records["record_id"]) == expected
    assert "ev-2024-10-eu-sanctions-iran-airlines" in expected  # reported 2024-10: on 31 Oct
    assert known_by(changes.records).is_monotonic_increasing
    before, after = (apply_filters(dossier, Filters(as_of=d)).n_records for d in (START, END))
    assert len(changes.records) == after - before


def test_partnerships_relations_and_ranks_that_moved(changes):
    moved = changes.partnerships.set_index("partnership_id")
    assert moved.loc["pt-rus-prk-2024"].tolist() == ["signed", "in_force"]
    assert moved.loc["pt-rus-irn-2025"].tolist() == ["", "signed"]  # not known on the start
    gained = changes.edges[changes.edges["change"] == "gained"]
    assert ("PRK", "RUS", "confirmed transfer") in set(
        gained[["source", "target", "relation"]].itertuples(index=False, name=None)
    )
    assert set(changes.edges["change"]) <= {"gained", "lost"}
    assert (changes.ranks["before"] != changes.ranks["after"]).fillna(True).all()


def test_a_window_with_nothing_new_is_empty_and_bad_dates_are_refused(dossier):
    assert changes_between(dossier, "1990-01-01", "1990-06-01").empty
    with pytest.raises(
        ValueError, match=r"^start must be before end; got 2025-05-01 and 2024-10-01$"
    ):
        changes_between(dossier, END, START)
    with pytest.raises(ValueError, match=r"^start and end must be dates; got 'soon' and '2025'$"):
        changes_between(dossier, "soon", "2025")


def test_within_a_day_a_claim_comes_before_its_denial(dossier):
    steps = status_steps(dossier.allegations, dossier.statements)
    day = steps[(steps["allegation_id"] == "al-prk-troops") & (steps["date"] == "2024-10-10")]
    assert day["status"].astype(str).tolist() == ["alleged", "disputed"]
    # the day's outcome is what the as-of view shows
    view = apply_filters(dossier, Filters(as_of="2024-10-10"))
    assert view.status["al-prk-troops"] == "disputed"


def test_the_table_and_figure_show_every_change(dossier, changes):
    from analysis.figures.changes import changes_figure, changes_table

    table = changes_table(changes, dossier)
    n = len(changes.records) + len(changes.statuses) + len(changes.partnerships)
    assert len(table) == n + len(changes.edges)
    troops = table[table["subject"] == "al-prk-troops"]
    assert troops["detail"].tolist() == [
        "unreported \u2192 alleged", "alleged \u2192 disputed", "disputed \u2192 confirmed",
    ]  # fmt: skip
    assert "RU–KP 2024" in set(table["subject"])
    fig = changes_figure(changes, dossier)
    marks = {(t.name, i) for t in fig.data for i in t.customdata}
    assert ("confirmed", "st-2025-04-26-gerasimov-troops") in marks
    assert sum(len(t.x) for t in fig.data) == len(changes.statuses)
    nothing = changes_between(dossier, "1990-01-01", "1990-06-01")
    assert changes_figure(nothing, dossier).layout.annotations[0].text == (
        "No allegation changed status between these dates"
    )


def test_changes_since_a_view_follows_its_filters_and_names_its_rule(dossier):
    d = dossier
    later = apply_filters(d, Filters(as_of="2025-05-01", actors=("PRK",)))
    ch = changes_since(later, "2024-10-01")
    earlier = apply_filters(d, Filters(as_of="2024-10-01", actors=("PRK",)))
    shown_now = set(later.statements["statement_id"]) | set(later.events["event_id"])
    shown_then = set(earlier.statements["statement_id"]) | set(earlier.events["event_id"])
    assert ch.record_ids == shown_now - shown_then
    assert not ch.empty
    with pytest.raises(ValueError) as caught:
        changes_since(later, "2025-05-01")
    assert str(caught.value) == (
        "compare with a date before the as-of date (01 May 2025); got 01 May 2025"
    )
    with pytest.raises(ValueError, match="since must be a date; got 'soon'"):
        changes_since(later, "soon")
