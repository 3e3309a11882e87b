"""Relations between actors, derived from the records a view keeps.

* partnership and membership: between the two parties of a partnership (undirected), with
  the partnership's state as status; a partnership of three or more parties is one node of its
  own (its ``partnership_id``) joined to each party, never pairwise edges that would merge
  with other partnerships between the same pair;
* alleges against: from whoever alleges (or, as a third party, confirms) an allegation to each
  accused;
* denies: from a party who denies it to its first accuser; from anyone else who denies it to
  each accused;
* alleged transfer / confirmed transfer: from each accused to each beneficiary of an allegation
  that alleges a transfer (``alleges_transfer``, declared in the data) and has been reported,
  "confirmed" once a party has confirmed it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.filtering._index import RecordIndex
from analysis.filtering.status import STATUSES

__all__ = ["relations", "RELATIONS", "DIRECTED", "EDGE_COLUMNS"]

#: Relations between actors, as drawn in the network.
RELATIONS = (
    "partnership",
    "membership",
    "alleges against",
    "denies",
    "alleged transfer",
    "confirmed transfer",
)
#: Relations that point from one actor to another.
DIRECTED = frozenset({"alleges against", "denies", "alleged transfer", "confirmed transfer"})
#: Columns of a relations table.
EDGE_COLUMNS = ["source", "target", "relation", "directed", "status", "weight", "labels"]


_ALLEGES, _DENIES = RELATIONS.index("alleges against"), RELATIONS.index("denies")
_RELATION_TYPE = pd.CategoricalDtype(list(RELATIONS))


class _Edges:
    """Columns of a relations table, gathered part by part as actor and relation codes."""

    def __init__(self) -> None:
        self.src: list[np.ndarray] = []
        self.dst: list[np.ndarray] = []
        self.rel: list[np.ndarray] = []
        self.weight: list[np.ndarray] = []
        self.status: list = []
        self.labels: list = []

    def add(self, src, dst, rel, weight, status, labels) -> None:
        self.src.append(np.asarray(src, dtype=np.int64))
        self.dst.append(np.asarray(dst, dtype=np.int64))
        self.rel.append(np.asarray(rel, dtype=np.int64))
        self.weight.append(np.asarray(weight, dtype=np.int64))
        self.status += status
        self.labels += labels

    def frame(self, ids: np.ndarray, keep: np.ndarray | None = None) -> pd.DataFrame:
        src, dst, rel = (
            np.concatenate(x) if x else np.zeros(0, np.int64)
            for x in (self.src, self.dst, self.rel)
        )
        weight = np.concatenate(self.weight) if self.weight else np.zeros(0, np.int64)
        status = np.array(self.status, dtype=object)
        labels = np.empty(len(self.labels), dtype=object)
        labels[:] = self.labels
        if keep is not None:
            src, dst, rel, weight, status, labels = (
                x[keep] for x in (src, dst, rel, weight, status, labels)
            )
        return pd.DataFrame(
            {
                "source": ids[src],
                "target": ids[dst],
                "relation": pd.Categorical.from_codes(rel, dtype=_RELATION_TYPE),
                "directed": np.isin(rel, [RELATIONS.index(r) for r in DIRECTED]),
                "status": pd.Series(status, dtype=object),
                "weight": weight,
                "labels": labels,
            }
        )


def _statement_edges(ix: RecordIndex, ms: np.ndarray, first: np.ndarray, out: _Edges) -> None:
    """Alleges against and denies, counted over the kept statements."""
    sel0 = sel = ms[ix.edge_statement]
    src, dst, rel = ix.edge_source[sel], ix.edge_target[sel], ix.edge_relation[sel]
    sel = ms[ix.party_denial_statement]
    d_src = ix.party_denial_source[sel]
    d_dst = first[ix.party_denial_allegation[sel]]
    ok = (d_dst >= 0) & (d_src >= 0) & (d_src != d_dst)
    src = np.concatenate([src, d_src[ok]])
    dst = np.concatenate([dst, d_dst[ok]])
    rel = np.concatenate([rel, np.ones(int(ok.sum()), np.int64)])
    n = ix.n_actors
    key = (src * n + dst) * 2 + rel
    if ix.multi_claims:  # a denial of several allegations with one first accuser counts once
        stmt = np.concatenate([ix.edge_statement[sel0], ix.party_denial_statement[sel][ok]])
        pairs = np.unique(np.stack([stmt, key]), axis=1)
        key = pairs[1]
    if n * n * 2 <= 4_000_000:
        counts = np.bincount(key, minlength=n * n * 2)
        key = np.flatnonzero(counts)
        weight = counts[key]
    else:
        key, weight = np.unique(key, return_counts=True)
    relation = np.where(key % 2 == 0, _ALLEGES, _DENIES)
    out.add(key // 2 // n, key // 2 % n, relation, weight, [None] * len(key), [()] * len(key))


def _grouped(groups: dict[tuple, list], out: _Edges) -> None:
    """Add edges from {(source code, target code, relation): [status, weight, labels]}."""
    keys = sorted(groups)
    out.add(
        [k[0] for k in keys],
        [k[1] for k in keys],
        [RELATIONS.index(k[2]) for k in keys],
        [groups[k][1] for k in keys],
        [groups[k][0] for k in keys],
        [tuple(groups[k][2]) for k in keys],
    )


def _transfer_edges(ix: RecordIndex, status: np.ndarray, in_view: np.ndarray, out: _Edges) -> None:
    """Accused -> beneficiary of each allegation in view (confirmed or alleged transfer)."""
    groups: dict[tuple, list] = {}
    for a in np.flatnonzero(in_view & (status > 0) & ix.alleges_transfer):
        accused = ix.accused_actor[ix.accused_offsets[a] : ix.accused_offsets[a + 1]]
        benef = ix.beneficiary_actor[ix.beneficiary_offsets[a] : ix.beneficiary_offsets[a + 1]]
        code = int(status[a])
        relation = "confirmed transfer" if STATUSES[code] == "confirmed" else "alleged transfer"
        for s in accused.tolist():
            for t in benef.tolist():
                if s == t:
                    continue
                g = groups.setdefault((s, t, relation), [code, 0, []])
                g[0] = max(g[0], code)
                g[1] += 1
                g[2].append(ix.allegation_ids[a])
    for g in groups.values():
        g[0] = STATUSES[g[0]]
    _grouped(groups, out)


_STATE_RANK = {s: i for i, s in enumerate(("undated", "ended", "signed", "in_force"))}


def _partnership_groups(ix: RecordIndex, partnerships: pd.DataFrame) -> dict[tuple, list]:
    """One undirected edge per pair of parties and relation; its status is the liveliest. A
    partnership of three or more parties is a node (code ``n_actors`` + its position) with an
    edge to each party."""
    groups: dict[tuple, list] = {}
    node = ix.partnership_ids.get_indexer(partnerships["partnership_id"].astype(str))
    for kind, parties, state, label, p in zip(
        partnerships["kind"],
        partnerships["parties"],
        partnerships["state"],
        partnerships["short_name"],
        node,
        strict=True,
    ):
        relation = "membership" if kind == "membership" else "partnership"
        codes = [c for c in ix.actor_ids.get_indexer(list(dict.fromkeys(parties))) if c >= 0]
        if len(codes) > 2 and p >= 0:
            for c in codes:
                groups[(ix.n_actors + int(p), c, relation)] = [str(state), 1, [label]]
            continue
        for i, a in enumerate(codes):
            for b in codes[i + 1 :]:
                pair = sorted((a, b), key=lambda c: ix.actor_ids[c])  # by id: stable order
                g = groups.setdefault((*pair, relation), ["undated", 0, []])
                if _STATE_RANK[str(state)] > _STATE_RANK[g[0]]:
                    g[0] = str(state)
                g[1] += 1
                g[2].append(label)
    return groups


def relations(
    ix: RecordIndex,
    ms: np.ndarray,
    me: np.ndarray,
    status: np.ndarray,
    first: np.ndarray,
    partnerships: pd.DataFrame,
    *,
    kinds: tuple[str, ...] | None = None,
    statuses: tuple[str, ...] | None = None,
    allowed: np.ndarray | None = None,
) -> pd.DataFrame:
    """The relations between actors behind the kept records, one row per (source, target,
    relation).

    Parameters
    ----------
    ix : the dossier's record index.
    ms, me : masks of the statements and events kept.
    status, first : status code of each allegation and its first accuser (actor code or -1),
        as of the view's date.
    partnerships : the partnerships as they stood (:func:`analysis.filtering.partnerships_as_of`).
    kinds : relations to keep (see :data:`RELATIONS`); ``None`` keeps all.
    statuses : allegation statuses whose transfers are kept; ``None`` keeps all.
    allowed : actors (a mask over actor codes) of which each kept relation has one end.

    Returns
    -------
    pandas.DataFrame
        ``source``, ``target``, ``relation`` (categorical), ``directed``, ``status``,
        ``weight`` (records or partnerships behind it) and ``labels``. The source of an edge
        to a party of a partnership of three or more is that partnership's id.
    """
    n_alleg = len(ix.allegation_ids)
    in_view = np.zeros(n_alleg, dtype=bool)
    for t, m in ((ix.statements, ms), (ix.events, me)):
        about = t.claim_allegation[m[t.claim_row]]
        in_view |= np.bincount(about, minlength=n_alleg) > 0
    if statuses is not None:
        in_view &= np.isin(status, [STATUSES.index(s) for s in statuses])
    out = _Edges()
    key = ("partnership edges", id(partnerships))
    cached = ix.cache.get(key)
    if cached is None or cached[0] is not partnerships:
        cached = ix.cache[key] = (partnerships, _partnership_groups(ix, partnerships))
    _grouped(cached[1], out)
    _statement_edges(ix, ms, first, out)
    _transfer_edges(ix, status, in_view, out)
    rel = np.concatenate(out.rel) if out.rel else np.zeros(0, np.int64)
    keep = np.ones(len(rel), dtype=bool)
    if kinds is not None:
        keep &= np.isin(rel, [RELATIONS.index(k) for k in kinds])
    if allowed is not None and len(rel):
        allowed = np.concatenate([allowed, np.zeros(len(ix.partnership_ids), bool)])
        keep &= allowed[np.concatenate(out.src)] | allowed[np.concatenate(out.dst)]
    ids = np.concatenate(
        [ix.actor_ids.to_numpy(dtype=object), ix.partnership_ids.to_numpy(dtype=object)]
    )
    return out.frame(ids, keep)
