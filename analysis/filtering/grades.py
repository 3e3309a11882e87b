"""The one grade rule: which records a minimum source reliability and a maximum information
credibility keep (Admiralty scales, A and 1 best).

:class:`analysis.filtering.Filters` checks its grades here and masks the record index with
:func:`grade_mask`; the evidence builders filter their frames with :func:`filter_grades` and
:func:`graded_statements`. Both read the same two functions, so a grade means one thing in every
view.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.common.dates import known_by
from analysis.dossier.model import Dossier, per_allegation
from analysis.schema import CREDIBILITY_GRADES, RELIABILITY_GRADES

__all__ = [
    "check_reliability",
    "check_credibility",
    "grade_mask",
    "filter_grades",
    "graded_statements",
]

_RELIABILITY = list(RELIABILITY_GRADES)


def check_reliability(value: object, what: str = "min_reliability") -> str:
    """``value`` as a reliability grade, or a ``ValueError`` that names the scale.

    >>> check_reliability("G")
    Traceback (most recent call last):
    ...
    ValueError: min_reliability must be one of A, B, C, D, E, F; got 'G'
    """
    if str(value) not in RELIABILITY_GRADES:
        raise ValueError(f"{what} must be one of {', '.join(RELIABILITY_GRADES)}; got {value!r}")
    return str(value)


def check_credibility(value: object, what: str = "max_credibility") -> int:
    """``value`` as a credibility grade (an int, 1 best), or a ``ValueError``.

    >>> check_credibility("2"), check_credibility(6)
    (2, 6)
    >>> check_credibility(7)
    Traceback (most recent call last):
    ...
    ValueError: max_credibility must be one of 1, 2, 3, 4, 5, 6; got '7'
    """
    if str(value).strip() not in CREDIBILITY_GRADES:
        raise ValueError(
            f"{what} must be one of {', '.join(CREDIBILITY_GRADES)}; got {str(value)!r}"
        )
    return int(str(value).strip())


def grade_mask(reliability, credibility, min_reliability: str, max_credibility: int) -> np.ndarray:
    """Which records pass, from their grades as codes (reliability 0 = ``A``; credibility
    0 = ``1``), as the record index stores them."""
    return (np.asarray(reliability) <= _RELIABILITY.index(min_reliability)) & (
        np.asarray(credibility) <= max_credibility - 1
    )


def filter_grades(
    frame: pd.DataFrame,
    *,
    min_reliability: str | None = None,
    max_credibility: int | str | None = None,
) -> pd.DataFrame:
    """Rows of ``frame`` whose Admiralty grades are at least as good as those given.

    The parameters mean what they mean in :class:`analysis.filtering.Filters`.

    Parameters
    ----------
    frame : any citing frame of a dossier (it has the derived ``reliability`` column; statements
        and events also have ``credibility``).
    min_reliability : keep records whose best source is graded this or better (``"C"`` keeps
        A, B and C); ``None`` keeps all.
    max_credibility : keep records whose information is graded this or better (``2`` keeps 1
        and 2); ``None`` keeps all. Frames without a credibility column are not filtered by it.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"reliability": pd.Categorical(["A", "D"], list("ABCDEF"), ordered=True)})
    >>> len(filter_grades(f, min_reliability="C"))
    1
    >>> filter_grades(f, min_reliability="G")
    Traceback (most recent call last):
    ...
    ValueError: min_reliability must be one of A, B, C, D, E, F; got 'G'
    """
    if min_reliability is not None:
        min_reliability = check_reliability(min_reliability)
    if max_credibility is not None:
        max_credibility = check_credibility(max_credibility)
    keep = pd.Series(True, index=frame.index)
    if min_reliability is not None:
        rank = frame["reliability"].astype(str).map(_RELIABILITY.index)
        keep &= rank <= _RELIABILITY.index(min_reliability)
    if max_credibility is not None and "credibility" in frame.columns:
        keep &= frame["credibility"].astype(str).astype(int) <= max_credibility
    return frame[keep]


def graded_statements(
    dossier: Dossier,
    as_of=None,
    allegations: list[str] | None = None,
    min_reliability: str | None = None,
    max_credibility: int | str | None = None,
) -> pd.DataFrame:
    """The statements about allegations that a view counts: reported by ``as_of``, about
    ``allegations`` (``None``: all) and graded at least ``min_reliability`` / ``max_credibility``.

    One row per (statement, allegation) pair (:func:`analysis.dossier.per_allegation`): a
    statement naming two allegations is counted under each, with the scalar ``allegation_id``.
    """
    st = per_allegation(dossier.statements)
    st = st[st["allegation_id"].notna()]
    st = filter_grades(st, min_reliability=min_reliability, max_credibility=max_credibility)
    if as_of is not None:
        st = st[known_by(st) <= pd.Timestamp(as_of)]
    if allegations is not None:
        unknown = sorted(set(allegations) - set(dossier.allegations["allegation_id"]))
        if unknown:
            raise KeyError(f"no allegation with id {', '.join(map(repr, unknown))}")
        st = st[st["allegation_id"].isin(allegations)]
    return st
