"""The records behind the charts, as a table to read beside them, with links to the sources."""

from __future__ import annotations

import numpy as np
import pandas as pd
from markupsafe import Markup

from analysis.common import markup
from analysis.common.dates import date_key, format_date
from analysis.dossier.model import parties, speakers, who_said
from analysis.figures.base import NO_RECORDS
from analysis.figures.tables import cell_html, header
from analysis.filtering.filters import View

__all__ = ["records_table", "records_html", "RECORD_COLUMNS"]

RECORD_COLUMNS = [
    "record_id",
    "record",
    "date",
    "kind",
    "who",
    "summary",
    "allegation",
    "status",
    "publishers",
    "reliability",
    "credibility",
    "sources",
]


def _latest(rows: np.ndarray, limit: int | None) -> np.ndarray:
    return rows if limit is None else rows[max(len(rows) - limit, 0) :]


def records_table(view: View, *, limit: int | None = None) -> pd.DataFrame:
    """The view's statements and events, latest first, one row each, with their sources.

    Parameters
    ----------
    view : what :func:`analysis.filtering.apply_filters` left.
    limit : keep only the latest ``limit`` records (the table says how many there were in
        ``attrs["total"]``); ``None`` keeps all.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`RECORD_COLUMNS`: ``date`` is a label that shows its precision
        (``Oct 2024 (month)``), ``who`` names the actors, ``sources`` is escaped markup with a
        link per source (http and https addresses only), every other column is plain text.

    Examples
    --------
    >>> from analysis.synthetic.dossiers import synthetic_dossier
    >>> from analysis.filtering.filters import apply_filters
    >>> table = records_table(apply_filters(synthetic_dossier(1_000)), limit=5)
    >>> len(table), table.attrs["total"]
    (5, 1000)
    """
    d = view.dossier
    names = d.actor_names()
    source_index = view.index.source_ids
    urls = d.sources["url"].to_numpy(dtype=object)
    publishers = d.sources["publisher"].to_numpy(dtype=object)

    # escaped links per source, kept with the dossier's index: tables are redrawn often
    memo: dict[int, Markup] = view.index.cache.setdefault(("source links",), {})

    def links(rows: list[tuple[str, ...]]) -> list[Markup]:
        """A link per cited source (its publisher as label), for each row's source ids."""
        flat = [s for ids in rows for s in ids]
        pos = iter(source_index.get_indexer(flat))
        out = []
        for ids in rows:
            cells = []
            for s in ids:
                p = next(pos)
                if p < 0:
                    cells.append(markup.text(s))
                    continue
                if p not in memo:
                    memo[p] = markup.link(urls[p], publishers[p])
                cells.append(memo[p])
            out.append(Markup(", ").join(cells))
        return out

    status = view.status.astype(str).to_dict()
    rows: list[tuple] = []
    for record, frame, kept in (
        ("statement", d.statements, view.statement_rows),
        ("event", d.events, view.event_rows),
    ):
        at = _latest(kept, limit)
        if len(at) == 0:
            continue

        def col(name: str, frame=frame, at=at) -> list:
            """One column of the picked rows, as a list (no copy of the whole frame)."""
            return frame[name].array.take(at).tolist()

        if record == "statement":
            kind = col("stance")
            # every party and speaker of a joint statement
            by = {
                c: col(c)
                for c in ("actor_id", "joint_actor_ids", "speaker_id", "joint_speaker_ids")
            }
            picked = pd.DataFrame(by, index=range(len(at)))
            who = [
                who_said(a, s, names)
                for a, s in zip(parties(picked), speakers(picked), strict=True)
            ]
            ids = col("statement_id")
        else:
            kind = col("kind")
            who = [
                ", ".join(names.get(a, a) for a in acts)
                + (" \u2192 " + ", ".join(names.get(t, t) for t in tgts) if tgts else "")
                for acts, tgts in zip(col("actor_ids"), col("target_ids"), strict=True)
            ]
            ids = col("event_id")
        named = (
            col("allegation_ids")
            if record == "statement"
            else [(a,) if isinstance(a, str) else () for a in col("allegation_id")]
        )
        alleg = ["; ".join(a) for a in named]
        occurred = col("occurred")
        dates = [
            format_date(s, str(p), bool(a))
            for s, p, a in zip(
                occurred, col("occurred_precision"), col("occurred_approx"), strict=True
            )
        ]
        rows += zip(
            ids,
            [record] * len(at),
            [date_key(s, p) for s, p in zip(occurred, col("occurred_precision"), strict=True)],
            dates,
            [str(k).replace("_", " ") for k in kind],
            who,
            col("summary"),
            alleg,
            ["; ".join(status.get(a, "") for a in ids) for ids in named],
            [", ".join(p) for p in col("publishers")],
            [str(r) for r in col("reliability")],
            [str(c) for c in col("credibility")],
            links(col("source_ids")),
            strict=True,
        )
    rows.sort(key=lambda r: r[0])  # ties in date: by record id
    rows.sort(key=lambda r: r[2], reverse=True)  # latest first by the one rule (stable)
    if limit is not None:
        rows = rows[:limit]
    columns = ["record_id", "record", "occurred", *RECORD_COLUMNS[2:]]
    table = pd.DataFrame(rows, columns=columns).drop(columns="occurred")
    table.attrs["total"] = view.n_records
    return table


_STYLE = Markup(
    "<style>table.pd-records{border-collapse:collapse;font-size:12px;width:100%}"
    "table.pd-records th,table.pd-records td{border-bottom:1px solid #ddd;padding:3px 6px;"
    "text-align:left;vertical-align:top}table.pd-records caption{text-align:left}"
    "table.pd-records a{color:#0b5cad;text-decoration:underline}</style>"
)


def records_html(table: pd.DataFrame, *, columns: list[str] | None = None) -> str:
    """``table`` as an HTML table for the live explorer, with the reader tables' rules
    (:func:`analysis.figures.tables.header` for headers, :func:`~analysis.figures.tables.cell_html`
    for every cell but the ``sources`` links :func:`records_table` made), assembled directly
    because the explorer rebuilds it on every filter change: 5 ms for 100 records, where
    pandas' ``Styler`` (:func:`~analysis.figures.tables.reader_table`) takes about 80 ms.

    >>> print(records_html(pd.DataFrame(columns=["date"])))
    <p class="records-empty tex2jax_ignore mathjax_ignore"><b>No records match these filters</b></p>
    """
    if table.empty:
        empty = Markup('<p class="records-empty {}"><b>{}</b></p>')
        return str(empty.format(markup.NO_MATH, NO_RECORDS))
    columns = columns or [c for c in table.columns if c not in ("record_id", "record")]
    total = table.attrs.get("total", len(table))
    caption = (
        f"the latest {len(table):,} of {total:,} records"
        if total > len(table)
        else f"{len(table):,} records"
    )
    head = "".join(f"<th>{markup.text(header(c))}</th>" for c in columns)
    memo: dict[object, str] = {}  # kinds, grades and names repeat down the columns

    def cell(value: object) -> str:
        if isinstance(value, Markup):  # the sources' links, built by records_table
            return str(value)
        if not isinstance(value, str | int | float):
            return str(cell_html(value))
        key = (type(value), value)
        if key not in memo:  # "; " joins the allegations of one statement, and their statuses
            parts = value.split("; ") if isinstance(value, str) else [value]
            memo[key] = "; ".join(str(cell_html(part)) for part in parts)
        return memo[key]

    body = "".join(
        "<tr>" + "".join(f"<td>{cell(v)}</td>" for v in row) + "</tr>"
        for row in table[columns].itertuples(index=False)
    )
    return (
        f'{_STYLE}<table class="pd-records {markup.NO_MATH}"><caption>{markup.text(caption)}'
        f"</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )
