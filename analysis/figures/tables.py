"""Tables for readers: the one renderer of DataFrames for notebooks and report pages.

:func:`reader_table` turns a frame into an HTML table a reader can use: headers in words (the
column name without ``_id`` and underscores, the schema's description of the field as the
header's tooltip), lists joined as text, dates written out at their precision
(:func:`analysis.common.dates.format_date`), treaty articles cited as every view cites them
(an ``article`` column, or one ending in `` article``, through
:func:`analysis.common.articles.cite_articles`: ``Art. 4, 5``), booleans as "yes"/"no",
missing values (``None``, NaN, NaT, ``<NA>``) as empty cells (the one blank readers see, in
tables and in the plain-text form a notebook also stores), vocabulary values
(``mutual_defence``) as words, long text wrapped in full, and no integer index. pandas'
``Styler`` writes the table; every value passes through :func:`analysis.common.markup.text`
first. A table of more than :data:`LONG_ROWS` rows gets
sortable headers and a search box, offline (:mod:`analysis.figures.datatables`).

The table names the records and sources it shows in ``data-sources``, so that a report page
can caption it with its sources.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from functools import cache

import numpy as np
import pandas as pd
from markupsafe import Markup

from analysis.common import markup
from analysis.common.articles import cite_articles
from analysis.common.dates import format_date
from analysis.figures.datatables import SORTABLE_CLASS, bundle_html, init_html
from analysis.schema import TABLES

__all__ = [
    "EMPTY_TABLE",
    "LONG_ROWS",
    "TABLE_CLASS",
    "ReaderTable",
    "cell_html",
    "header",
    "reader_table",
]

#: What a table with no rows shows instead of a bare header row.
EMPTY_TABLE = "No records to show: no record of this dossier fits this table (yet)."

#: Tables with more rows than this get sortable headers and search.
LONG_ROWS = 15
#: Class of every reader table (the report's styles use it).
TABLE_CLASS = "reader-table"

#: Headers the generic rule (words, ``_id`` dropped) gets wrong.
LABELS: dict[str, str] = {
    "source_ids": "Sources",
    "short_name": "Short name",
    "in_force": "In force",
    "n": "Count",
}

_SNAKE = re.compile(r"^[a-z]+(?:_[a-z0-9]+)+$")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_MONTH = re.compile(r"^\d{4}-\d{2}$")
_WRAP = "white-space: normal; overflow-wrap: break-word; vertical-align: top; text-align: left;"


@cache
def _schema() -> tuple[dict[str, str], frozenset[str]]:
    """Each field's description (first table that declares it wins) and the primary keys."""
    found: dict[str, str] = {}
    for table in TABLES:
        for field in table.fields:
            found.setdefault(field.name, field.description)
    return found, frozenset(t.primary_key for t in TABLES)


def header(name: object) -> str:
    """A column name as a reader's header.

    >>> header("first_alleged_by"), header("actor_id"), header("source_ids"), header("B2 or better")
    ('First alleged by', 'Actor', 'Sources', 'B2 or better')
    >>> header(("before", "low_tier_only"))
    'Before · Low tier only'
    """
    if isinstance(name, tuple):
        return " · ".join(header(part) for part in name if str(part))
    text = str(name)
    if text in LABELS:
        return LABELS[text]
    if not re.fullmatch(r"[a-z0-9_]+", text):
        return text
    if text.endswith("_id") and text != "_id":
        text = text[:-3]
    words = text.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def _missing(value: object) -> bool:
    try:
        return value is None or bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _date_cell(day: pd.Timestamp, shown: str) -> Markup:
    # The hidden ISO key comes first, so sorting the (tag-stripped) text sorts by date.
    return Markup('<span class="reader-key" hidden>{}</span>{}').format(
        day.strftime("%Y-%m-%d"), markup.text(shown, None)
    )


def cell_html(value: object, precision: str = "day", approximate: bool = False) -> Markup:
    """One value as the escaped text of a cell; ``precision`` and ``approximate`` apply to dates.

    >>> str(cell_html(("TASS", "Iran <International>"))), str(cell_html(float("nan")))
    ('TASS, Iran &lt;International&gt;', '')
    >>> str(cell_html(True)), str(cell_html("no_aid_to_aggressor")), str(cell_html(198.0))
    ('yes', 'no aid to aggressor', '198')
    >>> str(cell_html(pd.Timestamp("2024-10-01"), "month"))
    '<span class="reader-key" hidden>2024-10-01</span>Oct 2024 (month)'
    """
    if isinstance(value, (list, tuple, set, frozenset, np.ndarray, pd.Index)):
        items = [cell_html(v) for v in value if not _missing(v)]
        return Markup(", ").join(items)
    if _missing(value):
        return Markup("")
    if isinstance(value, (bool, np.bool_)):
        return Markup("yes" if value else "no")
    if isinstance(value, (pd.Timestamp, datetime, date)):
        day = pd.Timestamp(value)
        return _date_cell(day, format_date(day, precision, approximate))
    if isinstance(value, pd.Timedelta):
        return markup.text(f"{value.days:,} days")
    if isinstance(value, (float, np.floating)):
        number = float(value)
        return markup.text(f"{number:,.0f}" if number.is_integer() else f"{number:,.2f}")
    if isinstance(value, (int, np.integer)):
        return markup.text(f"{int(value):,}" if abs(int(value)) >= 10_000 else str(int(value)))
    text = str(value)
    if _ISO_DAY.match(text) or _ISO_MONTH.match(text):
        try:
            day = pd.Timestamp(text)
        except ValueError:
            return markup.text(text, None)
        return _date_cell(day, format_date(day, "day" if len(text) == 10 else "month"))
    if _SNAKE.match(text):
        return markup.text(text.replace("_", " "))
    return markup.text(text, None)


def _precision(frame: pd.DataFrame, column: object, row: int) -> tuple[str, bool]:
    name = str(column)
    precision = frame[f"{name}_precision"].iloc[row] if f"{name}_precision" in frame else "day"
    approx = frame[f"{name}_approx"].iloc[row] if f"{name}_approx" in frame else False
    return (
        str(precision) if not _missing(precision) else "day",
        bool(approx) if not _missing(approx) else False,
    )


def _articles(column: object) -> bool:
    name = str(column)
    return name == "article" or name.endswith(" article")


def _folded(column: object, columns: pd.Index) -> bool:
    name = str(column)
    return any(name == f"{c}_precision" or name == f"{c}_approx" for c in map(str, columns))


def _meaningful_index(frame: pd.DataFrame) -> bool:
    index = frame.index
    if isinstance(index, pd.MultiIndex) or index.name is not None:
        return True
    return not pd.api.types.is_integer_dtype(index.dtype)


def _cited(frame: pd.DataFrame) -> list[str]:
    """The sources and records a frame shows: its ``source_ids`` and its own record ids."""
    keys = _schema()[1]
    found: dict[str, None] = {}

    def add(values: Iterable) -> None:
        for value in values:
            if isinstance(value, str):
                value = value.split(";")
            if isinstance(value, Iterable):
                for item in value:
                    if isinstance(item, str) and item.strip():
                        found.setdefault(item.strip(), None)

    if frame.index.name in keys:
        add(frame.index.astype(str))
    elif len(frame.columns) and frame.columns[0] in keys:
        add(frame.iloc[:, 0].dropna().astype(str))
    if "source_ids" in frame.columns:
        add(frame["source_ids"])
    return list(found)


class ReaderTable:
    """A frame rendered for readers; notebooks show it through ``_repr_html_``.

    Attributes
    ----------
    frame : the frame as given. html : the table (plus its style), without scripts.
    sortable : whether the table gets sorting and search. cited : record and source ids.
    """

    def __init__(
        self, frame: pd.DataFrame, html: str, sortable: bool, cited: list[str], text: str = ""
    ):
        self.frame = frame
        self.html = html
        self.sortable = sortable
        self.cited = cited
        self.text = text

    def _repr_html_(self) -> str:
        return self.html + (bundle_html() + init_html() if self.sortable else "")

    def __repr__(self) -> str:
        # A notebook's text/plain output (and what a text-only reader sees): the reader's
        # cells, not the frame's repr with its NaN, NaT and dtypes.
        return self.text


def reader_table(
    frame: pd.DataFrame | pd.Series,
    *,
    columns: Sequence[object] | None = None,
    labels: Mapping[object, str] | None = None,
    caption: str | None = None,
    sortable: bool | None = None,
    empty: str | None = None,
) -> ReaderTable:
    """Render ``frame`` as a table for readers (see the module's docstring).

    Parameters
    ----------
    frame : the records; a meaningful index (named, or not integers) becomes the first column.
    columns : the columns to show (default: all but the ``_precision`` and ``_approx`` of a
        date, which the date shows). The others still count: the table cites
        the frame's ``source_ids`` and dates are written at their ``<column>_precision``.
    labels : headers to use instead of the generic ones, by column name (added to those a
        builder left in ``frame.attrs["labels"]``).
    caption : a caption above the table.
    sortable : force sorting and search on or off (default: more than :data:`LONG_ROWS` rows).
    empty : the sentence shown when no row fits, saying why (default: :data:`EMPTY_TABLE`).
    """
    if isinstance(frame, pd.Series):
        frame = frame.to_frame(name="value" if frame.name is None else frame.name)
    cited = _cited(frame)
    full = frame.reset_index() if _meaningful_index(frame) else frame.reset_index(drop=True)
    index_columns = list(full.columns[: full.shape[1] - frame.shape[1]])
    if columns is None:  # a date's precision and approximation are written into the date
        columns = [c for c in frame.columns if not _folded(c, frame.columns)]
    shown_columns = [*index_columns, *columns]
    descriptions = _schema()[0]
    given = {**frame.attrs.get("labels", {}), **(labels or {})}  # a builder's, then the caller's
    names: dict[object, str] = {k: v for k, v in (*LABELS.items(), *given.items())}
    heads, body = [], {}
    for number, column in enumerate(shown_columns):
        key = str(column) if not isinstance(column, tuple) else column
        label = names.get(key) or header(column) or "Value"
        if label == "Index":
            label = "Item"
        tip = descriptions.get(str(column))
        heads.append(
            Markup('<span title="{}">{}</span>').format(tip, label) if tip else markup.text(label)
        )
        values = full[column]
        if isinstance(values, pd.DataFrame):  # a repeated column name
            values = values.iloc[:, 0]
        if _articles(column):  # "4; 5" is data; readers read "Art. 4, 5"
            values = values.map(cite_articles)
        body[number] = [
            str(cell_html(v, *_precision(full, column, row))) for row, v in enumerate(values)
        ]
    cells = pd.DataFrame(body, index=range(len(full)))
    cells.columns = [str(h) for h in heads]
    long = sortable if sortable is not None else len(cells) > LONG_ROWS
    classes = f"{TABLE_CLASS} {markup.NO_MATH}" + (f" {SORTABLE_CLASS}" if long else "")
    attributes = Markup('class="{}"').format(classes)
    if cited:
        attributes += Markup(' data-sources="{}"').format(" ".join(cited))
    styler = (
        cells.style.hide(axis="index")
        .set_table_attributes(str(attributes))
        .set_table_styles(
            [
                # JupyterLab lays tables out fixed: at DataTables' full width, even columns
                {"selector": "", "props": "table-layout: auto;"},
                {"selector": "td, th", "props": _WRAP},
                {"selector": "td", "props": "max-width: 40em;"},
                {"selector": "caption", "props": "caption-side: top; text-align: left;"},
            ]
        )
    )
    if caption:
        styler = styler.set_caption(str(markup.text(caption, None)))
    if full.empty:  # a sentence, not a bare header row
        said = (
            Markup("<p><strong>{}</strong></p>").format(markup.text(caption, None))
            if caption
            else ""
        )
        why = empty or EMPTY_TABLE
        html = Markup('{}<p class="{}-empty">{}</p>').format(said, TABLE_CLASS, why)
        return ReaderTable(frame, str(html), False, cited, f"{caption or ''}\n{why}".lstrip())
    return ReaderTable(frame, styler.to_html(), long, cited, _plain(cells, caption))


_KEY = re.compile(r'<span class="reader-key" hidden>[^<]*</span>')


def _plain(cells: pd.DataFrame, caption: str | None) -> str:
    """The table's cells as plain text: what the HTML shows, without its markup."""
    unmarked = cells.map(lambda c: Markup(_KEY.sub("", c)).striptags())
    unmarked.columns = [Markup(c).striptags() for c in cells.columns]
    table = unmarked.to_string(index=False, max_colwidth=60)
    return f"{caption}\n{table}" if caption else table
