"""The as-of slider the static figures share: its dates, its steps, and JSON-ready numbers.

Each step of a static figure's as-of slider shows what had been reported by its date; the dates
are the days on which something new was reported, from the same record index as the filters
(:mod:`analysis.filtering`), thinned evenly to at most :data:`STEPS`.
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

__all__ = [
    "STEPS",
    "as_of_dates",
    "as_of_slider",
    "day_number",
    "kept_ids",
    "numbers",
    "safe_label",
]

#: Most steps of an as-of slider; above it the dates are thinned evenly (first and last kept).
STEPS = 40


def safe_label(value: object, limit: int = 60) -> str:
    return str(markup.text(value, limit))


def as_of_dates(dossier: Dossier, steps: int | Sequence = STEPS) -> list[pd.Timestamp]:
    """The dates of an as-of slider: each day on which something new was reported.

    Parameters
    ----------
    dossier : the dossier.
    steps : the most steps (the report days are thinned evenly, keeping the first and the
        last), or the dates themselves.

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
    return reported_days(dossier, max_steps=int(steps))


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


def as_of_slider(steps: list[dict], active: int, *, prefix: str = "As of: ") -> dict:
    return dict(
        name="as of",
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
