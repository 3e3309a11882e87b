"""Drawing a relationship network: one trace per relation and status, nodes per category.

Edges of one style (relation and status) go in one trace, separated by gaps; directed
relations get arrowheads; an invisible trace of edge midpoints carries the edges' hover text.
Nodes are coloured by kind or bloc and sized by a centrality. Nothing is laid out here: the
positions come from :func:`analysis.figures.network.positions.layout`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

import networkx as nx
import numpy as np
import plotly.graph_objects as go

from analysis.figures.base import TEMPLATE, TextMemo, TraceRole, empty_spec, note, segments
from analysis.figures.network.graph import prune, simple_graph
from analysis.figures.network.nodes import node_traces
from analysis.figures.style import RELATION_DASHES, colour
from analysis.filtering.relations import DIRECTED, RELATIONS

__all__ = [
    "network_spec",
    "network_figure",
    "status_label",
    "SIZE_BY",
    "COLOUR_BY",
    "MAX_NODES",
    "MAX_EDGES",
]

SIZE_BY = ("activity", "degree", "betweenness")
#: ``bloc`` colours actors by their alignment (the dossier's editorial grouping).
COLOUR_BY = ("kind", "bloc")
#: Most nodes and edges drawn; above them the figure keeps the most active actors and the
#: strongest relations, and says so.
MAX_NODES = 150
MAX_EDGES = 400
_WIDTH = {
    "partnership": 2.5,
    "membership": 2.0,
    "alleges against": 1.2,
    "denies": 1.2,
    "alleged transfer": 2.5,
    "confirmed transfer": 3.0,
}


def status_label(relation: str, status: str) -> str:
    """A relation's status in words; a partnership "in force" may be a joint statement or
    declaration in effect from its signing or announcement (``takes_effect``), so it says both."""
    if relation == "partnership" and status == "in_force":
        return "in force or in effect"
    return status.replace("_", " ")


def _edge_traces(
    graph: nx.MultiDiGraph, pos: Mapping[str, tuple[float, float]], span: float, text: TextMemo
) -> list[dict]:
    """One line trace per (relation, status), arrowheads per directed relation, and one
    invisible trace of edge midpoints that carries the hover text."""
    groups: dict[tuple[str, str | None], list[list[float]]] = {}
    arrows: dict[str, list[list[float]]] = {}
    mids: list[list] = [[], [], []]
    step = 0.012 * span
    # relations between the same pair of actors are drawn side by side, not on top
    between: dict[frozenset, list[str]] = {}
    for s, t, d in graph.edges(data=True):
        between.setdefault(frozenset((s, t)), []).append(d["relation"])
    for rels in between.values():
        rels.sort(key=RELATIONS.index)
    for s, t, d in graph.edges(data=True):
        if s == t:
            continue
        (x0, y0), (x1, y1) = pos[s], pos[t]
        length = math.hypot(x1 - x0, y1 - y0) or 1.0
        rels = between[frozenset((s, t))]
        shift = (rels.index(d["relation"]) - (len(rels) - 1) / 2) * step * (1 if s < t else -1)
        dx, dy = -(y1 - y0) / length * shift, (x1 - x0) / length * shift
        x0, y0, x1, y1 = x0 + dx, y0 + dy, x1 + dx, y1 + dy
        for acc, v in zip(
            groups.setdefault((d["relation"], d.get("status")), [[], [], [], []]),
            (x0, x1, y0, y1),
            strict=True,
        ):
            acc.append(v)
        arrow = "\u2192" if d.get("directed") else "\u2014"
        status = f" ({status_label(d['relation'], d['status'])})" if d.get("status") else ""
        weight = d.get("weight", 1)
        labels = ", ".join(d.get("labels", ())[:8]) + (
            " \u2026" if len(d.get("labels", ())) > 8 else ""
        )
        mids[0].append((x0 + x1) / 2)
        mids[1].append((y0 + y1) / 2)
        mids[2].append(
            f"<b>{text(graph.nodes[s].get('name', s), 60)} {arrow} "
            f"{text(graph.nodes[t].get('name', t), 60)}</b><br>"
            f"{text(d['relation'] + status)} \u00b7 {weight:,} record{'s' * (weight != 1)}"
            + (f"<br>{text(labels, 200)}" if labels else "")
        )
        if d.get("directed"):
            for acc, v in zip(
                arrows.setdefault(d["relation"], [[], [], []]),
                (
                    x0 + 0.68 * (x1 - x0),
                    y0 + 0.68 * (y1 - y0),
                    round(90 - math.degrees(math.atan2(y1 - y0, x1 - x0)), 1),
                ),
                strict=True,
            ):
                acc.append(v)
    traces = []
    for relation in RELATIONS:
        statuses = sorted(
            (st for rel, st in groups if rel == relation), key=lambda st: (st is not None, str(st))
        )
        for status in statuses:
            x0, x1, y0, y1 = groups[(relation, status)]
            xs, ys = segments(x0, x1, y0, y1)
            label = relation if status is None else f"{relation} ({status_label(relation, status)})"
            traces.append(
                dict(
                    type="scatter",
                    x=xs,
                    y=ys,
                    mode="lines",
                    name=label,
                    legendgroup=relation,
                    hoverinfo="skip",
                    opacity=0.75,
                    line=dict(
                        color=colour("relation", relation),
                        width=_WIDTH[relation],
                        dash=RELATION_DASHES.get(status, "solid") if status else "solid",
                    ),
                    meta=dict(
                        role=TraceRole.EDGES,
                        relation=relation,
                        status=status,
                        directed=relation in DIRECTED,
                    ),
                )
            )
        if relation in arrows:
            ax, ay, angle = arrows[relation]
            traces.append(
                dict(
                    type="scatter",
                    x=np.array(ax),
                    y=np.array(ay),
                    mode="markers",
                    name=f"{relation} direction",
                    legendgroup=relation,
                    showlegend=False,
                    hoverinfo="skip",
                    marker=dict(
                        symbol="arrow",
                        size=11,
                        angle=np.array(angle),
                        color=colour("relation", relation),
                        line=dict(width=0),
                    ),
                    meta=dict(role=TraceRole.ARROWS, relation=relation),
                )
            )
    if mids[0]:
        traces.append(
            dict(
                type="scatter",
                x=np.array(mids[0]),
                y=np.array(mids[1]),
                mode="markers",
                name="relations",
                showlegend=False,
                hovertext=np.array(mids[2], dtype=object),
                hoverinfo="text",
                marker=dict(size=8, color="rgba(0,0,0,0)"),
                meta=dict(role=TraceRole.EDGE_HOVER),
            )
        )
    return traces


def _placed(graph: nx.MultiDiGraph, positions: Mapping[str, tuple[float, float]]):
    """Positions for every node; nodes the layout does not know go on a ring outside it."""
    missing = sorted(n for n in graph.nodes if n not in positions)
    if not missing:
        return positions
    placed = dict(positions)
    radius = 1.15 * max((math.hypot(*p) for p in positions.values()), default=1.0)
    for i, n in enumerate(missing):
        angle = 2 * math.pi * i / len(missing)
        placed[n] = (radius * math.cos(angle), radius * math.sin(angle))
    return placed


def network_spec(
    graph: nx.MultiDiGraph,
    positions: Mapping[str, tuple[float, float]],
    *,
    size_by: str = "activity",
    colour_by: str = "kind",
    highlight: Iterable[str] = (),
    max_nodes: int = MAX_NODES,
    max_edges: int = MAX_EDGES,
    labels: int = 30,
    title: str = "Relationship network",
) -> dict:
    """The network as a plain ``{"data": [...], "layout": {...}}`` dict (see
    :func:`network_figure`)."""
    if size_by not in SIZE_BY:
        raise ValueError(f"size_by must be one of {', '.join(SIZE_BY)}; got {size_by!r}")
    colour_by = "bloc" if colour_by == "alignment" else colour_by
    if colour_by not in COLOUR_BY:
        raise ValueError(f"colour_by must be one of {', '.join(COLOUR_BY)}; got {colour_by!r}")
    highlight = list(highlight)
    if graph.number_of_nodes() == 0:
        return empty_spec(title, height=560)
    total_nodes = graph.graph.get("nodes_total", graph.number_of_nodes())
    total_edges = graph.graph.get("edges_total", graph.number_of_edges())
    graph = prune(graph, max_nodes, max_edges, keep=highlight)
    simple = simple_graph(graph)
    pos = _placed(graph, positions)
    xy = np.array([pos[n] for n in graph.nodes], dtype=np.float64)
    span = float(max(np.ptp(xy[:, 0]), np.ptp(xy[:, 1]), 0.1))
    text = TextMemo()
    traces = _edge_traces(graph, pos, span, text) + node_traces(
        graph, simple, pos, size_by, colour_by, highlight, labels, text
    )
    hubs = sum(d.get("node_type") == "partnership" for _, d in graph.nodes(data=True))
    shown_nodes, shown_edges = graph.number_of_nodes() - hubs, graph.number_of_edges()
    pruned = shown_nodes < total_nodes or shown_edges < total_edges
    if pruned:
        message = (
            f"showing the {shown_nodes:,} most active of {total_nodes:,} actors and the "
            f"{shown_edges:,} strongest of {total_edges:,} relations"
        )
    else:
        message = f"{shown_nodes:,} actors, {shown_edges:,} relations"
    message += f" \u00b7 size: {size_by}"
    if graph.graph.get("as_of") is not None:
        message += f" \u00b7 as known on {graph.graph['as_of']:%d %b %Y}"
    pad = 0.08 * span
    return dict(
        data=traces,
        layout=dict(
            template=TEMPLATE,
            height=620,
            hovermode="closest",
            dragmode="pan",
            showlegend=True,
            title=dict(text=text(title), x=0, xanchor="left"),
            margin=dict(l=10, r=10, t=80, b=10),
            xaxis=dict(
                visible=False, range=[float(xy[:, 0].min() - pad), float(xy[:, 0].max() + pad)]
            ),
            yaxis=dict(
                visible=False,
                scaleanchor="x",
                scaleratio=1,
                range=[float(xy[:, 1].min() - pad), float(xy[:, 1].max() + pad)],
            ),
            legend=dict(title=dict(text="relations and actors"), groupclick="togglegroup"),
            annotations=[note(message)],
            meta=dict(
                nodes=shown_nodes,
                edges=shown_edges,
                nodes_total=total_nodes,
                edges_total=total_edges,
                pruned=pruned,
                size_by=size_by,
                colour_by=colour_by,
            ),
        ),
    )


def network_figure(
    graph: nx.MultiDiGraph,
    positions: Mapping[str, tuple[float, float]],
    *,
    size_by: str = "activity",
    colour_by: str = "kind",
    highlight: Iterable[str] = (),
    max_nodes: int = MAX_NODES,
    max_edges: int = MAX_EDGES,
    labels: int = 30,
    title: str = "Relationship network",
) -> go.Figure:
    """Draw ``graph`` at ``positions`` (from :func:`layout`; nothing is laid out here).

    Parameters
    ----------
    graph : from :func:`build_graph`.
    positions : node -> (x, y); nodes without one are put on a ring outside the others.
    size_by : node size by ``activity`` (records), ``degree`` or ``betweenness`` centrality.
    colour_by : ``kind`` (state, bloc, person...) or ``bloc`` (the actor's alignment).
    highlight : actor ids to ring (a selected node); kept even when the graph is cut down.
    max_nodes, max_edges : above these the most active actors and strongest relations are
        drawn, and the figure says so.
    labels : how many of the largest nodes carry their name.
    title : figure title (escaped).

    Returns
    -------
    plotly.graph_objects.Figure
        Edge traces carry ``meta`` with their relation, status and direction; node traces
        carry actor ids as ``customdata``; ``layout.meta`` gives the counts drawn and in total.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("RUS", "PRK", key="partnership", relation="partnership", directed=False)
    >>> from analysis.figures.network.positions import layout
    >>> fig = network_figure(g, layout(g))
    >>> [t.name for t in fig.data if t.meta["role"] == "edges"]
    ['partnership']
    """
    return go.Figure(
        network_spec(
            graph,
            positions,
            size_by=size_by,
            colour_by=colour_by,
            highlight=highlight,
            max_nodes=max_nodes,
            max_edges=max_edges,
            labels=labels,
            title=title,
        )
    )
