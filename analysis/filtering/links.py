"""Citable views: a :class:`Filters` value as a short, readable query string, and back.

``to_query(Filters(as_of="2024-10-20", actors=("RUS", "PRK"), min_reliability="B"))`` is
``"as_of=2024-10-20&actors=RUS,PRK&min_reliability=B"``: only what differs from the default
view, in a fixed order, dates as ``YYYY-MM-DD``, lists comma-separated, a date range as
``dates=START..END`` (either end may be left open). :func:`from_query` reads it back from a
link's query (``?...``) or fragment (``#...``) and never fails on what a reader typed: an
unknown or bad parameter is left out and named in a note, so a page can say what it ignored.

The same parameters drive the live app and the report pages, so a link cites one view in
either. One more, ``since=YYYY-MM-DD``, is not a filter but the live explorer's compare mode
(what became known after that date is marked); it comes last.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any
from urllib.parse import parse_qsl, quote

import pandas as pd

from analysis.filtering.filters import Filters

__all__ = ["LISTS", "PARAMETERS", "SINCE", "ParsedLink", "from_query", "to_query"]

#: Query parameter -> the :class:`Filters` field it sets, in the order links are written.
PARAMETERS: dict[str, str] = {
    "dates": "date_range",
    "as_of": "as_of",
    "actors": "actors",
    "neighbourhood": "neighbourhood_of",
    "relations": "relations",
    "kinds": "record_kinds",
    "statuses": "statuses",
    "min_reliability": "min_reliability",
    "max_credibility": "max_credibility",
}
#: The parameter of the compare mode (a way of drawing, not a filter).
SINCE = "since"
#: The parameters whose value is a comma-separated list.
LISTS: frozenset[str] = frozenset({"actors", "relations", "kinds", "statuses"})
_LISTS = LISTS
_DEFAULT = Filters()
# unreserved in a query and readable: ids, grades, dates and the list and range separators
_SAFE = ",.:-_~"


def _day(value: pd.Timestamp | None) -> str:
    if value is None:
        return ""
    return value.strftime("%Y-%m-%d") if value == value.normalize() else value.isoformat()


def _text(parameter: str, value: Any) -> str:
    if parameter == "dates":
        start, end = value
        return f"{_day(start)}..{_day(end)}"
    if parameter == "as_of":
        return _day(value)
    if parameter in _LISTS:
        return ",".join(value)
    return str(value)


def to_query(filters: Filters, since=None) -> str:
    """The query string (without ``?``) of the view ``filters`` selects; ``""`` for the default.
    ``since`` (a date) adds the compare mode's date.

    >>> to_query(Filters(as_of="2024-10-20", actors=("RUS", "PRK"), min_reliability="B"))
    'as_of=2024-10-20&actors=RUS,PRK&min_reliability=B'
    >>> to_query(Filters(date_range=("2022-02-01", None), record_kinds=()))
    'dates=2022-02-01..&kinds='
    >>> to_query(Filters(relations=("alleges against", "denies")))
    'relations=alleges+against,denies'
    >>> to_query(Filters())
    ''
    >>> to_query(Filters(as_of="2025-05-01"), since="2024-10-01")
    'as_of=2025-05-01&since=2024-10-01'
    """
    parts = []
    for parameter, field in PARAMETERS.items():
        value = getattr(filters, field)
        if value != getattr(_DEFAULT, field):
            text = quote(_text(parameter, value), safe=_SAFE).replace("%20", "+")
            parts.append(f"{parameter}={text}")
    if since is not None:
        parts.append(f"{SINCE}={_day(pd.Timestamp(since))}")
    return "&".join(parts)


def _value(parameter: str, text: str) -> Any:
    if parameter == "dates":
        if ".." not in text:
            raise ValueError("dates must be START..END (either may be empty)")
        start, end = text.split("..", 1)
        return (start or None, end or None)
    if parameter == "as_of":
        return text or None
    if parameter in _LISTS:
        return tuple(t for t in (s.strip() for s in text.split(",")) if t)
    if parameter == "max_credibility":
        if not text.strip().isdigit():
            raise ValueError(f"max_credibility must be a whole number 1-6; got {text!r}")
        return int(text)
    if parameter == "neighbourhood":
        return text or None
    return text


@dataclass(frozen=True)
class ParsedLink:
    """What :func:`from_query` read: the ``filters`` and one ``notes`` line per parameter it
    left out (unknown, repeated or bad), for the page to show."""

    filters: Filters
    notes: tuple[str, ...] = ()
    #: the compare mode's date (``since=``), if the link names one
    since: pd.Timestamp | None = None


def from_query(query: str) -> ParsedLink:
    """The view a link names: ``query`` is the part after ``?`` or ``#`` (either may be kept).

    >>> link = from_query("?as_of=2024-10-20&actors=RUS,PRK&min_reliability=B")
    >>> link.filters == Filters(as_of="2024-10-20", actors=("RUS", "PRK"), min_reliability="B")
    True
    >>> link = from_query("#as_of=soon&colour=red&max_credibility=3")
    >>> link.filters == Filters(max_credibility=3)
    True
    >>> for note in link.notes: print(note)
    as_of=soon ignored: as_of must be a date; got 'soon'
    colour=red ignored: not a parameter of this view (dates, as_of, actors, neighbourhood, ...)
    """
    text = query.lstrip("?#")
    chosen: dict[str, Any] = {}
    notes: list[str] = []
    seen: set[str] = set()
    since = None
    for parameter, raw in parse_qsl(text, keep_blank_values=True):
        shown = f"{parameter}={raw}"
        if parameter == SINCE and SINCE not in seen:
            seen.add(SINCE)
            try:
                since = pd.Timestamp(raw).normalize()
            except (TypeError, ValueError):
                notes.append(f"{shown} ignored: since must be a date; got {raw!r}")
            continue
        if parameter not in PARAMETERS and parameter != SINCE:
            listed = ", ".join([*PARAMETERS, SINCE])
            notes.append(f"{shown} ignored: not a parameter of this view ({listed})")
            continue
        if parameter in seen:
            notes.append(f"{shown} ignored: {parameter} is given more than once")
            continue
        seen.add(parameter)
        field = PARAMETERS[parameter]
        try:
            value = _value(parameter, raw)
            Filters(**{field: value})  # the field's own rule, alone
        except ValueError as exc:
            notes.append(f"{shown} ignored: {exc}")
            continue
        chosen[field] = value
    try:
        filters = Filters(**chosen)
    except ValueError as exc:  # fields fine alone but not together (none today): say so
        notes.append(f"the link's view was not applied: {exc}")
        filters = Filters()
    return ParsedLink(filters, tuple(notes), since)


assert set(PARAMETERS.values()) == {f.name for f in fields(Filters)}, "every filter has a name"
