"""Analysis of competing hypotheses (Heuer): weighted inconsistency scores
(:mod:`~analysis.evidence.ach.scoring`), their sensitivity
(:mod:`~analysis.evidence.ach.sensitivity`), the ICD 203 statement
(:mod:`~analysis.evidence.ach.estimative`), the whole analysis
(:mod:`~analysis.evidence.ach.assessment`) and its figures."""

from analysis.evidence.ach.assessment import ACHAnalysis, ach_analysis
from analysis.evidence.ach.estimative import LIKELIHOOD_TERMS, estimative_statement
from analysis.evidence.ach.figures import (
    CONSISTENCY_CODES,
    ach_matrix_figure,
    ach_scores_figure,
    regraded_scores_figure,
)
from analysis.evidence.ach.scoring import (
    CREDIBILITY_WEIGHTS,
    INCONSISTENCY,
    RELIABILITY_WEIGHTS,
    ach_evidence,
    ach_points,
    ach_scores,
    favoured,
    obligation_credibility,
    ranking,
)
from analysis.evidence.ach.sensitivity import ACHSensitivity, ach_sensitivity

__all__ = [
    "ACHAnalysis",
    "ACHSensitivity",
    "CONSISTENCY_CODES",
    "CREDIBILITY_WEIGHTS",
    "INCONSISTENCY",
    "LIKELIHOOD_TERMS",
    "RELIABILITY_WEIGHTS",
    "ach_analysis",
    "ach_evidence",
    "ach_matrix_figure",
    "ach_points",
    "ach_scores",
    "ach_scores_figure",
    "ach_sensitivity",
    "estimative_statement",
    "favoured",
    "obligation_credibility",
    "ranking",
    "regraded_scores_figure",
]
