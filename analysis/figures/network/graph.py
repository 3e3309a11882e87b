"""The actors and relations of a view as a networkx graph, and cutting it down to size.

One edge per pair of actors and relation (keyed by the relation); partnerships and memberships
are stored once and marked undirected. The layout, the drawing and the measures of a graph are
in :mod:`analysis.figures.network.positions`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import networkx as nx
import numpy as np
import pandas as pd

from analysis.dossier.model import Dossier
from analysis.filtering.filters import View

__all__ = [
    "build_graph",
    "edge_attributes",
    "node_attributes",
    "recorded_actors",
    "prune",
    "simple_graph",
    "STRUCTURAL",
]

#: Relations kept first when a graph is cut to its strongest edges.
STRUCTURAL = ("partnership", "membership", "alleged transfer", "confirmed transfer")


def _select(
    nodes: pd.DataFrame,
    edges: pd.DataFrame,
    max_nodes: int | None,
    max_edges: int | None,
    keep: Iterable[str] = (),
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The most active nodes (those in ``keep`` always) and the strongest edges among them.

    Partnerships, memberships and transfers between kept nodes go first; statement relations
    fill the remaining room by weight.
    """
    if max_nodes is not None and len(nodes) > max_nodes:
        kept = nodes["actor_id"].isin(list(keep)).to_numpy()
        order = np.lexsort(
            (
                nodes["actor_id"].to_numpy(dtype=str),
                -nodes["strength"].to_numpy(),
                -nodes["activity"].to_numpy(),
                ~kept,
            )
        )
        nodes = nodes.iloc[order[:max_nodes]]
        kept_ids = nodes["actor_id"].to_numpy(dtype=object)
        edges = edges[edges["source"].isin(kept_ids) & edges["target"].isin(kept_ids)]
    if max_edges is not None and len(edges) > max_edges:
        structural = edges["relation"].isin(STRUCTURAL).to_numpy()
        order = np.lexsort((-edges["weight"].to_numpy(), ~structural))
        edges = edges.iloc[np.sort(order[:max_edges])]
    return nodes, edges


def edge_attributes(edges: pd.DataFrame) -> Iterator[tuple[str, str, dict]]:
    """``(source, target, attributes)`` of each row of a view's ``edges``: the attributes every
    graph edge carries (relation, directed, status or ``None``, weight, labels)."""
    for s, t, relation, directed, status, w, labels in zip(
        edges["source"],
        edges["target"],
        edges["relation"].astype(str),
        edges["directed"],
        edges["status"],
        edges["weight"],
        edges["labels"],
        strict=True,
    ):
        yield (
            s,
            t,
            {
                "relation": relation,
                "directed": bool(directed),
                "status": status if isinstance(status, str) else None,
                "weight": int(w),
                "labels": tuple(labels),
            },
        )


def _record_parties(view: View, n: int) -> np.ndarray:
    """Which actors make a kept statement (its parties) or act in or are the target of a kept
    event, as a mask over ``n`` codes (actors first)."""
    ix = view.index
    out = np.zeros(n, dtype=bool)
    st, ev = ix.statements, ix.events
    out[st.lane_actor[np.isin(st.lane_row, view.statement_rows)]] = True
    out[ev.involved_actor[np.isin(ev.involved_row, view.event_rows)]] = True
    return out


def recorded_actors(view: View) -> set[str]:
    """The actors a view's network draws whatever their relations: those with a kept record of
    their own (a statement they make, an event they act in or are the target of)."""
    n = len(view.dossier.actors)
    activity = np.zeros(n, dtype=np.int64)
    activity[view.index.actor_ids.get_indexer(view.activity.index)] = view.activity.to_numpy()
    keep = _record_parties(view, n) & (activity > 0)
    return set(view.index.actor_ids[keep])


def build_graph(
    view: View,
    *,
    max_nodes: int | None = None,
    max_edges: int | None = None,
    keep: Iterable[str] = (),
) -> nx.MultiDiGraph:
    """The actors and relations of ``view`` as a graph.

    Parameters
    ----------
    view : what :func:`analysis.filtering.apply_filters` left.
    max_nodes, max_edges : keep at most this many actors (the most active, and any in
        ``keep``) and relations (partnerships and transfers first, then the strongest);
        ``None`` keeps all.
    keep : actor ids kept whatever their activity (for example a selected node).

    Returns
    -------
    networkx.MultiDiGraph
        Nodes are the actors with a record in the view or in a relation, with ``name``,
        ``kind``, ``alignment`` and ``activity`` (records in the view that involve them), and
        each partnership of three or more parties as a node of ``node_type`` "partnership"
        (see :func:`node_attributes`). ``graph.graph["camps"]`` gives each camp's label and
        colour. Edges are keyed by relation
        and carry ``relation``, ``directed``, ``status``, ``weight`` and ``labels``; an
        undirected relation is stored once. ``graph.graph`` holds ``nodes_total``,
        ``edges_total``, ``as_of`` and ``records``.

    Examples
    --------
    >>> from analysis.synthetic.dossiers import synthetic_dossier
    >>> from analysis.filtering.filters import Filters, apply_filters
    >>> view = apply_filters(synthetic_dossier(1_000), Filters(relations=("partnership",)))
    >>> g = build_graph(view)
    >>> {d["relation"] for _, _, d in g.edges(data=True)}
    {'partnership'}
    """
    edges = view.edges
    actors = view.dossier.actors
    n_actors = len(actors)
    # actors, then partnerships of three or more parties (drawn as nodes of their own)
    all_ids = pd.Index(actors["actor_id"]).append(
        pd.Index(view.dossier.partnerships["partnership_id"])
    )
    n = len(all_ids)
    src = all_ids.get_indexer(edges["source"])
    dst = all_ids.get_indexer(edges["target"])
    weight = edges["weight"].to_numpy()
    strength = np.bincount(src, weights=weight, minlength=n) + np.bincount(
        dst, weights=weight, minlength=n
    )
    activity = np.zeros(n, dtype=np.int64)
    activity[all_ids.get_indexer(view.activity.index)] = view.activity.to_numpy()
    # every actor with a record in the view is drawn, in a relation or not: one who only
    # comments, or is only a target (a speaker is drawn through the party it speaks for); a
    # partnership node when it joins its parties
    present = (strength > 0) | (_record_parties(view, n) & (activity > 0))
    at = np.flatnonzero(present)
    nodes = pd.DataFrame(
        {
            "actor_id": all_ids.to_numpy(dtype=object)[at],
            "activity": activity[at],
            "strength": strength[at],
            "row": at,
        }
    )
    totals = int((nodes["row"] < n_actors).sum()), len(edges)  # actors, relations
    nodes, edges = _select(nodes, edges, max_nodes, max_edges, keep)
    graph = nx.MultiDiGraph(
        nodes_total=totals[0],
        edges_total=totals[1],
        as_of=view.filters.as_of,
        records=view.n_records,
    )
    graph.graph["camps"] = {
        c.id: {"label": c.label, "colour": c.colour} for c in view.dossier.camps
    }
    rows = nodes["row"].to_numpy()
    is_actor = rows < n_actors
    a_rows = rows[is_actor]
    names = actors["name"].to_numpy(dtype=object)[a_rows]
    kinds = actors["kind"].astype(str).to_numpy(dtype=object)[a_rows]
    alignments = actors["alignment"].astype(str).to_numpy(dtype=object)[a_rows]
    graph.add_nodes_from(
        (a, {"name": nm, "kind": k, "alignment": al, "activity": int(act)})
        for a, nm, k, al, act in zip(
            nodes["actor_id"][is_actor],
            names,
            kinds,
            alignments,
            nodes["activity"][is_actor],
            strict=True,
        )
    )
    graph.add_nodes_from(
        (p, node_attributes(view.dossier, p)) for p in nodes["actor_id"][~is_actor]
    )
    graph.add_edges_from((s, t, attrs["relation"], attrs) for s, t, attrs in edge_attributes(edges))
    return graph


def node_attributes(dossier: Dossier, node: str) -> dict:
    """What a graph node carries: an actor's ``name``, ``kind``, ``alignment`` (``activity``
    0: the caller counts it); a partnership node's short name as ``name``, ``kind`` and
    ``node_type`` "partnership", its full name and its parties."""
    actors = dossier.actors
    row = actors.index[actors["actor_id"] == node]
    if len(row):
        a = actors.loc[row[0]]
        return {"name": a["name"], "kind": str(a["kind"]), "alignment": str(a["alignment"]),
                "activity": 0}  # fmt: skip
    pt = dossier.partnerships
    p = pt.loc[pt.index[pt["partnership_id"] == node][0]]
    return {
        "name": p["short_name"],
        "kind": "partnership",
        "node_type": "partnership",
        "full_name": p["name"],
        "parties": tuple(p["parties"]),
        "alignment": "",
        "activity": 0,
    }


def prune(
    graph: nx.MultiDiGraph, max_nodes: int, max_edges: int, keep: Iterable[str] = ()
) -> nx.MultiDiGraph:
    """``graph`` cut to the most active nodes and strongest edges (itself when small enough)."""
    if graph.number_of_nodes() <= max_nodes and graph.number_of_edges() <= max_edges:
        return graph
    strength = dict(graph.degree(weight="weight"))
    nodes = pd.DataFrame(
        [(n, d.get("activity", 0), strength.get(n, 0)) for n, d in graph.nodes(data=True)],
        columns=["actor_id", "activity", "strength"],
    )
    edges = pd.DataFrame(
        [(s, t, k, d["weight"]) for s, t, k, d in graph.edges(keys=True, data=True)],
        columns=["source", "target", "relation", "weight"],
    )
    nodes, edges = _select(nodes, edges, max_nodes, max_edges, keep)
    small = nx.MultiDiGraph(**graph.graph)
    small.add_nodes_from((n, graph.nodes[n]) for n in nodes["actor_id"])
    small.add_edges_from(
        (s, t, k, graph.edges[s, t, k])
        for s, t, k in zip(edges["source"], edges["target"], edges["relation"], strict=True)
    )
    return small


def simple_graph(graph: nx.MultiDiGraph) -> nx.Graph:
    """Undirected simple graph; an edge's weight is the sum over the relations it merges."""
    simple = nx.Graph()
    simple.add_nodes_from(graph.nodes)
    for s, t, d in graph.edges(data=True):
        if s == t:
            continue
        w = d.get("weight", 1)
        if simple.has_edge(s, t):
            simple[s][t]["weight"] += w
        else:
            simple.add_edge(s, t, weight=w)
    return simple
