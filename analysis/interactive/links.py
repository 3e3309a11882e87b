"""A citable view in the live explorer: set its controls from a link, and the link of what it shows.

:func:`set_controls` puts a :class:`~analysis.filtering.Filters` value (read from a link by
:func:`analysis.filtering.from_query`) into the explorer's controls, whose options are the
dossier's own: a date falls to the step on or before it (a month for the date range, the last day
something was reported for *as of*), and an actor the dossier does not have is left out. Each
such change is said in a note. :func:`page_query` is the query string of the page the app was
opened with (Voilà's, also for a preheated kernel; empty elsewhere).
"""

from __future__ import annotations

import os

import pandas as pd

from analysis.filtering import RELATIONS, STATUSES, Filters
from analysis.interactive.controls import LATEST, ExplorerControls

__all__ = ["page_query", "set_controls"]


def page_query() -> str:
    """The query string the visitor's page was opened with, in the Voilà app; ``""`` in
    JupyterLab, papermill or a script. In a preheated kernel this waits for the visitor (Voilà's
    ``get_query_string``), so call it after the explorer is built and shown."""
    if os.environ.get("VOILA_PREHEAT", "False") == "False":
        return os.environ.get("QUERY_STRING") or ""
    from voila.utils import get_query_string

    return get_query_string() or ""


def _step(options: list[pd.Timestamp], day: pd.Timestamp) -> pd.Timestamp:
    """The last of sorted ``options`` on or before ``day`` (the first if ``day`` is earlier)."""
    before = [o for o in options if o <= day]
    return before[-1] if before else options[0]


def _terms(asked: tuple[str, ...] | None, offered: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(offered) if asked is None else tuple(t for t in offered if t in asked)


def set_controls(controls: ExplorerControls, filters: Filters, since=None) -> list[str]:
    """Set ``controls`` to show ``filters`` (and the compare mode's date ``since``, off when
    ``None``); returns a note for each value the dossier's options could not show as asked."""
    c = controls
    notes: list[str] = []
    months = [m for _, m in c.date_range.options]
    start, end = filters.date_range
    first = _step(months, start) if start is not None else months[0]
    last = _step(months, end) if end is not None else months[-1]
    c.date_range.value = (min(first, last), max(first, last))
    if filters.as_of is None:
        c.as_of.value = LATEST
    else:
        days = [d for _, d in c.as_of.options if d != LATEST]
        shown = _step(days, filters.as_of) if days else LATEST
        if shown != LATEST and shown != filters.as_of:
            notes.append(
                f"as of {filters.as_of:%d %b %Y} is shown as of {shown:%d %b %Y}, "
                "the last day before it on which something was reported"
            )
        c.as_of.value = shown
    known = {actor_id for _, actor_id in c.actors.options}
    unknown = [a for a in filters.actors if a not in known]
    if unknown:
        notes.append(f"actors not in this dossier left out: {', '.join(unknown)}")
    c.actors.value = tuple(a for a in filters.actors if a in known)
    places = {v for _, v in c.neighbourhood.options}
    around = filters.neighbourhood_of or ""
    if around not in places:
        notes.append(f"neighbourhood of {around}: not an actor of this dossier; left out")
        around = ""
    c.neighbourhood.value = around
    c.relations.value = _terms(filters.relations, RELATIONS)
    missing = [k for k in filters.record_kinds or () if k not in c.kinds]
    if missing:
        notes.append(f"record kinds not in this dossier left out: {', '.join(missing)}")
    c.record_kinds.value = _terms(filters.record_kinds, c.kinds)
    c.statuses.value = _terms(filters.statuses, STATUSES)
    c.min_reliability.value = filters.min_reliability
    c.max_credibility.value = filters.max_credibility
    compare_days = [d for _, d in c.since.options if d is not None]
    shown_since = _step(compare_days, pd.Timestamp(since)) if since and compare_days else None
    if since is not None and shown_since != since:
        notes.append(
            f"compare with {pd.Timestamp(since):%d %b %Y} is shown as compared with "
            f"{shown_since:%d %b %Y}, the last day before it on which something was reported"
            if shown_since is not None
            else "compare: this dossier has no dates to compare with; left out"
        )
    c.since.value = shown_since
    return notes
