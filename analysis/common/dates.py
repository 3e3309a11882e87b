"""Dates at their true precision: ``2024``, ``2024-06``, ``2024-06-19`` (``~`` = approximate)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import pandas as pd

from analysis.schema import DATE_PATTERN

__all__ = [
    "PartialDate",
    "parse_partial_date",
    "period_end",
    "period_ends",
    "known_by",
    "chronological",
    "date_key",
    "format_date",
]

# ASCII: ``\d`` would otherwise accept other scripts' digits (``٢٠٢٤``).
_RE = re.compile(DATE_PATTERN, re.ASCII)
_PRECISION = {1: "year", 2: "month", 3: "day"}
_FORMAT = {"day": "%d %b %Y", "month": "%b %Y", "year": "%Y"}


@dataclass(frozen=True)
class PartialDate:
    """A date known to the day, month or year."""

    start: pd.Timestamp
    precision: str
    approximate: bool = False

    @property
    def end(self) -> pd.Timestamp:
        return period_end(self.start, self.precision)


@functools.lru_cache(maxsize=1 << 16)
def parse_partial_date(text: str) -> PartialDate:
    """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` with an optional trailing ``~``.

    >>> parse_partial_date("2024-06").precision
    'month'
    >>> parse_partial_date("2024-02-30")
    Traceback (most recent call last):
    ...
    ValueError: not a real calendar date
    """
    text = text.strip()
    if not _RE.match(text):
        raise ValueError("must be a date written YYYY, YYYY-MM or YYYY-MM-DD, with an optional ~")
    approximate = text.endswith("~")
    parts = text.rstrip("~").split("-")
    try:
        start = pd.Timestamp(
            int(parts[0]),
            int(parts[1]) if len(parts) > 1 else 1,
            int(parts[2]) if len(parts) > 2 else 1,
        )
    except ValueError:
        raise ValueError("not a real calendar date") from None
    return PartialDate(start, _PRECISION[len(parts)], approximate)


def period_end(start: pd.Timestamp, precision: str) -> pd.Timestamp:
    """Last day of the period that ``start`` stands for at ``precision``.

    >>> str(period_end(pd.Timestamp("2024-02-01"), "month").date())
    '2024-02-29'
    """
    if precision == "day":
        return start
    if precision == "month":
        return start + pd.offsets.MonthEnd(0)
    if precision == "year":
        return start + pd.offsets.YearEnd(0)
    raise ValueError(f"unknown precision {precision!r}")


def period_ends(start: pd.Series, precision: pd.Series | None) -> pd.Series:
    """:func:`period_end` of every date of a column (``precision`` ``None``: all to the day).

    >>> ends = period_ends(pd.Series(pd.to_datetime(["2024-10-01", "2021-01-01", "2024-10-05"])),
    ...                    pd.Series(["month", "year", "day"]))
    >>> [str(d.date()) for d in ends]
    ['2024-10-31', '2021-12-31', '2024-10-05']
    """
    if precision is None:
        return start
    precision = pd.Series(precision, index=start.index).astype(object)
    month = start + pd.offsets.MonthEnd(0)
    year = start + pd.offsets.YearEnd(0)
    return start.where(precision != "month", month).where(precision != "year", year)


def known_by(frame: pd.DataFrame, column: str = "reported") -> pd.Series:
    """When each record was known: the END of its ``column`` period, the one rule of every
    as-of view. A statement reported ``2024-10`` counts as known on 31 October 2024, not on
    the 1st, so that it never appears before what it reacts to; a day is that day."""
    return period_ends(frame[column], frame.get(f"{column}_precision"))


def date_key(start: object, precision: object) -> tuple:
    """The one sort key of a partial date: the end of its period (when it had surely
    happened, the rule of :func:`known_by`), then its start (a year, then a month, then a day
    ending on the same day). Undated sorts last.

    >>> days = [("2024-10-15", "day"), ("2024-10-01", "month"), ("2024-01-01", "year")]
    >>> [p for _, p in sorted(days, key=lambda d: date_key(pd.Timestamp(d[0]), d[1]))]
    ['day', 'month', 'year']
    """
    if start is None or pd.isna(start):
        return (pd.Timestamp.max, pd.Timestamp.max)
    start = pd.Timestamp(start)
    precision = str(precision) if isinstance(precision, str) else "day"
    return (period_end(start, precision), start)


def chronological(
    frame: pd.DataFrame,
    column: str,
    *,
    first: tuple[str, ...] = (),
    then: tuple[str, ...] = (),
    ascending: bool = True,
) -> pd.DataFrame:
    """``frame`` in date order of ``column`` by the one rule of :func:`date_key` (the end of
    each period, then its start), within the ``first`` columns and before the ``then`` ones;
    stable. Every table and timeline that lists records by date uses it (docs/data-format.md,
    "Partial dates")."""
    keys = {
        "_end": known_by(frame, column),
        "_start": frame[column],
    }
    order = frame.assign(**keys).sort_values(
        [*first, "_end", "_start", *then],
        ascending=[True] * len(first) + [ascending] * (2 + len(then)),
        kind="stable",
        na_position="last",
    )
    return order.drop(columns=["_end", "_start"])


def format_date(start: pd.Timestamp, precision: str, approximate: bool = False) -> str:
    """Human label that shows the precision: ``19 Jun 2024``, ``Jun 2024``, ``2024``.

    >>> format_date(pd.Timestamp("2024-10-01"), "month", True)
    'c. Oct 2024 (month)'
    """
    if pd.isna(start):
        return "undated"
    label = start.strftime(_FORMAT[precision])
    if precision != "day":
        label += f" ({precision})"
    return f"c. {label}" if approximate else label
