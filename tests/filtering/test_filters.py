"""Filters and the view they leave: the mini dossier's known facts, and the bundled one's."""

from __future__ import annotations

import copy

import numpy as np
import pandas as pd
import pytest
from conftest import MINI, write_tables

from analysis import load_dossier
from analysis.filtering.filters import RELATIONS, Filters, View, apply_filters, restrict
from analysis.synthetic.dossiers import synthetic_dossier


@pytest.fixture(scope="module")
def synthetic():
    return synthetic_dossier(3_000, seed=11)


def ids(view: View) -> list[str]:
    return sorted([*view.statements["statement_id"], *view.events["event_id"]])


def edges(view: View) -> set[tuple]:
    return {
        (s, t, r, st)
        for s, t, r, st in zip(
            view.edges["source"],
            view.edges["target"],
            view.edges["relation"].astype(str),
            view.edges["status"],
            strict=True,
        )
    }


# --- the filter value ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(min_reliability="G"), r"min_reliability must be one of A, B, C, D, E, F; got 'G'"),
        (dict(max_credibility=7), "max_credibility must be one of 1, 2, 3, 4, 5, 6; got '7'"),
        (dict(max_credibility="x"), "max_credibility must be one of 1, 2, 3, 4, 5, 6; got 'x'"),
        (dict(relations=("friends",)), "unknown relation 'friends'; choose from partnership, "),
        (dict(record_kinds=("Chat!",)), "unknown record kind 'Chat!'; choose from alleges, "),
        (dict(statuses=("maybe",)), "unknown status 'maybe'; choose from unreported, denied"),
        (
            dict(date_range=("2025-01-01", "2024-01-01")),
            "date_range starts after it ends: 2025-01-01 > 2024-01-01",
        ),
        (dict(as_of="not a date"), "as_of must be a date; got 'not a date'"),
    ],
    ids=[
        "grade G",
        "credibility 7",
        "credibility text",
        "relation",
        "record kind",
        "status",
        "reversed range",
        "bad as-of",
    ],
)
def test_invalid_filters_say_what_is_wrong(kwargs, message):
    with pytest.raises(ValueError, match=message):
        Filters(**kwargs)


def test_filters_are_normalised_values():
    f = Filters(
        date_range=("2024-01-01", None),
        as_of="2024-10-20",
        actors="PRK",
        relations=["denies", "denies"],
        max_credibility="3",
    )
    assert f.date_range == (pd.Timestamp("2024-01-01"), None)
    assert f.as_of == pd.Timestamp("2024-10-20")
    assert f.actors == ("PRK",) and f.relations == ("denies",) and f.max_credibility == 3
    assert f == Filters(
        date_range=(pd.Timestamp("2024-01-01"), None),
        as_of="2024-10-20",
        actors=("PRK",),
        relations=("denies",),
        max_credibility=3,
    )
    with pytest.raises(AttributeError):
        f.as_of = None  # frozen


# --- the mini dossier -----------------------------------------------------------------------------


def test_everything_by_default(mini):
    view = apply_filters(mini)
    assert ids(view) == ["ev-force", "ev-sign", "st-1", "st-2", "st-3"]
    assert view.n_records == 5 and not view.empty
    assert view.status.to_dict() == {"al-troops": "confirmed"}
    # kept rows come in order of date
    assert list(view.statements["statement_id"]) == ["st-1", "st-2", "st-3"]


@pytest.mark.parametrize(
    "as_of, kept, status",
    [
        ("2024-06-18", [], "unreported"),
        ("2024-10-09", ["ev-sign"], "unreported"),
        ("2024-10-10", ["ev-sign", "st-1", "st-2"], "disputed"),
        ("2024-12-04", ["ev-sign", "st-1", "st-2"], "disputed"),  # entry into force reported 12-05
        ("2025-04-26", ["ev-force", "ev-sign", "st-1", "st-2", "st-3"], "confirmed"),
    ],
    ids=[
        "before anything",
        "signed only",
        "alleged and denied",
        "in force not yet reported",
        "confirmed",
    ],
)
def test_as_of_keeps_what_was_reported_by_then(mini, as_of, kept, status):
    view = apply_filters(mini, Filters(as_of=as_of))
    assert ids(view) == kept
    assert view.status["al-troops"] == status


@pytest.mark.parametrize(
    "as_of, state",
    [
        ("2024-06-18", None),
        ("2024-06-19", "signed"),
        ("2024-12-04", "signed"),
        ("2024-12-05", "in_force"),
    ],
    ids=["not yet signed", "signed", "in force unknown", "in force"],
)
def test_partnerships_as_of(mini, as_of, state):
    parts = apply_filters(mini, Filters(as_of=as_of)).partnerships
    if state is None:
        assert parts.empty
    else:
        assert parts.set_index("partnership_id").at["pt-x", "state"] == state


def test_partnership_milestones_are_derived_from_events(mini):
    p = apply_filters(mini).partnerships.set_index("partnership_id").loc["pt-x"]
    assert p["signed"] == pd.Timestamp("2024-06-19") and p["signed_precision"] == "day"
    assert p["in_force"] == pd.Timestamp("2024-12-04") and pd.isna(p["ended"])


def test_a_replaced_partnership_ends_when_its_successor_enters_into_force(tmp_path):
    tables = copy.deepcopy(MINI)
    tables["partnerships"].append(
        dict(
            tables["partnerships"][0], partnership_id="pt-old", name="Old treaty", short_name="Old"
        )
    )
    tables["partnerships"][0]["replaces_id"] = "pt-old"
    tables["events"].append(
        dict(
            tables["events"][0],
            event_id="ev-old",
            occurred="2000-02-09",
            reported="2000-02-09",
            partnership_id="pt-old",
        )
    )
    d = load_dossier(write_tables(tmp_path / "replaced", tables))
    old = apply_filters(d).partnerships.set_index("partnership_id").loc["pt-old"]
    assert old["ended"] == pd.Timestamp("2024-12-04") and old["state"] == "ended"
    before = apply_filters(d, Filters(as_of="2024-11-01")).partnerships
    assert before.set_index("partnership_id").at["pt-old", "state"] == "signed"


@pytest.mark.parametrize(
    "filters, kept",
    [
        (Filters(actors=("KOR",)), ["st-1"]),
        (Filters(actors=("PRK",)), ["ev-force", "ev-sign", "st-1", "st-2", "st-3"]),
        (Filters(actors=("peskov",)), ["st-2"]),
        (Filters(record_kinds=("denies", "signing")), ["ev-sign", "st-2"]),
        (Filters(record_kinds=()), []),
        (Filters(min_reliability="B"), ["ev-force", "ev-sign", "st-3"]),
        (Filters(max_credibility=2), ["ev-force", "ev-sign", "st-2", "st-3"]),
        (Filters(date_range=("2024-10-15", "2024-10-20")), ["st-1"]),  # the month overlaps
        (Filters(date_range=(None, "2024-10-09")), ["ev-sign", "st-1"]),
        (Filters(date_range=("2025-01-01", None)), ["st-3"]),
        (Filters(statuses=("disputed",)), ["ev-force", "ev-sign"]),
        (Filters(statuses=("confirmed",)), ["ev-force", "ev-sign", "st-1", "st-2", "st-3"]),
    ],
    ids=[
        "actor who alleges",
        "accused actor",
        "speaker",
        "kinds",
        "no kinds",
        "reliability B or better",
        "credibility 2 or better",
        "month overlaps range",
        "range end",
        "range start",
        "status not matching",
        "status matching",
    ],
)
def test_each_filter_keeps_the_right_records(mini, filters, kept):
    assert ids(apply_filters(mini, filters)) == kept


def test_status_comes_from_the_statements_that_pass_the_grade_filters(mini):
    late = apply_filters(mini, Filters(min_reliability="B", as_of="2024-10-20"))
    assert late.status["al-troops"] == "unreported"  # both early reports cite a D source
    assert apply_filters(mini, Filters(min_reliability="B")).status["al-troops"] == "confirmed"


def test_relations_as_of(mini):
    early = apply_filters(mini, Filters(as_of="2024-10-20"))
    assert edges(early) == {
        ("PRK", "RUS", "partnership", "signed"),
        ("KOR", "PRK", "alleges against", None),
        ("RUS", "KOR", "denies", None),  # a party's denial points at the first accuser
        ("PRK", "RUS", "alleged transfer", "disputed"),
    }
    late = apply_filters(mini, Filters(as_of="2025-04-30"))
    assert ("PRK", "RUS", "confirmed transfer", "confirmed") in edges(late)
    assert not any(r == "alleged transfer" for _, _, r, _ in edges(late))
    directed = dict(zip(late.edges["relation"].astype(str), late.edges["directed"], strict=True))
    assert directed == {
        "partnership": False,
        "alleges against": True,
        "denies": True,
        "confirmed transfer": True,
    }


def test_relations_filter(mini):
    view = apply_filters(mini, Filters(relations=("partnership", "denies")))
    assert set(view.edges["relation"].astype(str)) == {"partnership", "denies"}
    assert list(view.edges["relation"].cat.categories) == list(RELATIONS)


def test_neighbourhood_of_adds_the_neighbours(mini):
    view = apply_filters(mini, Filters(neighbourhood_of="KOR"))
    assert set(view.actors) == {"KOR", "PRK", "RUS"}
    assert ids(view) == ["ev-force", "ev-sign", "st-1", "st-2", "st-3"]
    alone = apply_filters(mini, Filters(neighbourhood_of="peskov"))
    assert alone.actors == ("peskov",) and ids(alone) == ["st-2"]


def test_unknown_actor(mini):
    with pytest.raises(KeyError, match="no actor with id 'XXX'"):
        apply_filters(mini, Filters(actors=("XXX",)))
    with pytest.raises(KeyError, match="no actor with id 'YYY'"):
        apply_filters(mini, Filters(neighbourhood_of="YYY"))


def test_activity_counts_records_per_actor(mini):
    activity = apply_filters(mini).activity
    assert activity.to_dict() == {"RUS": 5, "PRK": 5, "KOR": 1, "peskov": 1}


def test_restrict_focuses_on_an_actor(mini):
    view = apply_filters(mini)
    focused = restrict(view, ["KOR"])
    assert ids(focused) == ["st-1"] and focused.actors == ("KOR",)
    assert all(
        "KOR" in (s, t)
        for s, t in zip(focused.edges["source"], focused.edges["target"], strict=True)
    )
    assert ids(view) == ["ev-force", "ev-sign", "st-1", "st-2", "st-3"]  # unchanged


def test_a_filter_that_leaves_nothing(mini):
    view = apply_filters(mini, Filters(date_range=("1990-01-01", "1990-12-31")))
    assert view.n_records == 0 and view.partnerships.empty and view.edges.empty and view.empty


def test_applying_filters_leaves_the_dossier_alone(mini):
    before = mini.statements.copy()
    apply_filters(mini, Filters(actors=("PRK",), as_of="2024-10-20", min_reliability="C"))
    pd.testing.assert_frame_equal(mini.statements, before)


# --- vectorised status = the status module's rules -----------------------------------------------


@pytest.mark.parametrize("as_of", [None, "2016-06-30", "2019-01-01", "2022-06-30"])
@pytest.mark.parametrize("grade", ["F", "C", "A"])
def test_status_equals_allegation_status(synthetic, as_of, grade):
    view = apply_filters(synthetic, Filters(as_of=as_of, min_reliability=grade, max_credibility=4))
    reference = view.status_table["status"].astype(str)
    pd.testing.assert_series_equal(view.status.astype(str), reference, check_names=False)


def test_kept_rows_are_in_date_order(synthetic):
    view = apply_filters(synthetic, Filters(min_reliability="C"))
    assert np.all(np.diff(view.statements["occurred"].to_numpy()) >= np.timedelta64(0))
    assert len(view.statement_rows) == len(set(view.statement_rows))


# --- the bundled dossier's known facts ------------------------------------------------------------


def test_north_korean_troops_disputed_then_confirmed(dossier):
    early = apply_filters(dossier, Filters(as_of="2024-10-20"))
    late = apply_filters(dossier, Filters(as_of="2025-04-30"))
    assert early.status["al-prk-troops"] == "disputed"
    assert late.status["al-prk-troops"] == "confirmed"
    early_pairs = edges(early)
    assert ("PRK", "RUS", "alleged transfer", "disputed") in early_pairs
    confirmed = late.edges[late.edges["relation"] == "confirmed transfer"]
    assert "al-prk-troops" in confirmed.set_index(["source", "target"]).at[("PRK", "RUS"), "labels"]


@pytest.mark.parametrize(
    "as_of, present",
    [("2025-01-16", False), ("2025-01-17", True), ("2025-06-30", True)],
    ids=["day before signing", "signing day", "after"],
)
def test_russia_iran_treaty_as_of(dossier, as_of, present):
    parts = apply_filters(dossier, Filters(as_of=as_of)).partnerships
    assert ("pt-rus-irn-2025" in set(parts["partnership_id"])) is present


def test_bundled_status_equals_allegation_status(dossier):
    for as_of in (None, "2024-10-20", "2025-04-30"):
        view = apply_filters(dossier, Filters(as_of=as_of))
        assert view.status.astype(str).equals(view.status_table["status"].astype(str))
