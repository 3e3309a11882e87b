"""The dense period: the shortest run of months holding most records."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.filtering.period import _window, dense_period


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
