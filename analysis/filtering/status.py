"""The status of each allegation, derived from its statements as known on a date.

A status is never typed in: it follows from who has alleged, denied, partly acknowledged or
confirmed the allegation in statements *reported* by the date asked about.

Rules, strongest first:

* ``confirmed`` -- an accused or beneficiary party has confirmed it (an admission).
* ``partly_acknowledged`` -- an accused or beneficiary party has admitted part of it.
* ``disputed`` -- it has been alleged and denied.
* ``alleged`` -- it has been alleged (or confirmed only by third parties) and not denied.
* ``denied`` -- only denials are on record (a denial answering an unrecorded claim).
* ``unreported`` -- nothing about it was reported by then.
"""

from __future__ import annotations

import pandas as pd

from analysis.common.dates import chronological, known_by
from analysis.dossier.model import parties as parties_of
from analysis.dossier.model import per_allegation

__all__ = ["STATUSES", "allegation_status", "status_steps", "status_timeline"]

STATUSES = ("unreported", "denied", "alleged", "disputed", "partly_acknowledged", "confirmed")
STATUS_DTYPE = pd.CategoricalDtype(list(STATUSES), ordered=True)


def _as_of(value) -> pd.Timestamp | None:
    return None if value is None else pd.Timestamp(value)


def _actors(rows: pd.DataFrame) -> tuple[str, ...]:
    """Who made ``rows``, in order of report: every party of a joint statement."""
    return tuple(dict.fromkeys(a for by in parties_of(rows.sort_values("reported")) for a in by))


def _summarise(allegation_id: str, parties: set[str], mine: pd.DataFrame) -> dict:
    """The status of one allegation from its statements (already cut to a date)."""
    then = ("statement_id",) if "statement_id" in mine.columns else ()
    mine = chronological(mine, "reported", then=then)  # the one order of partial dates
    by_party = pd.Series([bool(parties.intersection(by)) for by in parties_of(mine)], mine.index)
    alleges = mine[(mine["stance"] == "alleges") | ((mine["stance"] == "confirms") & ~by_party)]
    denies = mine[mine["stance"] == "denies"]
    partly = mine[(mine["stance"] == "partly_acknowledges") & by_party]
    confirms = mine[(mine["stance"] == "confirms") & by_party]
    if len(confirms):
        status = "confirmed"
    elif len(partly):
        status = "partly_acknowledged"
    elif len(alleges) and len(denies):
        status = "disputed"
    elif len(alleges):
        status = "alleged"
    elif len(denies):
        status = "denied"
    else:
        status = "unreported"
    first_date = alleges["reported"].iloc[0] if len(alleges) else pd.NaT
    confirmed_on = confirms["reported"].iloc[0] if len(confirms) else pd.NaT
    precision = mine["reported_precision"] if "reported_precision" in mine else None

    def precision_of(rows: pd.DataFrame) -> str | None:
        if not len(rows):
            return None
        return "day" if precision is None else str(precision.loc[rows.index[0]])

    days = (confirmed_on - first_date).days if len(alleges) and len(confirms) else pd.NA
    return {
        "allegation_id": allegation_id,
        "status": status,
        "first_alleged": first_date,
        "first_alleged_precision": precision_of(alleges),
        "first_alleged_by": alleges["actor_id"].iloc[0] if len(alleges) else None,
        "alleged_by": _actors(alleges),
        "denied_by": _actors(denies),
        "partly_acknowledged_by": _actors(partly),
        "confirmed_by": _actors(confirms),
        "confirmed_on": confirmed_on,
        "confirmed_on_precision": precision_of(confirms),
        "days_to_confirmation": days,
        "statements": len(mine),
    }


_COLUMNS = [
    "allegation_id",
    "status",
    "first_alleged",
    "first_alleged_precision",
    "first_alleged_by",
    "alleged_by",
    "denied_by",
    "partly_acknowledged_by",
    "confirmed_by",
    "confirmed_on",
    "confirmed_on_precision",
    "days_to_confirmation",
    "statements",
]


def allegation_status(
    allegations: pd.DataFrame, statements: pd.DataFrame, as_of=None
) -> pd.DataFrame:
    """Status of every allegation from the statements reported on or before ``as_of``.

    Parameters
    ----------
    allegations : the dossier's allegations frame.
    statements : the dossier's statements frame, already filtered as the caller wishes
        (for example by minimum source reliability); a statement naming several allegations
        counts for each (see :func:`analysis.dossier.per_allegation`).
    as_of : a date (anything :class:`pandas.Timestamp` accepts); ``None`` means everything.

    Returns
    -------
    pandas.DataFrame
        One row per allegation, indexed by ``allegation_id``, with ``status`` (ordered
        categorical), ``first_alleged`` (date, with its ``_precision``), ``first_alleged_by``,
        ``alleged_by``, ``denied_by``, ``partly_acknowledged_by`` and ``confirmed_by`` (tuples
        of actor ids in the order they first took that stance), ``confirmed_on`` (first
        admission, with its ``_precision``) and ``days_to_confirmation``. Statements are
        taken in the one date order (:func:`analysis.common.dates.chronological`), ties by
        their ids, so ties always resolve the same way.

    Examples
    --------
    >>> from analysis import load_dossier
    >>> d = load_dossier()
    >>> allegation_status(d.allegations, d.statements, "2024-10-20").at["al-prk-troops", "status"]
    'disputed'
    """
    cutoff = _as_of(as_of)
    st = per_allegation(statements)
    st = st[st["allegation_id"].notna()]
    if cutoff is not None:
        st = st[known_by(st) <= cutoff]
    groups = dict(tuple(st.groupby("allegation_id", sort=False, observed=True)))
    empty = st.iloc[0:0]
    rows = [
        _summarise(
            a.allegation_id,
            set(a.accused_ids) | set(a.beneficiary_ids),
            groups.get(a.allegation_id, empty),
        )
        for a in allegations.itertuples(index=False)
    ]
    return _frame(rows)


def _frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=_COLUMNS).set_index("allegation_id")
    frame["status"] = frame["status"].astype(STATUS_DTYPE)
    frame["first_alleged"] = pd.to_datetime(frame["first_alleged"])
    frame["confirmed_on"] = pd.to_datetime(frame["confirmed_on"])
    frame["days_to_confirmation"] = frame["days_to_confirmation"].astype("Int64")
    return frame


def status_timeline(allegations: pd.DataFrame, statements: pd.DataFrame) -> pd.DataFrame:
    """Every change of status: one row per (allegation, date on which its status changed).

    A date is the day the statements that changed it were known by
    (:func:`analysis.common.dates.known_by`: a statement reported only to the month or year
    counts from the end of its period), the one rule of every as-of view."""
    st = per_allegation(statements)
    st = st[st["allegation_id"].notna()]
    st = st.assign(_known=known_by(st))
    groups = dict(tuple(st.groupby("allegation_id", sort=False, observed=True)))
    rows = []
    for a in allegations.itertuples(index=False):
        mine = groups.get(a.allegation_id)
        if mine is None:
            continue
        parties = set(a.accused_ids) | set(a.beneficiary_ids)
        last = None
        for date in sorted(mine["_known"].dropna().unique()):
            status = _summarise(a.allegation_id, parties, mine[mine["_known"] <= date])["status"]
            if status != last:
                rows.append(
                    {"allegation_id": a.allegation_id, "date": pd.Timestamp(date), "status": status}
                )
                last = status
    frame = pd.DataFrame(rows, columns=["allegation_id", "date", "status"])
    frame["status"] = frame["status"].astype(STATUS_DTYPE)
    return frame.sort_values(["date", "allegation_id"], kind="stable").reset_index(drop=True)


#: Within one day, claims come before the answers to them (then statement ids break ties).
_STANCE_ORDER = {"alleges": 0, "comments": 1, "declines_to_comment": 2, "denies": 3,
                 "partly_acknowledges": 4, "confirms": 5}  # fmt: skip


def status_steps(allegations: pd.DataFrame, statements: pd.DataFrame) -> pd.DataFrame:
    """Every statement that changed an allegation's status, one row each: ``allegation_id``,
    ``date`` (when it was known: :func:`analysis.common.dates.known_by`), ``status`` (after
    it), ``statement_id``. Statements are taken in the order they were known and, within a
    day, claims before the answers to them, so an allegation made and denied on the same day
    shows both steps (:func:`status_timeline` keeps only the day's outcome)."""
    st = per_allegation(statements)
    st = st[st["allegation_id"].notna() & st["reported"].notna()]
    st = st.assign(
        _order=st["stance"].astype(str).map(_STANCE_ORDER).fillna(9), _known=known_by(st)
    )
    st = st.sort_values(["_known", "_order", "statement_id"], kind="stable")
    groups = dict(tuple(st.groupby("allegation_id", sort=False, observed=True)))
    rows = []
    for a in allegations.itertuples(index=False):
        mine = groups.get(a.allegation_id)
        if mine is None:
            continue
        parties, last = set(a.accused_ids) | set(a.beneficiary_ids), "unreported"
        for n in range(1, len(mine) + 1):
            status = _summarise(a.allegation_id, parties, mine.iloc[:n])["status"]
            if status != last:
                row = mine.iloc[n - 1]
                rows.append((a.allegation_id, row["_known"], status, row["statement_id"]))
                last = status
    frame = pd.DataFrame(rows, columns=["allegation_id", "date", "status", "statement_id"])
    frame["status"] = frame["status"].astype(STATUS_DTYPE)
    return frame
