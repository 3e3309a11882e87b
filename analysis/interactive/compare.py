"""The explorer's compare mode: what became known since a date, computed once per view.

:class:`Compare` asks :func:`analysis.filtering.changes_since` for the view the explorer
shows and the date its "Compare with what was known on" control says, and keeps the answer
until either changes: both figures and the summary read it in one update.
"""

from __future__ import annotations

import pandas as pd

from analysis.filtering.changes import ViewChanges, changes_since
from analysis.filtering.filters import View

__all__ = ["Compare"]


class Compare:
    """``Compare()(view, since)``: the :class:`~analysis.filtering.ViewChanges` of ``view``
    since ``since``; ``None`` when ``since`` is ``None`` (compare mode off); the rule's words
    when ``since`` is not before the view's as-of date.

    >>> from analysis import apply_filters, load_dossier
    >>> compare = Compare()
    >>> view = apply_filters(load_dossier())
    >>> compare(view, None) is None, compare(view, "2024-10-01") is compare(view, "2024-10-01")
    (True, True)
    """

    def __init__(self) -> None:
        self._key: tuple | None = None
        self._found: ViewChanges | str | None = None

    def __call__(self, view: View, since: pd.Timestamp | str | None) -> ViewChanges | str | None:
        if since is None:
            return None
        key = (view.filters, pd.Timestamp(since))
        if self._key != key:
            try:
                self._found = changes_since(view, since)
            except ValueError as exc:
                self._found = str(exc)
            self._key = key
        return self._found
