"""What an export contains: the dossier cut by filters and an as-of date, and its records as
CSV text.

The cut is the suite's own (:func:`analysis.filtering.apply_filters`): a statement or event
counts once it was *reported* on or before the date, and a partnership once its signing (or
accession, or entry into force) had happened and been reported by then. :func:`scoped` turns
the resulting view back into a smaller :class:`~analysis.dossier.model.Dossier` that every export
writes whole, with no reference left dangling.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from analysis.common.dates import known_by, parse_partial_date, period_end
from analysis.dossier.model import Dossier
from analysis.filtering.filters import Filters, apply_filters
from analysis.schema import LIST_SEPARATOR, TABLES, Table

__all__ = [
    "as_of_timestamp",
    "partial_date_text",
    "raw_table",
    "scoped",
]


def as_of_timestamp(value: object) -> pd.Timestamp | None:
    """The last day an as-of date stands for: ``"2024"`` -> 2024-12-31, ``"2024-06-19"`` itself.

    >>> str(as_of_timestamp("2024-02").date())
    '2024-02-29'
    >>> as_of_timestamp(None) is None
    True
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, pd.Timestamp):
        return value.normalize()
    if isinstance(value, str):
        parsed = parse_partial_date(value)
        return period_end(parsed.start, parsed.precision)
    return pd.Timestamp(value).normalize()


def scoped(
    dossier: Dossier, as_of: object = None, filters: Filters | None = None, after: object = None
) -> Dossier:
    """``dossier`` reduced to what ``filters`` keep, as known on ``as_of``.

    The cut is :func:`analysis.filtering.apply_filters`'s: statements and events reported by
    ``as_of`` that pass the filters, partnerships as far as they had got by then. Around
    those, an export keeps what they need to stay whole: partnerships (and their obligations
    and hypotheses) that are in the view; records about a partnership left out are left out
    with it; allegations named by a kept statement or event (and allowed by a status
    filter); disputes about kept records; the sources kept records cite; all actors, or with
    an actor filter the actors kept records name (and the bodies they belong to).

    ``as_of`` (a date, or ``YYYY``/``YYYY-MM`` meaning the end of that period) overrides
    ``filters.as_of``. With neither ``as_of`` nor ``filters`` the dossier is returned as is.
    ``after`` (same notation) keeps only statements and events reported after it: with
    ``as_of`` the window of :func:`analysis.filtering.changes_between`'s ``records``.
    """
    cutoff = as_of_timestamp(as_of)
    start = as_of_timestamp(after)
    if filters is None and cutoff is None and start is None:
        return dossier
    filters = filters or Filters()
    if cutoff is not None:
        filters = replace(filters, as_of=cutoff)
    view = apply_filters(dossier, filters)
    pids = set(view.partnerships["partnership_id"])
    partnerships = dossier.partnerships[dossier.partnerships["partnership_id"].isin(pids)]

    def about_kept(frame: pd.DataFrame) -> pd.DataFrame:
        pid = frame["partnership_id"]
        return frame[pid.isna() | pid.isin(pids)]

    statements = about_kept(view.statements).sort_index()
    events = about_kept(view.events).sort_index()
    if start is not None:
        statements = statements[known_by(statements) > start]
        events = events[known_by(events) > start]
    said = {a for ids in statements["allegation_ids"] for a in ids}
    named = (said | set(events["allegation_id"])) & set(view.allegations["allegation_id"])
    allegations = dossier.allegations[dossier.allegations["allegation_id"].isin(named)]
    kept_ids = [tuple(a for a in ids if a in named) for ids in statements["allegation_ids"]]
    about_none = statements["allegation_ids"].map(len) == 0
    statements = statements.assign(allegation_ids=kept_ids)  # only allegations in scope
    statements = statements[about_none | (statements["allegation_ids"].map(len) > 0)]
    events = events.assign(
        allegation_id=events["allegation_id"].where(events["allegation_id"].isin(named))
    )
    obligations = dossier.obligations[dossier.obligations["partnership_id"].isin(pids)]
    replaced = partnerships["replaces_id"]
    partnerships = partnerships.assign(
        replaces_id=replaced.where(replaced.isna() | replaced.isin(pids))
    )
    hypotheses = dossier.hypotheses[dossier.hypotheses["partnership_id"].isin(pids)]
    kept = {
        "partnerships": partnerships,
        "obligations": obligations,
        "allegations": allegations,
        "statements": statements,
        "events": events,
        "hypotheses": hypotheses,
    }
    kept["actors"] = _actors_needed(dossier, kept, view.actors)
    ids = set().union(*(set(f[_pk(n)]) for n, f in kept.items()))
    kept["disputes"] = dossier.disputes[dossier.disputes["record_id"].isin(ids)]
    ratings = dossier.ach_ratings
    ratings = ratings[
        ratings["hypothesis_id"].isin(set(hypotheses["hypothesis_id"]))
        & ratings["evidence_id"].isin(ids)
    ]
    cited = set().union(*(set(s for row in f["source_ids"] for s in row) for f in kept.values()))
    sources = dossier.sources[dossier.sources["source_id"].isin(cited)]
    frames = {name: frame.reset_index(drop=True) for name, frame in kept.items()}
    return replace(
        dossier,
        sources=sources.reset_index(drop=True),
        ach_ratings=ratings.reset_index(drop=True),
        **frames,
    )


def _actors_needed(
    dossier: Dossier, kept: dict[str, pd.DataFrame], restricted: tuple[str, ...] | None
) -> pd.DataFrame:
    """All actors; with an actor filter, those named by kept records and their bodies."""
    actors = dossier.actors
    if restricted is None:
        return actors
    named = set(restricted)
    for frame, columns in (
        (kept["statements"], ("actor_id", "speaker_id")),
        (kept["events"], ()),
        (kept["partnerships"], ()),
        (kept["allegations"], ()),
    ):
        for column in columns:
            named |= set(frame[column].dropna())
    for frame, columns in (
        (kept["statements"], ("joint_actor_ids", "joint_speaker_ids")),
        (kept["events"], ("actor_ids", "target_ids")),
        (kept["partnerships"], ("parties",)),
        (kept["allegations"], ("accused_ids", "beneficiary_ids")),
    ):
        for column in columns:
            named |= {a for row in frame[column] for a in row}
    parent = dict(zip(actors["actor_id"], actors["affiliation_id"], strict=True))
    pending = list(named)
    while pending:
        up = parent.get(pending.pop())
        if isinstance(up, str) and up not in named:
            named.add(up)
            pending.append(up)
    return actors[actors["actor_id"].isin(named)]


def _pk(name: str) -> str:
    return next(t.primary_key for t in TABLES if t.name == name)


def partial_date_text(start: object, precision: object, approximate: object = False) -> str:
    """A typed date back in the dossier's notation: ``2024``, ``2024-06``, ``2024-06-19~``.

    >>> partial_date_text(pd.Timestamp("2024-06-01"), "month", True)
    '2024-06~'
    >>> partial_date_text(pd.NaT, None)
    ''
    """
    if start is None or pd.isna(start):
        return ""
    fmt = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}[str(precision)]
    return pd.Timestamp(start).strftime(fmt) + ("~" if bool(approximate) else "")


def _cell(value: object, kind: str) -> str:
    if kind == "list":
        return LIST_SEPARATOR.join(value) if isinstance(value, tuple) else ""
    if value is None or value is pd.NA or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if kind == "boolean":
        return "true" if bool(value) else "false"
    return str(value)


def raw_table(table: Table, frame: pd.DataFrame) -> pd.DataFrame:
    """The typed frame of ``table`` written back as the dossier's CSV cells (all strings).

    Columns are the table's fields in the declared order; derived columns are dropped.
    """
    out = {}
    for f in table.fields:
        if f.type == "date":
            out[f.name] = [
                partial_date_text(s, p, a)
                for s, p, a in zip(
                    frame[f.name],
                    frame[f"{f.name}_precision"],
                    frame[f"{f.name}_approx"],
                    strict=True,
                )
            ]
        else:
            out[f.name] = [_cell(v, f.type) for v in frame[f.name]]
    return pd.DataFrame(out, columns=table.field_names, dtype="str")
