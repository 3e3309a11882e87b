from __future__ import annotations

import pandas as pd
import pytest

from analysis.common.dates import format_date, parse_partial_date, period_end


@pytest.mark.parametrize(
    "text,start,precision,approx",
    [
        ("2024", "2024-01-01", "year", False),
        ("2024-06", "2024-06-01", "month", False),
        ("2024-06-19", "2024-06-19", "day", False),
        ("2024-08-09~", "2024-08-09", "day", True),
    ],
    ids=["year", "month", "day", "approximate"],
)
def test_parse_keeps_precision(text, start, precision, approx):
    d = parse_partial_date(text)
    assert (d.start, d.precision, d.approximate) == (pd.Timestamp(start), precision, approx)


@pytest.mark.parametrize(
    "text,message",
    [
        ("19/06/2024", "must be a date written YYYY, YYYY-MM or YYYY-MM-DD"),
        ("2024-13", "not a real calendar date"),
        ("2023-02-29", "not a real calendar date"),
        ("", "must be a date written"),
    ],
)
def test_parse_rejects_bad_dates(text, message):
    with pytest.raises(ValueError, match=message):
        parse_partial_date(text)


def test_period_end_covers_the_whole_period():
    assert period_end(pd.Timestamp("2024-02-01"), "month") == pd.Timestamp("2024-02-29")
    assert period_end(pd.Timestamp("2023-01-01"), "year") == pd.Timestamp("2023-12-31")
    assert parse_partial_date("2024-06-19").end == pd.Timestamp("2024-06-19")


def test_format_shows_precision_rather_than_a_false_day():
    assert format_date(pd.Timestamp("2024-06-19"), "day") == "19 Jun 2024"
    assert format_date(pd.Timestamp("2023-09-01"), "month") == "Sep 2023 (month)"
    assert format_date(pd.Timestamp("2001-01-01"), "year", True) == "c. 2001 (year)"
    assert format_date(pd.NaT, "day") == "undated"
