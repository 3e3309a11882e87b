"""The dense period: the shortest run of months holding most records."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import write_tables

from analysis import load_dossier
from analysis.filtering.period import _shortest, _window, dense_period


def test_the_shortest_window_holding_the_share():
    months = np.sort(np.array([0, 300, 301, 302, 303, 304, 305, 306, 307, 308]))
    assert _window(months, 0.9) == (300, 308)
    assert _window(months, 1.0) == (0, 308)
    assert _window(np.array([5]), 0.9) == (5, 5)


def test_ties_pick_the_latest_window():
    assert _window(np.array([0, 1, 10, 11]), 0.5) == (10, 11)


def test_the_bundled_dossier_opens_on_its_busy_years(dossier):
    first, last = dense_period(dossier)
    assert first == pd.Timestamp("2022-02-01") and last == pd.Timestamp("2025-06-01")
    months = pd.concat([dossier.statements["occurred"], dossier.events["occurred"]])
    inside = months.between(first, last + pd.offsets.MonthEnd(0))
    assert inside.mean() >= 0.95 and months.min() < first


def test_a_share_outside_zero_to_one_is_refused(dossier):
    with pytest.raises(ValueError, match=r"share must be in \(0, 1\], not 1.5"):
        dense_period(dossier, 1.5)


def test_many_decades_old_records_do_not_pull_the_window_back(tmp_path, mini_tables):
    """A fifth of the records one a year from 1950 to 1989, the rest in 2024-2025: the window
    opens where the records are dense, not in the 1960s (the 95% share alone would)."""
    old = [
        {"event_id": f"ev-old-{y}", "kind": "other", "occurred": str(y), "reported": str(y),
         "actor_ids": "RUS", "summary": "An old event.", "credibility": "2", "source_ids": "src-a"}
        for y in range(1950, 1990)
    ]  # fmt: skip
    days = [f"{2024 + i // 12}-{i % 12 + 1:02d}-15" for i in range(24)]
    recent = [
        {"event_id": f"ev-new-{i}", "kind": "other", "occurred": day, "reported": day,
         "actor_ids": "RUS", "summary": "A recent event.", "credibility": "2",
         "source_ids": "src-a"}
        for i, day in enumerate(days)
    ]  # fmt: skip
    recent = [dict(e, event_id=f"{e['event_id']}-{k}") for e in recent for k in range(7)]
    mini_tables["events"] += old + recent
    d = load_dossier(write_tables(tmp_path / "d", mini_tables))
    dates = np.sort(np.concatenate([d.events["occurred"], d.statements["occurred"]]))
    assert (dates < np.datetime64("1990-01-01")).mean() > 0.15  # many old records
    months = dates.astype("datetime64[M]").astype(np.int64)  # months since 1970
    assert _shortest(months, 0.95)[0] < 0  # the share alone opens before 1970
    first, last = dense_period(d)
    assert first == pd.Timestamp("2024-01-01") and last == pd.Timestamp("2025-12-01")


def test_the_window_keeps_near_its_core():
    months = np.sort(np.concatenate([np.arange(600, 624), [100, 200, 560, 570]]))
    # the 95% span reaches back to month 200; the core (half the records) is 610-623, 14
    # months, so the window reaches back at most max(4 x 14, 36) = 56 months: 560 is kept
    assert _shortest(months, 0.95) == (200, 623)
    assert _window(months, 0.95) == (560, 623)
    assert _window(months, 1.0) == (100, 623)  # all of them: the whole range
