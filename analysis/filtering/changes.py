"""What became known between two dates: the dossier as known on ``start`` against ``end``.

:func:`changes_between` compares the two as-of views (:func:`~analysis.filtering.apply_filters`
with ``as_of``) and lists what the second knows that the first did not: records newly
reported, each allegation's status changes in between with the statements that moved it,
partnerships that moved on (signed, in force, ended), the network's relations gained or lost,
and each actor's rank by number of relations before and after. Pure: a frame per question.

:func:`changes_since` answers the same question for one filtered view (the explorer's compare
mode): what the view shows that the same filters, as known on an earlier date, did not.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from analysis.common.dates import known_by
from analysis.dossier.model import Dossier
from analysis.filtering.filters import Filters, View, apply_filters
from analysis.filtering.status import status_steps

__all__ = ["Changes", "ViewChanges", "changes_between", "changes_since"]


@dataclass(frozen=True)
class Changes:
    """What :func:`changes_between` found; every frame may be empty.

    Attributes
    ----------
    start, end : the two dates (known by the end of each day).
    records : ``record_id``, ``record`` (statement or event), ``reported``, ``kind`` (stance
        or event kind), ``summary``: reported after ``start`` and by ``end``, in date order.
    statuses : ``allegation_id``, ``date``, ``before``, ``after``, ``moved_by`` (the statement
        that moved it): each change of status in between, in order
        (:func:`~analysis.filtering.status.status_steps`).
    partnerships : ``partnership_id``, ``before``, ``after`` (states, ``""`` if not yet known).
    edges : ``source``, ``target``, ``relation``, ``change`` (``gained`` or ``lost``).
    ranks : ``actor_id``, ``before``, ``after`` (rank by relations, 1 most connected; absent
        actors have none), for the actors whose rank changed.
    """

    start: pd.Timestamp
    end: pd.Timestamp
    records: pd.DataFrame
    statuses: pd.DataFrame
    partnerships: pd.DataFrame
    edges: pd.DataFrame
    ranks: pd.DataFrame

    @property
    def empty(self) -> bool:
        return all(getattr(self, f).empty for f in ("records", "statuses", "partnerships"))


def _records(dossier: Dossier, start: pd.Timestamp, end: pd.Timestamp) -> pd.DataFrame:
    parts = []
    for frame, key, record, kind in (
        (dossier.statements, "statement_id", "statement", "stance"),
        (dossier.events, "event_id", "event", "kind"),
    ):
        known = known_by(frame)
        new = frame[(known > start) & (known <= end)]
        parts.append(
            pd.DataFrame(
                {
                    "record_id": new[key].astype(str),
                    "record": record,
                    "reported": new["reported"],
                    "reported_precision": new["reported_precision"].astype(object),
                    "known": known[new.index],
                    "kind": new[kind].astype(str),
                    "summary": new["summary"].astype(str),
                }
            )
        )
    out = pd.concat(parts, ignore_index=True)
    out = out.sort_values(["known", "reported", "record_id"], kind="stable")
    return out.drop(columns="known").reset_index(drop=True)


def _statuses(dossier: Dossier, start: pd.Timestamp, end: pd.Timestamp) -> pd.DataFrame:
    columns = ["allegation_id", "date", "before", "after", "moved_by"]
    steps = status_steps(dossier.allegations, dossier.statements)
    rows = []
    for allegation_id, mine in steps.groupby("allegation_id", sort=False):
        before = mine[mine["date"] <= start]
        last = str(before["status"].iloc[-1]) if len(before) else "unreported"
        for step in mine[(mine["date"] > start) & (mine["date"] <= end)].itertuples():
            rows.append((allegation_id, step.date, last, str(step.status), step.statement_id))
            last = str(step.status)
    out = pd.DataFrame(rows, columns=columns)
    return out.sort_values(["date", "allegation_id"], kind="stable").reset_index(drop=True)


def _partnerships(first: View, second: View) -> pd.DataFrame:
    a = first.partnerships.set_index("partnership_id")["state"].astype(str)
    b = second.partnerships.set_index("partnership_id")["state"].astype(str)
    both = pd.concat([a.rename("before"), b.rename("after")], axis=1).fillna("")
    moved = both[both["before"] != both["after"]]
    return moved.rename_axis("partnership_id").reset_index()


def _edges(first: View, second: View) -> pd.DataFrame:
    key = ["source", "target", "relation"]
    a = first.edges[key].drop_duplicates()
    b = second.edges[key].drop_duplicates()
    both = a.merge(b, on=key, how="outer", indicator=True)
    both = both[both["_merge"] != "both"]
    change = both["_merge"].map({"right_only": "gained", "left_only": "lost"}).astype(str)
    out = both[key].assign(change=change.to_numpy())
    return out.sort_values(["change", *key], kind="stable").reset_index(drop=True)


def _ranks(first: View, second: View) -> pd.DataFrame:
    def rank(view: View) -> pd.Series:
        counts = pd.concat([view.edges["source"], view.edges["target"]]).value_counts()
        counts = counts[counts.index.isin(view.index.actor_ids)]  # not partnership nodes
        return counts.rank(method="min", ascending=False).astype(int)

    both = pd.concat([rank(first).rename("before"), rank(second).rename("after")], axis=1)
    both = both.astype("Int64")
    changed = both[both["before"].ne(both["after"]).fillna(True)]
    return changed.rename_axis("actor_id").reset_index().sort_values(["after", "actor_id"])


def changes_between(dossier: Dossier, start, end) -> Changes:
    """What became known after ``start`` and by ``end`` (dates, ``start`` before ``end``).

    >>> from analysis import load_dossier
    >>> ch = changes_between(load_dossier(), "2024-10-01", "2025-05-01")
    >>> ch.statuses.loc[ch.statuses["allegation_id"] == "al-prk-troops", "after"].tolist()
    ['alleged', 'disputed', 'confirmed']

    Raises
    ------
    ValueError
        When a date is not a date or ``start`` is not before ``end``.
    """
    try:
        first, last = pd.Timestamp(start), pd.Timestamp(end)
    except (TypeError, ValueError):
        raise ValueError(f"start and end must be dates; got {start!r} and {end!r}") from None
    if not first < last:
        raise ValueError(f"start must be before end; got {first.date()} and {last.date()}")
    a = apply_filters(dossier, Filters(as_of=first))
    b = apply_filters(dossier, Filters(as_of=last))
    return Changes(
        start=first,
        end=last,
        records=_records(dossier, first, last),
        statuses=_statuses(dossier, first, last),
        partnerships=_partnerships(a, b),
        edges=_edges(a, b),
        ranks=_ranks(a, b),
    )


@dataclass(frozen=True)
class ViewChanges:
    """What :func:`changes_since` found: the ``record_ids`` (statements and events) the later
    view shows and the earlier did not, each allegation whose status moved (``statuses``:
    ``allegation_id``, ``before``, ``after``), the partnerships that moved on and the
    relations gained or lost (as :class:`Changes`)."""

    since: pd.Timestamp
    record_ids: frozenset[str]
    statuses: pd.DataFrame
    partnerships: pd.DataFrame
    edges: pd.DataFrame

    @property
    def empty(self) -> bool:
        return (
            not self.record_ids
            and self.statuses.empty
            and self.partnerships.empty
            and (self.edges.empty)
        )


def changes_since(view: View, since) -> ViewChanges:
    """What ``view`` shows that the same filters as known on ``since`` did not.

    >>> from analysis import load_dossier
    >>> later = apply_filters(load_dossier(), Filters(as_of="2025-05-01"))
    >>> ch = changes_since(later, "2024-10-01")
    >>> ch.statuses.set_index("allegation_id").loc["al-prk-troops"].tolist()
    ['unreported', 'confirmed']
    >>> "st-2024-10-23-austin-troops" in ch.record_ids
    True

    Raises
    ------
    ValueError
        When ``since`` is not a date, or not before the view's as-of date.
    """
    try:
        day = pd.Timestamp(since)
    except (TypeError, ValueError):
        raise ValueError(f"since must be a date; got {since!r}") from None
    as_of = view.filters.as_of
    if as_of is not None and not day < as_of:
        raise ValueError(
            f"compare with a date before the as-of date ({as_of:%d %b %Y}); got {day:%d %b %Y}"
        )
    earlier = apply_filters(view.dossier, replace(view.filters, as_of=day))
    d = view.dossier
    ids = set()
    for frame, key, now, then in (
        (d.statements, "statement_id", view.statement_rows, earlier.statement_rows),
        (d.events, "event_id", view.event_rows, earlier.event_rows),
    ):
        new = np.setdiff1d(now, then, assume_unique=True)
        ids.update(frame[key].to_numpy()[new].astype(str))
    before = earlier.status.astype(str).rename("before")
    after = view.status.astype(str).rename("after")
    both = pd.concat([before, after], axis=1).fillna("unreported")
    moved = both[both["before"] != both["after"]].rename_axis("allegation_id").reset_index()
    return ViewChanges(
        since=day,
        record_ids=frozenset(ids),
        statuses=moved,
        partnerships=_partnerships(earlier, view),
        edges=_edges(earlier, view),
    )
