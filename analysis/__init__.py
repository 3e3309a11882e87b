"""Study strategic partnerships between states and the allegations around them.

The package is layered; each subpackage imports only the ones above it (a test reads the
imports and fails when one runs up a layer):

1. :mod:`analysis.schema` -- every table, field, vocabulary and rule, declared once;
2. :mod:`analysis.common` -- paths, partial dates, the one place data becomes HTML (``markup``);
3. :mod:`analysis.dossier` -- reading, validating and holding a dossier of typed frames;
   :mod:`analysis.synthetic` -- seeded synthetic dossiers of any size;
4. :mod:`analysis.filtering` -- pure filters and the :class:`View` they leave; allegation
   status, partnership milestones, relations and grades, each rule in one place;
5. :mod:`analysis.figures` -- timeline, network and records builders (pure, return figures);
6. :mod:`analysis.evidence` -- allegations, stances, credibility, treaties, re-grading, ACH;
7. :mod:`analysis.interactive` -- ipywidgets that only wire controls to the builders;
8. :mod:`analysis.exports` (files for other tools) and :mod:`analysis.report` (offline sites);

and on top the entry points :mod:`analysis.cli` (``python -m analysis``), :mod:`analysis.app`
(the live Voilà app) and :mod:`analysis.classroom` (the walkthroughs' exercises). Notebooks sit
above them and import only from this module or a subpackage.

Names are imported lazily, so ``import analysis`` stays cheap for the command line.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

__version__ = "0.1.0"

_EXPORTS = {
    "analysis.dossier": [
        "Dossier",
        "DossierValidationError",
        "Issue",
        "load_dossier",
        "per_actor",
        "per_allegation",
    ],
    "analysis.common": ["DATA_DIR", "DEFAULT_DOSSIER"],
    "analysis.synthetic": ["synthetic_dossier"],
    "analysis.schema": ["RELIABILITY_GRADES", "CREDIBILITY_GRADES", "VOCABULARIES"],
    "analysis.filtering": [
        "STATUSES",
        "Filters",
        "View",
        "allegation_status",
        "apply_filters",
        "filter_grades",
        "partnership_dates",
    ],
    "analysis.figures": [
        "timeline_figure",
        "network_figure",
        "records_table",
        "reader_table",
        "static_timeline_figure",
        "static_network_figure",
        "save_figure",
    ],
    "analysis.evidence": [
        "lifecycle_table",
        "lifecycle_figure",
        "allegation_summary",
        "stance_matrix",
        "stance_pivot",
        "stance_matrix_figure",
        "obligation_matrix",
        "obligations_table",
        "compare_obligations",
        "obligations_heatmap",
        "publisher_claims",
        "grade_distribution",
        "grade_matrix_figure",
        "regrade_report",
        "ach_analysis",
        "ach_scores",
        "ach_matrix_figure",
        "ach_scores_figure",
        "regraded_scores_figure",
    ],
    "analysis.interactive": ["explore", "Explorer", "live_figure", "LATEST"],
    "analysis.classroom": ["ask", "check"],
}
_WHERE = {name: module for module, names in _EXPORTS.items() for name in names}

__all__ = sorted(_WHERE)

if TYPE_CHECKING:  # what editors and type checkers see; at run time names load lazily
    from analysis.classroom import ask, check
    from analysis.common import DATA_DIR, DEFAULT_DOSSIER
    from analysis.dossier import (
        Dossier,
        DossierValidationError,
        Issue,
        load_dossier,
        per_actor,
        per_allegation,
    )
    from analysis.evidence import (
        ach_analysis,
        ach_matrix_figure,
        ach_scores,
        ach_scores_figure,
        allegation_summary,
        compare_obligations,
        grade_distribution,
        grade_matrix_figure,
        lifecycle_figure,
        lifecycle_table,
        obligation_matrix,
        obligations_heatmap,
        obligations_table,
        publisher_claims,
        regrade_report,
        regraded_scores_figure,
        stance_matrix,
        stance_matrix_figure,
        stance_pivot,
    )
    from analysis.figures import (
        network_figure,
        reader_table,
        records_table,
        save_figure,
        static_network_figure,
        static_timeline_figure,
        timeline_figure,
    )
    from analysis.filtering import (
        STATUSES,
        Filters,
        View,
        allegation_status,
        apply_filters,
        filter_grades,
        partnership_dates,
    )
    from analysis.interactive import LATEST, Explorer, explore, live_figure
    from analysis.schema import CREDIBILITY_GRADES, RELIABILITY_GRADES, VOCABULARIES
    from analysis.synthetic import synthetic_dossier


def load_ipython_extension(ipython) -> None:
    """``%load_ext analysis``: the ``%%needs WHAT...`` cell magic for notebooks.

    ``%%needs partnership statements`` runs the cell when the notebook's ``dossier`` has a
    partnership to centre on and some statements, and otherwise prints what it has no record
    of yet (see :func:`analysis.dossier.gaps.missing`) instead of failing on an empty table.
    The cell's last expression is shown as usual.
    """
    import ast

    from IPython.core.magic import register_cell_magic

    from analysis.dossier.gaps import missing

    @register_cell_magic
    def needs(line: str, cell: str):
        gap = missing(ipython.user_ns["dossier"], *line.split())
        if gap is not None:
            print(gap)
            return None
        tree = ast.parse(cell)
        last = tree.body[-1] if tree.body else None
        shown = last.value if isinstance(last, ast.Expr) else None
        if shown is not None:
            tree.body.pop()  # run the rest, then show the last expression's value
        ipython.ex(compile(tree, "<cell>", "exec"))
        return None if shown is None else ipython.ev(ast.unparse(shown))

    del needs


def __getattr__(name: str):
    try:
        module = _WHERE[name]
    except KeyError:
        raise AttributeError(f"module 'analysis' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
