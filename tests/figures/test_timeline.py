"""The timeline builder: traces, categories, fixed colours, spans, precision and hover text."""

from __future__ import annotations

import copy

import numpy as np
import pandas as pd
import pytest
from conftest import MINI, write_tables
from support.figures import role

from analysis import load_dossier
from analysis.figures.base import is_empty
from analysis.figures.style import STANCE_SYMBOLS, colour
from analysis.figures.timeline.figure import timeline_figure, timeline_marks
from analysis.filtering.filters import Filters, apply_filters
from analysis.synthetic.dossiers import synthetic_dossier


def ms(date: str) -> float:
    return pd.Timestamp(date).value / 1e6


def lane_of(fig, label: str) -> int:
    return list(fig.layout.yaxis.ticktext).index(label)


@pytest.fixture(scope="module")
def synthetic():
    return synthetic_dossier(5_000, seed=4)


@pytest.fixture(scope="module")
def fig(mini):
    return timeline_figure(apply_filters(mini))


def test_one_lane_per_actor_partnerships_first(fig):
    assert list(fig.layout.yaxis.ticktext) == [
        "Partnership X",
        "Russia",
        "North Korea",
        "South Korea",
    ]
    assert list(fig.layout.yaxis.tickvals) == [0, 1, 2, 3]
    assert fig.layout.yaxis.range == (3.5, -0.5)  # first lane on top
    assert fig.layout.meta["aggregated"] is False and fig.layout.meta["records"] == 5
    # the signing is drawn once in each acting party's lane
    signing = role(fig, "records", category="signing")[0]
    assert sorted(signing.y) == [lane_of(fig, "Russia"), lane_of(fig, "North Korea")]
    assert list(signing.customdata) == ["ev-sign", "ev-sign"]


def test_categories_have_fixed_colours_and_stances_their_symbols(mini, fig):
    records = role(fig, "records")
    assert [t.name for t in records if t.showlegend] == [
        "alleges",
        "denies",
        "confirms",
        "signing",
        "entry into force",
    ]
    for trace in records:
        vocab = "stance" if trace.meta["category"] in STANCE_SYMBOLS else "event_kind"
        assert trace.marker.color == colour(vocab, trace.meta["category"])
    symbols = {t.meta["category"]: t.marker.symbol for t in records}
    assert symbols == {
        "alleges": "triangle-up-open",
        "denies": "x",
        "confirms": "star",
        "signing": "square",
        "entry_into_force": "square",
    }
    # a category keeps its colour whatever is filtered out
    only = timeline_figure(apply_filters(mini, Filters(record_kinds=("confirms",))))
    assert [(t.name, t.marker.color) for t in role(only, "records")] == [
        ("confirms", colour("stance", "confirms"))
    ]


def test_a_month_precision_date_is_drawn_as_its_month(fig):
    mark = role(fig, "records", category="alleges")[0]
    assert list(mark.customdata) == ["st-1"]
    assert mark.marker.symbol == "triangle-up-open"  # open: not a known day
    assert list(mark.x) == [ms("2024-10-16")]  # the middle of October, not the 1st
    period = role(fig, "period", category="alleges")[0]
    assert list(period.x[:2]) == [ms("2024-10-01"), ms("2024-11-01")]
    assert np.isnan(period.x[2]) and list(period.y[:2]) == [3, 3]
    # day-precision marks are filled and have no period bar
    assert role(fig, "period", category="denies") == []
    assert list(role(fig, "records", category="denies")[0].x) == [ms("2024-10-10")]


def test_partnership_spans_from_signing_to_force_and_on(fig):
    signed = role(fig, "partnership", state="signed")[0]
    live = role(fig, "partnership", state="in_force")[0]
    assert list(signed.x[:2]) == [ms("2024-06-19"), ms("2024-12-04")]
    assert signed.line.dash == "dash" and live.line.dash == "solid"
    assert list(live.x[:2]) == [ms("2024-12-04"), ms("2025-04-26")]  # to the last record
    assert list(signed.y[:2]) == [0, 0]
    ticks = role(fig, "milestones")[0]
    assert list(ticks.x) == [ms("2024-06-19"), ms("2024-12-04")]
    assert "signed: 19 Jun 2024" in ticks.hovertext[0]
    assert "in force: 04 Dec 2024" in ticks.hovertext[1]


def test_as_of_cuts_the_spans_at_the_date(mini):
    fig = timeline_figure(apply_filters(mini, Filters(as_of="2024-10-20")))
    assert role(fig, "partnership", state="in_force") == []
    signed = role(fig, "partnership", state="signed")[0]
    assert list(signed.x[:2]) == [ms("2024-06-19"), ms("2024-10-20")]
    assert "as known on 20 Oct 2024" in fig.layout.annotations[0].text


def test_hover_shows_date_precision_who_what_stance_and_publishers(fig):
    alleges = role(fig, "records", category="alleges")[0].hovertext[0]
    assert alleges.startswith("<b>Oct 2024 (month)</b> (reported 10 Oct 2024)")
    assert "South Korea: alleges \u00b7 al-troops: confirmed" in alleges
    assert "Seoul says troops may join." in alleges
    assert "Sources: Business Recorder (reliability D, credibility 3)" in alleges
    denies = role(fig, "records", category="denies")[0].hovertext[0]
    assert "Russia (Dmitry Peskov): denies" in denies


def test_colour_by_status(mini):
    fig = timeline_figure(apply_filters(mini, Filters(as_of="2024-10-20")), colour_by="status")
    records = role(fig, "records")
    assert {t.meta["category"] for t in records} == {"disputed", "not about an allegation"}
    disputed = [t for t in records if t.meta["category"] == "disputed"]
    assert {t.marker.color for t in disputed} == {colour("status", "disputed")}
    assert sorted(t.marker.symbol for t in disputed) == ["triangle-up-open", "x"]
    assert [t.showlegend for t in disputed] == [True, False]  # one legend entry per status
    assert fig.layout.legend.title.text == "allegation status"


def test_lanes_per_allegation(mini):
    fig = timeline_figure(apply_filters(mini), lanes="allegation")
    assert list(fig.layout.yaxis.ticktext) == [
        "Partnership X",
        "al-troops: PRK sent troops to RUS",
        "not about an allegation",
    ]


def test_the_least_active_lanes_are_folded(synthetic):
    view = apply_filters(synthetic, Filters(date_range=("2020-01-01", "2020-06-30")))
    fig = timeline_figure(view, max_lanes=5)
    labels = list(fig.layout.yaxis.ticktext)
    assert labels[-1].startswith("other actors (") and fig.layout.meta["aggregated"] is False
    assert len([x for x in labels if not x.startswith("Partnership")]) == 6


def test_data_is_escaped(tmp_path):
    tables = copy.deepcopy(MINI)
    tables["statements"][0]["summary"] = '<img src=x onerror="alert(1)"> costs $5'
    tables["actors"][2]["name"] = "<b>Korea</b>"
    fig = timeline_figure(apply_filters(load_dossier(write_tables(tmp_path / "h", tables))))
    hover = role(fig, "records", category="alleges")[0].hovertext[0]
    assert "<img" not in hover and "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in hover
    assert "&#36;5" in hover
    assert "&lt;b&gt;Korea&lt;/b&gt;" in fig.layout.yaxis.ticktext


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(lanes="topic"), "lanes must be one of actor, allegation; got 'topic'"),
        (dict(colour_by="mood"), "colour_by must be one of kind, status; got 'mood'"),
    ],
    ids=["lanes", "colour"],
)
def test_bad_options(fig, mini, kwargs, message):
    with pytest.raises(ValueError, match=message):
        timeline_figure(apply_filters(mini), **kwargs)


def test_nothing_left_is_a_clear_empty_state(mini):
    fig = timeline_figure(apply_filters(mini, Filters(date_range=("1990-01-01", "1990-12-31"))))
    assert is_empty(fig) and len(fig.data) == 0
    assert fig.layout.annotations[0].text == "No records match these filters"
    assert fig.layout.xaxis.visible is False and fig.layout.yaxis.visible is False


def test_marks_table(mini):
    marks = timeline_marks(apply_filters(mini))
    assert len(marks) == 7  # two events drawn in two lanes each
    row = marks.set_index("record_id").loc["st-1"]
    assert row["precision"] == "month" and row["end"] == pd.Timestamp("2024-10-31")


# --- aggregation above the threshold --------------------------------------------------------------


def test_above_the_threshold_counts_per_period_and_kind(synthetic):
    view = apply_filters(synthetic)
    fig = timeline_figure(view, max_marks=1_000)
    assert fig.layout.meta["aggregated"] is True and fig.layout.meta["period"] == "month"
    assert fig.layout.title.text == "Timeline \u2014 aggregated: 5,000 records"
    assert "counts per month and kind (more than 1,000 marks)" in fig.layout.annotations[0].text
    bars = role(fig, "counts")
    assert {t.type for t in bars} == {"bar"} and fig.layout.barmode == "stack"
    assert {t.meta["category"]: t.marker.color for t in bars}["alleges"] == colour(
        "stance", "alleges"
    )
    # month- and day-precision records are in the bars; year-precision ones spread over the year
    precision = pd.concat(
        [view.statements["occurred_precision"], view.events["occurred_precision"]]
    ).astype(str)
    assert sum(int(t.y.sum()) for t in bars) == int((precision != "year").sum())
    coarse = role(fig, "coarse", precision="year")[0]
    assert coarse.line.dash == "dot"
    widths = coarse.x[1::3] - coarse.x[0::3]
    assert np.all(widths >= 365 * 86_400_000)


def test_aggregated_status_colours(synthetic):
    fig = timeline_figure(apply_filters(synthetic), max_marks=100, colour_by="status")
    cats = [t.meta["category"] for t in role(fig, "counts")]
    assert cats[-1] == "not about an allegation" and set(cats) <= {
        "unreported",
        "denied",
        "alleged",
        "disputed",
        "partly_acknowledged",
        "confirmed",
        "not about an allegation",
    }


def test_short_spans_are_counted_per_week(synthetic):
    view = apply_filters(synthetic, Filters(date_range=("2020-01-01", "2020-06-30")))
    fig = timeline_figure(view, max_marks=10)
    assert fig.layout.meta["period"] == "week"
    starts = pd.to_datetime(role(fig, "counts")[0].x, unit="ms")
    assert set(starts.day_of_week) == {0}  # weeks start on Mondays


def test_aggregated_payload_does_not_grow_with_the_records():
    sizes = []
    for n in (5_000, 40_000):
        fig = timeline_figure(apply_filters(synthetic_dossier(n, seed=1)))
        assert fig.layout.meta["aggregated"] is True
        sizes.append(len(fig.to_json()))
    assert max(sizes) < 100_000 and sizes[1] < 1.5 * sizes[0]


def test_a_statement_naming_two_allegations_sits_in_both_lanes_once_each(dossier):
    view = apply_filters(dossier)
    marks = timeline_marks(view, lanes="allegation", colour_by="status")
    msmt = marks[marks["record_id"] == "st-2025-05-29-msmt"]
    assert msmt["lane"].tolist() == ["al-prk-shells", "al-prk-missiles", "al-rus-prk-airdefence"]
    # one colour for the mark (its first allegation's status), every allegation in the hover
    assert set(msmt["category"]) == {"disputed"}
    assert "al-prk-missiles: disputed; al-rus-prk-airdefence: alleged" in msmt["hover"].iloc[0]
    by_actor = timeline_marks(view, lanes="actor")
    assert (by_actor["record_id"] == "st-2025-05-29-msmt").sum() == 1
