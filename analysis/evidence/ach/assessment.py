"""The whole analysis of competing hypotheses for one partnership, in one value."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.dossier.model import Dossier
from analysis.evidence.ach.estimative import estimative_statement
from analysis.evidence.ach.scoring import ach_evidence
from analysis.evidence.ach.sensitivity import ACHSensitivity, ach_sensitivity

__all__ = ["ACHAnalysis", "ach_analysis"]


@dataclass(frozen=True)
class ACHAnalysis:
    """Hypotheses, evidence, ratings, matrix, scores, sensitivity and statement, from one dossier.

    ``matrix`` is evidence (rows) x hypotheses (columns) of consistency codes; ``ratings`` is
    the tidy form with each rating's rationale.
    """

    partnership_id: str | None
    hypotheses: pd.DataFrame
    evidence: pd.DataFrame
    ratings: pd.DataFrame
    matrix: pd.DataFrame
    scores: pd.DataFrame
    sensitivity: ACHSensitivity
    statement: str


def ach_analysis(dossier: Dossier, partnership_id: str | None = None) -> ACHAnalysis:
    """Run the whole ACH for the hypotheses about ``partnership_id``.

    ``None`` picks the partnership the dossier's hypotheses are about (an error if there are
    several).

    Examples
    --------
    >>> from analysis import load_dossier
    >>> a = ach_analysis(load_dossier())
    >>> a.partnership_id
    'pt-rus-irn-2025'
    """
    hyp = dossier.hypotheses
    if partnership_id is None:
        about = list(dict.fromkeys(hyp["partnership_id"]))
        if len(about) > 1:
            raise ValueError(
                f"hypotheses about several partnerships ({', '.join(about)}); name one"
            )
        partnership_id = about[0] if about else None
    hyp = hyp[hyp["partnership_id"] == partnership_id].set_index("hypothesis_id")
    order = list(hyp.index)
    ratings = dossier.ach_ratings[dossier.ach_ratings["hypothesis_id"].isin(order)].reset_index(
        drop=True
    )
    evidence = ach_evidence(dossier, list(dict.fromkeys(ratings["evidence_id"])))
    matrix = (
        ratings.assign(consistency=ratings["consistency"].astype(str))
        .pivot(index="evidence_id", columns="hypothesis_id", values="consistency")
        .reindex(index=list(evidence.index), columns=order)
    )
    matrix.columns.name = "hypothesis_id"
    sens = ach_sensitivity(ratings, evidence, order)
    scores = sens.baseline.copy()
    scores.insert(0, "label", hyp["label"].reindex(order))
    return ACHAnalysis(
        partnership_id,
        hyp,
        evidence,
        ratings,
        matrix,
        scores,
        sens,
        estimative_statement(scores, sens),
    )
