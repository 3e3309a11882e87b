"""The data table under a report figure says what the figure shows as a reader reads it: a
timeline mark's date at its precision (never the middle of its month as a day), its lane by
name, and what the mark is (its hover text); decorations that carry no mark of their own
(spans, period bars, edge lines, line breaks) are left out."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from analysis import load_dossier
from analysis.figures.timeline.figure import timeline_spec
from analysis.filtering import apply_filters
from analysis.report.describe import figure_data_html

STORY = Path(__file__).resolve().parents[1] / "fixtures" / "stories" / "tri-pact"


@pytest.fixture(scope="module")
def rows():
    spec = json.loads(
        json.dumps(timeline_spec(apply_filters(load_dossier(STORY))), default=lambda o: o.tolist())
    )
    html = str(figure_data_html(spec, "fig"))
    return [
        [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<td>(.*?)</td>", r)]
        for r in re.findall(r"<tr>(.*?)</tr>", html)[1:]
    ]


def test_a_mark_known_to_the_month_or_year_is_dated_so(rows):
    fuel = next(r for r in rows if "evade the fuel embargo" in r[3])
    assert fuel[:3] == ["alleges", "Oct 2031 (month)", "Marshovia"]
    treaty = [r for r in rows if r[0] == "partnership milestones" and "Treaty of" in r[3]]
    assert [r[1] for r in treaty] == ["1998 (year)", "Feb 1999 (month)"]
    assert not any(re.fullmatch(r"(1|16) Oct 2031|1 Jan 1998|1 Feb 1999", r[1]) for r in rows)


def test_lanes_are_named_and_every_row_is_a_mark(rows):
    lanes = {r[2] for r in rows}
    assert {"Marshovia", "Tomainia", "Partnership FR-SY 1998"} <= lanes
    assert not any(re.fullmatch(r"[\d.]+", lane) for lane in lanes)
    assert all(r[1] and r[2] for r in rows)  # no empty row from a break between segments
    assert {r[0] for r in rows} >= {"alleges", "denies", "partnership milestones"}
    assert not any(r[0].startswith("partnership signed") for r in rows)  # spans: no marks


def test_bars_that_are_spans_of_time_are_described_as_dates_not_milliseconds():
    from analysis.evidence import lifecycle_figure
    from analysis.report.describe import describe_figure

    fig = lifecycle_figure(load_dossier(STORY), allegations=["al-xto-drones"], title="x")
    said = describe_figure(json.loads(fig.to_json()), "The precedent")
    assert "Spans: al-xto-drones alleged from 2 Sep 2031 to 3 Sep 2031, al-xto-drones " in said
    assert "e+0" not in said and "Largest bars" not in said
