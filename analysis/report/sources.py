"""The sources a page relies on: found in its figures and tables, listed and numbered.

Every record of a dossier names its sources (``source_ids``). A figure or table on a page draws
records; the ids of those records appear in what it carries (a figure's ``customdata``, ids,
hover text or ``layout.meta["source_ids"]``; a reader table's ``data-sources``). A page's
:class:`Citations` collects them in order of first use, numbers each source once, gives each
figure a caption naming its sources, and ends the page with the numbered list: publisher,
title, date, grade, and a link when the source has a plain http(s) address.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd
from markupsafe import Markup

from analysis.common.dates import format_date
from analysis.common.markup import link, text
from analysis.dossier.model import Dossier
from analysis.schema import RELIABILITY_GRADES

__all__ = ["Citations", "SourceIndex", "source_index"]

#: Tables whose records a figure or table shows (actors are who, not what: left out).
RECORD_TABLES = (
    "partnerships",
    "obligations",
    "allegations",
    "statements",
    "events",
    "disputes",
    "hypotheses",
)
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]*[A-Za-z0-9]")
_DATA_SOURCES = re.compile(r'data-sources="([^"]*)"')


def _ids(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(v.strip() for v in value.split(";") if v.strip())
    if isinstance(value, Iterable):
        return tuple(str(v) for v in value if isinstance(v, str) and v)
    return ()


@dataclass(frozen=True)
class SourceIndex:
    """Which sources each record id (and each source id) stands for, and the sources table."""

    by_id: Mapping[str, tuple[str, ...]]
    sources: pd.DataFrame

    def cited(self, blob: str) -> list[str]:
        """Source ids behind every record or source id in ``blob``, in order of first mention."""
        found: dict[str, None] = {}
        for token in _TOKEN.findall(blob):
            for source in self.by_id.get(token, ()):
                found.setdefault(source, None)
        return list(found)


def source_index(dossier: Dossier) -> SourceIndex:
    """Index the record tables of ``dossier`` by id, and every source by its own id."""
    by_id: dict[str, tuple[str, ...]] = {}
    for name in RECORD_TABLES:
        frame = dossier.table(name)
        if frame is None or "source_ids" not in frame.columns or frame.empty:
            continue
        key = frame.columns[0]
        for record, sources in zip(frame[key], frame["source_ids"], strict=True):
            by_id[str(record)] = _ids(sources)
    sources = dossier.sources.set_index("source_id", drop=False)
    for source in sources.index:
        by_id[str(source)] = (str(source),)
    return SourceIndex(by_id, sources)


@dataclass
class Citations:
    """The numbered sources of one page, filled as its figures and tables are rendered."""

    index: SourceIndex
    numbers: dict[str, int] = field(default_factory=dict)

    def _number(self, ids: Iterable[str]) -> list[int]:
        out = []
        for source in ids:
            if source not in self.index.sources.index:
                continue
            out.append(self.numbers.setdefault(source, len(self.numbers) + 1))
        return out

    def of_figure(self, figure: Mapping) -> list[int]:
        """Number the sources a figure (plotly JSON) draws on; return their numbers."""
        meta = (figure.get("layout") or {}).get("meta")
        explicit = _ids(meta.get("source_ids")) if isinstance(meta, Mapping) else ()
        blob = json.dumps(figure.get("data") or [], ensure_ascii=False)
        return sorted(set(self._number([*explicit, *self.index.cited(blob)])))

    def of_html(self, html: str) -> list[int]:
        """Number the sources behind the records and sources a reader table names in its
        ``data-sources`` attribute."""
        return sorted(set(self._number(self.index.cited(" ".join(_DATA_SOURCES.findall(html))))))

    def caption(self, numbers: list[int], what: str = "figure") -> Markup:
        """``Sources of this figure: [1], [4], [7].`` with links to the page's list."""
        if not numbers:
            return Markup(
                '<p class="report-cites">This {} cites no source record directly.</p>'
            ).format(what)
        refs = Markup(", ").join(
            Markup('<a href="#source-{0}">[{0}]</a>').format(a)
            if a == b
            else Markup('<a href="#source-{0}">[{0}]</a>–<a href="#source-{1}">[{1}]</a>').format(
                a, b
            )
            for a, b in _runs(numbers)
        )
        return Markup('<p class="report-cites">Sources of this {}: {}.</p>').format(what, refs)

    def list_html(self) -> Markup:
        """The page's numbered list of sources, in the order the page first cites them."""
        if not self.numbers:
            return Markup(
                '<section class="report-sources" aria-labelledby="report-sources-heading">'
                '<h2 id="report-sources-heading">Sources</h2>'
                "<p>No figure or table on this page cites a source record.</p></section>"
            )
        items = []
        for source, number in sorted(self.numbers.items(), key=lambda kv: kv[1]):
            row = self.index.sources.loc[source]
            grade = str(row.get("reliability") or "")
            meaning = RELIABILITY_GRADES.get(grade, "").split(":")[0]
            published = row.get("published")
            date = (
                ""
                if pd.isna(published)
                else format_date(
                    published,
                    str(row.get("published_precision") or "day"),
                    bool(row.get("published_approx")),
                )
            )
            title = link(row.get("url"), row.get("title"), limit=None)
            items.append(
                Markup(
                    '<li id="source-{}" value="{}"><span class="report-publisher">{}</span>, '
                    "<cite>{}</cite>{} · reliability {}{} · <code>{}</code></li>"
                ).format(
                    number,
                    number,
                    text(row.get("publisher")),
                    title,
                    Markup(", {}").format(text(date)) if date else "",
                    text(grade or "not graded"),
                    Markup(" ({})").format(text(meaning)) if meaning else "",
                    text(source),
                )
            )
        return Markup(
            '<section class="report-sources" aria-labelledby="report-sources-heading">'
            '<h2 id="report-sources-heading">Sources</h2>'
            "<p>Every source the figures and tables on this page draw on, numbered in the "
            "order the page first cites them; grades are the Admiralty reliability "
            "scale.</p>\n<ol>\n{}\n</ol></section>"
        ).format(Markup("\n").join(items))


def _runs(numbers: list[int]) -> list[tuple[int, int]]:
    """Consecutive numbers as (first, last) runs.

    >>> _runs([1, 2, 3, 5, 7, 8])
    [(1, 3), (5, 5), (7, 8)]
    """
    runs: list[tuple[int, int]] = []
    for n in sorted(set(numbers)):
        if runs and n == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return runs
