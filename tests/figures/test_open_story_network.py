"""The network on another story: the dossier's camps, a three-party pact as one node, transfer
edges only where a transfer is alleged, and every actor with a record drawn."""

from __future__ import annotations

import pytest
from conftest import MINI, write_tables
from support.figures import role
from support.open_story import open_story_tables, write_open_story

from analysis import load_dossier
from analysis.figures.network import build_graph, layout, network_figure, static_network_figure
from analysis.filtering.filters import Filters, apply_filters


@pytest.fixture(scope="module")
def story(tmp_path_factory):
    folder = tmp_path_factory.mktemp("open") / "story"
    return load_dossier(write_open_story(folder, open_story_tables(MINI), write_tables))


def test_a_three_party_pact_is_one_node_joined_to_each_party(story):
    g = build_graph(apply_filters(story))
    assert g.nodes["pt-tri"]["node_type"] == "partnership"
    assert g.nodes["pt-tri"]["name"] == "Tri-pact"
    assert sorted((s, t) for s, t, k in g.edges(keys=True) if "pt-tri" in (s, t)) == [
        ("pt-tri", "CHN"),
        ("pt-tri", "PRK"),
        ("pt-tri", "RUS"),
    ]
    assert not g.has_edge("CHN", "PRK") and not g.has_edge("PRK", "CHN")
    # the two-party treaty between RUS and PRK is not merged with the pact
    assert g.edges["PRK", "RUS", "partnership"]["labels"] == ("X",)
    assert g.edges["PRK", "RUS", "partnership"]["weight"] == 1
    assert (
        g.graph["nodes_total"] == 6
    )  # actors: not the pact, not Peskov: the pact node is not counted


def test_transfer_edges_only_where_a_transfer_is_alleged(story):
    edges = apply_filters(story).edges
    transfers = edges[edges["relation"].astype(str).str.endswith("transfer")]
    assert list(
        zip(transfers["source"], transfers["target"], transfers["labels"], strict=True)
    ) == [("PRK", "RUS", ("al-troops",))]
    accusations = edges[edges["relation"] == "alleges against"]
    assert set(zip(accusations["source"], accusations["target"], strict=True)) == {
        ("KOR", "PRK"),
        ("KOR", "RUS"),
        ("KOR", "CHN"),
    }


def test_an_actor_who_only_comments_or_is_only_a_target_is_drawn(story):
    g = build_graph(apply_filters(story))
    assert g.degree("IND") == 0 and g.nodes["IND"]["activity"] == 1
    assert g.degree("UKR") == 0 and g.nodes["UKR"]["activity"] == 1
    before = build_graph(apply_filters(story, Filters(as_of="2025-01-11")))
    assert "IND" not in before and "UKR" not in before  # their records were not known yet
    fig = network_figure(g, layout(g), colour_by="bloc")
    drawn = {n for t in role(fig, "nodes") for n in t.customdata}
    assert {"IND", "UKR", "pt-tri"} <= drawn


def test_nodes_coloured_and_named_by_the_dossiers_camps(story):
    g = build_graph(apply_filters(story))
    fig = network_figure(g, layout(g), colour_by="bloc")
    nodes = role(fig, "nodes")
    assert [(t.name, t.marker.color) for t in nodes] == [
        ("partnership of 3+ parties", "#0072B2"),
        ("Axis", "#8b0000"),
        ("Coalition", "#4682b4"),
        ("Swing states", "#999999"),
    ]
    hub = nodes[0]
    assert list(hub.customdata) == ["pt-tri"] and hub.marker.symbol == "diamond"
    assert list(hub.text) == ["Tri-pact"]
    assert "3 parties: Russia, North Korea, China" in hub.hovertext[0]
    axis = nodes[1]
    assert sorted(axis.customdata) == ["CHN", "PRK", "RUS"]  # Peskov speaks for RUS
    assert "Axis" in axis.hovertext[0]
    assert fig.layout.annotations[0].text.startswith("6 actors, ")


def test_the_static_network_draws_the_pact_node_and_the_commenter(story):
    fig = static_network_figure(story, steps=["2025-01-09", "2025-01-12"])
    first, last = fig.layout.sliders[0].steps
    nodes = {i: fig.data[i] for i in last.args[2] if fig.data[i].meta["role"] == "nodes"}

    def shown(step) -> set[str]:
        out = set()
        for i, ys in zip(step.args[2], step.args[0]["y"], strict=True):
            if i in nodes:
                out |= {n for n, y in zip(nodes[i].customdata, ys, strict=True) if y is not None}
        return out

    assert {"pt-tri", "IND"} <= shown(last)
    assert "IND" not in shown(first) and "pt-tri" not in shown(first)
    assert last.args[1]["annotations[0].text"].startswith("5 actors, ")  # not UKR yet


def test_the_neighbourhood_of_a_party_reaches_the_pacts_other_parties(story):
    view = apply_filters(story, Filters(neighbourhood_of="CHN"))
    assert {"RUS", "PRK", "CHN"} <= set(view.actors)
