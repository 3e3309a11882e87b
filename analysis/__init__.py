"""Study strategic partnerships between states and the allegations around them.

The package is layered; each layer imports only the ones before it:

1. ``schema`` -- every table, field and vocabulary, declared once;
2. ``dates``, ``markup`` (the one place data becomes HTML), ``style`` (fixed colours);
3. ``validation``, ``loading`` -- pandera checks derived from the schema, safe reading;
4. ``dossier``, ``provenance`` -- typed frames; source grades carried to every record;
5. ``status`` -- allegation status derived from statements, as of any date;
6. ``filters`` -- pure filters and the :class:`View` they leave;
7. builders -- ``timeline``, ``network``, ``records``, ``treaties``, ``allegations``,
   ``stances``, ``credibility``, ``regrade``, ``ach*``, ``exports``, ``classroom``;
8. ``explorer`` -- ipywidgets that only wire controls to the builders; ``report`` -- static
   sites. Notebooks sit on top.

Names are imported lazily, so ``import analysis`` stays cheap for the command line.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

_EXPORTS = {
    "dossier": ["Dossier"],
    "loading": ["load_dossier"],
    "paths": ["DATA_DIR", "DEFAULT_DOSSIER"],
    "status": ["STATUSES", "allegation_status", "status_timeline"],
    "validation": ["DossierValidationError", "Issue"],
    "filters": ["Filters", "View", "apply_filters"],
    "timeline": ["timeline_figure"],
    "network": ["build_graph", "layout", "network_figure", "network_measures"],
    "records": ["records_table", "records_html"],
    "synthetic": ["synthetic_dossier"],
    "explorer": ["Explorer", "explore"],
    "treaties": [
        "obligation_matrix",
        "obligations_table",
        "compare_obligations",
        "obligations_heatmap",
    ],
    "allegations": ["lifecycle_table", "allegation_summary", "lifecycle_figure"],
    "stances": ["stance_matrix", "stance_pivot", "stance_matrix_figure"],
    "credibility": [
        "filter_grades",
        "publisher_claims",
        "publisher_matrix",
        "publisher_figure",
        "source_dependence",
        "weak_records",
        "grade_distribution",
        "grade_matrix_figure",
    ],
    "regrade": ["regrade_report"],
    "ach_assessment": ["ach_analysis", "estimative_statement"],
    "ach_figures": ["ach_matrix_figure", "ach_scores_figure"],
    "classroom": ["ask", "check"],
}
_WHERE = {name: module for module, names in _EXPORTS.items() for name in names}

__all__ = sorted(_WHERE)


def __getattr__(name: str):
    try:
        module = _WHERE[name]
    except KeyError:
        raise AttributeError(f"module 'analysis' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
