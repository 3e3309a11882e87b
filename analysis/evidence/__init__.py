"""Layer 6: the evidence analyses, from a :class:`~analysis.dossier.Dossier` to tables and
figures: allegation lifecycles, who alleges and denies what, source credibility and
re-grading, treaty obligations, and competing hypotheses (:mod:`analysis.evidence.ach`)."""

from analysis.evidence.ach import (
    CREDIBILITY_WEIGHTS,
    INCONSISTENCY,
    LIKELIHOOD_TERMS,
    RELIABILITY_WEIGHTS,
    ach_analysis,
    ach_matrix_figure,
    ach_scores,
    ach_scores_figure,
    estimative_statement,
    regraded_scores_figure,
)
from analysis.evidence.allegations import allegation_summary, lifecycle_figure, lifecycle_table
from analysis.evidence.credibility import (
    CLAIM_TABLES,
    grade_distribution,
    grade_matrix,
    grade_matrix_figure,
    publisher_claims,
    publisher_figure,
    publisher_matrix,
    source_dependence,
    weak_records,
)
from analysis.evidence.narrative import (
    Prose,
    allegations_prose,
    dossier_notes,
    focus_prose,
    names,
    partnerships_prose,
    precedent_prose,
)
from analysis.evidence.regrade import RegradeReport, regrade_report
from analysis.evidence.stances import stance_matrix, stance_matrix_figure, stance_pivot
from analysis.evidence.treaties import (
    CATEGORIES,
    PRESENCE_CODES,
    ObligationMatrix,
    cite_articles,
    compare_obligations,
    obligation_matrix,
    obligations_heatmap,
    obligations_table,
)

__all__ = [
    "Prose",
    "allegations_prose",
    "dossier_notes",
    "focus_prose",
    "names",
    "partnerships_prose",
    "precedent_prose",
    "CATEGORIES",
    "CLAIM_TABLES",
    "CREDIBILITY_WEIGHTS",
    "INCONSISTENCY",
    "LIKELIHOOD_TERMS",
    "PRESENCE_CODES",
    "RELIABILITY_WEIGHTS",
    "ObligationMatrix",
    "RegradeReport",
    "ach_analysis",
    "ach_matrix_figure",
    "ach_scores",
    "ach_scores_figure",
    "allegation_summary",
    "cite_articles",
    "compare_obligations",
    "estimative_statement",
    "grade_distribution",
    "grade_matrix",
    "grade_matrix_figure",
    "lifecycle_figure",
    "lifecycle_table",
    "obligation_matrix",
    "obligations_heatmap",
    "obligations_table",
    "publisher_claims",
    "publisher_figure",
    "publisher_matrix",
    "regrade_report",
    "regraded_scores_figure",
    "source_dependence",
    "stance_matrix",
    "stance_matrix_figure",
    "stance_pivot",
    "weak_records",
]
