"""Partial dates: one sort rule (the end of the period, then its start) and labels at their
precision, on the tri-pact story, whose records are dated to the day, the month or the year."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import load_dossier
from analysis.common.dates import chronological, date_key
from analysis.common.paths import PROJECT_ROOT
from analysis.figures.changes import changes_table
from analysis.figures.records import records_table
from analysis.figures.tables import reader_table
from analysis.filtering import apply_filters, changes_between

TRI = PROJECT_ROOT / "tests" / "fixtures" / "stories" / "tri-pact"


@pytest.fixture(scope="module")
def tri():
    return load_dossier(TRI)


def test_one_rule_orders_by_period_end_then_start():
    frame = pd.DataFrame(
        {
            "id": ["year", "month", "day-31", "day-15", "undated"],
            "reported": pd.to_datetime(
                ["2024-01-01", "2024-12-01", "2024-12-31", "2024-10-15", None]
            ),
            "reported_precision": ["year", "month", "day", "day", None],
        }
    )
    # 15 Oct; then three periods ending 31 Dec: the year, the month, the day; undated last
    assert chronological(frame, "reported")["id"].tolist() == [
        "day-15",
        "year",
        "month",
        "day-31",
        "undated",
    ]
    assert list(chronological(frame, "reported").columns) == list(frame.columns)
    assert date_key(pd.Timestamp("2024-10-01"), "month") > date_key(
        pd.Timestamp("2024-10-15"), "day"
    )


def test_records_table_sorts_and_labels_partial_dates_by_the_rule(tri):
    table = records_table(apply_filters(tri)).set_index("record_id")
    order = list(table.index)
    # latest first: the October claim (known to the month) after the September ones
    assert order.index("st-2031-10-xma") < order.index("st-2031-09-03-xto")
    assert order[-2:] == ["ev-1999-02-xfr-xsy-in-force", "ev-1998-xfr-xsy-signed"]
    assert table.at["ev-1998-xfr-xsy-signed", "date"] == "1998 (year)"
    assert table.at["ev-1999-02-xfr-xsy-in-force", "date"] == "Feb 1999 (month)"
    assert table.at["st-2031-09-03-xto", "date"] == "03 Sep 2031"


def test_changes_table_writes_a_month_reported_record_as_its_month(tri):
    table = changes_table(changes_between(tri, "2031-01-01", "2031-12-31"), tri)
    row = table[table["record_id"] == "st-2031-10-xma"].iloc[0]
    assert (row["date"], row["date_precision"]) == (pd.Timestamp("2031-10-01"), "month")
    html = reader_table(table).html
    assert "Oct 2031 (month)" in html and "01 Oct 2031" not in html
    # in order by the rule: the October claim before the status it changed on 31 October
    ids = table["record_id"].tolist()
    fuel = table.index[table["subject"] == "al-xsy-fuel"][0]
    assert ids.index("st-2031-10-xma") < fuel


def test_status_and_prose_give_a_month_reported_first_allegation_as_its_month(tri):
    from analysis import allegation_status
    from analysis.evidence.narrative import precedent_prose

    row = allegation_status(tri.allegations, tri.statements).loc["al-xsy-fuel"]
    assert (row["first_alleged"], row["first_alleged_precision"]) == (
        pd.Timestamp("2031-10-01"),
        "month",
    )
    text = "\n".join(precedent_prose(tri, "al-xsy-fuel").paragraphs)
    assert "It was first alleged in Oct 2031 by" in text and "01 Oct" not in text


def test_prose_counts_days_to_a_confirmation_only_between_days_it_knows(tmp_path):
    """The mini dossier's troops claim is alleged and confirmed on known days: 198 days. Made
    known only to the month, it is confirmed 'in' a month, with no count of days."""
    import copy

    from conftest import MINI, write_tables

    from analysis.evidence.narrative import precedent_prose

    def prose(tables):
        d = load_dossier(write_tables(tmp_path / str(len(list(tmp_path.iterdir()))), tables))
        return "\n".join(precedent_prose(d, "al-troops").paragraphs)

    tables = copy.deepcopy(MINI)
    assert "confirmed it on 26 Apr 2025, 198 days after it was first made" in prose(tables)
    confirms = next(s for s in tables["statements"] if s["stance"] == "confirms")
    confirms["reported"] = "2025-04"
    text = prose(tables)
    assert "confirmed it in Apr 2025." in text and "days after" not in text
