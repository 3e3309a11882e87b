"""The explorer's compare mode: a date to compare with rings what became known since, in both
figures, says so in the summary, rides in the link, and goes away with a reset."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import apply_filters, load_dossier
from analysis.filtering.changes import changes_since
from analysis.interactive.explorer import explore


@pytest.fixture(scope="module")
def dossier():
    return load_dossier()


def changed(view_widget, change: str) -> list:
    return [
        t for t in view_widget.data if t.meta and t.meta.get("role") == "changed"
        and t.meta.get("change") == change
    ]  # fmt: skip


def step_on_or_before(ex, day: str) -> pd.Timestamp:
    days = [d for _, d in ex.controls.since.options if d is not None]
    return max(d for d in days if d <= pd.Timestamp(day))


def test_comparing_rings_the_new_records_and_marks_the_relations_gained(dossier):
    ex = explore(dossier)
    ex.controls.as_of.value = step_on_or_before(ex, "2025-05-01")
    assert changed(ex.timeline, "new") == [] and changed(ex.network, "gained") == []
    since = step_on_or_before(ex, "2024-10-01")
    ex.controls.since.value = since

    expected = changes_since(ex.view, since)
    ring = changed(ex.timeline, "new")
    assert len(ring) == 1
    drawn = {c for t in ex.timeline.data if t.meta and t.meta.get("role") == "records"
             for c in t.customdata}  # fmt: skip
    assert set(ring[0].customdata) == expected.record_ids & drawn
    assert "st-2024-10-23-austin-troops" in set(ring[0].customdata)
    assert ring[0].name == f"new since {since:%d %b %Y}"
    halo = changed(ex.network, "gained")
    gained = expected.edges[expected.edges["change"] == "gained"]
    assert len(halo) == 1 and halo[0].meta["pairs"] >= 1
    assert halo[0].meta["pairs"] == len(
        {(s, t) for s, t in zip(gained["source"], gained["target"], strict=True) if s != t}
        & {(s, t) for s in _nodes(ex) for t in _nodes(ex)}
    )
    assert f"Since {since:%d %b %Y}: {len(expected.record_ids):,} records newly known" in (
        ex.summary.value
    )
    assert "North Korea" in ex.summary.value  # the troops allegation's status moved
    assert ex.link.endswith(f"since={since:%Y-%m-%d}")


def _nodes(ex) -> set:
    return {c for t in ex.network.data if t.meta and t.meta.get("role") == "nodes"
            for c in t.customdata}  # fmt: skip


def test_a_filter_change_keeps_the_comparison_in_step(dossier):
    ex = explore(dossier)
    since = step_on_or_before(ex, "2024-10-01")
    ex.controls.since.value = since
    everyone = set(changed(ex.timeline, "new")[0].customdata)
    ex.controls.actors.value = ("PRK",)
    only = set(changed(ex.timeline, "new")[0].customdata)
    assert only and only < everyone
    assert only == changes_since(apply_filters(dossier, ex.filters), since).record_ids & only


def test_a_date_not_before_the_as_of_date_is_said_and_marks_nothing(dossier):
    ex = explore(dossier)
    day = step_on_or_before(ex, "2024-10-01")
    ex.controls.as_of.value = day
    ex.controls.since.value = day
    assert changed(ex.timeline, "new") == [] and changed(ex.network, "gained") == []
    assert (
        f"Compare: compare with a date before the as-of date ({day:%d %b %Y}); "
        f"got {day:%d %b %Y}" in ex.summary.value
    )


def test_a_link_opens_the_comparison_and_a_reset_ends_it(dossier):
    ex = explore(dossier)
    since = step_on_or_before(ex, "2024-10-01")
    as_of = step_on_or_before(ex, "2025-05-01")
    assert ex.open_link(f"?as_of={as_of:%Y-%m-%d}&since={since:%Y-%m-%d}") == ()
    assert ex.controls.since.value == since
    assert changed(ex.timeline, "new")
    ex.reset()
    assert ex.controls.since.value is None
    assert changed(ex.timeline, "new") == [] and "Since" not in ex.summary.value
    assert ex.filters == explore(dossier).filters  # the opening view


def test_a_link_date_between_steps_falls_to_the_step_before_with_a_note(dossier):
    ex = explore(dossier)
    days = [d for _, d in ex.controls.since.options if d is not None]
    gap = next(a for a, b in zip(days, days[1:], strict=False) if (b - a).days > 1)
    asked = gap + pd.Timedelta(days=1)
    notes = ex.open_link(f"since={asked:%Y-%m-%d}")
    assert ex.controls.since.value == gap
    assert notes == (
        f"compare with {asked:%d %b %Y} is shown as compared with {gap:%d %b %Y}, the last day "
        "before it on which something was reported",
    )
