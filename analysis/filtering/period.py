"""The dossier's dense period: the months in which most of its records sit.

Figures and controls that show time open on this window (the full range stays one click away):
a dossier whose treaties go back to 2000 but whose statements and events nearly all fall in
2022-2025 should not spend most of a timeline's width on the empty years. One rule, here, for
the explorer's date range, the static timeline's default window and the reports.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.dossier.model import Dossier
from analysis.filtering._index import record_index

__all__ = ["DENSE_SHARE", "MIN_REACH_MONTHS", "REACH", "dense_period"]

#: Share of the dated records the dense period holds.
DENSE_SHARE = 0.95


#: How far the dense period may reach beyond its core (the shortest span holding half the
#: records): this many times the core's length, and at least :data:`MIN_REACH_MONTHS`.
REACH = 4
MIN_REACH_MONTHS = 36


def _shortest(months: np.ndarray, share: float) -> tuple[int, int]:
    """The shortest run of months holding ``share`` of ``months`` (sorted; ties: the latest)."""
    n = len(months)
    need = max(1, int(np.ceil(share * n)))
    spans = months[need - 1 :] - months[: n - need + 1]
    best = np.flatnonzero(spans == spans.min())[-1]
    return int(months[best]), int(months[best + need - 1])


def _window(months: np.ndarray, share: float) -> tuple[int, int]:
    """The shortest run of months holding ``share`` of ``months``, kept near where they are
    dense: no further from the core (the shortest run holding half of them) than
    :data:`REACH` times its length (at least :data:`MIN_REACH_MONTHS`), then snapped to the
    months that have records. Records decades older than the rest, however many (up to
    half), do not stretch the window back over the empty years between."""
    first, last = _shortest(months, share)
    if share >= 1:
        return first, last
    core_first, core_last = _shortest(months, 0.5)
    reach = max(REACH * (core_last - core_first + 1), MIN_REACH_MONTHS)
    inside = months[
        (months >= max(first, core_first - reach)) & (months <= min(last, core_last + reach))
    ]
    return int(inside[0]), int(inside[-1])


def dense_period(
    dossier: Dossier, share: float = DENSE_SHARE
) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """First and last month (as month-start timestamps) of the shortest span holding ``share``
    of the dossier's statements and events by the month they occurred, kept near the months
    where half of them sit (see :func:`_window`: records decades older than the rest do not
    pull it back); ``None`` when it has no dated record. When the dense span covers the whole
    range the whole range is returned.

    >>> from analysis.synthetic.dossiers import synthetic_dossier
    >>> first, last = dense_period(synthetic_dossier(500, seed=1))
    >>> first <= last
    True
    """
    if not 0 < share <= 1:
        raise ValueError(f"share must be in (0, 1], not {share!r}")
    ix = record_index(dossier)
    months = np.concatenate([ix.statements.month, ix.events.month])
    months = np.sort(months[months != np.iinfo(np.int64).min])  # NaT: no occurred date
    if len(months) == 0:
        return None
    first, last = _window(months, share)
    return (
        pd.Timestamp(np.datetime64(first, "M")),
        pd.Timestamp(np.datetime64(last, "M")),
    )
