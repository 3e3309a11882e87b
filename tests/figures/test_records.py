"""The records table beside the charts: labels, order, sources as links, escaped HTML."""

from __future__ import annotations

import copy
import re

from conftest import MINI, write_tables
from markupsafe import Markup

from analysis import load_dossier
from analysis.figures.records import RECORD_COLUMNS, records_html, records_table
from analysis.filtering.filters import Filters, apply_filters


def test_latest_first_with_labels_that_show_precision(mini):
    table = records_table(apply_filters(mini))
    assert list(table.columns) == RECORD_COLUMNS
    # st-1 is known to the month (Oct 2024): by the one sort rule it sits at the end of its
    # month, so after (latest first: before) st-2 of 10 Oct
    assert list(table["record_id"]) == ["st-3", "ev-force", "st-1", "st-2", "ev-sign"]
    row = table.set_index("record_id").loc["st-1"]
    assert (row["date"], row["kind"], row["who"]) == ("Oct 2024 (month)", "alleges", "South Korea")
    assert (row["allegation"], row["status"], row["publishers"]) == (
        "al-troops",
        "confirmed",
        "Business Recorder",
    )
    assert (row["reliability"], row["credibility"]) == ("D", "3")
    st2 = table.set_index("record_id").loc["st-2"]
    assert st2["who"] == "Russia (Dmitry Peskov)"
    force = table.set_index("record_id").loc["ev-force"]
    assert (force["record"], force["kind"], force["who"]) == (
        "event",
        "entry into force",
        "Russia, North Korea",
    )
    assert table.attrs["total"] == 5


def test_sources_are_links_when_there_is_an_address(mini):
    table = records_table(apply_filters(mini)).set_index("record_id")
    link = table.at["st-3", "sources"]
    assert isinstance(link, Markup)
    assert str(link) == (
        '<a href="https://www.nknews.org/2025/04/in-a-first-russia-confirms-'
        'north-koreas-involvement-in-ukraine-war/" target="_blank" '
        'rel="noopener noreferrer">NK News</a>'
    )
    assert str(table.at["st-1", "sources"]) == "Business Recorder"  # no url: just the name


def test_status_follows_the_as_of_date(mini):
    table = records_table(apply_filters(mini, Filters(as_of="2024-10-20")))
    assert set(table["status"]) == {"disputed", ""}


def test_limit_keeps_the_latest(mini):
    table = records_table(apply_filters(mini), limit=2)
    assert list(table["record_id"]) == ["st-3", "ev-force"] and table.attrs["total"] == 5


def test_html_escapes_every_cell_and_keeps_the_links(tmp_path):
    tables = copy.deepcopy(MINI)
    tables["statements"][2]["summary"] = "<script>alert(1)</script> & co"
    tables["sources"][0]["publisher"] = "NK <b>News</b>"
    d = load_dossier(write_tables(tmp_path / "hostile", tables))
    html = records_html(records_table(apply_filters(d), limit=2))
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in html
    assert ">NK &lt;b&gt;News&lt;/b&gt;</a>" in html
    assert 'href="https://www.nknews.org/' in html
    assert "<caption>the latest 2 of 5 records</caption>" in html
    heads = re.findall(r"<th>([^<]*)</th>", html)
    assert heads == [
        "Date", "Kind", "Who", "Summary", "Allegation", "Status", "Publishers", "Reliability",
        "Credibility", "Sources",
    ]  # fmt: skip


def test_html_cells_follow_the_reader_tables_rules(dossier):
    html = records_html(records_table(apply_filters(dossier)))
    cells = re.findall(r"<td>([^<]*)</td>", html)
    assert "partly acknowledged" in cells and "partly_acknowledged" not in html


def test_nothing_left_says_so(mini):
    view = apply_filters(mini, Filters(record_kinds=()))
    table = records_table(view)
    assert table.empty and list(table.columns) == RECORD_COLUMNS
    assert records_html(table) == (
        '<p class="records-empty tex2jax_ignore mathjax_ignore">'
        "<b>No records match these filters</b></p>"
    )


def test_html_tables_are_never_typeset_by_mathjax(mini):
    html = records_html(records_table(apply_filters(mini, Filters())))
    assert html.count('<table class="pd-records tex2jax_ignore mathjax_ignore">') == 1


def test_a_statement_naming_several_allegations_lists_them_and_their_statuses(dossier):
    table = records_table(apply_filters(dossier)).set_index("record_id")
    row = table.loc["st-2025-05-29-msmt"]
    assert row["allegation"] == "al-prk-shells; al-prk-missiles; al-rus-prk-airdefence"
    assert row["status"] == "disputed; disputed; alleged"
