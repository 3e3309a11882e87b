"""Citable views: a Filters value round-trips through its query string, and a link a reader
mistyped gives the view it could read plus a note for each parameter it left out."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.filtering import RECORD_KINDS, RELATIONS, STATUSES, Filters
from analysis.filtering.links import from_query, to_query
from analysis.schema import RELIABILITY_GRADES

IDS = st.from_regex(r"\A[A-Za-z0-9][A-Za-z0-9_.\-]{0,12}\Z")  # the schema's id pattern
DAYS = st.dates(
    min_value=pd.Timestamp("1900-01-01").date(), max_value=pd.Timestamp("2100-12-31").date()
)


def terms(vocabulary):
    return st.none() | st.lists(st.sampled_from(vocabulary), unique=True).map(tuple)


@st.composite
def filter_values(draw):
    start, end = draw(st.none() | DAYS), draw(st.none() | DAYS)
    if start and end and start > end:
        start, end = end, start
    return Filters(
        date_range=(start, end),
        as_of=draw(st.none() | DAYS),
        actors=tuple(draw(st.lists(IDS, unique=True, max_size=4))),
        neighbourhood_of=draw(st.none() | IDS),
        relations=draw(terms(RELATIONS)),
        record_kinds=draw(terms(RECORD_KINDS)),
        statuses=draw(terms(STATUSES)),
        min_reliability=draw(st.sampled_from(list(RELIABILITY_GRADES))),
        max_credibility=draw(st.integers(1, 6)),
    )


@settings(max_examples=300, deadline=None)
@given(filter_values())
def test_every_view_round_trips_through_its_link(filters):
    query = to_query(filters)
    assert from_query(query) == from_query("?" + query) == from_query("#" + query)
    link = from_query(query)
    assert link.notes == ()
    assert link.filters == filters


def test_the_issues_example_reads_as_written():
    query = "as_of=2024-10-20&actors=RUS,PRK&min_reliability=B"
    filters = Filters(as_of="2024-10-20", actors=("RUS", "PRK"), min_reliability="B")
    assert to_query(filters) == query
    assert from_query("?" + query).filters == filters


MUST_BE_GRADE = "min_reliability must be one of A, B, C, D, E, F; got 'Z'"
NOT_A_PARAMETER = (
    "not a parameter of this view (dates, as_of, actors, neighbourhood, relations, kinds, "
    "statuses, min_reliability, max_credibility, since)"
)
#: (query, the view it gives, the parameter left out, the rule it broke)
CASES = [
    ("as_of=2024-13-01", Filters(), "as_of=2024-13-01", "as_of must be a date; got '2024-13-01'"),
    (
        "dates=2025-01-01..2024-01-01",
        Filters(),
        "dates=2025-01-01..2024-01-01",
        "date_range starts after it ends: 2025-01-01 > 2024-01-01",
    ),
    ("dates=2024", Filters(), "dates=2024", "dates must be START..END (either may be empty)"),
    (
        "min_reliability=Z&max_credibility=2",
        Filters(max_credibility=2),
        "min_reliability=Z",
        MUST_BE_GRADE,
    ),
    (
        "max_credibility=two",
        Filters(),
        "max_credibility=two",
        "max_credibility must be a whole number 1-6; got 'two'",
    ),
    (
        "kinds=alleges,Gossip!",  # not a term (a dossier's own kinds are checked on opening)
        Filters(),
        "kinds=alleges,Gossip!",
        "unknown record kind 'Gossip!'; choose from " + ", ".join(RECORD_KINDS),
    ),
    (
        "actors=RUS&actors=IRN",
        Filters(actors=("RUS",)),
        "actors=IRN",
        "actors is given more than once",
    ),
    ("<script>=1&as_of=2024-10-20", Filters(as_of="2024-10-20"), "<script>=1", NOT_A_PARAMETER),
]


@pytest.mark.parametrize(("query", "kept", "left_out", "rule"), CASES)
def test_a_bad_parameter_is_left_out_with_a_note_naming_it_and_the_rule(
    query, kept, left_out, rule
):
    link = from_query(query)
    assert link.filters == kept
    assert link.notes == (f"{left_out} ignored: {rule}",)


def test_an_empty_list_means_none_and_a_missing_one_means_all():
    assert from_query("kinds=").filters.record_kinds == ()
    assert from_query("").filters.record_kinds is None
    assert from_query("").notes == ()


def test_the_compare_date_rides_along_after_the_filters_and_a_bad_one_is_named():
    query = to_query(Filters(as_of="2025-05-01", actors=("PRK",)), since="2024-10-01")
    assert query == "as_of=2025-05-01&actors=PRK&since=2024-10-01"
    link = from_query("?" + query)
    assert link.filters == Filters(as_of="2025-05-01", actors=("PRK",))
    assert link.since == pd.Timestamp("2024-10-01")
    assert link.notes == ()
    bad = from_query("since=last-week&as_of=2025-05-01")
    assert bad.since is None
    assert bad.filters == Filters(as_of="2025-05-01")
    assert bad.notes == ("since=last-week ignored: since must be a date; got 'last-week'",)
