"""The explorer's lines of text: what it shows out of how much, the link that cites it, and the
record a reader clicked."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from markupsafe import Markup

from analysis.common import markup
from analysis.common.dates import format_date
from analysis.dossier.model import Dossier
from analysis.filtering import View

__all__ = ["BLANK", "is_blank", "link_html", "record_html", "summary_html"]

#: What the explorer says, in place of its figures too, about a dossier with nothing to draw.
BLANK = (
    "This dossier has no statements, events or partnerships yet, so there is nothing to draw: "
    "add them to its tables (see docs/data-format.md)."
)


def is_blank(dossier: Dossier) -> bool:
    """A dossier with no statement, event or partnership (a fresh skeleton)."""
    return dossier.statements.empty and dossier.events.empty and dossier.partnerships.empty


def summary_html(
    view: View,
    dates: tuple[pd.Timestamp, pd.Timestamp],
    full_range: tuple[pd.Timestamp, pd.Timestamp],
    focus_name: str | None,
) -> str:
    """What is shown, out of how much: records, relations, and what the filters hide."""
    d = view.dossier
    if is_blank(d):
        return f"<b>{markup.text(BLANK)}</b>"
    total = len(d.statements) + len(d.events)
    shown = (
        f"Showing {view.n_records:,} of {total:,} records "
        f"({len(view.statement_rows):,} statements, {len(view.event_rows):,} events)"
    )
    bits = [shown, f"{len(view.edges):,} relations"]
    start, end = dates
    if (start, end) != full_range:
        bits.append(f"dates {start:%b %Y}\u2013{end:%b %Y}")
    if view.filters.as_of is not None:
        bits.append(f"as known on {view.filters.as_of:%d %b %Y}")
    if focus_name:
        bits.append(f"focus: {focus_name}")
    line = " \u00b7 ".join(str(markup.text(b)) for b in bits)
    if view.n_records == 0:
        return f"<b>No records match these filters</b> \u00b7 {line}"
    return line


def compare_html(changes, dossier: Dossier) -> str:
    """The compare mode's line: what became known since its date, or why nothing is marked
    (``changes`` is a :class:`~analysis.filtering.ViewChanges` or a note).

    >>> print(compare_html("pick an earlier date", None))
    <span class="explorer-compare">Compare: pick an earlier date</span>
    """
    if isinstance(changes, str):
        said = markup.text(f"Compare: {changes}")
        return str(Markup('<span class="explorer-compare">{}</span>').format(said))
    edges = changes.edges
    gained = int((edges["change"] == "gained").sum()) if len(edges) else 0
    lost = len(edges) - gained
    bits = [
        f"Since {changes.since:%d %b %Y}: {len(changes.record_ids):,} records newly known "
        "(ringed on the timeline)",
        f"{gained:,} relations gained (orange halo), {lost:,} lost (dotted)",
    ]
    said = dossier.allegations.set_index("allegation_id")["proposition"].astype(str).str.rstrip(".")
    moved = [
        f"{said.get(s.allegation_id, s.allegation_id)}: "
        + f"{s.before} \u2192 {s.after}".replace("_", " ")
        for s in changes.statuses.itertuples()
    ]
    if moved:
        bits.append("status changed: " + "; ".join(moved))
    line = " \u00b7 ".join(str(markup.text(b)) for b in bits)
    return str(Markup('<span class="explorer-compare">{}</span>').format(Markup(line)))


def link_html(query: str, notes: Sequence[str] = ()) -> str:
    """A link to the view (``?`` and ``query``, relative to the page, so it works wherever the
    app is served), the query shown as text to copy, and any notes on a link that opened it.

    >>> print(link_html("as_of=2024-10-20", ["actors not in this dossier left out: XYZ"]))
    <a class="explorer-link" href="?as_of=2024-10-20" target="_blank" rel="noopener ...
    """
    href = "?" + query if query else "?"
    parts = [
        Markup(
            '<a class="explorer-link" href="{}" target="_blank" rel="noopener noreferrer">'
            "Link to this view</a>"
        ).format(href),
        Markup("<code>{}</code>").format(href) if query else markup.text("(the opening view)"),
    ]
    for note in notes:
        parts.append(
            Markup('<br><span class="explorer-link-note">{}</span>').format("The link's " + note)
        )
    return str(Markup(" ").join(parts))


def record_html(dossier: Dossier, record_id: str) -> str:
    """A record's id and date, summary, quote and links to its sources with their grades."""
    d = dossier
    for frame, key in ((d.statements, "statement_id"), (d.events, "event_id")):
        rows = frame[frame[key] == record_id]
        if len(rows):
            row = rows.iloc[0]
            break
    else:
        return str(markup.text(f"No record {record_id}"))
    sources = d.sources.set_index("source_id")
    links = [
        markup.link(sources.at[s, "url"], sources.at[s, "title"])
        + markup.text(
            f" ({sources.at[s, 'publisher']}, reliability {sources.at[s, 'reliability']})"
        )
        for s in row["source_ids"]
        if s in sources.index
    ]
    date = format_date(
        row["occurred"], str(row["occurred_precision"]), bool(row["occurred_approx"])
    )
    parts = [
        f"<b>{markup.text(record_id)}</b> \u00b7 {markup.text(date)}",
        str(markup.text(row["summary"], limit=2000)),
    ]
    if isinstance(row.get("quote"), str):
        parts.append(f"<i>\u201c{markup.text(row['quote'])}\u201d</i>")
    parts.append("Sources: " + ", ".join(str(link) for link in links))
    return "<br>".join(parts)
