"""Figures a reader can read at a page's default width: cell text of at least 10 px, heights
that grow with the rows, a timeline that opens on the months where the records are with every
year one click away, and an as-of slider whose steps are evenly spaced in time."""

from __future__ import annotations

from itertools import pairwise

import pandas as pd
import pytest

from analysis.evidence import obligations_heatmap
from analysis.figures import static_timeline_figure
from analysis.figures.as_of_slider import day_number
from analysis.filtering import dense_period

#: Smallest text a reader is asked to read, in px.
MIN_TEXT = 10
#: Least height of one heatmap row, in px (two lines of cell text).
MIN_ROW = 28


def test_heatmap_cell_labels_are_legible_and_the_height_grows_with_the_rows(dossier):
    pids = list(dossier.partnerships["partnership_id"])
    heights = {}
    for rows in (1, 2, 5):
        fig = obligations_heatmap(dossier, pids[:rows])
        (heat,) = fig.data
        shown = len(heat.y)
        assert heat.textfont.size >= MIN_TEXT  # set: plotly would shrink it to fit the cell
        assert fig.layout.font.size >= 12
        margins = fig.layout.margin.t + fig.layout.margin.b
        assert fig.layout.height >= margins + MIN_ROW * shown + 100  # + the slanted headers
        heights[shown] = fig.layout.height
    counts = sorted(heights)
    assert len(counts) > 1
    per_row = [(heights[b] - heights[a]) / (b - a) for a, b in pairwise(counts)]
    assert min(per_row) >= MIN_ROW


@pytest.fixture(scope="module")
def timeline(dossier):
    return static_timeline_figure(dossier)


def test_the_timeline_opens_on_the_dense_period_with_all_years_one_click_away(dossier, timeline):
    first, last = dense_period(dossier)
    as_of = pd.Timestamp(timeline.layout.sliders[0].steps[-1].label)
    # from the dense period's first month to its last, or just past the as-of date if later
    end = max(day_number(last + pd.offsets.MonthBegin(1)), day_number(as_of) + 15 * 86_400_000)
    window = [day_number(first), end]
    assert list(timeline.layout.xaxis.range) == window
    whole = list(timeline.layout.xaxis.rangeslider.range)
    assert whole[0] < window[0] and whole[1] >= window[1]
    menu = next(m for m in timeline.layout.updatemenus if m.name == "time window")
    dense, every = menu.buttons
    assert (every.label, every.method) == ("All years", "relayout")
    assert list(every.args[0]["xaxis.range"]) == whole
    assert list(dense.args[0]["xaxis.range"]) == window and menu.active == 0
    shown_until = pd.Timestamp(end - 86_400_000, unit="ms")
    assert dense.label == f"{first:%Y}–{shown_until:%Y} (most records)"


def test_the_as_of_slider_steps_are_evenly_spaced_in_time(timeline):
    (slider,) = timeline.layout.sliders
    days = [pd.Timestamp(s.label) for s in slider.steps]
    gaps = {(b.year - a.year) * 12 + b.month - a.month for a, b in pairwise(days[:-1])}
    assert len(gaps) == 1 and gaps <= {1, 2, 3, 6, 12}  # one spacing, then the last report day
    assert all(d.day == 1 for d in days[:-1])
