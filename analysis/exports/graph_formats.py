"""The dossier as a dynamic graph, written as GEXF (Gephi's timeline plays it) and GraphML.

Nodes are actors and allegations; edges are partnerships and memberships (between each pair
of parties), statements (speaking actor -> allegation), events (actor -> target, or between
co-actors), accusations (accused -> allegation -> beneficiary) and affiliations (person or
body -> the state or body it belongs to). Every edge carries the id of the record it comes
from (``record_id``) and its ``relation``.

Time: an edge's ``start``/``end`` (ISO dates) span the record's dates at their true
precision: a partnership from its signing to its termination (open-ended while in force),
a statement or event over the day, month or year it occurred in, an accusation from the
first statement about the allegation. A node starts with its earliest dated edge. GEXF
stores these as native dynamic intervals; GraphML has no notion of time, so there they are
plain ``start``/``end`` string attributes.

.. note::
   :mod:`analysis.figures.network.graph` (``build_graph``) is the suite's graph for figures; this
   module builds its own, time-stamped graph for exchange and should share node and edge rules
   with it once both exist.
"""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import networkx as nx
import pandas as pd

from analysis.common.dates import period_end
from analysis.dossier.model import Dossier, per_actor, per_allegation, speakers
from analysis.filtering.milestones import partnership_dates

__all__ = ["dossier_graph", "write_gexf", "write_graphml"]


def _iso(ts: object) -> str | None:
    return None if ts is None or pd.isna(ts) else pd.Timestamp(ts).strftime("%Y-%m-%d")


def _span(start: object, precision: object) -> dict[str, str]:
    """``start``/``end`` of the period a partial date stands for (nothing when undated)."""
    if start is None or pd.isna(start):
        return {}
    return {"start": _iso(start), "end": _iso(period_end(pd.Timestamp(start), str(precision)))}


def _text(value: object) -> str | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return str(value)


def _attrs(**values: object) -> dict[str, object]:
    """Drop missing values: GEXF and GraphML cannot hold None."""
    return {k: v for k, v in values.items() if v is not None and v != ""}


def _add_edge(g: nx.MultiDiGraph, u: str, v: str, key: str, **data: object) -> None:
    g.add_edge(u, v, key=key, id=key, **_attrs(**data))


def _by_signing(when: pd.Series) -> bool:
    """Whether a partnership's ``in_force`` is its signing by the rule of ``takes_effect``."""
    return when["takes_effect"] != "on_entry_into_force" and when["in_force"] == when["signed"]


def _pairs(ids: tuple[str, ...]) -> list[tuple[str, str]]:
    return list(combinations(dict.fromkeys(ids), 2))


def dossier_graph(dossier: Dossier) -> nx.MultiDiGraph:
    """A directed multigraph of the dossier with ISO ``start``/``end`` dates on nodes and edges.

    Edge keys are unique: the record id, suffixed with the pair of nodes when one record
    yields several edges. A two-party partnership is an edge between them (symmetric; its
    direction follows the order of the parties); a partnership of three or more parties is a
    node (``node_type`` "partnership") with an edge from each party. Actors carry their camp's
    label and colour (``alignment_label``, ``colour``).
    """
    g = nx.MultiDiGraph(mode="dynamic", name=dossier.title)
    camps = {c.id: c for c in dossier.camps}
    for a in dossier.actors.itertuples(index=False):
        g.add_node(
            a.actor_id,
            **_attrs(
                label=a.name,
                node_type="actor",
                kind=str(a.kind),
                alignment=str(a.alignment),
                alignment_label=camps[str(a.alignment)].label
                if str(a.alignment) in camps
                else None,
                colour=camps[str(a.alignment)].colour if str(a.alignment) in camps else None,
                role=_text(a.role),
                affiliation_id=_text(a.affiliation_id),
                wikidata=_text(a.wikidata),
            ),
        )
    for a in dossier.actors.itertuples(index=False):
        parent = _text(a.affiliation_id)
        if parent and parent in g:
            _add_edge(
                g,
                a.actor_id,
                parent,
                f"{a.actor_id}.affiliation",
                relation="affiliation",
                record_id=a.actor_id,
                label=_text(a.role),
            )

    dates = partnership_dates(dossier)
    for p in dossier.partnerships.itertuples(index=False):
        pairs = _pairs(p.parties)
        when = dates.loc[p.partnership_id]
        span = _attrs(start=_iso(when["start"]))
        if not pd.isna(when["ended"]):
            span["end"] = _span(when["ended"], when["ended_precision"])["end"]
        if len(pairs) > 1:  # three or more parties: one partnership node, an edge to each party
            g.add_node(
                p.partnership_id,
                **_attrs(label=p.short_name, node_type="partnership", name=p.name,
                         partnership_kind=str(p.kind), **span),
            )  # fmt: skip
            pairs = [(x, p.partnership_id) for x in dict.fromkeys(p.parties)]
        for u, v in pairs:
            key = p.partnership_id if len(pairs) == 1 else f"{p.partnership_id}.{u}.{v}"
            _add_edge(
                g,
                u,
                v,
                key,
                relation="membership" if p.kind == "membership" else "partnership",
                record_id=p.partnership_id,
                label=p.short_name,
                partnership_kind=str(p.kind),
                binding=bool(p.binding),
                # a recorded entry into force only (one that takes effect on signing is in
                # force from it by rule); what the dossier states of when it takes effect
                in_force=None if _by_signing(when) else _iso(when["in_force"]),
                takes_effect=_text(getattr(p, "takes_effect", None)),
                reliability=str(p.reliability),
                **span,
            )

    st = per_allegation(dossier.statements)  # one edge per (statement, allegation)
    first_said = st.groupby("allegation_id", observed=True)["occurred"].min()
    several = set(st.loc[st["statement_id"].duplicated(), "statement_id"])
    joint = set(st.loc[st["joint_actor_ids"].map(len) > 0, "statement_id"])
    said_by = dict(zip(st["statement_id"], map(";".join, speakers(st)), strict=True))
    st = per_actor(st)  # ... and per party of a joint statement
    for al in dossier.allegations.itertuples(index=False):
        start = first_said.get(al.allegation_id)
        g.add_node(
            al.allegation_id,
            **_attrs(
                label=al.proposition,
                node_type="allegation",
                kind=str(al.topic),
                alleges_transfer=al.alleges_transfer is not pd.NA and bool(al.alleges_transfer),
                start=_iso(start),
            ),
        )
        for x in al.accused_ids:
            _add_edge(
                g,
                x,
                al.allegation_id,
                f"{al.allegation_id}.accused.{x}",
                relation="accused",
                record_id=al.allegation_id,
                start=_iso(start),
            )
        for x in al.beneficiary_ids:
            _add_edge(
                g,
                al.allegation_id,
                x,
                f"{al.allegation_id}.beneficiary.{x}",
                relation="beneficiary",
                record_id=al.allegation_id,
                start=_iso(start),
            )

    for s in st.itertuples(index=False):
        target = _text(s.allegation_id)
        if target is None or target not in g:
            continue
        _add_edge(
            g,
            s.actor_id,
            target,
            s.statement_id
            + (f".{s.actor_id}" if s.statement_id in joint else "")
            + (f".{target}" if s.statement_id in several else ""),
            relation="statement",
            record_id=s.statement_id,
            label=str(s.stance),
            stance=str(s.stance),
            speaker_id=said_by[s.statement_id] or None,
            credibility=str(s.credibility),
            reliability=str(s.reliability),
            precision=str(s.occurred_precision),
            approximate=bool(s.occurred_approx),
            **_span(s.occurred, s.occurred_precision),
        )

    for e in dossier.events.itertuples(index=False):
        pairs = (
            [
                (a, t)
                for a in dict.fromkeys(e.actor_ids)
                for t in dict.fromkeys(e.target_ids)
                if a != t
            ]
            if e.target_ids
            else _pairs(e.actor_ids)
        )
        for u, v in pairs:
            key = e.event_id if len(pairs) == 1 else f"{e.event_id}.{u}.{v}"
            _add_edge(
                g,
                u,
                v,
                key,
                relation="event",
                record_id=e.event_id,
                label=str(e.kind),
                event_kind=str(e.kind),
                partnership_id=_text(e.partnership_id),
                allegation_id=_text(e.allegation_id),
                credibility=str(e.credibility),
                reliability=str(e.reliability),
                precision=str(e.occurred_precision),
                approximate=bool(e.occurred_approx),
                **_span(e.occurred, e.occurred_precision),
            )

    for node in g.nodes:
        starts = [d["start"] for *_, d in g.in_edges(node, data=True) if "start" in d]
        starts += [d["start"] for *_, d in g.out_edges(node, data=True) if "start" in d]
        own = g.nodes[node].get("start")
        if starts or own:
            g.nodes[node]["start"] = min(starts + ([own] if own else []))
    return g


def write_gexf(dossier: Dossier, path: str | Path) -> nx.MultiDiGraph:
    """Write the dossier graph as GEXF 1.2 in dynamic mode (time format ``date``)."""
    g = dossier_graph(dossier)
    nx.write_gexf(g, Path(path))
    return g


def write_graphml(dossier: Dossier, path: str | Path) -> nx.MultiDiGraph:
    """Write the dossier graph as GraphML; ``start``/``end`` are string attributes (ISO dates)."""
    g = dossier_graph(dossier)
    for *_, data in g.edges(data=True):
        data.pop("id", None)  # GraphML stores the edge key as the edge's own id
    g.graph = {"name": g.graph.get("name", "")}
    nx.write_graphml(g, Path(path))
    return g
