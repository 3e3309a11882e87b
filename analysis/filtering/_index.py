"""Integer codes of a dossier's records, built once per dossier, for vectorised filtering.

Filtering a million statements by actor, kind, date and grade must take milliseconds, so the
columns that filters look at are turned, once, into numpy arrays of integer codes: dates as
day numbers, vocabularies as category codes, actors as positions in the actors table, and the
list columns (an event's actors, an allegation's parties) as flat (row, actor) pairs.
:func:`record_index` builds the index and keeps it for as long as the dossier lives.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.common.dates import known_by
from analysis.dossier.model import Dossier
from analysis.schema import VOCABULARIES

__all__ = [
    "RecordIndex",
    "record_index",
    "record_kinds",
    "KINDS",
    "STANCE_CLASSES",
    "STATEMENT_RELATIONS",
]

#: One code space for what a record is: statement stances first, then event kinds.
KINDS: tuple[str, ...] = tuple(VOCABULARIES["stance"]) + tuple(VOCABULARIES["event_kind"])


def record_kinds(vocabularies) -> tuple[str, ...]:
    """What a record of a dossier can be: :data:`KINDS`, then the event kinds the dossier adds
    in its descriptor (``vocabularies.event_kind``, in the order declared), each filtered,
    drawn and named as itself.

    >>> record_kinds({"event_kind": {"signing": "", "announcement": "A pact is announced."}})[-2:]
    ('other', 'announcement')
    """
    declared = (vocabularies or {}).get("event_kind") or {}
    return KINDS + tuple(k for k in declared if k not in KINDS)


#: What a statement counts as for the status of its allegation
#: (see :mod:`analysis.filtering.status`).
STANCE_CLASSES = ("alleges", "denies", "partly_acknowledges", "confirms")

#: Relations drawn from single statements, in code order.
STATEMENT_RELATIONS = ("alleges against", "denies")

_CACHE: weakref.WeakKeyDictionary[Dossier, RecordIndex] = weakref.WeakKeyDictionary()


def _days(series: pd.Series) -> np.ndarray:
    """Day numbers since 1970-01-01 (NaT becomes the smallest int64)."""
    return series.to_numpy(dtype="datetime64[us]").astype("datetime64[D]").astype(np.int64)


def _end_days(start: np.ndarray, precision: pd.Series) -> np.ndarray:
    """Last day of each period: the day itself, the month's last day, or the year's."""
    code = precision.cat.codes.to_numpy()
    day = start.astype("datetime64[D]")
    month_end = (day.astype("datetime64[M]") + 1).astype("datetime64[D]") - 1
    year_end = (day.astype("datetime64[Y]") + 1).astype("datetime64[D]") - 1
    end = np.where(code == 1, month_end, np.where(code == 2, year_end, day))
    return end.astype(np.int64)


def _codes(values: pd.Series, categories: pd.Index) -> np.ndarray:
    """Position of each value in ``categories``; -1 for missing or unknown values."""
    return pd.Categorical(values, categories=categories).codes.astype(np.int32)


def _pairs(lists: pd.Series, categories: pd.Index) -> tuple[np.ndarray, np.ndarray]:
    """Flatten a column of id tuples into (row, code) pairs, unknown ids dropped."""
    lengths = np.fromiter((len(t) for t in lists), dtype=np.int64, count=len(lists))
    rows = np.repeat(np.arange(len(lists), dtype=np.int64), lengths)
    flat = [x for t in lists for x in t]
    codes = _codes(pd.Series(flat, dtype=object), categories) if flat else np.zeros(0, np.int32)
    keep = codes >= 0
    return rows[keep], codes[keep].astype(np.int64)


def _gather(offsets: np.ndarray, values: np.ndarray, keys: np.ndarray):
    """For each ``keys[i]``, the slice ``values[offsets[k]:offsets[k+1]]``, flattened.

    Returns (position in ``keys``, value) pairs.
    """
    counts = offsets[keys + 1] - offsets[keys]
    pos = np.repeat(np.arange(len(keys)), counts)
    within = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    return pos, values[offsets[keys][pos] + within]


def _unique_pairs(rows: np.ndarray, codes: np.ndarray, n_codes: int):
    """(row, code) pairs without repeats, in row order."""
    key = np.unique(rows.astype(np.int64) * n_codes + codes)
    return key // n_codes, key % n_codes


def _csr(rows: np.ndarray, values: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    order = np.argsort(rows, kind="stable")
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=n), out=offsets[1:])
    return offsets, values[order]


@dataclass(frozen=True, eq=False)
class _Table:
    """Codes of one record table (statements or events)."""

    n: int
    date: np.ndarray  # occurred, start day
    date_end: np.ndarray  # occurred, last day of its period
    precision: np.ndarray  # occurred precision: 0 day, 1 month, 2 year
    month: np.ndarray  # occurred, months since January 1970
    reported: np.ndarray  # known by: the last day of the reported period (common.dates.known_by)
    reliability: np.ndarray  # 0 = A .. 5 = F
    credibility: np.ndarray  # 0 = "1" .. 5 = "6"
    kind: np.ndarray  # code in the index's kinds (record_kinds of the dossier)
    allegation: np.ndarray  # first allegation named (one colour per record), -1 none
    claim_row: np.ndarray  # (row, allegation) pairs of every allegation a record names
    claim_allegation: np.ndarray
    partnership: np.ndarray  # partnership code, -1 none
    order: np.ndarray  # rows by occurred date (stable)
    lane_row: np.ndarray  # (row, actor) pairs of who acts: lanes and activity
    lane_actor: np.ndarray
    involved_row: np.ndarray  # (row, actor) pairs of everyone the record involves
    involved_actor: np.ndarray


def _kind_codes(kinds: pd.Series, vocabulary: tuple[str, ...]) -> np.ndarray:
    """Code in ``vocabulary`` (the dossier's :func:`record_kinds`) of each stance or event kind;
    a kind the dossier does not declare (validation rejects it) counts as ``other``."""
    codes = pd.Index(vocabulary).get_indexer(kinds.astype(object)).astype(np.int32)
    codes[(codes < 0) & kinds.notna().to_numpy()] = vocabulary.index("other")
    return codes


def _first(rows: np.ndarray, codes: np.ndarray, n: int) -> np.ndarray:
    """The first code of each row in (row, code) pairs sorted by row; -1 for rows without."""
    first = np.full(n, -1, dtype=np.int32)
    which, at = np.unique(rows, return_index=True)
    first[which] = codes[at]
    return first


def _table(
    frame: pd.DataFrame,
    kinds: pd.Series,
    vocabulary: tuple[str, ...],
    claims: tuple[np.ndarray, np.ndarray],
    partnerships: pd.Index,
    lanes: tuple[np.ndarray, np.ndarray],
    involved: tuple[np.ndarray, np.ndarray],
) -> _Table:
    date = _days(frame["occurred"])
    return _Table(
        n=len(frame),
        date=date,
        date_end=_end_days(date, frame["occurred_precision"]),
        precision=frame["occurred_precision"].cat.codes.to_numpy().astype(np.int8),
        month=date.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64),
        reported=_end_days(_days(frame["reported"]), frame["reported_precision"]),
        reliability=frame["reliability"].cat.codes.to_numpy().astype(np.int8),
        credibility=frame["credibility"].cat.codes.to_numpy().astype(np.int8),
        kind=_kind_codes(kinds, vocabulary),
        allegation=_first(claims[0], claims[1], len(frame)),
        claim_row=claims[0],
        claim_allegation=claims[1],
        partnership=_codes(frame["partnership_id"], partnerships),
        order=np.argsort(date, kind="stable"),
        lane_row=lanes[0],
        lane_actor=lanes[1],
        involved_row=involved[0],
        involved_actor=involved[1],
    )


class RecordIndex:
    """Integer codes of a dossier's statements, events, allegations and partnerships.

    Attributes
    ----------
    actor_ids, allegation_ids, partnership_ids : pandas.Index of ids; a code is a position.
    statements, events : per-table code arrays (see the module docstring).
    party_offsets, party_actor : each allegation's parties (accused, then beneficiaries).
    accused_*, beneficiary_* : the same for accused and beneficiaries alone.
    evidence_* : statements on an allegation, once per party (``evidence_actor``), sorted by
        date reported, with their class in :data:`STANCE_CLASSES` (-1 when the statement does
        not bear on the status).
    edge_* : (statement, source actor, target actor, relation) of the statement relations whose
        ends do not depend on the date; ``party_denial_*`` are denials by a party, whose target
        (the first accuser) depends on what is known by the date.
    """

    def __init__(self, dossier: Dossier):
        actors = pd.Index(dossier.actors["actor_id"].astype(str))
        allegations = pd.Index(dossier.allegations["allegation_id"].astype(str))
        partnerships = pd.Index(dossier.partnerships["partnership_id"].astype(str))
        self.actor_ids, self.allegation_ids, self.partnership_ids = (
            actors,
            allegations,
            partnerships,
        )
        #: what each ``kind`` code means: :func:`record_kinds` of the dossier
        self.kinds = record_kinds(dossier.vocabularies)
        self.source_ids = pd.Index(dossier.sources["source_id"].astype(str))
        self.source_ids.get_indexer(self.source_ids[:1])  # build the hash table now, once
        #: Small results derived from the index (see :func:`analysis.filtering.apply_filters`).
        self.cache: dict[tuple, object] = {}
        n_actors, n_alleg = len(actors), len(allegations)

        al = dossier.allegations
        acc_rows, acc_actor = _pairs(al["accused_ids"], actors)
        ben_rows, ben_actor = _pairs(al["beneficiary_ids"], actors)
        self.accused_offsets, self.accused_actor = _csr(acc_rows, acc_actor, n_alleg)
        #: whether each allegation alleges a transfer (drawn accused -> beneficiary)
        self.alleges_transfer = al["alleges_transfer"].fillna(False).to_numpy(dtype=bool)
        self.beneficiary_offsets, self.beneficiary_actor = _csr(ben_rows, ben_actor, n_alleg)
        self.party_offsets, self.party_actor = _csr(
            np.concatenate([acc_rows, ben_rows]), np.concatenate([acc_actor, ben_actor]), n_alleg
        )

        st = dossier.statements
        s_actor = _codes(st["actor_id"], actors).astype(np.int64)
        s_speaker = _codes(st["speaker_id"], actors).astype(np.int64)
        # a statement may name several allegations: one claim per (statement, allegation)
        c_row, c_alleg = _pairs(st["allegation_ids"], allegations)
        rows = np.arange(len(st), dtype=np.int64)
        pos, party = _gather(self.party_offsets, self.party_actor, c_alleg)
        has_speaker = s_speaker >= 0
        # a joint statement is one row naming every party: (row, actor) pairs, first actor first
        j_row, j_actor = _pairs(st["joint_actor_ids"], actors)
        k_row, k_actor = _pairs(st["joint_speaker_ids"], actors)
        p_row, p_actor = np.concatenate([rows, j_row]), np.concatenate([s_actor, j_actor])
        involved = (
            np.concatenate([p_row, rows[has_speaker], k_row, c_row[pos]]),
            np.concatenate([p_actor, s_speaker[has_speaker], k_actor, party]),
        )
        keep = involved[1] >= 0
        involved = _unique_pairs(involved[0][keep], involved[1][keep], n_actors)
        p_offsets, p_actor = _csr(p_row, p_actor, len(st))
        lane_row = np.repeat(rows, np.diff(p_offsets))
        lanes = (lane_row[p_actor >= 0], p_actor[p_actor >= 0])
        self.statement_actor = s_actor
        self.statements = _table(
            st, st["stance"], self.kinds, (c_row, c_alleg), partnerships, lanes, involved
        )

        ev = dossier.events
        act = _pairs(ev["actor_ids"], actors)
        tgt = _pairs(ev["target_ids"], actors)
        e_alleg = _codes(ev["allegation_id"], allegations).astype(np.int64)
        e_rows = np.flatnonzero(e_alleg >= 0).astype(np.int64)
        self.events = _table(
            ev,
            ev["kind"],
            self.kinds,
            (e_rows, e_alleg[e_rows]),
            partnerships,
            act,
            _unique_pairs(
                np.concatenate([act[0], tgt[0]]), np.concatenate([act[1], tgt[1]]), n_actors
            ),
        )

        # every party of every claim: a joint statement's claim is made by each of its parties
        at, c_actor = _gather(p_offsets, p_actor, c_row)
        c_row, c_alleg = c_row[at], c_alleg[at]
        # which claim is by a party to its allegation
        party_key = np.unique(
            np.repeat(np.arange(n_alleg), np.diff(self.party_offsets)) * n_actors + self.party_actor
        )
        is_party = np.isin(c_alleg * n_actors + c_actor, party_key)
        stance = st["stance"].astype(str).to_numpy()[c_row]
        cls = np.full(len(c_row), -1, dtype=np.int8)
        cls[(stance == "alleges") | ((stance == "confirms") & ~is_party)] = 0
        cls[stance == "denies"] = 1
        cls[(stance == "partly_acknowledges") & is_party] = 2
        cls[(stance == "confirms") & is_party] = 3
        by_date = np.argsort(self.statements.reported[c_row], kind="stable")
        self.evidence_statement = c_row[by_date]
        self.evidence_allegation = c_alleg[by_date]
        self.evidence_class = cls[by_date]
        self.evidence_actor = c_actor[by_date]
        #: whether some statement names several allegations or parties (its relations are then
        #: counted once per statement and party, not once per allegation)
        self.multi_claims = len(np.unique(c_row)) < len(c_row)

        # statement relations: accuser -> each accused; a non-party denier -> each accused
        claims = np.arange(len(c_row), dtype=np.int64)
        alleging = claims[cls == 0]
        denying = claims[(cls == 1) & ~is_party]
        src_claims = np.concatenate([alleging, denying])
        relation = np.concatenate(
            [np.zeros(len(alleging), np.int64), np.ones(len(denying), np.int64)]
        )
        pos, accused = _gather(self.accused_offsets, self.accused_actor, c_alleg[src_claims])
        src = c_actor[src_claims][pos]
        ok = (src >= 0) & (src != accused)
        edges = np.stack([c_row[src_claims][pos][ok], src[ok], accused[ok], relation[pos][ok]])
        if self.multi_claims:  # one edge per statement, however many of its allegations lead to it
            edges = np.unique(edges, axis=1)
        self.edge_statement, self.edge_source, self.edge_target, self.edge_relation = edges
        party_denials = claims[(cls == 1) & is_party]
        self.party_denial_statement = c_row[party_denials]
        self.party_denial_allegation = c_alleg[party_denials]
        self.party_denial_source = c_actor[party_denials]

        # partnership milestones (a few rows; kept as a small frame)
        milestone = ev["partnership_id"].notna() & ev["kind"].isin(
            ["signing", "accession", "entry_into_force", "termination"]
        )
        self.milestones = ev.loc[
            milestone,
            [
                "partnership_id",
                "kind",
                "occurred",
                "occurred_precision",
                "occurred_approx",
                "reported",
            ],
        ].assign(kind=lambda f: f["kind"].astype(str), known=lambda f: known_by(ev.loc[f.index]))

    @property
    def n_actors(self) -> int:
        return len(self.actor_ids)


def record_index(dossier: Dossier) -> RecordIndex:
    """The :class:`RecordIndex` of ``dossier``, built on first use and kept while it lives."""
    index = _CACHE.get(dossier)
    if index is None:
        index = RecordIndex(dossier)
        _CACHE[dossier] = index
    return index


def reported_days(dossier: Dossier, max_steps: int | None = None) -> list[pd.Timestamp]:
    """Every day on which what the dossier knew changed: the days by which its statements and
    events were known (the last day of a month- or year-precision ``reported``; records with
    no report date are left out), in order.

    This is the one rule behind every as-of control (the explorer's slider and the static
    figures' slider). With ``max_steps``, the days are thinned evenly to at most that many,
    keeping the first and the last.

    >>> from analysis.synthetic import synthetic_dossier
    >>> days = reported_days(synthetic_dossier(200), max_steps=3)
    >>> len(days), days == sorted(days)
    (3, True)
    """
    ix = record_index(dossier)
    days = np.unique(np.concatenate([ix.statements.reported, ix.events.reported]))
    days = days[days > np.iinfo(np.int64).min]  # no missing dates
    if max_steps is not None:
        if max_steps < 1:
            raise ValueError(f"steps must be at least 1; got {max_steps}")
        if len(days) > max_steps:
            keep = np.unique(np.linspace(0, len(days) - 1, int(max_steps)).round().astype(int))
            days = days[keep]
    return [pd.Timestamp(np.datetime64(int(d), "D")) for d in days]
