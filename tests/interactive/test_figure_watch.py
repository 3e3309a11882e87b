"""A live figure whose page stopped applying updates is noticed, and the explorer says so.

A page is simulated the way plotly's widget talks to the kernel: after drawing, the view sets
``_js2py_traceDeltas`` with the ``trace_edit_id`` it drew (see analysis/figure_watch.py).
"""

from __future__ import annotations

import asyncio

import plotly.graph_objects as go
import pytest

from analysis import explore
from analysis.interactive.watch import FigureWatch


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def page_draws(fig, edit: int | None = None) -> None:
    """What a page's view sends after drawing ``fig`` (by default, its latest state)."""
    edit = fig._last_trace_edit_id if edit is None else edit
    fig._js2py_traceDeltas = {"trace_deltas": [], "trace_edit_id": edit}


@pytest.fixture
def watched():
    clock, changes = Clock(), []
    figures = {name: go.FigureWidget(go.Scatter(x=[1], y=[1])) for name in ("timeline", "network")}
    return FigureWatch(figures, changes.append, after=15, clock=clock), figures, clock, changes


def update(fig, name: str) -> None:
    fig.data[0].name = name  # one restyle: one new trace_edit_id


def test_a_drawn_figure_left_behind_is_stale_after_the_delay(watched):
    watch, figures, clock, changes = watched
    for fig in figures.values():
        page_draws(fig)
    update(figures["timeline"], "filtered")
    watch.expect()
    clock.now += 14.9
    assert watch.check() == [] and changes == []
    clock.now += 0.1
    assert watch.check() == ["timeline"]
    assert changes == [["timeline"]]
    assert watch.check() == ["timeline"] and changes == [["timeline"]]  # told once


def test_a_page_that_catches_up_clears_the_notice(watched):
    watch, figures, clock, changes = watched
    page_draws(figures["network"])
    update(figures["network"], "filtered")
    watch.expect()
    clock.now += 20
    watch.check()
    page_draws(figures["network"])
    assert changes == [["network"], []]
    assert watch.stale == []


def test_a_page_drawing_an_older_state_gets_more_time(watched):
    watch, figures, clock, changes = watched
    fig = figures["timeline"]
    page_draws(fig)
    update(fig, "one")
    update(fig, "two")
    watch.expect()
    clock.now += 10
    page_draws(fig, edit=fig._last_trace_edit_id - 1)  # alive, one update behind
    clock.now += 10
    assert watch.check() == []
    clock.now += 5
    assert watch.check() == ["timeline"]


def test_a_figure_that_never_answered_is_stale_once_its_neighbour_shows_a_page(watched):
    watch, figures, clock, changes = watched
    update(figures["network"], "filtered")
    watch.expect()
    page_draws(figures["timeline"])  # the page draws the panel; the network never answers
    clock.now += 15
    assert watch.check() == ["network"]


def test_figures_no_page_drew_are_never_stale(watched):
    watch, figures, clock, changes = watched
    for fig in figures.values():
        update(fig, "filtered")
    watch.expect()
    clock.now += 3600
    assert watch.check() == [] and changes == []


def test_in_a_kernel_loop_the_check_runs_by_itself():
    changes: list[list[str]] = []
    fig = go.FigureWidget(go.Scatter(x=[1], y=[1]))

    async def session():
        watch = FigureWatch({"timeline": fig}, changes.append, after=0.05)
        page_draws(fig)
        update(fig, "filtered")
        watch.expect()
        await asyncio.sleep(0.4)

    asyncio.run(session())
    assert changes == [["timeline"]]


def test_the_explorer_says_which_figure_stopped_following(dossier):
    explorer = explore(dossier)
    clock = Clock()
    explorer.watch.clock = clock
    page_draws(explorer.timeline)
    page_draws(explorer.network)
    assert explorer.notice.value == ""

    explorer.controls.actors.value = ("IRN",)
    page_draws(explorer.network)  # the network's page follows; the timeline's does not
    clock.now += explorer.watch.after
    explorer.watch.check()

    assert explorer.notice.value.count("<b>The timeline in this page stopped following") == 1
    assert "the summary and the table below are current" in explorer.notice.value
    assert explorer.widget.children[1].children[1].children[0] is explorer.notice
    page_draws(explorer.timeline)
    assert explorer.notice.value == ""
