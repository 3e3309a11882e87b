"""The as-of slider the static figures share: its dates, its steps, and JSON-ready numbers.

Each step of a static figure's as-of slider shows what had been reported by its date (the same
rule as the filters, :mod:`analysis.filtering`). The steps are evenly spaced in time, so that the
slider reads as a time axis: the first day of each month (or of every second month, quarter,
half-year or year, the finest that gives at most :data:`STEPS`) over the dossier's dense period
(:func:`analysis.filtering.dense_period`), then the last day on which something was reported.
A dossier with no more report days than steps gets one step per report day.

Every step carries its date as ``value`` (``YYYY-MM-DD``, the form of
:mod:`analysis.filtering.links`), and the slider is named ``"as of"``: a report page finds its
as-of sliders by that name, opens them on the date a link names (``#as_of=2024-10-20``) and
moves every as-of slider of the page together (``analysis/report/templates/report-views.js``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.common import markup
from analysis.dossier.model import Dossier
from analysis.figures.base import day_ms
from analysis.filtering._index import reported_days
from analysis.filtering.filters import View
from analysis.filtering.period import dense_period

__all__ = [
    "STEPS",
    "AS_OF",
    "as_of_dates",
    "as_of_slider",
    "as_of_step",
    "day_number",
    "kept_ids",
    "numbers",
    "safe_label",
]

#: The name of every as-of slider (``layout.sliders[i].name``): what a report page looks for.
AS_OF = "as of"
#: Most steps of an as-of slider.
STEPS = 40
#: Spacings of the steps, finest first: month, two months, quarter, half-year, year, decade.
_FREQUENCIES = ("MS", "2MS", "QS", "6MS", "YS")


def safe_label(value: object, limit: int = 60) -> str:
    return str(markup.text(value, limit))


def as_of_dates(dossier: Dossier, steps: int | Sequence = STEPS) -> list[pd.Timestamp]:
    """The dates of an as-of slider, evenly spaced in time (see the module's docstring).

    Parameters
    ----------
    dossier : the dossier.
    steps : the most steps, or the dates themselves.

    Examples
    --------
    >>> from analysis.synthetic.dossiers import synthetic_dossier
    >>> dates = as_of_dates(synthetic_dossier(200), steps=3)
    >>> len(dates), dates == sorted(dates)
    (3, True)
    """
    if not isinstance(steps, (int, np.integer)):
        dates = sorted({pd.Timestamp(d).normalize() for d in steps})
        if not dates:
            raise ValueError("steps must name at least one date")
        return dates
    days = reported_days(dossier)
    if int(steps) < 1:
        raise ValueError(f"steps must be at least 1; got {steps}")
    if len(days) <= int(steps):
        return days
    dense = dense_period(dossier)
    first = min(dense[0], days[-1]) if dense is not None else days[0]
    for freq in _FREQUENCIES:
        grid = list(pd.date_range(first, days[-1], freq=freq))
        if len(grid) + (grid[-1] != days[-1] if grid else 1) <= int(steps):
            break
    else:  # no calendar step fits: evenly spaced days
        grid = list(pd.date_range(first, days[-1], periods=int(steps)).normalize())
    if len(grid) > 1 and days[-1] - grid[-1] < (grid[1] - grid[0]) / 2:
        grid.pop()  # the last report day ends the slider; no step a few days before it
    return sorted({*grid, days[-1]})[-int(steps) :]


def day_number(day: pd.Timestamp) -> int:
    return int(day_ms([np.datetime64(day.date(), "D").astype(np.int64)])[0])


def numbers(values: np.ndarray) -> list:
    """A float array as JSON-ready numbers: NaN becomes ``None``, whole numbers ints."""
    out: list = []
    for v in values.tolist():
        if v != v:  # NaN
            out.append(None)
        elif float(v).is_integer():
            out.append(int(v))
        else:
            out.append(round(v, 4))
    return out


def kept_ids(view: View) -> set[str]:
    return set(view.statements["statement_id"]) | set(view.events["event_id"])


def as_of_step(day: pd.Timestamp, args: list) -> dict:
    """One ``update`` step of an as-of slider: labelled ``17 Jan 2025``, valued ``2025-01-17``.

    >>> step = as_of_step(pd.Timestamp("2025-01-17"), [{}, {}, []])
    >>> step["label"], step["value"], step["method"]
    ('17 Jan 2025', '2025-01-17', 'update')
    """
    return dict(method="update", label=f"{day:%d %b %Y}", value=f"{day:%Y-%m-%d}", args=args)


def as_of_slider(steps: list[dict], active: int, *, prefix: str = "As of: ") -> dict:
    return dict(
        name=AS_OF,
        active=active,
        steps=steps,
        currentvalue=dict(prefix=prefix, font=dict(size=12)),
        pad=dict(t=10, b=10),
        len=1.0,
        x=0,
        xanchor="left",
        y=0,
        yanchor="top",
    )
