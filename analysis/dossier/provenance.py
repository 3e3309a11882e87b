"""Provenance columns derived from the sources a record cites.

Every record cites sources; these functions derive, for each record, the best Admiralty
reliability among its sources, their publishers and how many there are. They are pure:
re-grading a source (:meth:`analysis.dossier.model.Dossier.regrade`) re-derives them.
"""

from __future__ import annotations

import pandas as pd

from analysis.schema import RELIABILITY_GRADES

__all__ = ["RELIABILITY", "attach_provenance", "best_grade"]

RELIABILITY = pd.CategoricalDtype(list(RELIABILITY_GRADES), ordered=True)
_RANK = {g: i for i, g in enumerate(RELIABILITY_GRADES)}


def best_grade(grades: list[str]) -> str:
    """The best (lowest letter) of Admiralty reliability grades; ``F`` when there are none.

    >>> best_grade(["C", "B", "E"])
    'B'
    """
    known = [g for g in grades if g in _RANK]
    return min(known, key=_RANK.__getitem__) if known else "F"


def attach_provenance(frame: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Return ``frame`` with ``reliability``, ``publishers`` and ``source_count`` columns.

    ``reliability`` is the best grade among the record's cited sources (a claim is as
    reliable as its best witness); ``low_tier_only`` is true when every source is graded D or
    worse.
    """
    grade = dict(zip(sources["source_id"], sources["reliability"].astype(str), strict=True))
    publisher = dict(zip(sources["source_id"], sources["publisher"], strict=True))
    ids = (
        frame["source_ids"]
        if "source_ids" in frame.columns
        else pd.Series([()] * len(frame), index=frame.index)
    )
    out = frame.copy()
    grades = [[grade.get(s, "F") for s in row] for row in ids]
    out["reliability"] = pd.Series(
        [best_grade(g) for g in grades], index=frame.index, dtype=RELIABILITY
    )
    out["low_tier_only"] = [bool(g) and all(_RANK[x] >= _RANK["D"] for x in g) for g in grades]
    out["publishers"] = [tuple(dict.fromkeys(publisher.get(s, s) for s in row)) for row in ids]
    out["source_count"] = [len(row) for row in ids]
    return out
