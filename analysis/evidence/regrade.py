"""Sensitivity to the grades: re-grade sources and see every derived status and score change.

A reader who doubts a source re-grades it (:meth:`analysis.dossier.model.Dossier.regrade`);
:func:`regrade_report` compares, before and after, the status of every allegation (counting
only statements whose best source meets a reliability threshold), how many claims rest on
low-tier sources only, and the scores of the competing hypotheses.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from analysis.dossier.model import Dossier
from analysis.evidence.ach.assessment import ach_analysis
from analysis.evidence.credibility import source_dependence
from analysis.filtering.grades import filter_grades
from analysis.filtering.status import allegation_status

__all__ = ["RegradeReport", "regrade_report"]


@dataclass(frozen=True)
class RegradeReport:
    """What changes when sources are re-graded.

    Attributes
    ----------
    grades : the re-grading applied, ``{source_id: new grade}``.
    statuses : one row per allegation: ``before``, ``after`` and ``changed``, each status derived
        from the statements whose best source is at least ``min_reliability``.
    dependence : :func:`source_dependence` before and after, side by side.
    ach : hypothesis scores before and after (empty when the dossier has no ACH ratings).
    statement_before, statement_after : the ICD 203 statement of the competing-hypotheses
        analysis before and after (empty when there is none).
    """

    grades: dict[str, str]
    min_reliability: str | None
    statuses: pd.DataFrame
    dependence: pd.DataFrame
    ach: pd.DataFrame
    statement_before: str = ""
    statement_after: str = ""

    @property
    def changed(self) -> pd.DataFrame:
        """Only the allegations whose status changed."""
        return self.statuses[self.statuses["changed"]]


def _statuses(dossier: Dossier, min_reliability: str | None, as_of) -> pd.Series:
    st = filter_grades(dossier.statements, min_reliability=min_reliability)
    return allegation_status(dossier.allegations, st, as_of)["status"].astype(str)


def regrade_report(
    dossier: Dossier,
    grades: Mapping[str, str],
    *,
    min_reliability: str | None = "C",
    as_of=None,
    partnership_id: str | None = None,
) -> RegradeReport:
    """Re-grade sources and compare every derived status and score before and after.

    Parameters
    ----------
    dossier : a loaded dossier.
    grades : ``{source_id: grade}`` to apply (see :meth:`Dossier.regrade`).
    min_reliability : the reliability a reader requires of a statement before it counts towards
        an allegation's status. Statuses depend on grades only through such a threshold.
    as_of : derive statuses as of this date (``None``: everything).
    partnership_id : the partnership whose competing hypotheses are re-scored (``None``: the
        one the dossier's hypotheses are about).
    """
    after = dossier.regrade(**dict(grades))
    before_s = _statuses(dossier, min_reliability, as_of)
    after_s = _statuses(after, min_reliability, as_of)
    statuses = pd.DataFrame({"before": before_s, "after": after_s})
    statuses["changed"] = statuses["before"] != statuses["after"]
    dependence = pd.concat(
        {"before": source_dependence(dossier), "after": source_dependence(after)}, axis=1
    )
    ach, said = pd.DataFrame(), ("", "")
    if len(dossier.ach_ratings):
        first, second = ach_analysis(dossier, partnership_id), ach_analysis(after, partnership_id)
        b, a = first.scores, second.scores
        said = (first.statement, second.statement)
        ach = pd.DataFrame(
            {
                "label": b["label"],
                "score_before": b["score"],
                "score_after": a["score"],
                "rank_before": b["rank"],
                "rank_after": a["rank"],
            }
        )
    return RegradeReport(dict(grades), min_reliability, statuses, dependence, ach, *said)
