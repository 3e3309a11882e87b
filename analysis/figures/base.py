"""Pieces every figure shares: a light template, the empty state and the note on aggregation.

The template is small on purpose: plotly's default template weighs about 7 kB and would be
sent to the browser again with every update of a live figure.
"""

from __future__ import annotations

import html
import math

import numpy as np
import plotly.graph_objects as go

from analysis.common import markup

__all__ = [
    "TRACE_ROLES",
    "TraceRole",
    "traces",
    "TEMPLATE",
    "NO_RECORDS",
    "label_margin",
    "empty_spec",
    "empty_figure",
    "note",
    "is_empty",
    "TextMemo",
    "day_ms",
    "segments",
]

#: Message shown when the filters leave nothing to draw.
NO_RECORDS = "No records match these filters"


class TraceRole:
    """What each trace of the package's figures draws, as its ``meta["role"]``: the handle by
    which widgets, static controls, tests and notebooks find the traces they need."""

    RECORDS = "records"  # one mark per statement or event (timeline)
    PERIOD = "period"  # the bar across a month- or year-precision date (timeline)
    PARTNERSHIP = "partnership"  # a partnership's span (timeline)
    MILESTONES = "milestones"  # signing, entry into force and end marks (timeline)
    COUNTS = "counts"  # records per period, when there are too many to draw (timeline)
    COARSE = "coarse"  # counts of records known only to the month or year (timeline)
    EDGES = "edges"  # the lines of one relation (network)
    ARROWS = "arrows"  # arrow heads of a directed relation (network)
    EDGE_HOVER = "edge-hover"  # invisible points carrying edge hover texts (network)
    NODES = "nodes"  # actors of one category (network)
    SELECTED = "selected"  # the focused actor (network)
    CHANGED = "changed"  # what became known since a compared date (compare mode, both)


#: Every trace role, see :class:`TraceRole`.
TRACE_ROLES = frozenset(v for k, v in vars(TraceRole).items() if k.isupper())


def traces(fig, *roles: str, **meta) -> list:
    """The traces of ``fig`` (a figure, a FigureWidget or a spec dict) whose ``meta`` has one of
    ``roles`` and every ``meta`` item given.

    >>> traces({"data": [{"meta": {"role": "records", "category": "alleges"}}, {}]}, "records")
    [{'meta': {'role': 'records', 'category': 'alleges'}}]
    """
    unknown = set(roles) - TRACE_ROLES
    if unknown:
        raise ValueError(
            f"unknown trace role {sorted(unknown)[0]!r}; roles are {sorted(TRACE_ROLES)}"
        )
    data = fig["data"] if isinstance(fig, dict) else fig.data
    found = []
    for t in data:
        m = (t.get("meta") if isinstance(t, dict) else t.meta) or {}
        if (
            isinstance(m, dict)
            and m.get("role") in roles
            and all(m.get(k) == v for k, v in meta.items())
        ):
            found.append(t)
    return found


#: A plain dict: plotly validates a dict template several times faster than a Template object.
FONT_SIZE = 12
_AXIS = dict(showgrid=True, zeroline=False, linecolor="#999999", ticklabeloverflow="allow")
TEMPLATE: dict = dict(
    layout=dict(
        font=dict(family="Arial, sans-serif", size=FONT_SIZE, color="#222222"),
        paper_bgcolor="#ffffff",
        plot_bgcolor="#ffffff",
        # "allow": tick labels are never hidden for crossing the figure's edge. plotly's default
        # ("hide past div") measures every tick label's box on every redraw, the largest single
        # cost of a timeline repaint in Chromium (about 40 of 95 ms); the margins already fit
        # the labels (label_margin), so there is nothing to hide.
        xaxis=dict(_AXIS, gridcolor="#eeeeee"),
        yaxis=dict(_AXIS, gridcolor="#f3f3f3"),
        hoverlabel=dict(bgcolor="#ffffff", font=dict(size=12), align="left"),
        legend=dict(bgcolor="rgba(255,255,255,0.8)"),
        colorway=["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442"],
    )
)

_NARROW = frozenset(" ilj.,;:'!|()-/fIt[]")


def label_margin(labels, size: int = FONT_SIZE) -> int:
    """Pixels of margin that fit the widest of ``labels`` (escaped text, as plotly gets it) in
    the template's font: Arial metrics per character class, 8 % over what Chromium draws with
    Liberation Sans (Arial's metric twin), plus the tick's offset. Setting it spares plotly's
    ``automargin`` a second layout pass on every redraw (kept on as a safety net).

    >>> label_margin(["Ukraine", "People&#39;s Republic of China"])
    174
    >>> label_margin([])
    40
    """
    widest = 0.0
    for label in labels:
        raw = html.unescape(str(label))
        w = sum(3.5 if c in _NARROW else 8.0 if c.isupper() else 6.7 for c in raw)
        widest = max(widest, w * size / 12)
    return max(40, math.ceil(widest * 1.08) + 12)


def empty_spec(title: object, message: str = NO_RECORDS, *, height: int = 320) -> dict:
    """The plain-dict form of :func:`empty_figure` (what a figure widget is updated with)."""
    return dict(
        data=[],
        layout=dict(
            template=TEMPLATE,
            height=height,
            title=dict(text=str(markup.text(title))),
            xaxis=dict(visible=False),
            yaxis=dict(visible=False),
            showlegend=False,
            annotations=[
                dict(
                    text=str(markup.text(message)),
                    name="empty",
                    x=0.5,
                    y=0.5,
                    xref="paper",
                    yref="paper",
                    showarrow=False,
                    font=dict(size=16),
                )
            ],
            meta=dict(empty=True),
        ),
    )


def empty_figure(title: object, message: str = NO_RECORDS, *, height: int = 320) -> go.Figure:
    """A figure with no axes and a clear message in the middle, for a view with nothing in it.

    >>> fig = empty_figure("Timeline")
    >>> fig.layout.annotations[0].text
    'No records match these filters'
    >>> fig.layout.xaxis.visible
    False
    """
    return go.Figure(empty_spec(title, message, height=height))


def note(message: str) -> dict:
    """A small annotation under the title, e.g. to say that a view is aggregated."""
    return dict(
        text=str(markup.text(message)),
        name="note",
        x=0,
        y=1.0,
        xref="paper",
        yref="paper",
        xanchor="left",
        yanchor="bottom",
        showarrow=False,
        font=dict(size=11, color="#555555"),
    )


def is_empty(fig: go.Figure) -> bool:
    """True for a figure built by :func:`empty_figure`."""
    meta = fig.layout.meta
    return isinstance(meta, dict) and bool(meta.get("empty"))


class TextMemo:
    """:func:`analysis.common.markup.text` as ``str``, remembering what it escaped.

    Names, kinds and publishers repeat across thousands of marks; escaping each once keeps a
    large figure fast. Concatenating escaped pieces with literal tags keeps them escaped.

    >>> t = TextMemo()
    >>> t("<b>"), len(t.memo)
    ('&lt;b&gt;', 1)
    """

    def __init__(self) -> None:
        self.memo: dict[tuple, str] = {}

    def __call__(self, value: object, limit: int | None = markup.MAX_LABEL) -> str:
        key = (value, limit)
        found = self.memo.get(key)
        if found is None:
            # only the first ``limit`` characters can show: cut long text before escaping it
            raw = value[: limit + 1] if isinstance(value, str) and limit is not None else value
            found = self.memo[key] = str(markup.text(raw, limit))
        return found


def day_ms(days) -> np.ndarray:
    """Day numbers (since 1970-01-01) as milliseconds, the number plotly puts on a date axis."""
    return np.asarray(days, dtype=np.float64) * 86_400_000.0


def segments(x0, x1, y0, y1) -> tuple[np.ndarray, np.ndarray]:
    """x and y arrays of line segments separated by NaN gaps: one trace draws them all."""
    n = len(x0)
    xs = np.full(3 * n, np.nan)
    ys = np.full(3 * n, np.nan)
    xs[0::3], xs[1::3] = x0, x1
    ys[0::3], ys[1::3] = y0, y1
    return xs, ys
