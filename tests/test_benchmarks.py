"""The arithmetic the browser benchmarks print (benchmarks/voila_run.py); the benchmarks
themselves start servers and browsers and are run by ``make bench-browser``/``make bench-load``,
not by the suite."""

from __future__ import annotations

import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from voila_run import percentile, summary, table, verdict  # noqa: E402


def test_percentiles_interpolate_between_ranks_like_numpy():
    import numpy as np

    values = [212.0, 95.5, 130.2, 101.0, 99.9, 480.0, 120.0]
    for q in (0, 50, 95, 100):
        assert percentile(values, q) == round(float(np.percentile(values, q)), 10)
    assert math.isnan(percentile([], 50))


def test_summary_and_goal_lines():
    assert summary([30.0, 10.0, 20.0]) == {"n": 3, "p50": 20.0, "p95": 29.0, "max": 30.0}
    assert verdict("repaint p50 at 100000", 251.0, 250, "ms") == (
        "repaint p50 at 100000: 251 ms (goal <= 250 ms): not met"
    )
    assert verdict("first figure", 2.9, 3, "s") == "first figure: 2.9 s (goal <= 3 s): met"


def test_table_pads_columns_and_right_aligns_numbers():
    text = table(["dossier", "p50 ms"], [["bundled", 98.25], ["100000", float("nan")]])
    assert text.splitlines() == [
        "dossier  p50 ms",
        "-------  ------",
        "bundled    98.2",
        "100000        -",
    ]
