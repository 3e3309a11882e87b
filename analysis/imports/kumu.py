"""A Kumu map (its JSON, or its Elements and Connections sheets as CSV) -> actors and
partnerships.

Kumu's JSON is an object with ``elements`` and ``connections``; an element has a label and a
type (and any other fields), a connection ``from`` and ``to`` (labels, or the ``_id`` of
Kumu's own export, whose fields sit under ``attributes``) and a type. The CSV form is a folder
holding ``elements.csv`` (Label, Type, Description, Tags, ...) and ``connections.csv`` (From,
To, Type, Direction, Label, ...).

* An element is an actor: its id is its ``ID`` field when that is a valid dossier id, else
  made from its label; its kind is its type when the type is an actor kind (``State``,
  ``Think tank``); a ``Wikidata`` field gives the ``wikidata`` column.
* A connection is a partnership between its two ends when its type is a partnership kind
  (``Treaty``, ``Joint statement``) or it has no type (the kind is then left to fill in); a
  connection of another type (``alleges``, ``funds``) is not a partnership and is listed.

Everything else (descriptions, tags, directions, other fields) and each required field the
map does not give is listed in the report, never guessed.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from analysis.imports.result import Imported, Rows, is_id, slug_id, term
from analysis.imports.writing import ImportRefused, Unmapped

__all__ = ["read_kumu"]

_KNOWN = {"label", "type", "element type", "connection type", "id", "_id", "from", "to"}
_KNOWN |= {"wikidata"}


def _fields(item: dict) -> dict[str, object]:
    attributes = item.get("attributes")
    inner: dict = attributes if isinstance(attributes, dict) else {}
    merged = {**{k: v for k, v in item.items() if k != "attributes"}, **inner}
    return {str(k).strip().lower(): v for k, v in merged.items() if v not in (None, "", [])}


def _load(path: Path) -> tuple[list[dict], list[dict]]:
    if path.is_dir():
        found = {}
        for name in ("elements", "connections"):
            file = path / f"{name}.csv"
            if not file.exists():
                raise ImportRefused(f"{path}: a Kumu folder holds elements.csv and connections.csv")
            with open(file, newline="", encoding="utf-8-sig") as fh:
                found[name] = list(csv.DictReader(fh))
        return found["elements"], found["connections"]
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ImportRefused(f"{path.name}: not JSON: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("elements"), list):
        raise ImportRefused(f"{path.name}: a Kumu JSON file is an object with 'elements'")
    return data["elements"], list(data.get("connections") or [])


def read_kumu(path: Path, base: Rows) -> Imported:
    """Read a Kumu JSON file or CSV folder as actors and partnerships."""
    elements, connections = _load(path)
    where = path.name
    unmapped: list[Unmapped] = []
    taken = {str(r["actor_id"]) for r in base.get("actors", [])}
    ids: dict[str, str] = {}
    actors = []
    for n, item in enumerate(elements):
        f = _fields(item)
        label = str(f.get("label") or "").strip()
        if not label:
            unmapped.append(
                Unmapped(
                    f"{where} element {n}",
                    str(item)[:80],
                    "an element without a label: not imported",
                )
            )
            continue
        own = f.get("id")
        actor_id = str(own) if is_id(own) and own not in taken else slug_id(label, "", taken)
        taken.add(actor_id)
        for key in (label, str(f.get("_id", label))):
            ids[key] = actor_id
        kind_text = f.get("type", f.get("element type"))
        row: dict[str, object] = {"actor_id": actor_id, "name": label}
        row["kind"] = term("actor_kind", kind_text)
        wikidata = f.get("wikidata")
        row["wikidata"] = wikidata
        actors.append(row)
        if row["kind"] is None:
            unmapped.append(
                Unmapped(
                    f"actors.csv {actor_id} kind",
                    str(kind_text or ""),
                    "not an actor kind (state, bloc, organisation, person, "
                    "media, think tank): left empty, choose one",
                )
            )
        extra = sorted(set(f) - _KNOWN)
        if extra:
            unmapped.append(
                Unmapped(
                    f"{where} element {label}",
                    ", ".join(extra),
                    "fields with no actor field: not imported",
                )
            )
    if actors:
        unmapped.append(
            Unmapped(
                "actors.csv alignment, source_ids",
                f"{len(actors)} actors",
                "a Kumu map gives neither: fill them in",
            )
        )
    partnerships = _connections(connections, ids, base, where, unmapped)
    return Imported("", {"actors": actors, "partnerships": partnerships}, unmapped)


def _connections(connections, ids, base, where, unmapped):
    taken = {str(r["partnership_id"]) for r in base.get("partnerships", [])}
    rows: list[dict[str, object]] = []
    for n, item in enumerate(connections):
        f = _fields(item)
        ends = [ids.get(str(f.get(k, ""))) for k in ("from", "to")]
        kind_text = f.get("type", f.get("connection type"))
        kind = term("partnership_kind", kind_text)
        at = f"{where} connection {n}"
        if None in ends:
            unmapped.append(
                Unmapped(
                    at, f"{f.get('from')} -> {f.get('to')}", "an end names no element: not imported"
                )
            )
            continue
        if kind_text and kind is None:
            unmapped.append(
                Unmapped(
                    at,
                    str(kind_text),
                    "not a partnership kind (treaty, "
                    "joint statement, membership, agreement): record it as a "
                    "statement or event; not imported",
                )
            )
            continue
        label = f.get("label")
        own = f.get("id")
        pid = str(own) if is_id(own) and own not in taken else (
            slug_id(label or f"{ends[0]}-{ends[1]}", "pt-", taken))  # fmt: skip
        taken.add(pid)
        rows.append({"partnership_id": pid, "name": label, "short_name": label, "kind": kind,
                     "parties": ";".join(dict.fromkeys(ends))})  # fmt: skip
        missing = [k for k in ("name", "kind") if rows[-1][k] is None]
        missing += ["binding", "summary", "source_ids"]
        unmapped.append(
            Unmapped(
                f"partnerships.csv {pid}",
                ", ".join(missing),
                "the map does not say: left empty, fill in",
            )
        )
        extra = sorted(set(f) - _KNOWN - {"direction"})
        if extra:
            unmapped.append(Unmapped(at, ", ".join(extra), "fields with no partnership field"))
    return rows
