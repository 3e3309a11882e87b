"""Filters over a dossier, and the view of it they leave: pure, vectorised, fast at 10^6 rows.

:class:`Filters` is a frozen value; :func:`apply_filters` turns a dossier and a filter value
into a :class:`View`: the statements and events kept, the partnerships as they stood, the
status of every allegation as of the date asked about, the relations between actors (the
edges of the network) and how active each actor is. Figure and table builders take a view.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property

import numpy as np
import pandas as pd

from analysis.dossier.model import Dossier
from analysis.dossier.vocabulary import is_term
from analysis.filtering._index import KINDS, RecordIndex, record_index, record_kinds
from analysis.filtering.grades import check_credibility, check_reliability, grade_mask
from analysis.filtering.milestones import PARTNERSHIP_STATES, partnerships_as_of
from analysis.filtering.relations import DIRECTED, RELATIONS, relations
from analysis.filtering.status import STATUSES, allegation_status
from analysis.schema import RELIABILITY_GRADES

__all__ = [
    "Filters",
    "View",
    "apply_filters",
    "restrict",
    "RELATIONS",
    "DIRECTED",
    "PARTNERSHIP_STATES",
    "RECORD_KINDS",
    "record_kinds",
]

#: What a record can be: a statement's stance or an event's kind (built in; a dossier may add
#: event kinds: :func:`record_kinds`).
RECORD_KINDS = KINDS

_STATUS = pd.CategoricalDtype(list(STATUSES), ordered=True)
_RELIABILITY = list(RELIABILITY_GRADES)


def _timestamp(value, name: str) -> pd.Timestamp | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    try:
        return pd.Timestamp(value)
    except (ValueError, TypeError):
        raise ValueError(f"{name} must be a date; got {value!r}") from None


def _terms(value, name: str, allowed: Iterable[str] | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    terms = (value,) if isinstance(value, str) else tuple(str(v) for v in value)
    if allowed is None:
        return tuple(dict.fromkeys(terms))
    allowed = tuple(allowed)
    unknown = [t for t in terms if t not in allowed]
    if unknown:
        raise ValueError(f"unknown {name} {unknown[0]!r}; choose from {', '.join(allowed)}")
    return tuple(dict.fromkeys(terms))


@dataclass(frozen=True)
class Filters:
    """What to keep of a dossier. The default keeps everything.

    Parameters
    ----------
    date_range : (start, end), either may be ``None``; keeps records whose date (as a period:
        a month-precision date is the whole month) overlaps the range.
    as_of : show the world as known on this date: only records reported by then, allegation
        statuses as of then, partnerships as far as they had got by then.
    actors : keep records that involve any of these actor ids (an actor involved in a
        statement is its actor, its speaker or a party to its allegation); empty keeps all.
    neighbourhood_of : an actor id; adds it and its neighbours in the network to ``actors``.
    relations : relations drawn in the network (see :data:`RELATIONS`), and with them the
        partnership spans of the timeline; ``None`` for all.
    record_kinds : stances and event kinds kept (see :data:`RECORD_KINDS`, and
        :func:`record_kinds` for the kinds a dossier adds: a kind of the right form that the
        dossier lacks is an error of :func:`apply_filters`); ``None`` for all.
    statuses : allegation statuses kept (as of ``as_of``); records not about an allegation
        are not affected. ``None`` for all.
    min_reliability : keep records whose best source is graded this or better (A best).
    max_credibility : keep records whose information is graded this or better (1 best).

    Examples
    --------
    >>> Filters(min_reliability="B", max_credibility=3).min_reliability
    'B'
    >>> Filters(min_reliability="G")
    Traceback (most recent call last):
    ...
    ValueError: min_reliability must be one of A, B, C, D, E, F; got 'G'
    """

    date_range: tuple[pd.Timestamp | None, pd.Timestamp | None] = (None, None)
    as_of: pd.Timestamp | None = None
    actors: tuple[str, ...] = ()
    neighbourhood_of: str | None = None
    relations: tuple[str, ...] | None = None
    record_kinds: tuple[str, ...] | None = None
    statuses: tuple[str, ...] | None = None
    min_reliability: str = "F"
    max_credibility: int = 6

    def __post_init__(self) -> None:
        start, end = self.date_range if self.date_range is not None else (None, None)
        start, end = _timestamp(start, "date_range"), _timestamp(end, "date_range")
        if start is not None and end is not None and start > end:
            raise ValueError(f"date_range starts after it ends: {start.date()} > {end.date()}")
        set_ = object.__setattr__
        set_(self, "date_range", (start, end))
        set_(self, "as_of", _timestamp(self.as_of, "as_of"))
        actors = (self.actors,) if isinstance(self.actors, str) else tuple(self.actors or ())
        set_(self, "actors", tuple(dict.fromkeys(str(a) for a in actors)))
        set_(self, "neighbourhood_of", self.neighbourhood_of or None)
        set_(self, "relations", _terms(self.relations, "relation", RELATIONS))
        # a dossier may add event kinds, so a term of the right form is checked against the
        # dossier's kinds by apply_filters
        kinds = _terms(self.record_kinds, "record kind", None)
        bad = [k for k in kinds or () if k not in KINDS and not is_term(k)]
        if bad:
            raise ValueError(f"unknown record kind {bad[0]!r}; choose from {', '.join(KINDS)}")
        set_(self, "record_kinds", kinds)
        set_(self, "statuses", _terms(self.statuses, "status", STATUSES))
        set_(self, "min_reliability", check_reliability(self.min_reliability))
        set_(self, "max_credibility", check_credibility(self.max_credibility))


@dataclass(frozen=True, eq=False)
class View:
    """What is left of a dossier after :func:`apply_filters`.

    Attributes
    ----------
    dossier, filters : what the view was made from.
    statement_rows, event_rows : positions of the kept records in the dossier's frames,
        in order of date.
    status : status of every allegation as of ``filters.as_of`` (from statements that pass
        the reliability and credibility filters), indexed by allegation id.
    partnerships : the partnerships as they stood (see
        :func:`analysis.filtering.partnerships_as_of`), with ``signed``, ``in_force`` and
        ``ended`` dates (each with ``_precision``) and their ``state``.
    edges : relations between actors: ``source``, ``target``, ``relation``, ``directed``,
        ``status``, ``weight`` (records behind it) and ``labels`` (partnerships or allegations).
    activity : number of kept records that involve each actor, most active first.
    actors : the actor ids the view is restricted to, or ``None`` for all.
    """

    dossier: Dossier
    filters: Filters
    index: RecordIndex = field(repr=False)
    statement_rows: np.ndarray = field(repr=False)
    event_rows: np.ndarray = field(repr=False)
    status: pd.Series = field(repr=False)
    partnerships: pd.DataFrame = field(repr=False)
    edges: pd.DataFrame = field(repr=False)
    activity: pd.Series = field(repr=False)
    actors: tuple[str, ...] | None = None

    @cached_property
    def statements(self) -> pd.DataFrame:
        """The kept statements, in order of date (built on first use)."""
        return self.dossier.statements.iloc[self.statement_rows]

    @cached_property
    def events(self) -> pd.DataFrame:
        """The kept events, in order of date (built on first use)."""
        return self.dossier.events.iloc[self.event_rows]

    @cached_property
    def allegations(self) -> pd.DataFrame:
        """Allegations with their ``status`` as of the view's date, those the filters keep."""
        frame = self.dossier.allegations.assign(
            status=self.status.reindex(self.dossier.allegations["allegation_id"]).to_numpy()
        )
        if self.filters.statuses is not None:
            frame = frame[frame["status"].isin(self.filters.statuses)]
        return frame

    @cached_property
    def status_table(self) -> pd.DataFrame:
        """:func:`analysis.filtering.allegation_status` in full (who alleged, denied, confirmed)."""
        st = self.dossier.statements
        keep = _quality(self.index.statements, self.filters)
        return allegation_status(self.dossier.allegations, st[keep], self.filters.as_of)

    @property
    def n_records(self) -> int:
        return len(self.statement_rows) + len(self.event_rows)

    @property
    def empty(self) -> bool:
        """True when no statement, event, partnership or relation is left."""
        return self.n_records == 0 and self.partnerships.empty and self.edges.empty

    def __repr__(self) -> str:
        return (
            f"<View of {self.dossier.name!r}: {len(self.statement_rows)} statements, "
            f"{len(self.event_rows)} events, {len(self.edges)} relations>"
        )


# --- masks -------------------------------------------------------------------------------------


def _day(ts: pd.Timestamp | None) -> int | None:
    return None if ts is None else int(np.datetime64(ts.date(), "D").astype(np.int64))


def _quality(t, filters: Filters) -> np.ndarray:
    return grade_mask(
        t.reliability, t.credibility, filters.min_reliability, filters.max_credibility
    )


def _record_mask(
    t, filters: Filters, allowed_status: np.ndarray, kinds: tuple[str, ...]
) -> np.ndarray:
    mask = _quality(t, filters)
    cutoff = _day(filters.as_of)
    if cutoff is not None:
        mask &= t.reported <= cutoff
    lo, hi = (_day(d) for d in filters.date_range)
    if lo is not None:
        mask &= t.date_end >= lo
    if hi is not None:
        mask &= t.date <= hi
    if filters.record_kinds is not None:
        kept = np.isin(np.arange(len(kinds)), [kinds.index(k) for k in filters.record_kinds])
        mask &= kept[t.kind]
    if filters.statuses is not None:  # kept if not about an allegation, or one allowed
        about = np.bincount(t.claim_row, minlength=t.n) > 0
        allowed = allowed_status[t.claim_allegation]
        mask &= ~about | (np.bincount(t.claim_row[allowed], minlength=t.n) > 0)
    return mask


def _involving(t, allowed: np.ndarray) -> np.ndarray:
    hit = allowed[t.involved_actor]
    return np.bincount(t.involved_row[hit], minlength=t.n) > 0


def _status(ix: RecordIndex, filters: Filters) -> tuple[np.ndarray, np.ndarray]:
    """Status code of every allegation and its first accuser (actor code, -1), as of the date.

    The same rules as :func:`analysis.filtering.allegation_status`, vectorised.
    """
    n = len(ix.allegation_ids)
    rows = ix.evidence_statement
    m = _quality(ix.statements, filters)[rows]
    cutoff = _day(filters.as_of)
    if cutoff is not None:
        m &= ix.statements.reported[rows] <= cutoff
    cls, al = ix.evidence_class[m], ix.evidence_allegation[m]
    has = [np.bincount(al[cls == c], minlength=n) > 0 for c in range(4)]
    alleged, denied, partly, confirmed = has
    status = np.select(
        [confirmed, partly, alleged & denied, alleged, denied], [5, 4, 3, 2, 1], default=0
    )
    first = np.full(n, -1, dtype=np.int64)
    accusing = np.flatnonzero(m & (ix.evidence_class == 0))
    if len(accusing):
        which, at = np.unique(ix.evidence_allegation[accusing], return_index=True)
        first[which] = ix.evidence_actor[accusing[at]]
    return status, first


# --- the view ---------------------------------------------------------------------------------


def _activity(ix: RecordIndex, ms: np.ndarray, me: np.ndarray) -> pd.Series:
    n = ix.n_actors
    counts = np.zeros(n, dtype=np.int64)
    for t, m in ((ix.statements, ms), (ix.events, me)):
        counts += np.bincount(t.involved_actor[m[t.involved_row]], minlength=n)
    series = pd.Series(counts, index=ix.actor_ids, name="records")
    return series[series > 0].sort_values(ascending=False, kind="stable")


def _allowed(ix: RecordIndex, ids: Iterable[str]) -> np.ndarray:
    ids = list(ids)
    codes = ix.actor_ids.get_indexer(ids)
    if (codes < 0).any():
        missing = [a for a, c in zip(ids, codes, strict=True) if c < 0]
        raise KeyError(f"no actor with id {missing[0]!r}")
    allowed = np.zeros(ix.n_actors, dtype=bool)
    allowed[codes] = True
    return allowed


def _rows(t, mask: np.ndarray) -> np.ndarray:
    return t.order[mask[t.order]]


def apply_filters(dossier: Dossier, filters: Filters | None = None) -> View:
    """The view of ``dossier`` that ``filters`` leave (everything when ``None``).

    Examples
    --------
    >>> from analysis.synthetic.dossiers import synthetic_dossier
    >>> d = synthetic_dossier(1_000)
    >>> apply_filters(d).n_records
    1000
    >>> apply_filters(d, Filters(record_kinds=("denies",))).events.empty
    True
    """
    filters = filters or Filters()
    ix = record_index(dossier)
    status, first = _status(ix, filters)
    allowed_status = (
        np.isin(status, [STATUSES.index(s) for s in filters.statuses])
        if filters.statuses is not None
        else np.ones(len(status), bool)
    )
    unknown = [k for k in filters.record_kinds or () if k not in ix.kinds]
    if unknown:
        raise ValueError(f"unknown record kind {unknown[0]!r}; choose from {', '.join(ix.kinds)}")
    ms = _record_mask(ix.statements, filters, allowed_status, ix.kinds)
    me = _record_mask(ix.events, filters, allowed_status, ix.kinds)
    partnerships = partnerships_as_of(dossier, filters.as_of, filters.date_range)
    allowed = None
    if filters.actors or filters.neighbourhood_of:
        wanted = list(filters.actors)
        centre = filters.neighbourhood_of
        if centre is not None:
            _allowed(ix, [centre])
            around = relations(
                ix,
                ms,
                me,
                status,
                first,
                partnerships,
                kinds=filters.relations,
                statuses=filters.statuses,
            )
            near = pd.concat(
                [
                    around.loc[around["source"] == centre, "target"],
                    around.loc[around["target"] == centre, "source"],
                ]
            )
            # through a partnership of three or more parties: its other parties are neighbours
            hubs = near[~near.isin(ix.actor_ids)]
            near = pd.concat([near[near.isin(ix.actor_ids)],
                              around.loc[around["source"].isin(hubs), "target"]])  # fmt: skip
            wanted += [centre, *near]
        allowed = _allowed(ix, dict.fromkeys(wanted))
        ms &= _involving(ix.statements, allowed)
        me &= _involving(ix.events, allowed)
        codes = ix.actor_ids.get_indexer
        keep = [any(allowed[codes(list(p))]) for p in partnerships["parties"]]
        partnerships = partnerships[np.array(keep, dtype=bool)].reset_index(drop=True)
    edges = relations(
        ix,
        ms,
        me,
        status,
        first,
        partnerships,
        kinds=filters.relations,
        statuses=filters.statuses,
        allowed=allowed,
    )
    return View(
        dossier=dossier,
        filters=filters,
        index=ix,
        statement_rows=_rows(ix.statements, ms),
        event_rows=_rows(ix.events, me),
        status=pd.Series(
            pd.Categorical.from_codes(status, dtype=_STATUS), index=ix.allegation_ids, name="status"
        ),
        partnerships=partnerships,
        edges=edges,
        activity=_activity(ix, ms, me),
        actors=None if allowed is None else tuple(ix.actor_ids[allowed]),
    )


def restrict(view: View, actors: Iterable[str]) -> View:
    """``view`` narrowed to the records and relations that involve any of ``actors``.

    The explorer uses this to focus the timeline and the table on a selected node while the
    network keeps its context.
    """
    ix = view.index
    allowed = _allowed(ix, actors)
    ms = np.zeros(ix.statements.n, bool)
    ms[view.statement_rows] = True
    me = np.zeros(ix.events.n, bool)
    me[view.event_rows] = True
    ms &= _involving(ix.statements, allowed)
    me &= _involving(ix.events, allowed)
    edges = view.edges
    if len(edges):
        edges = edges[
            edges["source"].isin(list(ix.actor_ids[allowed]))
            | edges["target"].isin(list(ix.actor_ids[allowed]))
        ].reset_index(drop=True)
    codes = ix.actor_ids.get_indexer
    keep = np.array([any(allowed[codes(list(p))]) for p in view.partnerships["parties"]], bool)
    return replace(
        view,
        statement_rows=_rows(ix.statements, ms),
        event_rows=_rows(ix.events, me),
        partnerships=view.partnerships[keep].reset_index(drop=True),
        edges=edges,
        activity=_activity(ix, ms, me),
        actors=tuple(ix.actor_ids[allowed]),
    )
