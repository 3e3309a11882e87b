"""Static views: the timeline and the network with plotly-native controls whose every state is
precomputed, so that a report page filters without Python."""

from __future__ import annotations

import html
import json
from itertools import pairwise

import numpy as np
import pandas as pd
import pytest
from fixtures.hostile_payloads import live_markup
from fixtures.make_hostile import HOSTILE_DIR

from analysis import load_dossier
from analysis.common.dates import known_by
from analysis.figures import as_of_dates, static_network_figure, static_timeline_figure
from analysis.figures.network.drawing import status_label
from analysis.figures.network.graph import recorded_actors
from analysis.figures.style import colour
from analysis.figures.timeline.figure import timeline_figure
from analysis.filtering import dense_period
from analysis.filtering.filters import Filters, apply_filters

SIGNING = "ev-2025-01-17-rus-irn-treaty-signed"
CONFIRMED = ("PRK", "RUS", "confirmed transfer")
NAMES = {"PRK": "Democratic People&#39;s Republic of Korea", "RUS": "Russian Federation"}


@pytest.fixture(scope="module")
def timeline(dossier):
    return static_timeline_figure(dossier)


@pytest.fixture(scope="module")
def network(dossier):
    return static_network_figure(dossier)


def shown_records(fig, step) -> set[str]:
    """Record ids that a slider step leaves drawn (a point whose x is not None)."""
    shown = set()
    for index, xs in zip(step.args[2], step.args[0]["x"], strict=True):
        trace = fig.data[index]
        if trace.meta.get("role") == "records":
            shown |= {rid for rid, x in zip(trace.customdata, xs, strict=True) if x is not None}
    return shown


def points_of(fig, step, record_id) -> list:
    """The x values a step gives to the marks of one record (one per lane it is drawn in)."""
    return [
        x
        for index, xs in zip(step.args[2], step.args[0]["x"], strict=True)
        if fig.data[index].meta.get("role") == "records"
        for rid, x in zip(fig.data[index].customdata, xs, strict=True)
        if rid == record_id
    ]


# --- the timeline ---------------------------------------------------------------------------


def test_as_of_dates_are_evenly_spaced_over_the_dense_period(dossier):
    # the days by which records were known: a record reported "2000-02" on 29 Feb 2000
    reported = pd.concat([known_by(dossier.statements), known_by(dossier.events)])
    days = sorted(reported.dt.normalize().unique())
    first, _ = dense_period(dossier)
    grid = as_of_dates(dossier)  # at most 40 steps: every month or two from the dense start
    assert grid[0] == first and grid[-1] == days[-1] and len(grid) <= 40
    assert all(d.day == 1 for d in grid[:-1])
    (gap,) = {(b.year - a.year) * 12 + b.month - a.month for a, b in pairwise(grid[:-1])}
    assert gap in (1, 2) and (gap == 1 or len(pd.date_range(first, days[-1], freq="MS")) > 40)
    coarse = as_of_dates(dossier, steps=10)  # half-years
    assert len(coarse) <= 10 and coarse[0] == first and coarse[-1] == days[-1]
    assert {(b - a).days for a, b in pairwise(coarse[:-1])} <= {181, 182, 183, 184}
    assert as_of_dates(dossier, steps=1000) == list(days)  # few report days: one step each
    assert as_of_dates(dossier, steps=1) == [days[-1]]
    assert as_of_dates(dossier, steps=["2025-01-17", "2025-01-16"]) == [
        pd.Timestamp("2025-01-16"),
        pd.Timestamp("2025-01-17"),
    ]
    with pytest.raises(ValueError, match="steps must be at least 1; got 0"):
        as_of_dates(dossier, steps=0)


def test_the_as_of_slider_has_a_step_per_date_and_the_last_one_is_active(dossier, timeline):
    (slider,) = timeline.layout.sliders
    dates = as_of_dates(dossier)
    assert [s.label for s in slider.steps] == [f"{d:%d %b %Y}" for d in dates]
    assert slider.active == len(dates) - 1
    assert slider.currentvalue.prefix == "As of: "
    for step, day in zip(slider.steps, dates, strict=True):
        assert step.method == "update"
        assert set(step.args[0]) == {"x"}
        assert step.args[1]["title.text"].endswith(f", as known on {day:%d %b %Y}")
        ms = day.value // 1_000_000
        assert step.args[1]["shapes[0].x0"] == step.args[1]["shapes[0].x1"] == ms
        assert len(step.args[0]["x"]) == len(step.args[2])
        for index, xs in zip(step.args[2], step.args[0]["x"], strict=True):
            assert len(xs) == len(timeline.data[index].x)


def test_each_step_shows_exactly_what_was_reported_by_its_date(dossier, timeline):
    steps = timeline.layout.sliders[0].steps
    for step, day in list(zip(steps, as_of_dates(dossier), strict=True))[::7]:
        view = apply_filters(dossier, Filters(as_of=day))
        kept = set(view.statements["statement_id"]) | set(view.events["event_id"])
        assert shown_records(timeline, step) == kept, day
        assert step.args[1]["annotations[0].text"].startswith(f"{len(kept)} records")


def test_the_russia_iran_signing_appears_on_the_day_it_was_reported(dossier):
    fig = static_timeline_figure(dossier, steps=["2025-01-16", "2025-01-17"])
    before, after = fig.layout.sliders[0].steps
    signed = pd.Timestamp("2025-01-17").value // 1_000_000  # ms
    assert points_of(fig, before, SIGNING) == [None, None]  # one mark per lane: RUS, IRN
    assert points_of(fig, after, SIGNING) == [signed, signed]
    ticks = next(i for i, t in enumerate(fig.data) if t.meta.get("role") == "milestones")
    lane = list(fig.layout.yaxis.ticktext).index("Partnership RU\u2013IR 2025")
    tick_x = lambda step: [  # noqa: E731
        x
        for x, y in zip(
            step.args[0]["x"][step.args[2].index(ticks)], fig.data[ticks].y, strict=True
        )
        if y == lane
    ]
    opened = fig.data[ticks].x[fig.data[ticks].y == lane]  # the last step: 17 Jan 2025
    assert [None if np.isnan(x) else x for x in opened] == [signed, None]
    assert tick_x(before) == [None, None]
    assert tick_x(after) == [signed, None]  # signed, not yet in force
    # the figure as it opens is the last step: everything reported, signing included
    assert SIGNING in {
        i
        for t in fig.data
        if t.meta.get("role") == "records"
        for i, x in zip(t.customdata, t.x, strict=True)
        if x == x
    }


def test_partnership_spans_stop_at_the_as_of_date(dossier):
    fig = static_timeline_figure(dossier, steps=["2025-03-01"])
    (step,) = fig.layout.sliders[0].steps
    cut = pd.Timestamp("2025-03-01").value // 1_000_000
    spans = [
        x
        for index, xs in zip(step.args[2], step.args[0]["x"], strict=True)
        if fig.data[index].meta.get("role") == "partnership"
        for x in xs
        if x is not None
    ]
    assert spans and max(spans) == cut


def test_the_kind_menu_toggles_legend_groups(timeline):
    kinds, lanes, _ = timeline.layout.updatemenus
    labels = [b.label for b in kinds.buttons]
    assert labels[:3] == ["all kinds", "statements", "events"]
    assert {"denies", "signing", "entry into force"} <= set(labels)
    denies = kinds.buttons[labels.index("denies")]
    assert denies.method == "restyle"
    visible = denies.args[0]["visible"]
    assert len(visible) == len(timeline.data)
    for trace, v in zip(timeline.data, visible, strict=True):
        category = trace.meta.get("category")
        assert v == (True if category in (None, "denies") else "legendonly"), trace.name
    assert kinds.buttons[0].args[0]["visible"] == [True] * len(timeline.data)
    statements = kinds.buttons[1].args[0]["visible"]
    assert {
        t.meta["category"]
        for t, v in zip(timeline.data, statements, strict=True)
        if v is True and "category" in t.meta
    } <= {"alleges", "denies", "confirms", "partly_acknowledges", "declines_to_comment", "comments"}


def test_the_lane_menu_zooms_onto_one_lane(timeline):
    _, lanes, _ = timeline.layout.updatemenus
    ticktext = list(timeline.layout.yaxis.ticktext)
    assert len(lanes.buttons) == len(ticktext) + 1
    assert lanes.buttons[0].args[0] == {"yaxis.range": [len(ticktext) - 0.5, -0.5]}
    iran = ticktext.index("Islamic Republic of Iran")
    button = lanes.buttons[iran + 1]
    assert (button.method, button.label) == ("relayout", "Islamic Republic of Iran")
    assert button.args[0] == {"yaxis.range": [iran + 0.5, iran - 0.5]}


def test_a_range_slider_spans_every_record(dossier, timeline):
    xaxis = timeline.layout.xaxis
    assert xaxis.rangeslider.visible is True
    first = pd.Timestamp(dossier.events["occurred"].min()).value // 1_000_000
    assert xaxis.rangeslider.range[0] < first < xaxis.rangeslider.range[1]
    assert xaxis.rangeslider.range[0] <= xaxis.range[0] < xaxis.range[1]


@pytest.mark.parametrize(
    ("category", "vocabulary"),
    [
        ("denies", "stance"),
        ("alleges", "stance"),
        ("signing", "event_kind"),
        ("military_operation", "event_kind"),
    ],
    ids=["denies", "alleges", "signing", "military operation"],
)
def test_each_kind_keeps_its_fixed_colour(dossier, timeline, category, vocabulary):
    base = timeline_figure(apply_filters(dossier))
    for fig in (timeline, base):
        colours = {
            t.marker.color
            for t in fig.data
            if t.meta.get("category") == category and t.meta.get("role") == "records"
        }
        assert colours == {colour(vocabulary, category)}


def test_the_figures_stay_small(timeline, network):
    assert len(timeline.to_json()) < 1_000_000
    assert len(network.to_json()) < 500_000


def test_a_small_dossier_gets_the_same_controls(mini_dir):
    fig = static_timeline_figure(load_dossier(mini_dir))
    steps = fig.layout.sliders[0].steps
    assert [s.label for s in steps] == ["19 Jun 2024", "10 Oct 2024", "05 Dec 2024", "26 Apr 2025"]
    assert [shown_records(fig, s) for s in steps] == [
        {"ev-sign"},
        {"ev-sign", "st-1", "st-2"},
        {"ev-sign", "st-1", "st-2", "ev-force"},
        {"ev-sign", "st-1", "st-2", "ev-force", "st-3"},
    ]


# --- the network ----------------------------------------------------------------------------


def edge_statuses(fig, step, key) -> dict[str, bool]:
    """Status -> whether the step draws it, for the relation ``key[2]`` from actor ``key[0]``
    to ``key[1]`` (a segment is found by the x of its middle, where its hover point sits: x
    never changes, y is what the steps hide)."""
    source, target, relation = key
    hover = next(t for t in fig.data if t.meta.get("role") == "edge-hover")
    found: dict[str, bool] = {}
    for index, ys in zip(step.args[2], step.args[0]["y"], strict=True):
        trace = fig.data[index]
        if trace.meta.get("role") != "edges" or trace.meta["relation"] != relation:
            continue
        status = trace.meta["status"]
        label = relation if status is None else f"{relation} ({status_label(relation, status)})"
        for k in range(0, len(trace.x), 3):
            mid = (trace.x[k] + trace.x[k + 1]) / 2
            for x, text in zip(hover.x, hover.hovertext, strict=True):
                ends = text.split("</b>")[0]
                if (
                    abs(x - mid) < 2e-4
                    and text.split("<br>")[1].startswith(label)
                    and ends.startswith(f"<b>{NAMES[source]} ")
                    and ends.endswith(f" {NAMES[target]}")
                ):
                    found[status] = ys[k] is not None
    return found


def test_the_network_slider_has_a_step_per_date(dossier, network):
    (slider,) = network.layout.sliders
    dates = as_of_dates(dossier)
    assert [s.label for s in slider.steps] == [f"{d:%d %b %Y}" for d in dates]
    assert slider.active == len(dates) - 1
    roles = {network.data[i].meta["role"] for i in slider.steps[0].args[2]}
    assert roles == {"edges", "arrows", "edge-hover", "nodes"}
    for step, day in zip(slider.steps, dates, strict=True):
        assert step.method == "update" and set(step.args[0]) == {"y"}
        assert step.args[1]["title.text"] == f"Relationship network, as known on {day:%d %b %Y}"


def test_each_step_counts_the_relations_known_by_its_date(dossier, network):
    for step, day in list(zip(network.layout.sliders[0].steps, as_of_dates(dossier), strict=True))[
        ::9
    ]:
        view = apply_filters(dossier, Filters(as_of=day))
        edges = view.edges
        ends = set(edges["source"]) | set(edges["target"]) | recorded_actors(view)
        actors = len(ends & set(dossier.actors["actor_id"]))  # not partnership nodes
        assert step.args[1]["annotations[0].text"].startswith(
            f"{actors} actors, {len(edges)} relations"
        ), day
        hover = [
            ys
            for i, ys in zip(step.args[2], step.args[0]["y"], strict=True)
            if network.data[i].meta["role"] == "edge-hover"
        ][0]
        assert sum(y is not None for y in hover) == len(edges)


def test_the_confirmed_troop_transfer_appears_when_russia_confirmed_it(dossier):
    fig = static_network_figure(dossier, steps=["2025-04-25", "2025-04-26"])
    before, after = fig.layout.sliders[0].steps
    assert edge_statuses(fig, before, CONFIRMED) == {"confirmed": False}
    assert edge_statuses(fig, after, CONFIRMED) == {"confirmed": True}


def test_a_partnership_is_drawn_in_the_status_it_had_then(dossier):
    fig = static_network_figure(dossier, steps=["2024-10-09", "2025-04-25"])
    signed, in_force = fig.layout.sliders[0].steps
    pair = ("PRK", "RUS", "partnership")
    assert edge_statuses(fig, signed, pair) == {"signed": True, "in_force": False}
    assert edge_statuses(fig, in_force, pair) == {"signed": False, "in_force": True}


# --- hostile text ---------------------------------------------------------------------------


def strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in strings(v)]
    return []


def test_hostile_text_stays_inert_in_every_control():
    hostile = load_dossier(HOSTILE_DIR)
    for fig in (static_timeline_figure(hostile), static_network_figure(hostile)):
        spec = json.loads(fig.to_json())
        found = [s for s in strings(spec) if live_markup(s)]
        assert found == []
        controls = strings(spec["layout"].get("updatemenus", [])) + strings(
            spec["layout"]["sliders"]
        )
        assert not any("<script" in s.lower() or "$" in s or "%{" in s for s in controls)
    timeline = json.loads(static_timeline_figure(hostile).to_json())
    assert timeline["layout"]["title"]["text"].startswith("Timeline of &lt;script&gt;")


# --- what a link names (the report page's script reads these) ---------------------------------


def test_as_of_steps_carry_their_date_and_both_figures_share_them(dossier, timeline, network):
    dates = as_of_dates(dossier)
    for fig in (timeline, network):
        (slider,) = fig.layout.sliders
        assert slider.name == "as of"
        assert [s.value for s in slider.steps] == [f"{d:%Y-%m-%d}" for d in dates]
        assert [s.label for s in slider.steps] == [f"{d:%d %b %Y}" for d in dates]


def test_the_kind_menu_names_each_button_by_the_kinds_it_keeps(timeline):
    kinds = next(m for m in timeline.layout.updatemenus if m.name == "record kinds")
    for button in kinds.buttons:
        kept = {
            t.meta["category"]
            for t, v in zip(timeline.data, button.args[0]["visible"], strict=True)
            if (t.meta or {}).get("category") is not None and v is True
        }
        if button.label == "all kinds":
            assert button.name == ""
            continue
        named = tuple(button.name.split(","))
        assert set(named) == kept, button.label
        assert Filters(record_kinds=named).record_kinds == named  # a link's kinds= value
    denies = next(b for b in kinds.buttons if b.label == "denies")
    assert denies.name == "denies"


def test_the_lane_menu_names_an_actors_lane_by_its_id(dossier, timeline):
    lanes = next(m for m in timeline.layout.updatemenus if m.name == "lanes")
    names = dict(zip(dossier.actors["actor_id"], dossier.actors["name"], strict=True))
    by_id = {b.name: b.label for b in lanes.buttons if b.name}
    assert by_id["IRN"] == "Islamic Republic of Iran" and by_id["RUS"] == "Russian Federation"
    assert all(html.unescape(label) == names[i] for i, label in by_id.items())  # escaped names
    unnamed = [b.label for b in lanes.buttons if not b.name]
    assert unnamed[0] == "all lanes"
    assert all(label.startswith("Partnership ") for label in unnamed[1:])
