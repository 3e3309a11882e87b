"""What a dossier has no record of yet: the sentence a notebook shows instead of a view.

A fresh skeleton (``python -m analysis new``) has no partnership to centre on, no allegation,
no statements; a notebook cell that needs one of them says so instead of failing (the
``%%needs`` cell magic of ``%load_ext analysis`` asks :func:`missing`).
"""

from __future__ import annotations

from analysis.dossier.model import Dossier
from analysis.schema import TABLES

__all__ = ["FOCUS_NEEDS", "missing"]

#: Focus keys a cell may need -> (the table it names a record of, the record in words).
FOCUS_NEEDS = {
    "partnership": ("partnerships", "partnership"),
    "comparison": ("partnerships", "partnership"),
    "allegation": ("allegations", "allegation"),
    "second_allegation": ("allegations", "allegation"),
    "as_of": ("statements", "statement about an allegation"),
}


def missing(dossier: Dossier, *needs: str) -> str | None:
    """The first thing of ``needs`` the dossier lacks, as a sentence for the reader; ``None``
    when it has them all. A need is a focus key (``partnership``, ``allegation``...) or a
    table name (``statements``, ``hypotheses``...).

    >>> from analysis.synthetic import synthetic_dossier
    >>> missing(synthetic_dossier(100), "partnership", "statements") is None
    True
    """
    tables = {t.name for t in TABLES}
    for need in needs:
        if need in FOCUS_NEEDS:
            table, noun = FOCUS_NEEDS[need]
            if dossier.focus.get(need) is None:
                return (
                    f"This dossier has no {noun} yet, so there is nothing to show here: add one "
                    f"to {table}.csv (and name it under focus in datapackage.json)."
                )
        elif need in tables:
            if dossier.table(need).empty:
                return (
                    f"This dossier has no {need.replace('_', ' ')} yet, so there is nothing to "
                    f"show here: add them to {need}.csv."
                )
        else:
            raise ValueError(f"unknown need {need!r}: a focus key or a table name")
    return None
