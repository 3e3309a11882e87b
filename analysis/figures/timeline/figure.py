"""The timeline: statements, events and partnerships over time, one lane per actor or allegation.

A day-precision date is a filled mark on its day. A month- or year-precision date is an open
mark in the middle of its period with a faint bar across the whole period, so nothing is drawn
on a day nobody reported. Partnerships are spans from signing to entry into force (dashed)
and on to their end (solid). Above ``max_marks`` records the timeline turns into counts per
period and kind (:mod:`analysis.figures.timeline.counts`), and says so, so the figure stays small
whatever the size of the view.

Dates are drawn as milliseconds on a date axis and lanes as numbered rows labelled by the
y axis' ``ticktext``: numeric arrays travel to the browser as compact binary.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analysis.figures.base import (
    TEMPLATE,
    TextMemo,
    TraceRole,
    day_ms,
    empty_spec,
    label_margin,
    note,
    segments,
)
from analysis.figures.style import COLOURS, NO_DATA_COLOUR, colour, kind_colour
from analysis.figures.timeline.counts import counts_spec, subtitle
from analysis.figures.timeline.marks import NO_ALLEGATION, lane_labels, timeline_marks
from analysis.figures.timeline.spans import partnership_traces
from analysis.filtering._index import KINDS
from analysis.filtering.filters import View
from analysis.filtering.status import STATUSES

__all__ = [
    "timeline_figure",
    "timeline_spec",
    "timeline_marks",
    "LANES",
    "COLOUR_BY",
    "MAX_MARKS",
    "MAX_LANES",
    "NO_ALLEGATION",
]

LANES = ("actor", "allegation")
COLOUR_BY = ("kind", "status")
#: Above this many records the timeline shows counts per period instead of marks.
MAX_MARKS = 2_000
#: Lanes drawn at most; the least active are folded into one.
MAX_LANES = 40
_STANCES = tuple(COLOURS["stance"])


def _days(values) -> np.ndarray:
    return np.asarray(values, dtype="datetime64[D]").astype(np.int64)


def _category_order(colour_by: str, kinds: tuple[str, ...] = KINDS) -> list[tuple[str, str]]:
    """(category, colour) in the fixed order of the legend; ``kinds`` are the dossier's record
    kinds (the index's), whose added event kinds come after the built-in ones."""
    if colour_by == "kind":
        return [(k, kind_colour(k, kinds)) for k in kinds]
    return [(s, colour("status", s)) for s in STATUSES] + [(NO_ALLEGATION, NO_DATA_COLOUR)]


def _record_traces(
    marks: pd.DataFrame, lane: np.ndarray, colour_by: str, text: TextMemo, kinds: tuple
) -> list[dict]:
    """Per category: a faint bar across each imprecise date's period, and one marker trace per
    symbol (the first carries the legend entry)."""
    traces: list[dict] = []
    start = _days(marks["start"])
    after = _days(marks["end"]) + 1
    imprecise = (marks["precision"] != "day").to_numpy()
    x = day_ms(np.where(imprecise, start + (after - start) // 2, start))
    y = lane.astype(np.float64)
    category = marks["category"].to_numpy(dtype=object)
    symbol = marks["symbol"].to_numpy(dtype=object)
    ids, when, hover = (marks[c].to_numpy(dtype=object) for c in ("record_id", "when", "hover"))
    approx = marks["approx"].to_numpy(dtype=bool)
    for cat, col in _category_order(colour_by, kinds):
        in_cat = category == cat
        if not in_cat.any():
            continue
        name = text(cat.replace("_", " "))
        spans = np.flatnonzero(in_cat & imprecise)
        if len(spans):
            xs, ys = segments(day_ms(start[spans]), day_ms(after[spans]), y[spans], y[spans])
            traces.append(
                dict(
                    type="scatter",
                    x=xs,
                    y=ys,
                    mode="lines",
                    line=dict(color=col, width=6),
                    opacity=0.3,
                    name=name,
                    legendgroup=cat,
                    showlegend=False,
                    hoverinfo="skip",
                    meta=dict(role=TraceRole.PERIOD, category=cat),
                )
            )
        first = True
        for sym in sorted(set(symbol[in_cat])):
            rows = np.flatnonzero(in_cat & (symbol == sym))
            traces.append(
                dict(
                    type="scatter",
                    x=x[rows],
                    y=y[rows],
                    mode="markers",
                    name=name,
                    legendgroup=cat,
                    showlegend=first,
                    marker=dict(
                        color=col,
                        symbol=sym,
                        size=10,
                        line=dict(color=col, width=1.5),
                        opacity=np.where(approx[rows], 0.55, 1.0) if approx[rows].any() else 1.0,
                    ),
                    hovertext=hover[rows],
                    hoverinfo="text",
                    customdata=ids[rows],
                    text=when[rows],  # not drawn: the dates at their precision, for data tables
                    meta=dict(role=TraceRole.RECORDS, category=cat, x_text=True),
                )
            )
            first = False
    return traces


def _horizon(view: View, marks: pd.DataFrame) -> pd.Timestamp:
    """Where open spans stop: the as-of date, the end of the date range, or the last date."""
    if view.filters.as_of is not None:
        return view.filters.as_of
    if view.filters.date_range[1] is not None:
        return view.filters.date_range[1]
    dates = [marks["end"].max()] if len(marks) else []
    dates += [view.partnerships[c].max() for c in ("signed", "in_force", "ended")]
    dates = [d for d in dates if pd.notna(d)]
    return max(dates) if dates else pd.Timestamp.today().normalize()


def _marks_spec(view: View, lanes: str, colour_by: str, max_lanes: int, title: str) -> dict:
    text = TextMemo()
    marks = timeline_marks(view, lanes, colour_by)
    p_traces, p_labels = partnership_traces(view, _horizon(view, marks), text)
    order = marks["lane"].value_counts(sort=True)
    keep = list(order.index[:max_lanes])
    folded = len(order) - len(keep)
    labels = lane_labels(view, lanes, keep, text)
    position = {k: len(p_labels) + i for i, k in enumerate(keep)}
    rows = p_labels + [labels[k] for k in keep]
    if folded:
        position.update({k: len(rows) for k in order.index[max_lanes:]})
        rows.append(text(f"other {lanes}s ({folded})"))
    lane = np.array([position[k] for k in marks["lane"]], dtype=np.int64)
    traces = _record_traces(marks, lane, colour_by, text, view.index.kinds)
    if not traces and not p_traces:
        return empty_spec(title)
    n = len(rows)
    extra = f"{folded} less active {lanes}s folded into one lane" if folded else ""
    return dict(
        data=p_traces + traces,
        layout=dict(
            template=TEMPLATE,
            title=dict(text=text(title), x=0, xanchor="left"),
            height=int(np.clip(150 + 26 * n, 320, 1200)),
            margin=dict(l=label_margin(rows), r=10, t=80, b=40),
            hovermode="closest",
            showlegend=True,
            xaxis=dict(
                type="date",
                visible=True,
                title=dict(text="open marks and bars: dates known to the month or year"),
            ),
            yaxis=dict(
                visible=True,
                tickmode="array",
                tickvals=list(range(n)),
                ticktext=rows,
                range=[n - 0.5, -0.5],
                autorange=False,
                automargin=True,
                zeroline=False,
            ),
            legend=dict(
                title=dict(text="kind" if colour_by == "kind" else "allegation status"),
                groupclick="togglegroup",
            ),
            annotations=[note(subtitle(view, extra))],
            meta=dict(
                aggregated=False,
                records=view.n_records,
                marks=len(marks),
                lanes=n,
                # the id behind each lane (an actor or allegation; None for a partnership's
                # lane or the folded one), for controls that name lanes by id
                lane_ids=[None] * len(p_labels) + [str(k) for k in keep] + [None] * bool(folded),
                colour_by=colour_by,
                lane_by=lanes,
            ),
        ),
    )


def _check(lanes: str, colour_by: str) -> None:
    if lanes not in LANES:
        raise ValueError(f"lanes must be one of {', '.join(LANES)}; got {lanes!r}")
    if colour_by not in COLOUR_BY:
        raise ValueError(f"colour_by must be one of {', '.join(COLOUR_BY)}; got {colour_by!r}")


def timeline_spec(
    view: View,
    *,
    lanes: str = "actor",
    colour_by: str = "kind",
    max_marks: int = MAX_MARKS,
    max_lanes: int = MAX_LANES,
    title: str = "Timeline",
) -> dict:
    """The timeline as a plain ``{"data": [...], "layout": {...}}`` dict (see
    :func:`timeline_figure`); a figure widget can be updated from it without building a figure
    first."""
    _check(lanes, colour_by)
    if view.n_records > max_marks:
        spec = counts_spec(
            view,
            colour_by=colour_by,
            max_marks=max_marks,
            title=title,
            categories=_category_order(colour_by, view.index.kinds),
        )
    else:
        spec = _marks_spec(view, lanes, colour_by, max_lanes, title)
    window = date_window(view)
    if window is not None and not (spec["layout"].get("meta") or {}).get("empty"):
        spec["layout"]["xaxis"] = dict(spec["layout"]["xaxis"], range=window, autorange=False)
    return spec


def date_window(view: View) -> list[str] | None:
    """The x range a timeline of ``view`` shows: the filters' date range, a missing end taken
    from the records kept; ``None`` (plotly's autorange over everything drawn, partnership
    spans included) when the filters set no date range.

    >>> from analysis.synthetic.dossiers import synthetic_dossier
    >>> from analysis.filtering import Filters, apply_filters
    >>> import pandas as pd
    >>> d = synthetic_dossier(300, seed=2)
    >>> date_window(apply_filters(d, Filters(date_range=(pd.Timestamp("2023-01-01"),
    ...     pd.Timestamp("2023-06-30")))))
    ['2023-01-01', '2023-06-30']
    >>> date_window(apply_filters(d)) is None
    True
    """
    lo, hi = view.filters.date_range
    if lo is None and hi is None:
        return None
    ix = view.index
    days = np.concatenate(
        [ix.statements.date[view.statement_rows], ix.events.date[view.event_rows]]
    )
    if lo is None:
        lo = pd.Timestamp(np.datetime64(int(days.min()), "D")) if len(days) else hi
    if hi is None:
        hi = pd.Timestamp(np.datetime64(int(days.max()), "D")) if len(days) else lo
    return [f"{lo:%Y-%m-%d}", f"{hi:%Y-%m-%d}"]


def timeline_figure(
    view: View,
    *,
    lanes: str = "actor",
    colour_by: str = "kind",
    max_marks: int = MAX_MARKS,
    max_lanes: int = MAX_LANES,
    title: str = "Timeline",
) -> go.Figure:
    """Statements, events and partnerships of ``view`` over time.

    Parameters
    ----------
    view : what :func:`analysis.filtering.apply_filters` left.
    lanes : ``"actor"`` (one lane per acting actor) or ``"allegation"`` (one per allegation).
    colour_by : ``"kind"`` (stance or event kind) or ``"status"`` (the allegation's status as
        of the view's date). Each category has a fixed colour; symbols show the stance, and
        events are squares.
    max_marks : above this many records, draw counts per period and kind instead, and say so.
    max_lanes : most lanes drawn; the least active are folded into one.
    title : figure title (escaped).

    Returns
    -------
    plotly.graph_objects.Figure
        Lanes are rows 0, 1, ... labelled by ``layout.yaxis.ticktext`` (partnerships first);
        x values are milliseconds on a date axis. Marks carry the record id as
        ``customdata``; ``layout.meta`` says whether the figure is ``aggregated`` and how many
        ``records`` it stands for.

    Examples
    --------
    >>> from analysis.synthetic.dossiers import synthetic_dossier
    >>> from analysis.filtering.filters import apply_filters
    >>> fig = timeline_figure(apply_filters(synthetic_dossier(1_000)), max_marks=5_000)
    >>> fig.layout.meta["aggregated"], fig.layout.meta["records"]
    (False, 1000)
    """
    return go.Figure(
        timeline_spec(
            view,
            lanes=lanes,
            colour_by=colour_by,
            max_marks=max_marks,
            max_lanes=max_lanes,
            title=title,
        )
    )
