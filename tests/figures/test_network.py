"""Graph building, layout (seeded, cached), drawing and measures of the relationship network."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
from support.figures import role

from analysis.figures.base import is_empty
from analysis.figures.network import (
    build_graph,
    layout,
    layout_cache_info,
    network_figure,
    network_measures,
)
from analysis.figures.style import RELATION_DASHES, colour
from analysis.filtering.filters import Filters, apply_filters
from analysis.synthetic.dossiers import synthetic_dossier


@pytest.fixture(scope="module")
def synthetic():
    return synthetic_dossier(5_000, seed=9)


def test_graph_of_the_mini_dossier(mini):
    g = build_graph(apply_filters(mini, Filters(as_of="2024-10-20")))
    assert isinstance(g, nx.MultiDiGraph)
    assert g.nodes["PRK"] == {
        "name": "North Korea",
        "kind": "state",
        "alignment": "russia_and_partners",
        "activity": 3,
    }
    assert sorted(g.edges(keys=True)) == [
        ("KOR", "PRK", "alleges against"),
        ("PRK", "RUS", "alleged transfer"),
        ("PRK", "RUS", "partnership"),
        ("RUS", "KOR", "denies"),
    ]
    assert g.edges["PRK", "RUS", "partnership"] == {
        "relation": "partnership",
        "directed": False,
        "status": "signed",
        "weight": 1,
        "labels": ("X",),
    }
    assert g.edges["PRK", "RUS", "alleged transfer"]["status"] == "disputed"
    assert g.edges["PRK", "RUS", "alleged transfer"]["labels"] == ("al-troops",)
    assert g.graph["nodes_total"] == 3 and g.graph["edges_total"] == 4
    assert "peskov" not in g  # he speaks for Russia, which is drawn: no record of his own
    later = build_graph(apply_filters(mini, Filters(as_of="2025-04-30")))
    assert later.has_edge("PRK", "RUS", "confirmed transfer")
    assert not later.has_edge("PRK", "RUS", "alleged transfer")


def test_layout_is_seeded_and_cached_by_structure():
    a = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("c", "d")])
    before = layout_cache_info()
    first = layout(a, seed=3)
    same = nx.MultiDiGraph([("c", "d"), ("b", "c"), ("a", "b")])
    nx.set_edge_attributes(same, 5, "weight")
    assert layout(same, seed=3) is first  # same structure: reused, not recomputed
    after = layout_cache_info()
    assert after["misses"] == before["misses"] + 1 and after["hits"] == before["hits"] + 1
    assert layout(a, seed=4) != first
    assert set(first) == {"a", "b", "c", "d"}


def test_drawing_styles_edges_by_relation_and_status(mini):
    view = apply_filters(mini, Filters(as_of="2024-10-20"))
    g = build_graph(view)
    fig = network_figure(g, layout(g))
    edges = role(fig, "edges")
    assert [t.name for t in edges] == [
        "partnership (signed)",
        "alleges against",
        "denies",
        "alleged transfer (disputed)",
    ]
    for t in edges:
        assert t.line.color == colour("relation", t.meta["relation"])
        assert t.line.dash == (RELATION_DASHES[t.meta["status"]] if t.meta["status"] else "solid")
        assert np.isnan(t.x[2]) and len(t.x) == 3  # one segment per edge, gaps between
    # arrowheads only for directed relations
    assert [t.meta["relation"] for t in role(fig, "arrows")] == [
        "alleges against",
        "denies",
        "alleged transfer",
    ]
    hover = role(fig, "edge-hover")[0].hovertext
    assert (
        "<b>North Korea \u2192 Russia</b><br>alleged transfer (disputed) \u00b7 1 record"
        "<br>al-troops" in hover
    )
    assert fig.layout.yaxis.scaleanchor == "x"


def test_nodes_coloured_by_kind_or_bloc_and_sized_by_centrality(mini):
    g = build_graph(apply_filters(mini))
    g.add_node(
        "peskov", name="Dmitry Peskov", kind="person", alignment="russia_and_partners", activity=1
    )
    g.add_edge("peskov", "KOR", key="denies", relation="denies", directed=True, weight=1)
    pos = layout(g)
    fig = network_figure(g, pos)
    nodes = role(fig, "nodes")
    assert [(t.name, t.marker.color) for t in nodes] == [
        ("state", colour("actor_kind", "state")),
        ("person", colour("actor_kind", "person")),
    ]
    states = nodes[0]
    assert list(states.customdata) == ["KOR", "PRK", "RUS"]
    by_activity = dict(zip(states.customdata, states.marker.size, strict=True))
    assert by_activity["RUS"] == 40 and by_activity["KOR"] < by_activity["PRK"]
    degree = role(network_figure(g, pos, size_by="degree"), "nodes")[0]
    assert dict(zip(degree.customdata, degree.marker.size, strict=True))["KOR"] > 8
    bloc = role(network_figure(g, pos, colour_by="bloc"), "nodes")
    assert [t.name for t in bloc] == ["Russia and partners", "West and partners"]
    assert bloc[1].marker.color == colour("alignment", "west_and_partners")


def test_highlighted_node_gets_a_ring(mini):
    g = build_graph(apply_filters(mini))
    fig = network_figure(g, layout(g), highlight=["KOR"])
    ring = role(fig, "selected")[0]
    assert list(ring.customdata) == ["KOR"] and ring.marker.symbol == "circle-open"


def test_big_graphs_keep_the_most_active_nodes_and_strongest_edges(synthetic):
    view = apply_filters(synthetic)
    full = build_graph(view)
    fig = network_figure(full, layout(full), max_nodes=20, max_edges=30)
    meta = fig.layout.meta
    assert (meta["nodes"], meta["edges"], meta["pruned"]) == (20, 30, True)
    assert meta["nodes_total"] == full.number_of_nodes() > 20
    assert (
        f"showing the 20 most active of {meta['nodes_total']:,} actors and the 30 "
        f"strongest of {meta['edges_total']:,} relations"
    ) in fig.layout.annotations[0].text
    kept = {n for t in role(fig, "nodes") for n in t.customdata}
    top = set(view.activity.index[:20])
    assert len(kept & top) >= 15
    small = build_graph(view, max_nodes=20, max_edges=30)
    assert small.number_of_nodes() == 20 and small.number_of_edges() == 30
    assert small.graph["nodes_total"] == full.number_of_nodes()
    # partnerships and transfers between kept actors come before statement relations
    relations = [d["relation"] for _, _, d in small.edges(data=True)]
    structural = [r for r in relations if r not in ("alleges against", "denies")]
    total_structural = sum(
        1
        for _, _, d in full.subgraph(small.nodes).edges(data=True)
        if d["relation"] not in ("alleges against", "denies")
    )
    assert len(structural) == min(total_structural, 30)


def test_a_kept_node_survives_pruning(synthetic):
    view = apply_filters(synthetic)
    quiet = view.activity.index[-1]
    small = build_graph(view, max_nodes=10, keep=[quiet])
    assert quiet in small and small.number_of_nodes() == 10


def test_nodes_without_a_position_go_on_an_outer_ring(mini):
    g = build_graph(apply_filters(mini))
    pos = {"RUS": (0.0, 0.0), "PRK": (1.0, 0.0)}
    fig = network_figure(g, pos)
    xs = np.concatenate([t.x for t in role(fig, "nodes")])
    ys = np.concatenate([t.y for t in role(fig, "nodes")])
    assert len(xs) == 3 and np.hypot(xs, ys).max() == pytest.approx(1.15)


def test_measures_table(mini):
    g = build_graph(apply_filters(mini))
    m = network_measures(g)
    assert list(m.columns) == [
        "name",
        "kind",
        "alignment",
        "activity",
        "degree",
        "weighted_degree",
        "betweenness",
        "community",
    ]
    assert m["degree"].to_dict() == {"KOR": 2, "PRK": 2, "RUS": 2}  # a triangle
    assert m.loc["PRK", "weighted_degree"] == 3  # partnership + transfer + allegation
    assert m.loc["KOR", "weighted_degree"] == 2 and (m["betweenness"] == 0).all()
    assert m["community"].dtype == np.int64 and m["community"].min() == 0
    g.add_edge("peskov", "KOR", key="denies", relation="denies", directed=True, weight=1)
    g.add_edge("XX", "YY", key="partnership", relation="partnership", directed=False)
    m = network_measures(g)
    assert m.loc["KOR", "betweenness"] > 0 and m.loc["peskov", "degree"] == 1
    assert m.loc["XX", "community"] != m.loc["PRK", "community"]


def test_empty_graph_is_a_clear_empty_state():
    fig = network_figure(nx.MultiDiGraph(), {})
    assert is_empty(fig) and fig.layout.annotations[0].text == "No records match these filters"
    assert network_measures(nx.MultiDiGraph()).empty


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(size_by="fame"), "size_by must be one of activity, degree, betweenness; got 'fame'"),
        (dict(colour_by="mood"), "colour_by must be one of kind, bloc; got 'mood'"),
    ],
    ids=["size", "colour"],
)
def test_bad_options(mini, kwargs, message):
    g = build_graph(apply_filters(mini))
    with pytest.raises(ValueError, match=message):
        network_figure(g, layout(g), **kwargs)


def test_payload_is_bounded_whatever_the_size():
    d = synthetic_dossier(40_000, seed=2)
    view = apply_filters(d)
    g = build_graph(view)
    fig = network_figure(g, layout(g))
    assert fig.layout.meta["pruned"] and len(fig.to_json()) < 300_000
