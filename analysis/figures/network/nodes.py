"""The nodes of a relationship network: actors per colour category (kind, or the dossier's
camps with their labels and colours), each partnership of three or more parties as a small
diamond, and a ring around selected actors."""

from __future__ import annotations

import math
from collections.abc import Mapping

import networkx as nx
import numpy as np

from analysis.figures.base import TextMemo, TraceRole
from analysis.figures.style import COLOURS, NO_DATA_COLOUR, colour
from analysis.schema import DEFAULT_CAMPS as _CAMPS

__all__ = ["node_traces", "node_sizes", "DEFAULT_CAMPS"]


def node_sizes(graph: nx.MultiDiGraph, simple: nx.Graph, size_by: str) -> dict[str, float]:
    """Marker size per node, 8 to 40 px, by the square root of the chosen measure."""
    if size_by == "activity":
        values = {n: d.get("activity", 0) for n, d in graph.nodes(data=True)}
    elif size_by == "degree":
        values = dict(simple.degree())
    else:
        k = 64 if simple.number_of_nodes() > 64 else None
        values = nx.betweenness_centrality(simple, k=k, seed=0)
    top = max(values.values(), default=0) or 1
    return {n: round(8 + 32 * math.sqrt(values[n] / top), 1) for n in graph.nodes}


def node_traces(
    graph: nx.MultiDiGraph,
    simple: nx.Graph,
    pos,
    size_by: str,
    colour_by: str,
    highlight: list[str],
    labels: int,
    text: TextMemo,
) -> list[dict]:
    """One trace per colour category (kind or bloc), and a ring around highlighted nodes."""
    sizes = node_sizes(graph, simple, size_by)
    degree = dict(simple.degree())
    field = "kind" if colour_by == "kind" else "alignment"
    camps = graph.graph.get("camps") or DEFAULT_CAMPS
    if colour_by == "kind":
        palette = dict(COLOURS["actor_kind"])
        names = {k: k.replace("_", " ") for k in palette}
    else:
        palette = {c: v["colour"] for c, v in camps.items()}
        names = {c: v["label"] for c, v in camps.items()}
    labelled = set(sorted(graph.nodes, key=lambda n: (-sizes[n], n))[:labels])
    groups: dict[str, list[str]] = {}
    hubs: list[str] = []
    for n, d in graph.nodes(data=True):
        if d.get("node_type") == "partnership":
            hubs.append(n)
        else:
            groups.setdefault(str(d.get(field, "")), []).append(n)
    traces = _hub_traces(graph, hubs, pos, text)
    for term in [*palette, *sorted(set(groups) - set(palette))]:
        members = sorted(groups.get(term, []))
        if not members:
            continue
        info = [graph.nodes[n] for n in members]
        traces.append(
            dict(
                type="scatter",
                x=np.array([pos[n][0] for n in members]),
                y=np.array([pos[n][1] for n in members]),
                mode="markers+text",
                name=text(names.get(term, term.replace("_", " "))),
                legendgroup=f"nodes-{term}",
                marker=dict(
                    size=np.array([sizes[n] for n in members]),
                    color=palette.get(term, NO_DATA_COLOUR),
                    line=dict(color="#ffffff", width=1),
                    opacity=0.95,
                ),
                text=np.array(
                    [
                        text(d.get("name", n), 24) if n in labelled else ""
                        for n, d in zip(members, info, strict=True)
                    ],
                    dtype=object,
                ),
                textposition="top center",
                textfont=dict(size=10),
                hovertext=np.array(
                    [
                        f"<b>{text(d.get('name', n))}</b><br>"
                        f"{text(n)} \u00b7 {text(str(d.get('kind', '')))} \u00b7 "
                        f"{text(_camp_label(camps, d.get('alignment', '')))}<br>"
                        f"{d.get('activity', 0):,} records \u00b7 {degree.get(n, 0)} neighbours"
                        for n, d in zip(members, info, strict=True)
                    ],
                    dtype=object,
                ),
                hoverinfo="text",
                customdata=np.array(members, dtype=object),
                meta=dict(role=TraceRole.NODES, category=term),
            )
        )
    ring = [n for n in highlight if n in graph]
    if ring:
        traces.append(
            dict(
                type="scatter",
                x=np.array([pos[n][0] for n in ring]),
                y=np.array([pos[n][1] for n in ring]),
                mode="markers",
                name="selected",
                marker=dict(
                    symbol="circle-open",
                    size=np.array([sizes[n] + 12 for n in ring]),
                    color="#000000",
                    line=dict(width=3),
                ),
                hoverinfo="skip",
                customdata=np.array(ring, dtype=object),
                meta=dict(role=TraceRole.SELECTED),
            )
        )
    return traces


#: The default camps, as ``graph.graph["camps"]`` gives a dossier's (see ``build_graph``).
DEFAULT_CAMPS = {c["id"]: {"label": c["label"], "colour": c["colour"]} for c in _CAMPS}


def _camp_label(camps: Mapping[str, Mapping[str, str]], camp: object) -> str:
    camp = str(camp)
    return str(camps[camp]["label"]) if camp in camps else camp.replace("_", " ")


def _party_names(graph: nx.MultiDiGraph, parties) -> str:
    return ", ".join(str(graph.nodes[p].get("name", p)) if p in graph else p for p in parties)


def _hub_traces(graph: nx.MultiDiGraph, hubs: list[str], pos, text: TextMemo) -> list[dict]:
    """Partnerships of three or more parties: one small diamond each, with its short name."""
    if not hubs:
        return []
    hubs = sorted(hubs)
    info = [graph.nodes[n] for n in hubs]
    return [
        dict(
            type="scatter",
            x=np.array([pos[n][0] for n in hubs]),
            y=np.array([pos[n][1] for n in hubs]),
            mode="markers+text",
            name="partnership of 3+ parties",
            legendgroup="nodes-partnership",
            marker=dict(
                symbol="diamond",
                size=12,
                color=colour("relation", "partnership"),
                line=dict(color="#ffffff", width=1),
            ),
            text=np.array(
                [text(d.get("name", n), 24) for n, d in zip(hubs, info, strict=True)], dtype=object
            ),  # fmt: skip
            textposition="bottom center",
            textfont=dict(size=10),
            hovertext=np.array(
                [
                    f"<b>{text(d.get('full_name', n))}</b><br>{text(n)} \u00b7 "
                    f"{len(d.get('parties', ())):,} parties: "
                    f"{text(_party_names(graph, d.get('parties', ())), 300)}"
                    for n, d in zip(hubs, info, strict=True)
                ],
                dtype=object,
            ),
            hoverinfo="text",
            customdata=np.array(hubs, dtype=object),
            meta=dict(role=TraceRole.NODES, category="partnership"),
        )
    ]
