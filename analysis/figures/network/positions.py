"""Where the network's nodes go, and what the graph's structure says about each actor.

:func:`layout` places the nodes, seeded and cached by the graph's structure, so a widget
computes it once and then only redraws; :func:`network_measures` gives degree, betweenness and
communities as a table (networkx). Building the graph is :mod:`analysis.figures.network.graph`'s
job, drawing it :mod:`analysis.figures.network.drawing`'s.
"""

from __future__ import annotations

import math
from collections import OrderedDict

import networkx as nx
import numpy as np
import pandas as pd

from analysis.figures.network.graph import simple_graph

__all__ = ["layout", "layout_cache_info", "network_measures"]

_LAYOUTS: OrderedDict[tuple, dict[str, tuple[float, float]]] = OrderedDict()
_LAYOUT_STATS = {"hits": 0, "misses": 0}
_LAYOUT_CACHE_SIZE = 16


def layout(
    graph: nx.MultiDiGraph, seed: int = 0, *, iterations: int = 60
) -> dict[str, tuple[float, float]]:
    """Positions of the nodes (spring layout, seeded), cached by the graph's structure.

    The same nodes and the same pairs of connected nodes give the same positions without
    recomputing them; a widget lays its graph out once and redraws subsets at those places.

    >>> g = nx.MultiDiGraph([("a", "b"), ("b", "c")])
    >>> layout(g, seed=1) == layout(nx.MultiDiGraph([("b", "c"), ("a", "b")]), seed=1)
    True
    """
    pairs = frozenset(frozenset((s, t)) for s, t in graph.edges() if s != t)
    key = (seed, iterations, frozenset(graph.nodes), pairs)
    found = _LAYOUTS.get(key)
    if found is not None:
        _LAYOUTS.move_to_end(key)
        _LAYOUT_STATS["hits"] += 1
        return found
    _LAYOUT_STATS["misses"] += 1
    simple = simple_graph(graph)
    for _, _, d in simple.edges(data=True):
        d["weight"] = 1 + math.log1p(d["weight"])
    if simple.number_of_nodes() == 0:
        positions: dict[str, tuple[float, float]] = {}
    else:
        raw = nx.spring_layout(
            simple,
            seed=seed,
            iterations=iterations,
            weight="weight",
            k=1.5 / math.sqrt(max(simple.number_of_nodes(), 1)),
        )
        positions = {n: (round(float(x), 4), round(float(y), 4)) for n, (x, y) in raw.items()}
    _LAYOUTS[key] = positions
    if len(_LAYOUTS) > _LAYOUT_CACHE_SIZE:
        _LAYOUTS.popitem(last=False)
    return positions


def layout_cache_info() -> dict[str, int]:
    """How many layouts were computed (``misses``) and reused (``hits``)."""
    return {**_LAYOUT_STATS, "size": len(_LAYOUTS)}


def network_measures(graph: nx.MultiDiGraph, *, seed: int = 0) -> pd.DataFrame:
    """Degree, weighted degree, betweenness and community of every actor, as a table.

    Computed on the undirected graph of all relations (an edge's weight is the number of
    records behind it); communities are networkx's Louvain communities, numbered from the
    largest. Rows are sorted by degree, then betweenness.

    >>> g = nx.MultiDiGraph([("a", "b"), ("b", "c")])
    >>> network_measures(g).loc["b", "degree"]
    np.int64(2)
    """
    simple = simple_graph(graph)
    columns = [
        "name",
        "kind",
        "alignment",
        "activity",
        "degree",
        "weighted_degree",
        "betweenness",
        "community",
    ]
    if simple.number_of_nodes() == 0:
        return pd.DataFrame(columns=columns).rename_axis("actor_id")
    betweenness = nx.betweenness_centrality(simple, weight=None)
    communities = sorted(
        nx.community.louvain_communities(simple, weight="weight", seed=seed),
        key=lambda c: (-len(c), min(c)),
    )
    community = {n: i for i, c in enumerate(communities) for n in c}
    rows = [
        {
            "actor_id": n,
            "name": graph.nodes[n].get("name", n),
            "kind": graph.nodes[n].get("kind"),
            "alignment": graph.nodes[n].get("alignment"),
            "activity": graph.nodes[n].get("activity", 0),
            "degree": simple.degree(n),
            "weighted_degree": simple.degree(n, weight="weight"),
            "betweenness": betweenness[n],
            "community": community[n],
        }
        for n in simple.nodes
        if graph.nodes[n].get("node_type") != "partnership"  # a partnership node: not an actor
    ]
    frame = pd.DataFrame(rows, columns=["actor_id", *columns]).set_index("actor_id")
    frame = frame.astype(
        {
            "activity": np.int64,
            "degree": np.int64,
            "weighted_degree": np.int64,
            "community": np.int64,
        }
    )
    return frame.sort_values(["degree", "betweenness"], ascending=False, kind="stable")
