"""Reader tables: the HTML a reader gets from a DataFrame in a notebook or a report page."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

import pandas as pd
import pytest
from fixtures.hostile_payloads import PAYLOADS

from analysis.common import markup
from analysis.figures.datatables import split_bundle
from analysis.figures.tables import LONG_ROWS, reader_table


class Cells(HTMLParser):
    """The header texts, body rows (cell texts, hidden keys left out) and th/td attributes."""

    def __init__(self, html: str):
        super().__init__()
        self.headers: list[str] = []
        self.rows: list[list[str]] = []
        self.titles: list[str | None] = []
        self._cell: list[str] | None = None
        self._hidden = 0
        self._th = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "tr":
            self._row: list[str] = []
        elif tag in ("th", "td"):
            self._cell, self._th = [], tag == "th"
        elif tag == "span" and self._cell is not None:
            if "hidden" in attrs:
                self._hidden += 1
            elif self._th:
                self.titles.append(attrs.get("title"))

    def handle_endtag(self, tag):
        if tag == "span" and self._hidden:
            self._hidden -= 1
        elif tag in ("th", "td") and self._cell is not None:
            text = "".join(self._cell)
            (self.headers if self._th else self._row).append(text)
            self._cell = None
        elif tag == "tr" and getattr(self, "_row", None):
            self.rows.append(self._row)

    def handle_data(self, data):
        if self._cell is not None and not self._hidden:
            self._cell.append(data)


STATEMENTS = pd.DataFrame(
    {
        "statement_id": ["st-1", "st-2"],
        "actor_id": ["IRN", "RUS"],
        "speaker_id": [None, "peskov"],
        "stance": pd.Categorical(["denies", "partly_acknowledges"]),
        "reported": pd.to_datetime(["2024-09-10", "2024-10-01"]),
        "reported_precision": ["day", "month"],
        "low_tier_only": [True, False],
        "publishers": [("TASS", "Iran International"), ("Business Recorder",)],
        "source_ids": [("src-tass", "src-iranintl"), ("src-br",)],
        "score": [float("nan"), 2.5],
    }
)


def test_headers_are_words_with_the_schema_description_as_tooltip():
    table = Cells(
        reader_table(STATEMENTS, columns=["actor_id", "speaker_id", "low_tier_only"]).html
    )
    assert table.headers == ["Statement", "Actor", "Speaker", "Low tier only"][1:]
    assert table.titles[1] == "The person who said it, where known."


def test_values_read_as_text_lists_joined_dates_written_no_nan_no_true():
    html = reader_table(STATEMENTS).html
    table = Cells(html)
    assert table.headers[:5] == ["Statement", "Actor", "Speaker", "Stance", "Reported"]
    first, second = table.rows
    assert first[:7] == [
        "st-1",
        "IRN",
        "",
        "denies",
        "10 Sep 2024",
        "yes",
        "TASS, Iran International",
    ]
    assert second[3:6] == ["partly acknowledges", "Oct 2024 (month)", "no"]
    assert first[-1] == "" and second[-1] == "2.50"
    for word in ("NaN", "None", "True", "False", "nan", "<NA>", "('", "_"):
        assert not any(word in cell for row in table.rows for cell in row), word
    assert "hidden>2024-09-10</span>" in html  # the sort key that orders dates


def test_no_integer_index_but_a_named_index_is_a_column():
    plain = Cells(reader_table(pd.DataFrame({"n": [3, 4]})).html)
    assert plain.headers == ["Count"] and plain.rows == [["3"], ["4"]]
    named = Cells(reader_table(STATEMENTS.set_index("statement_id")[["stance"]]).html)
    assert named.headers == ["Statement", "Stance"] and named.rows[0] == ["st-1", "denies"]
    words = Cells(reader_table(pd.Series({"mutual_defence": "Aid if attacked."})).html)
    assert words.headers == ["Item", "Value"] and words.rows == [
        ["mutual defence", "Aid if attacked."]
    ]


def test_no_header_is_empty():
    frame = pd.DataFrame({"": [1], "x": [2]}, index=pd.Index(["a"]))
    assert all(h.strip() for h in Cells(reader_table(frame).html).headers)


def test_long_text_is_kept_whole():
    long = "word " * 200
    assert Cells(reader_table(pd.DataFrame({"summary": [long]})).html).rows == [[long]]


def test_the_table_cites_its_records_and_sources_even_from_hidden_columns():
    html = reader_table(STATEMENTS, columns=["stance"]).html
    cited = re.search(r'data-sources="([^"]*)"', html).group(1).split()
    assert cited == ["st-1", "st-2", "src-tass", "src-iranintl", "src-br"]


class Tags(HTMLParser):
    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


ALLOWED = {"style", "table", "caption", "thead", "tbody", "tr", "th", "td", "span"}


@pytest.mark.parametrize("name", list(PAYLOADS))
def test_hostile_text_stays_text(name):
    payload = PAYLOADS[name]
    frame = pd.DataFrame({"summary": [payload], payload: [(payload, "x")]}, index=[payload])
    html = reader_table(frame, caption=payload).html
    tags = Tags(html).tags
    assert {tag for tag, _ in tags} <= ALLOWED
    assert not [a for _, attrs in tags for a in attrs if a.startswith("on")]
    assert "pwned" not in " ".join(str(v) for _, attrs in tags for v in attrs.values())
    assert "$" not in html and "%{" not in html
    seen = Cells(html)
    # what markup.text keeps of it (bidi controls shown as marks), read as text
    kept = unescape(str(markup.text(payload, None)))
    assert seen.rows[0] == [kept, kept, f"{kept}, x"] and seen.headers[2] == kept


def test_long_tables_sort_and_search_offline_short_ones_stay_plain():
    long = pd.DataFrame({"n": range(LONG_ROWS + 1)})
    shown = reader_table(long)._repr_html_()
    assert reader_table(long).sortable and "reader-sortable" in shown
    table, bundled = split_bundle(shown)
    assert bundled and "new DataTable(" in table
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", shown)
    short = reader_table(long.head(LONG_ROWS))
    assert not short.sortable and short._repr_html_() == short.html


def test_a_builders_labels_name_the_columns_and_a_callers_win(dossier):
    from analysis.evidence import compare_obligations

    comparison = compare_obligations(dossier, "pt-rus-irn-2025", "pt-rus-prk-2024")
    html = reader_table(comparison).html
    found = [unescape(re.sub(r"<[^>]+>", "", h)) for h in re.findall(r"<th[^>]*>(.*?)</th>", html)]
    assert found[:6] == [
        "Obligation", "RU–IR 2025", "RU–IR 2025 article", "RU–KP 2024", "RU–KP 2024 article",
        "Differs",
    ]  # fmt: skip
    assert "pt-rus-irn-2025" not in "".join(found)
    mine = reader_table(comparison, labels={"differs": "Not the same"}).html
    assert "Not the same" in mine and "RU–IR 2025 article" in mine


def test_a_table_with_no_rows_says_so_instead_of_showing_a_bare_header():
    from analysis.figures.tables import EMPTY_TABLE

    table = reader_table(pd.DataFrame({"actor_id": [], "name": []}), caption="Who <b>")
    assert table.html == (
        f'<p><strong>Who &lt;b&gt;</strong></p><p class="reader-table-empty">{EMPTY_TABLE}</p>'
    )
    assert "<table" not in table._repr_html_()
