"""The relationship network: graph from a view, seeded cached layout, drawing.

:func:`build_graph` turns a :class:`~analysis.filtering.View` into a networkx graph,
:func:`layout` places it once (cached), :func:`network_figure` / :func:`network_spec` draw it,
:func:`network_measures` computes degree, betweenness and communities with networkx, and
:func:`static_network_figure` carries an as-of slider for static reports.
"""

from analysis.figures.network.drawing import (
    COLOUR_BY,
    MAX_EDGES,
    MAX_NODES,
    SIZE_BY,
    network_figure,
    network_spec,
)
from analysis.figures.network.graph import build_graph, edge_attributes, prune, simple_graph
from analysis.figures.network.positions import layout, layout_cache_info, network_measures
from analysis.figures.network.static import static_network_figure

NODE_COLOUR_BY = COLOUR_BY

__all__ = [
    "COLOUR_BY",
    "MAX_EDGES",
    "MAX_NODES",
    "NODE_COLOUR_BY",
    "SIZE_BY",
    "build_graph",
    "edge_attributes",
    "layout",
    "layout_cache_info",
    "network_figure",
    "network_measures",
    "network_spec",
    "prune",
    "simple_graph",
    "static_network_figure",
]
