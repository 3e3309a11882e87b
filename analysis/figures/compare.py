"""Compare mode: mark on the timeline and the network what became known since an earlier date.

Both functions take a figure spec the builders made (:func:`~analysis.figures.timeline.
timeline_spec`, :func:`~analysis.figures.network.network_spec`) and the
:class:`~analysis.filtering.ViewChanges` of the view it draws, and return the spec with overlay
traces added (``meta["role"]`` is :attr:`TraceRole.CHANGED`, ``meta["change"]`` says which):
a ring around each record reported since the date, a halo along each relation gained and a
dotted line for each relation lost. Nothing else in the spec moves, so an update sends only
the overlays. Colours are Okabe-Ito's, legible to colour-blind readers.
"""

from __future__ import annotations

import numpy as np

from analysis.figures.base import TraceRole, segments, traces
from analysis.filtering.changes import ViewChanges

__all__ = ["GAINED", "LOST", "NEW", "mark_edge_changes", "mark_new_records"]

NEW = "#000000"  # the ring around a newly known record
GAINED = "rgba(230, 159, 0, 0.55)"  # Okabe-Ito orange, translucent: the relation shows through
LOST = "#56B4E9"  # Okabe-Ito sky blue, dotted


def _since(changes: ViewChanges) -> str:
    return f"{changes.since:%d %b %Y}"


def mark_new_records(spec: dict, changes: ViewChanges) -> dict:
    """``spec`` (a timeline) with a ring around every drawn mark of a record in
    ``changes.record_ids``; an aggregated timeline (counts, no marks) is returned as it is.

    >>> import numpy as np, pandas as pd
    >>> from analysis.filtering.changes import ViewChanges
    >>> spec = {"data": [{"type": "scatter", "x": np.array(["2024-10-01", "2024-11-01"]),
    ...     "y": np.array([0, 1]), "customdata": np.array(["st-a", "st-b"]),
    ...     "meta": {"role": "records"}}], "layout": {}}
    >>> ch = ViewChanges(pd.Timestamp("2024-10-15"), frozenset({"st-b"}), *[pd.DataFrame()] * 3)
    >>> ring = mark_new_records(spec, ch)["data"][-1]
    >>> ring["name"], ring["customdata"].tolist(), ring["meta"]["change"]
    ('new since 15 Oct 2024', ['st-b'], 'new')
    """
    xs, ys, ids = [], [], []
    for trace in traces(spec, TraceRole.RECORDS):
        custom = np.asarray(trace.get("customdata", []), dtype=object)
        if not len(custom):
            continue
        keep = np.fromiter((str(c) in changes.record_ids for c in custom), bool, len(custom))
        if keep.any():
            xs.append(np.asarray(trace["x"])[keep])
            ys.append(np.asarray(trace["y"])[keep])
            ids.append(custom[keep])
    if not ids:
        return spec
    ring = dict(
        type="scatter",
        x=np.concatenate(xs),
        y=np.concatenate(ys),
        mode="markers",
        name=f"new since {_since(changes)}",
        hoverinfo="skip",
        marker=dict(symbol="circle-open", size=15, color=NEW, line=dict(width=1.5, color=NEW)),
        customdata=np.concatenate(ids),
        meta=dict(role=TraceRole.CHANGED, change="new"),
    )
    return {**spec, "data": [*spec["data"], ring]}


def _drawn_nodes(spec: dict) -> dict[str, tuple[float, float]]:
    """Where ``spec`` (a network) draws each actor: its node traces' ids and places."""
    out: dict[str, tuple[float, float]] = {}
    for trace in traces(spec, TraceRole.NODES):
        for node, x, y in zip(trace["customdata"], trace["x"], trace["y"], strict=True):
            out[str(node)] = (float(x), float(y))
    return out


def mark_edge_changes(spec: dict, changes: ViewChanges) -> dict:
    """``spec`` (a network) with a halo along each relation gained since the date and a dotted
    line for each one lost, between the two actors' nodes as drawn; a pair with an actor not
    drawn (aggregated away, or gone) is left out, and nothing is added when no relation
    changed.

    >>> import pandas as pd
    >>> from analysis.filtering.changes import ViewChanges
    >>> edges = pd.DataFrame({"source": ["A", "A"], "target": ["B", "C"],
    ...     "relation": ["alleges against", "partner"], "change": ["gained", "lost"]})
    >>> ch = ViewChanges(pd.Timestamp("2024-10-15"), frozenset(), pd.DataFrame(),
    ...     pd.DataFrame(), edges)
    >>> nodes = {"type": "scatter", "x": [0, 1, 0], "y": [0, 0, 1], "customdata": ["A", "B",
    ...     "C"], "meta": {"role": "nodes"}}
    >>> out = mark_edge_changes({"data": [nodes], "layout": {}}, ch)
    >>> [(t["name"], t["meta"]["pairs"]) for t in out["data"][1:]]
    [('relations gained since 15 Oct 2024', 1), ('relations lost since 15 Oct 2024', 1)]
    """
    positions = _drawn_nodes(spec)
    added = []
    for change, style in (
        ("gained", dict(color=GAINED, width=9)),
        ("lost", dict(color=LOST, width=2.5, dash="dot")),
    ):
        mine = changes.edges[changes.edges["change"] == change] if len(changes.edges) else None
        if mine is None or mine.empty:
            continue
        pairs = {
            (s, t) for s, t in zip(mine["source"], mine["target"], strict=True)
            if s in positions and t in positions and s != t
        }  # fmt: skip
        if not pairs:
            continue
        ordered = sorted(pairs)
        x0 = [positions[s][0] for s, _ in ordered]
        x1 = [positions[t][0] for _, t in ordered]
        y0 = [positions[s][1] for s, _ in ordered]
        y1 = [positions[t][1] for _, t in ordered]
        xs, ys = segments(x0, x1, y0, y1)
        added.append(
            dict(
                type="scatter",
                x=xs,
                y=ys,
                mode="lines",
                name=f"relations {change} since {_since(changes)}",
                hoverinfo="skip",
                line=style,
                meta=dict(role=TraceRole.CHANGED, change=change, pairs=len(ordered)),
            )
        )
    return {**spec, "data": [*spec["data"], *added]} if added else spec
