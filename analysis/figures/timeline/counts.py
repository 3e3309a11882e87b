"""The aggregated timeline: counts of records per period and kind, for views too big to mark.

Above a threshold a timeline draws stacked bars, one per period (week, month or year, by the
span of the view) and category, instead of one mark per record, and says so in its title and
note; the data sent to the browser depends on the number of periods, not of records. Records
dated only to a coarser period than the bars are not forced into one bar: they are drawn as a
dotted level across their whole period (their count spread evenly over it).
"""

from __future__ import annotations

import numpy as np

from analysis.figures.base import TEMPLATE, TextMemo, TraceRole, day_ms, note, segments
from analysis.filtering.filters import View
from analysis.filtering.status import STATUSES

__all__ = ["counts_spec", "subtitle", "PERIODS"]

#: Bar periods, finest first, and the precision rank each can hold exactly.
PERIODS = {"week": 0, "month": 1, "year": 2}
_XPERIOD = {"week": 7 * 86_400_000, "month": "M1", "year": "M12"}
_PER = {"week": {1: 30.4375 / 7, 2: 365.25 / 7}, "month": {2: 12.0}}


def subtitle(view: View, extra: str = "") -> str:
    """``1,234 records · as known on 20 Oct 2024 · extra`` (plain text; escape before use)."""
    bits = [f"{view.n_records:,} records"]
    if view.filters.as_of is not None:
        bits.append(f"as known on {view.filters.as_of:%d %b %Y}")
    if extra:
        bits.append(extra)
    return " \u00b7 ".join(bits)


def _bins(days: np.ndarray | None, months: np.ndarray, period: str) -> np.ndarray:
    """Number of each record's period: ISO weeks, months or years since 1970."""
    if period == "week":
        return (days + 3) // 7  # 1970-01-01 was a Thursday; weeks start on Mondays
    return months if period == "month" else months // 12


def _start_days(bins: np.ndarray, period: str) -> np.ndarray:
    """First day (day number) of each period number."""
    if period == "week":
        return bins * 7 - 3
    months = bins if period == "month" else bins * 12
    return months.astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)


def counts_spec(
    view: View, *, colour_by: str, max_marks: int, title: str, categories: list[tuple[str, str]]
) -> dict:
    """Stacked bars of records per period and category, as a plain figure dict.

    ``categories`` lists (category, colour) in legend order: stances then event
    kinds (``colour_by="kind"``), or statuses then records not about an allegation.
    """
    ix = view.index
    parts = [(ix.statements, view.statement_rows), (ix.events, view.event_rows)]
    months = np.concatenate([t.month[r] for t, r in parts])
    precision = np.concatenate([t.precision[r] for t, r in parts])
    if colour_by == "kind":
        cats = np.concatenate([t.kind[r] for t, r in parts])
    else:
        status = view.status.cat.codes.to_numpy()
        alleg = np.concatenate([t.allegation[r] for t, r in parts])
        cats = np.where(alleg >= 0, status[np.maximum(alleg, 0)], len(STATUSES))
    span = int(months.max() - months.min())
    period = "week" if span <= 12 else "month" if span <= 15 * 12 else "year"
    days = np.concatenate([t.date[r] for t, r in parts]) if period == "week" else None
    fine = precision == 0 if period == "week" else precision <= PERIODS[period]
    bins = _bins(None if days is None else days[fine], months[fine], period)
    first = int(bins.min()) if len(bins) else 0
    n_bins = int(bins.max()) - first + 1 if len(bins) else 0
    n_cat = len(categories)
    counts = np.bincount((bins - first) * n_cat + cats[fine], minlength=n_bins * n_cat).reshape(
        n_bins, n_cat
    )
    x = day_ms(_start_days(np.arange(first, first + n_bins), period))
    text = TextMemo()
    traces: list[dict] = []
    for c, (category, shade) in enumerate(categories):
        if counts[:, c].sum() == 0:
            continue
        traces.append(
            dict(
                type="bar",
                x=x,
                y=counts[:, c].astype(np.int32),
                name=text(category.replace("_", " ")),
                legendgroup=category,
                marker=dict(color=shade, line=dict(width=0)),
                xperiod=_XPERIOD[period],
                xperiodalignment="middle",
                hovertemplate="%{y:,} records<extra>%{fullData.name}</extra>",
                meta=dict(role=TraceRole.COUNTS, category=category),
            )
        )
    for rank, label in ((1, "month"), (2, "year")):
        coarse = precision == rank
        if not coarse.any() or (period != "week" and rank <= PERIODS[period]):
            continue
        own = months[coarse] if rank == 1 else months[coarse] // 12
        starts, n = np.unique(own, return_counts=True)
        level = np.round(n / _PER[period][rank], 2)
        xs, ys = segments(
            day_ms(_start_days(starts, label)), day_ms(_start_days(starts + 1, label)), level, level
        )
        traces.append(
            dict(
                type="scatter",
                x=xs,
                y=ys,
                mode="lines",
                line=dict(color="#444444", width=2, dash="dot"),
                name=f"dated only to the {label} (average per {period})",
                hovertemplate=f"%{{y}} per {period} on average<extra>dated to the {label}</extra>",
                meta=dict(role=TraceRole.COARSE, precision=label),
            )
        )
    message = (
        f"aggregated: {view.n_records:,} records shown as counts per {period} and "
        f"{'kind' if colour_by == 'kind' else 'allegation status'} (more than "
        f"{max_marks:,} marks); filter further to see each record"
    )
    return dict(
        data=traces,
        layout=dict(
            template=TEMPLATE,
            barmode="stack",
            height=420,
            hovermode="x",
            showlegend=True,
            title=dict(
                text=text(f"{title} \u2014 aggregated: {view.n_records:,} records"),
                x=0,
                xanchor="left",
            ),
            margin=dict(l=10, r=10, t=80, b=40),
            xaxis=dict(type="date", visible=True, hoverformat="%d %b %Y"),
            yaxis=dict(
                visible=True,
                title=dict(text=f"records per {period}"),
                autorange=True,
                tickmode="auto",
            ),
            legend=dict(title=dict(text="kind" if colour_by == "kind" else "allegation status")),
            annotations=[note(subtitle(view, message))],
            meta=dict(aggregated=True, records=view.n_records, period=period, colour_by=colour_by),
        ),
    )
