"""The relationship network that filters without Python: an as-of slider, precomputed.

Each step of the slider shows the network as known on its date: the edges of every step's view
(:func:`analysis.filtering.apply_filters`) are drawn once from the union of all steps, and the
step's ``update`` arguments blank the ones not yet known. It starts from
:func:`analysis.figures.network.positions.network_spec` (same colours and hover texts as the
explorer).

>>> from analysis.synthetic import synthetic_dossier
>>> fig = static_network_figure(synthetic_dossier(200), steps=4)
>>> len(fig.layout.sliders[0].steps)
4
"""

from __future__ import annotations

from collections.abc import Sequence

import networkx as nx
import numpy as np
import plotly.graph_objects as go

from analysis.dossier.model import Dossier
from analysis.figures.as_of_slider import (
    STEPS,
    as_of_dates,
    as_of_slider,
    as_of_step,
    numbers,
    safe_label,
)
from analysis.figures.base import TraceRole
from analysis.figures.network.drawing import network_spec
from analysis.figures.network.graph import (
    build_graph,
    edge_attributes,
    node_attributes,
    recorded_actors,
)
from analysis.figures.network.positions import layout
from analysis.filtering.filters import Filters, View, apply_filters

__all__ = ["static_network_figure"]


def _edge_key(s: str, t: str, relation: str, status) -> tuple:
    return (s, t, relation, status if isinstance(status, str) else None)


def _union_graph(
    dossier: Dossier, views: list[View]
) -> tuple[nx.MultiDiGraph, list[set], list[set]]:
    """Every relation that existed on any of the dates (the latest attributes win), the
    relations of each date, as (source, target, relation, status) keys, and the actors with a
    record by each date."""
    latest = build_graph(views[-1])
    union = nx.MultiDiGraph(**latest.graph)
    union.add_nodes_from(latest.nodes(data=True))
    per_step: list[set] = []
    nodes: list[set] = []
    for view in views:
        keys = set()
        for s, t, attrs in edge_attributes(view.edges):
            key = _edge_key(s, t, attrs["relation"], attrs["status"])
            keys.add(key)
            for node in (s, t):
                if node not in union:
                    union.add_node(node, **node_attributes(dossier, node))
            union.add_edge(s, t, key=f"{attrs['relation']}|{attrs['status']}", **attrs)
        recorded = recorded_actors(view)  # actors with a record then, in a relation or not
        for node in sorted(recorded - set(union)):
            union.add_node(node, **node_attributes(dossier, node))
        per_step.append(keys)
        nodes.append(recorded)
    union.graph["nodes_total"] = sum(
        d.get("node_type") != "partnership" for _, d in union.nodes(data=True)
    )
    union.graph["edges_total"] = union.number_of_edges()
    return union, per_step, nodes


def _point_keys(graph: nx.MultiDiGraph) -> tuple[dict, dict, list]:
    """The relation behind each point of the edge, arrow and edge-hover traces, in the order
    :func:`analysis.figures.network.drawing.network_spec` draws them (graph order, self-loops left
    out)."""
    lines: dict[tuple, list] = {}
    arrows: dict[str, list] = {}
    mids: list = []
    for s, t, d in graph.edges(data=True):
        if s == t:
            continue
        key = _edge_key(s, t, d["relation"], d.get("status"))
        lines.setdefault((d["relation"], d.get("status")), []).append(key)
        if d.get("directed"):
            arrows.setdefault(d["relation"], []).append(key)
        mids.append(key)
    return lines, arrows, mids


def static_network_figure(
    dossier: Dossier,
    *,
    steps: int | Sequence = STEPS,
    size_by: str = "activity",
    colour_by: str = "kind",
    seed: int = 0,
    title: str = "Relationship network",
) -> go.Figure:
    """The relationship network with an as-of slider that works in a static page (no Python).

    The graph is laid out once (as the explorer lays it out); each step of the slider shows the
    relations known on its date -- an edge appears once a record reporting it had been
    published -- and the actors they join. Relations whose status changed over time (an
    alleged transfer later confirmed) are drawn in each status, each on the dates it held.

    Parameters
    ----------
    dossier : the dossier.
    steps : most steps of the as-of slider (see :func:`as_of_dates`), or their dates.
    size_by, colour_by, seed, title : as in :func:`analysis.figures.network.network_figure`.

    Returns
    -------
    plotly.graph_objects.Figure
        ``layout.sliders[0]`` has one ``update`` step per date: ``args[0]["y"]`` gives the y
        values of the traces listed in ``args[2]`` (``None`` for an edge, arrow, node or
        hover point not known by then); ``args[1]`` the title and the note. Hover texts give
        the latest counts.

    Examples
    --------
    >>> from analysis.synthetic.dossiers import synthetic_dossier
    >>> fig = static_network_figure(synthetic_dossier(200), steps=3)
    >>> len(fig.layout.sliders[0].steps)
    3
    """
    dates = as_of_dates(dossier, steps)
    everything = apply_filters(dossier)
    views = [apply_filters(dossier, Filters(as_of=d)) for d in dates] + [everything]
    union, per_step, per_step_nodes = _union_graph(dossier, views)
    positions = layout(build_graph(everything), seed=seed)
    big = union.number_of_nodes() + union.number_of_edges() + 1
    spec = network_spec(
        union,
        positions,
        size_by=size_by,
        colour_by=colour_by,
        max_nodes=big,
        max_edges=big,
        title=title,
    )
    if (spec["layout"].get("meta") or {}).get("empty") or not dates:
        return go.Figure(spec)
    lines, arrows, mids = _point_keys(union)
    data = spec["data"]
    plan: list[tuple[int, str, list]] = []  # (trace, how its points map, their keys)
    for i, trace in enumerate(data):
        meta = trace.get("meta") or {}
        role = meta.get("role")
        if role == TraceRole.EDGES:
            keys = lines[(meta["relation"], meta["status"])]
            plan.append((i, "segments", keys))
        elif role == TraceRole.ARROWS:
            plan.append((i, "points", arrows[meta["relation"]]))
        elif role == TraceRole.EDGE_HOVER:
            plan.append((i, "points", mids))
        elif role == TraceRole.NODES:
            plan.append((i, "nodes", [str(n) for n in trace["customdata"]]))
    for i, how, keys in plan:
        expected = 3 * len(keys) if how == "segments" else len(keys)
        if len(data[i]["y"]) != expected:
            raise RuntimeError("the network's traces no longer match its relations")
        data[i]["y"] = np.round(np.asarray(data[i]["y"], dtype=np.float64), 4)
        data[i]["x"] = np.round(np.asarray(data[i]["x"], dtype=np.float64), 4)
    hubs = {n for n, d in union.nodes(data=True) if d.get("node_type") == "partnership"}
    step_list = []
    for day, keys_then, active in zip(
        dates, per_step[: len(dates)], per_step_nodes[: len(dates)], strict=True
    ):
        nodes_then = {k[0] for k in keys_then} | {k[1] for k in keys_then} | active
        ys = []
        for i, how, keys in plan:
            y = np.array(data[i]["y"], dtype=np.float64)
            if how == "segments":
                shown = np.repeat([k in keys_then for k in keys], 3)
            elif how == "points":
                shown = np.array([k in keys_then for k in keys], dtype=bool)
            else:
                shown = np.array([n in nodes_then for n in keys], dtype=bool)
            ys.append(numbers(np.where(shown, y, np.nan)))
        label = f"{day:%d %b %Y}"
        step_list.append(
            as_of_step(
                day,
                [
                    {"y": ys},
                    {
                        "title.text": safe_label(f"{title}, as known on {label}", 200),
                        "annotations[0].text": safe_label(
                            f"{sum(n not in hubs for n in nodes_then):,} actors, "
                            f"{len(keys_then):,} relations "
                            f"\u00b7 as known on {label}"
                        ),
                    },
                    [i for i, _, _ in plan],
                ],
            )
        )
    last = step_list[-1]["args"]
    for i, y in zip(last[2], last[0]["y"], strict=True):
        data[i]["y"] = np.array([np.nan if v is None else v for v in y], dtype=np.float64)
    lay = spec["layout"]
    lay.update(
        height=700,
        margin=dict(l=10, r=10, t=80, b=90),
        title=dict(lay["title"], text=last[1]["title.text"]),
        annotations=[dict(lay["annotations"][0], text=last[1]["annotations[0].text"])],
        sliders=[as_of_slider(step_list, len(step_list) - 1)],
    )
    return go.Figure(spec)
