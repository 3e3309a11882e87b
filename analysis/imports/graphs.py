"""GEXF (Gephi) and GraphML (yEd, Gephi) graphs -> actors, partnerships and their milestones.

Read with networkx's own readers. A node is an actor (a node whose ``node_type`` is not
``actor``, such as the allegations the project's own export adds, is listed as not mapped);
its id is kept when it is a valid dossier id. An edge is a partnership between its two ends
(one record per ``record_id`` when the edges carry one, so a partnership of three parties is
one row), with its kind, binding and short name from the attributes the project's export
writes (``partnership_kind``, ``binding``, ``label``). Edges whose ``relation`` is a statement,
an event, an accusation or an affiliation are not partnerships and are listed, counted.

Dynamic intervals: an edge's ``start`` becomes its partnership's signing (an accession for a
membership), ``in_force`` its entry into force and ``end`` its termination, as events dated at
day precision; GEXF spells (several intervals) are listed as not mapped beyond the first.
What the graph cannot say (sources, summaries, when each milestone was reported, grades) is
left empty and listed in the report.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import networkx as nx

from analysis.imports.result import Imported, Rows, is_id, slug_id, term
from analysis.imports.writing import ImportRefused, Unmapped

__all__ = ["read_graph"]

_NOT_PARTNERSHIPS = {"statement", "event", "accused", "beneficiary", "affiliation"}
_ACTOR_ATTRS = {"label", "node_type", "kind", "alignment", "role", "affiliation_id", "wikidata"}


def _load(path: Path, fmt: str) -> nx.MultiGraph:
    try:
        g = nx.read_gexf(path) if fmt == "gexf" else nx.read_graphml(path, force_multigraph=True)
    except Exception as exc:  # networkx raises many kinds on a broken file
        raise ImportRefused(f"{path}: cannot be read as {fmt.upper()}: {exc}") from None
    return nx.MultiDiGraph(g) if g.is_directed() else nx.MultiGraph(g)


def _day(value: object) -> str | None:
    text = str(value)[:10] if value not in (None, "") else None
    return text if text and len(text) >= 4 and text[:4].isdigit() else None


def read_graph(path: Path, base: Rows, fmt: str) -> Imported:
    """Read a GEXF or GraphML file as dossier rows (see the module's docstring)."""
    g = _load(path, fmt)
    where = path.name
    unmapped: list[Unmapped] = []
    actors: list[dict[str, object]] = []
    ids: dict[str, str] = {}
    taken = {str(r["actor_id"]) for r in base.get("actors", [])}
    for node, data in g.nodes(data=True):
        if data.get("node_type") == "partnership":
            continue  # a partnership of three or more: read from its edges to its parties
        if data.get("node_type", "actor") != "actor":
            unmapped.append(
                Unmapped(
                    f"{where} node {node}",
                    str(data.get("label", node)),
                    f"a node of type {data['node_type']!r} is not an actor: not imported",
                )
            )
            continue
        actor_id = str(node) if is_id(str(node)) else slug_id(data.get("label", node), "", taken)
        taken.add(actor_id)
        ids[str(node)] = actor_id
        row: dict[str, object] = {"actor_id": actor_id, "name": data.get("label") or str(node)}
        for field, vocabulary in (("kind", "actor_kind"), ("alignment", "alignment")):
            row[field] = term(vocabulary, data.get(field))
            if row[field] is None:
                unmapped.append(
                    Unmapped(
                        f"actors.csv {actor_id} {field}",
                        str(data.get(field, "")),
                        f"no {vocabulary} term given: left empty, choose one",
                    )
                )
        row["role"] = data.get("role")
        row["wikidata"] = data.get("wikidata")
        row["affiliation_id"] = data.get("affiliation_id")
        actors.append(row)
        extra = sorted(set(data) - _ACTOR_ATTRS - {"start", "end", "spells", "viz"})
        if extra:
            unmapped.append(
                Unmapped(
                    f"{where} node {node}",
                    ", ".join(extra),
                    "attributes with no actor field: not imported",
                )
            )
    for row in actors:
        if row["affiliation_id"] is not None and str(row["affiliation_id"]) not in ids:
            unmapped.append(
                Unmapped(
                    f"actors.csv {row['actor_id']} affiliation_id",
                    str(row["affiliation_id"]),
                    "names no actor of the graph",
                )
            )
            row["affiliation_id"] = None
    if actors:
        unmapped.append(
            Unmapped(
                "actors.csv source_ids",
                f"{len(actors)} actors",
                "a graph names no sources: cite them before validating",
            )
        )
    partnerships, events, skipped = _partnerships(g, ids, base, where, unmapped)
    for relation, n in sorted(skipped.items()):
        unmapped.append(
            Unmapped(
                f"{where} edges",
                f"{n} {relation} edge(s)",
                "not a partnership: the records behind them are not in a graph",
            )
        )
    title = str(g.graph.get("name") or "")
    return Imported(
        title, {"actors": actors, "partnerships": partnerships, "events": events}, unmapped
    )


def _partnerships(g, ids, base, where, unmapped):
    grouped: dict[str, dict] = {}
    skipped: Counter[str] = Counter()
    taken = {str(r["partnership_id"]) for r in base.get("partnerships", [])}
    for u, v, key, data in g.edges(keys=True, data=True):
        relation = data.get("relation")
        if relation in _NOT_PARTNERSHIPS:
            skipped[str(relation)] += 1
            continue
        ends = [str(x) for x in (u, v) if str(x) in ids]
        hub = any(g.nodes[x].get("node_type") == "partnership" for x in (u, v))
        if len(ends) < 2 - hub or not ends:
            unmapped.append(
                Unmapped(
                    f"{where} edge {key}",
                    f"{u} -> {v}",
                    "joins a node that is not an actor: not imported",
                )
            )
            continue
        record = data.get("record_id")
        if not is_id(record):
            record = slug_id(data.get("label") or f"{ids[str(u)]}-{ids[str(v)]}", "pt-", taken)
        found = grouped.setdefault(str(record), {"parties": [], "data": data})
        for end in (ids[x] for x in ends):
            if end not in found["parties"]:
                found["parties"].append(end)
    rows, events = [], []
    for pid, found in grouped.items():
        data = found["data"]
        label = data.get("label")
        kind = term("partnership_kind", data.get("partnership_kind"))
        binding = data.get("binding")
        row = {
            "partnership_id": pid,
            "name": label,
            "short_name": label,
            "kind": kind,
            "parties": ";".join(found["parties"]),
            "binding": binding if isinstance(binding, bool) else None,
            "takes_effect": term("takes_effect", data.get("takes_effect")),
        }
        if label is not None:
            unmapped.append(
                Unmapped(
                    f"partnerships.csv {pid} name",
                    str(label),
                    "the graph carries one name (its label): used as the full name too",
                )
            )
        for field in ("name", "kind", "binding", "summary", "source_ids"):
            if row.get(field) is None:
                unmapped.append(
                    Unmapped(
                        f"partnerships.csv {pid} {field}",
                        str(data.get(field, "")),
                        "the graph does not give it: left empty, fill it in",
                    )
                )
        rows.append(row)
        milestones = (
            ("start", "accession" if kind == "membership" else "signing"),
            ("in_force", "entry_into_force"),
            ("end", "termination"),
        )
        for attr, event_kind in milestones:
            day = _day(data.get(attr))
            if day is None:
                continue
            events.append(
                {
                    "event_id": f"ev-{pid}-{event_kind.replace('_', '-')}",
                    "kind": event_kind,
                    "occurred": day,
                    "actor_ids": row["parties"],
                    "partnership_id": pid,
                    "summary": f"{label or pid}: {event_kind.replace('_', ' ')} "
                    f"(from the {attr} of the graph's edge)",
                }
            )
        if len(data.get("spells", ())) > 1:
            unmapped.append(
                Unmapped(
                    f"{where} edge {pid} spells",
                    str(data["spells"]),
                    "only the first interval of an edge is read",
                )
            )
    if events:
        unmapped.append(
            Unmapped(
                "events.csv reported, credibility, source_ids",
                f"{len(events)} milestone events",
                "a graph's intervals say when, not who reported it: fill in",
            )
        )
    return rows, events, skipped
