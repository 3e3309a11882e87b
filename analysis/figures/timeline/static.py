"""The timeline that filters without Python: plotly's own controls, precomputed.

A shared report has no kernel, so the explorer's ipywidgets cannot run in it. The figure built
here carries its filters with it, as controls plotly.js runs on its own: an *as of* slider
(``layout.sliders``; each step shows what had been reported by its date: the visibility of every
mark, bar and span is computed here, per step, with
:func:`analysis.filtering.apply_filters`, and stored in the step's ``update`` arguments; a
hidden point gets no coordinate, so it is neither drawn nor hovered), a range slider under the
time axis, a menu of record kinds (trace visibility, the same legend groups a legend click
toggles) and a menu of lanes (it zooms the y axis onto one actor's lane). The controls change
different properties (coordinates, visibility, axis range), so they combine instead of undoing
each other. It starts from :func:`analysis.figures.timeline.figure.timeline_spec` (same colours,
symbols and hover texts as the explorer); every label added here goes through
:func:`analysis.common.markup.text`.

>>> from analysis.synthetic import synthetic_dossier
>>> fig = static_timeline_figure(synthetic_dossier(200), steps=5)
>>> len(fig.layout.sliders[0].steps), [m.name for m in fig.layout.updatemenus]
(5, ['record kinds', 'lanes', 'time window'])
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analysis.dossier.model import Dossier
from analysis.figures.as_of_slider import (
    STEPS,
    as_of_dates,
    as_of_slider,
    as_of_step,
    day_number,
    kept_ids,
    numbers,
    safe_label,
)
from analysis.figures.base import TraceRole
from analysis.figures.timeline.figure import MAX_LANES, timeline_spec
from analysis.filtering.filters import Filters, View, apply_filters
from analysis.filtering.milestones import partnerships_as_of
from analysis.filtering.period import dense_period
from analysis.schema import VOCABULARIES

__all__ = ["static_timeline_figure"]

STANCES = frozenset(VOCABULARIES["stance"])
MENU_FONT = dict(size=11)


def _timeline_lanes(view: View) -> list[pd.Series]:
    """The partnerships drawn in the timeline's lanes, in lane order (as the builder draws)."""
    parts = view.partnerships
    parts = parts[parts["signed"].notna() | parts["in_force"].notna()]
    return [row for _, row in parts.iterrows()]


def _known(row: pd.Series | None, phase: str) -> bool:
    """Whether a partnership's phase (``signed`` or ``in_force``) had begun, as then known."""
    if row is None:
        return False
    if phase == "signed":
        return pd.notna(row["signed"])
    return pd.notna(row["in_force"]) or (
        str(row["kind"]) == "membership" and pd.notna(row["signed"])
    )


def _period_ids(spec: dict) -> dict[tuple, list[str]]:
    """Record ids of every mark, by (category, lane, x): bars of imprecise dates find their mark."""
    found: dict[tuple, list[str]] = {}
    for trace in spec["data"]:
        meta = trace.get("meta") or {}
        if meta.get("role") != TraceRole.RECORDS:
            continue
        for x, y, rid in zip(trace["x"], trace["y"], trace["customdata"], strict=True):
            found.setdefault((meta["category"], float(y), float(x)), []).append(str(rid))
    return found


def _timeline_steps(
    dossier: Dossier, spec: dict, dates: list[pd.Timestamp], title: str
) -> tuple[list[dict], list[int]]:
    """The as-of steps of a timeline spec, and the traces they restyle."""
    data = spec["data"]
    lanes = _timeline_lanes(apply_filters(dossier))
    marks = _period_ids(spec)
    ms_day = 86_400_000.0
    # what each point of each trace needs to be shown: a set of record ids, or a milestone
    needs: dict[int, list] = {}
    for i, trace in enumerate(data):
        meta = trace.get("meta") or {}
        role = meta.get("role")
        if role == TraceRole.RECORDS:
            needs[i] = [[str(r)] for r in trace["customdata"]]
        elif role == TraceRole.PERIOD:
            x, y = np.asarray(trace["x"]), np.asarray(trace["y"])
            wanted = []
            for j in range(0, len(x), 3):
                start, after = round(x[j] / ms_day), round(x[j + 1] / ms_day)
                mid = (start + (after - start) // 2) * ms_day
                wanted.append(marks.get((meta["category"], float(y[j]), mid), []))
            needs[i] = wanted
        elif role in (TraceRole.PARTNERSHIP, TraceRole.MILESTONES):
            needs[i] = []
    if not needs:
        return [], []
    traced = sorted(needs)
    steps = []
    for day in dates:
        view = apply_filters(dossier, Filters(as_of=day))
        kept = kept_ids(view)
        then = partnerships_as_of(dossier, day).set_index("partnership_id")
        rows = [
            then.loc[p["partnership_id"]] if p["partnership_id"] in then.index else None
            for p in lanes
        ]
        cut = float(day_number(day))
        xs = []
        for i in traced:
            trace = data[i]
            meta = trace.get("meta") or {}
            x = np.array(trace["x"], dtype=np.float64)
            role = meta.get("role")
            if role == TraceRole.RECORDS:
                shown = np.array([ids[0] in kept for ids in needs[i]], dtype=bool)
                x = np.where(shown, x, np.nan)
            elif role == TraceRole.PERIOD:
                shown = np.repeat([any(r in kept for r in ids) for ids in needs[i]], 3)
                x = np.where(shown, x, np.nan)
            elif role == TraceRole.PARTNERSHIP:
                y = np.asarray(trace["y"], dtype=np.float64)
                for j in range(0, len(x), 3):
                    row = rows[int(y[j])]
                    if not _known(row, meta["state"]) or x[j] > cut:
                        x[j : j + 2] = np.nan
                    else:
                        x[j + 1] = min(x[j + 1], cut)
            else:  # milestones: signed, in force, ended, per lane in order
                shown = []
                for lane, p in enumerate(lanes):
                    for field in ("signed", "in_force", "ended"):
                        if pd.notna(p[field]):
                            row = rows[lane]
                            shown.append(row is not None and pd.notna(row[field]))
                if len(shown) != len(x):
                    raise RuntimeError("timeline milestones no longer match the partnerships")
                x = np.where(np.array(shown, dtype=bool), x, np.nan)
            xs.append(numbers(x))
        label = f"{day:%d %b %Y}"
        steps.append(
            as_of_step(
                day,
                [
                    {"x": xs},
                    {
                        "title.text": safe_label(f"{title}, as known on {label}", 200),
                        "annotations[0].text": safe_label(
                            f"{view.n_records:,} records \u00b7 as known on {label}"
                        ),
                        # milliseconds: plotly.js 3 loses a date-string shape on restyle
                        "shapes[0].x0": int(cut),
                        "shapes[0].x1": int(cut),
                    },
                    traced,
                ],
            )
        )
    return steps, traced


def _x_extent(
    data: list[dict], dates: list[pd.Timestamp], dossier: Dossier
) -> tuple[float, float, list[float]]:
    """The time axis: the whole span (range slider, "All years"), and the window the figure
    opens on: from the start of the dossier's dense period (:func:`analysis.filtering.dense_period`)
    to the end of its last month or, if later, just past the last as-of date (so that the
    state the figure shows, and the dotted line at its date, are in view)."""
    xs = np.concatenate([np.asarray(t["x"], dtype=np.float64) for t in data] or [np.zeros(0)])
    xs = np.concatenate([xs[~np.isnan(xs)], [day_number(dates[0]), day_number(dates[-1])]])
    lo, hi = float(xs.min()), float(xs.max())
    pad = max((hi - lo) * 0.02, 15 * 86_400_000.0)
    dense = dense_period(dossier)
    if dense is None:
        return lo - pad, hi + pad, [lo - pad, hi + pad]
    first, last = dense[0], dense[1] + pd.offsets.MonthBegin(1)
    end = max(float(day_number(last)), day_number(dates[-1]) + 15 * 86_400_000.0)
    return lo - pad, hi + pad, [float(day_number(first)), end]


def _window_menu(window: list[float], whole: list[float]) -> dict:
    """Two buttons: the dense period the figure opens on, and every year the dossier covers."""
    first, last = (pd.Timestamp(int(v), unit="ms") for v in window)
    label = f"{first:%Y}–{(last - pd.Timedelta(days=1)):%Y} (most records)"
    return dict(
        name="time window",
        type="buttons",
        direction="down",
        active=0,
        showactive=True,
        buttons=[
            dict(method="relayout", label=label, args=[{"xaxis.range": window}]),
            dict(method="relayout", label="All years", args=[{"xaxis.range": whole}]),
        ],
        x=1,
        xanchor="left",
        y=1.0,
        yanchor="bottom",
        pad=dict(b=24, l=12),
        font=MENU_FONT,
    )


def _kind_menu(data: list[dict]) -> dict:
    """A dropdown of record kinds: every kind, statements, events, or one kind alone."""
    categories = []
    for trace in data:
        cat = (trace.get("meta") or {}).get("category")
        if cat is not None and cat not in categories:
            categories.append(cat)

    def visible(keep) -> list:
        out = []
        for trace in data:
            cat = (trace.get("meta") or {}).get("category")
            out.append(True if cat is None or keep(cat) else "legendonly")
        return out

    choices = [("all kinds", lambda c: True)]
    if any(c in STANCES for c in categories) and any(c not in STANCES for c in categories):
        choices += [
            ("statements", lambda c: c in STANCES),
            ("events", lambda c: c not in STANCES),
        ]
    choices += [(c.replace("_", " "), lambda c2, c=c: c2 == c) for c in categories]
    return dict(
        name="record kinds",
        type="dropdown",
        direction="down",
        active=0,
        showactive=True,
        # each button's name lists the record kinds it keeps (as a link's ``kinds=`` does;
        # empty for all), so that a report page can open the menu on the kinds a link names
        buttons=[
            dict(
                method="restyle",
                label=safe_label(name),
                name="" if name == "all kinds" else ",".join(c for c in categories if keep(c)),
                args=[{"visible": visible(keep)}],
            )
            for name, keep in choices
        ],
        x=0,
        xanchor="left",
        y=1.0,
        yanchor="bottom",
        pad=dict(b=24, r=10),
        font=MENU_FONT,
    )


def _lane_menu(layout: dict) -> dict:
    """A dropdown that zooms the y axis onto one lane (the lane's label is already escaped)."""
    labels = list(layout["yaxis"]["ticktext"])
    n = len(labels)
    meta = layout.get("meta") or {}
    # an actor's lane is named by the actor's id (a link's ``actors=``); other lanes by nothing
    ids = meta.get("lane_ids") if meta.get("lane_by") == "actor" else None
    ids = ids if ids is not None and len(ids) == n else [None] * n
    buttons = [
        dict(
            method="relayout",
            label="all lanes",
            name="",
            args=[{"yaxis.range": [n - 0.5, -0.5]}],
        )
    ]
    buttons += [
        dict(
            method="relayout",
            label=str(text),
            name=ids[i] or "",
            args=[{"yaxis.range": [i + 0.5, i - 0.5]}],
        )
        for i, text in enumerate(labels)
    ]
    return dict(
        name="lanes",
        type="dropdown",
        direction="down",
        active=0,
        showactive=True,
        buttons=buttons,
        x=0.28,
        xanchor="left",
        y=1.0,
        yanchor="bottom",
        pad=dict(b=24, r=10),
        font=MENU_FONT,
    )


def static_timeline_figure(
    dossier: Dossier,
    *,
    steps: int | Sequence = STEPS,
    lanes: str = "actor",
    max_lanes: int = MAX_LANES,
    title: str | None = None,
) -> go.Figure:
    """The dossier's timeline with controls that work in a static page (no Python).

    Parameters
    ----------
    dossier : the dossier (every record: the controls do the filtering).
    steps : most steps of the as-of slider (see :func:`as_of_dates`), or their dates.
    lanes : ``"actor"`` or ``"allegation"``, as in
    :func:`analysis.figures.timeline.timeline_figure`.
    max_lanes : most lanes drawn; the least active are folded into one.
    title : figure title (escaped); default ``"Timeline of <dossier title>"``.

    Returns
    -------
    plotly.graph_objects.Figure
        The explorer's timeline (coloured by kind) plus

        * ``layout.sliders[0]``, *as of*: one ``update`` step per date; ``args[0]["x"]`` gives
          the x values of the traces listed in ``args[2]`` (``None`` where a record had not been
          reported by then, spans cut at the date), ``args[1]`` the title, the note and the
          dotted line at the date (``layout.shapes[0]``). The last step is active.
        * ``layout.updatemenus``: ``record kinds`` (``restyle`` of ``visible``: hidden kinds
          become ``"legendonly"``), ``lanes`` (``relayout`` of ``yaxis.range``) and ``time
          window``: the dense period the x axis opens on, or "All years".
        * a range slider under the time axis.

        A view too large to draw mark by mark (counts per period) gets the range slider only.

    Examples
    --------
    >>> from analysis.synthetic.dossiers import synthetic_dossier
    >>> fig = static_timeline_figure(synthetic_dossier(200), steps=4)
    >>> step = fig.layout.sliders[0].steps[0]
    >>> step.method, sorted(step.args[1])
    ('update', ['annotations[0].text', 'shapes[0].x0', 'shapes[0].x1', 'title.text'])
    """
    title = title if title is not None else f"Timeline of {dossier.title}"
    spec = timeline_spec(apply_filters(dossier), lanes=lanes, max_lanes=max_lanes, title=title)
    lay = spec["layout"]
    if (lay.get("meta") or {}).get("empty"):
        return go.Figure(spec)
    dates = as_of_dates(dossier, steps)
    xaxis = dict(lay["xaxis"], rangeslider=dict(visible=True, thickness=0.07))
    if (lay.get("meta") or {}).get("aggregated") or not dates:
        lay.update(xaxis=xaxis)
        return go.Figure(spec)
    step_list, _ = _timeline_steps(dossier, spec, dates, title)
    lo, hi, window = _x_extent(spec["data"], dates, dossier)
    xaxis.update(range=window, autorange=False)
    xaxis["rangeslider"]["range"] = [lo, hi]
    n = len(lay["yaxis"].get("ticktext") or [None])
    height = int(np.clip(410 + 26 * n, 560, 1500))
    below = int(0.07 * (height - 115 - 260)) + 75  # tick labels, range slider, axis title
    slider = as_of_slider(step_list, len(step_list) - 1)
    slider["pad"] = dict(t=below, b=10)
    last_step = step_list[-1]["args"][1]
    lay.update(
        xaxis=xaxis,
        height=height,
        margin=dict(l=10, r=10, t=115, b=260),
        title=dict(
            lay["title"],
            text=last_step["title.text"],
            y=1,
            yref="container",
            yanchor="top",
            pad=dict(t=12),
        ),
        annotations=[dict(lay["annotations"][0], text=last_step["annotations[0].text"])]
        + list(lay["annotations"][1:]),
        shapes=[
            dict(
                type="line",
                name="as of",
                xref="x",
                yref="paper",
                x0=day_number(dates[-1]),
                x1=day_number(dates[-1]),
                y0=0,
                y1=1,
                line=dict(color="#555555", width=1, dash="dot"),
            )
        ],
        updatemenus=[_kind_menu(spec["data"]), _lane_menu(lay), _window_menu(window, [lo, hi])],
        sliders=[slider],
    )
    for trace, x in zip(
        (spec["data"][i] for i in step_list[-1]["args"][2]),
        step_list[-1]["args"][0]["x"],
        strict=True,
    ):
        if "lines" in str(trace.get("mode", "")):
            # a line through NaN draws an invalid SVG path; None leaves a gap
            trace["x"] = [None if v is None else v for v in x]
        else:
            trace["x"] = np.array([np.nan if v is None else v for v in x], dtype=np.float64)
    return go.Figure(spec)
