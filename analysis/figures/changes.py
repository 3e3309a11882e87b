"""What changed between two dates, for readers: a table of every change and a figure of the
allegations' status steps (from :func:`analysis.filtering.changes_between`)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analysis.common.dates import chronological, format_date
from analysis.dossier.model import Dossier
from analysis.figures.base import TEMPLATE, TextMemo, empty_figure, label_margin
from analysis.figures.style import colour
from analysis.filtering.changes import Changes

__all__ = ["changes_figure", "changes_table"]

_COLUMNS = ["date", "date_precision", "change", "subject", "detail", "record_id"]


def changes_table(changes: Changes, dossier: Dossier) -> pd.DataFrame:
    """One row per change, in date order: ``date``, ``change`` (new record, status,
    partnership, relation), ``subject``, ``detail`` and the ``record_id`` behind it."""
    rows = []
    for r in changes.records.itertuples():
        what = f"new {r.record}"
        rows.append(
            (r.reported, r.reported_precision, what, r.kind.replace("_", " "), r.summary,
             r.record_id)
        )  # fmt: skip
    for s in changes.statuses.itertuples():
        step = f"{s.before} \u2192 {s.after}".replace("_", " ")
        rows.append((s.date, "day", "allegation status", s.allegation_id, step, s.moved_by))
    names = dossier.partnerships.set_index("partnership_id")["short_name"].to_dict()
    for p in changes.partnerships.itertuples():
        step = f"{p.before or 'not yet known'} \u2192 {p.after or 'no longer shown'}"
        subject = names.get(p.partnership_id) or p.partnership_id
        rows.append((changes.end, "day", "partnership", subject, step.replace("_", " "), ""))
    for e in changes.edges.itertuples():
        rows.append((changes.end, "day", f"relation {e.change}", f"{e.source} \u2192 {e.target}",
                     e.relation, ""))  # fmt: skip
    table = pd.DataFrame(rows, columns=_COLUMNS)
    return chronological(table, "date").reset_index(drop=True)


def changes_figure(changes: Changes, dossier: Dossier) -> go.Figure:
    """Each allegation whose status changed between the two dates: a lane with a mark per
    step, coloured by the status it led to, hovering the statement that moved it."""
    title = (
        f"What changed between {changes.start:%d %b %Y} and {changes.end:%d %b %Y}: "
        "allegation statuses"
    )
    steps = changes.statuses
    if steps.empty:
        return empty_figure(title, "No allegation changed status between these dates")
    text = TextMemo()
    props = dossier.allegations.set_index("allegation_id")["proposition"].to_dict()
    lanes = list(dict.fromkeys(steps["allegation_id"]))
    labels = [text(f"{a}: {props.get(a, '')}", 48) for a in lanes]
    summaries = dossier.statements.set_index("statement_id")["summary"].to_dict()
    fig = go.Figure()
    for status, group in steps.groupby("after", sort=False):
        hover = [
            f"<b>{text(format_date(s.date, 'day'))}</b><br>{text(s.allegation_id)}: "
            f"{text(s.before)} \u2192 {text(s.after)}<br>{text(s.moved_by)}: "
            f"{text(summaries.get(s.moved_by, ''), 200)}"
            for s in group.itertuples()
        ]
        fig.add_trace(
            go.Scatter(
                x=group["date"],
                y=[lanes.index(a) for a in group["allegation_id"]],
                mode="markers",
                name=text(str(status).replace("_", " ")),
                marker=dict(size=12, color=colour("status", status), line=dict(width=1)),
                hovertext=hover,
                hoverinfo="text",
                customdata=group["moved_by"],
                meta=dict(role="records", category=str(status)),
            )
        )
    fig.update_layout(
        template=TEMPLATE,
        title=dict(text=text(title), x=0, xanchor="left"),
        height=max(320, 120 + 30 * len(lanes)),
        margin=dict(l=label_margin(labels), r=10, t=70, b=40),
        xaxis=dict(type="date", range=[changes.start, changes.end]),
        yaxis=dict(
            tickmode="array",
            tickvals=list(range(len(lanes))),
            ticktext=labels,
            range=[len(lanes) - 0.5, -0.5],
            automargin=True,
        ),  # fmt: skip
        legend=dict(title=dict(text="status after the change")),
    )
    return fig
