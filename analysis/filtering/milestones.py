"""Where each partnership stood on a date, from its milestone events.

A partnership is signed, enters into force (or is acceded to) and may end; each step is an event
of the dossier. On a given date only the steps that had happened, and been reported, count.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.dossier.model import Dossier
from analysis.filtering._index import RecordIndex, record_index
from analysis.schema import MILESTONE_STATES
from analysis.schema.rules import takes_effect_of

__all__ = ["partnerships_as_of", "partnership_dates", "takes_effect", "PARTNERSHIP_STATES"]

#: Where a partnership stood on a date, from its milestone events.
PARTNERSHIP_STATES = ("undated", "signed", "in_force", "ended")


def partnerships_as_of(
    dossier: Dossier,
    as_of: pd.Timestamp | None = None,
    date_range: tuple[pd.Timestamp | None, pd.Timestamp | None] = (None, None),
) -> pd.DataFrame:
    """The dossier's partnerships as they stood on ``as_of`` (all milestones when ``None``).

    Adds ``signed``, ``in_force`` and ``ended`` (with ``_precision``) from the milestone events
    that had happened and been reported by then (an accession counts as entry into force; a
    partnership that takes effect on signature or announcement, see :func:`takes_effect`, is
    in force from its signing; a partnership replaced by one that has entered into force ends
    then), ``takes_effect`` resolved (never empty) and ``state`` (see
    :data:`PARTNERSHIP_STATES`). A partnership whose milestones all came later is left out, as
    is one outside ``date_range``. Results are kept with the dossier's record index.

    >>> from analysis.synthetic.dossiers import synthetic_dossier
    >>> parts = partnerships_as_of(synthetic_dossier(1_000), pd.Timestamp("2010-01-01"))
    >>> len(parts)
    0
    """
    ix = record_index(dossier)
    key = ("partnerships", as_of, tuple(date_range))
    if key not in ix.cache:
        if len(ix.cache) > 500:
            ix.cache.clear()
        ix.cache[key] = _as_of(dossier, ix, as_of, tuple(date_range))
    return ix.cache[key]


def _as_of(dossier: Dossier, ix: RecordIndex, as_of, date_range) -> pd.DataFrame:
    ms = ix.milestones
    if as_of is not None:
        ms = ms[(ms["occurred"] <= as_of) & (ms["known"] <= as_of)]
    ms = ms.sort_values("occurred", kind="stable")
    out = dossier.partnerships.copy()
    for name, terms in MILESTONE_STATES.items():
        first = (
            ms[ms["kind"].isin(terms)].drop_duplicates("partnership_id").set_index("partnership_id")
        )
        found = first.reindex(out["partnership_id"])
        out[name] = found["occurred"].to_numpy(dtype="datetime64[us]")
        out[f"{name}_precision"] = pd.Categorical(
            found["occurred_precision"], dtype=ms["occurred_precision"].dtype
        )
    # one that takes effect on signature or announcement is in effect from its signing
    out["takes_effect"] = takes_effect(out).to_numpy(dtype=object)
    on_signing = out["takes_effect"] != "on_entry_into_force"
    early = on_signing & out["in_force"].isna() & out["signed"].notna()
    out.loc[early, "in_force"] = out.loc[early, "signed"]
    out["in_force_precision"] = out["in_force_precision"].where(~early, out["signed_precision"])
    # a partnership replaced by one that has entered into force has ended then
    successor_start = out.set_index("replaces_id")["in_force"].dropna()
    successor_start = successor_start[successor_start.index.notna()]
    successor_start = successor_start.groupby(level=0).min()
    replaced = out["ended"].isna() & out["partnership_id"].isin(successor_start.index)
    if replaced.any():
        pid = out.loc[replaced, "partnership_id"]
        out.loc[replaced, "ended"] = pid.map(successor_start).to_numpy()
        out.loc[replaced, "ended_precision"] = "day"
    milestoned = out["partnership_id"].isin(ix.milestones["partnership_id"])
    # as of a date, a partnership whose milestones all came later did not yet exist
    out = out[out["signed"].notna() | out["in_force"].notna() | ~milestoned]
    state = np.select(
        [out["ended"].notna(), out["in_force"].notna(), out["signed"].notna()],
        ["ended", "in_force", "signed"],
        default="undated",
    )
    out = out.assign(state=pd.Categorical(state, categories=list(PARTNERSHIP_STATES), ordered=True))
    lo, hi = date_range
    start = out["signed"].fillna(out["in_force"])
    if hi is not None:
        out = out[~(start > hi)]
    if lo is not None:
        out = out[~(out["ended"] < lo)]
    return out.reset_index(drop=True)


def takes_effect(partnerships: pd.DataFrame) -> pd.Series:
    """When each partnership takes effect: its ``takes_effect``, or by its kind
    (:data:`analysis.schema.TAKES_EFFECT_BY_KIND`: a joint statement on signature, a treaty on
    entry into force).

    >>> frame = pd.DataFrame({"kind": ["joint_statement", "treaty", "treaty"],
    ...                       "takes_effect": [None, None, "on_signature"]})
    >>> takes_effect(frame).tolist()
    ['on_signature', 'on_entry_into_force', 'on_signature']
    """
    stated = partnerships.get("takes_effect", pd.Series(None, index=partnerships.index))
    return pd.Series(
        [
            takes_effect_of(str(kind), told if isinstance(told, str) else None)
            for kind, told in zip(partnerships["kind"], stated, strict=True)
        ],
        index=partnerships.index,
        dtype=object,
    )


def partnership_dates(dossier: Dossier) -> pd.DataFrame:
    """Milestone dates of every partnership, by the one rule of :func:`partnerships_as_of`.

    One row per partnership (indexed by id, in the dossier's order) with ``signed``,
    ``in_force`` and ``ended`` (timestamps at the start of their period; missing when no such
    milestone is recorded), their ``_precision`` (``"day"``, ``"month"``, ``"year"`` or
    ``None``), and ``start``: when the partnership began, its signing, else its entry into
    force or accession; and ``takes_effect`` (see :func:`takes_effect`: where it is not
    ``on_entry_into_force``, ``in_force`` is the signing unless an entry into force is
    recorded). The timeline, the network, the exports and the notebooks all read these dates
    from here.

    >>> from analysis import load_dossier
    >>> dates = partnership_dates(load_dossier())
    >>> row = dates.loc["pt-rus-prk-2024"]
    >>> str(row["signed"].date()), row["in_force_precision"]
    ('2024-06-19', 'day')
    """
    parts = partnerships_as_of(dossier).set_index("partnership_id")
    ids = pd.Index(dossier.partnerships["partnership_id"], name="partnership_id")
    out = pd.DataFrame(index=ids)
    for name in (*MILESTONE_STATES, "start"):
        if name == "start":
            when = out["signed"].fillna(out["in_force"])
            precision = out["signed_precision"].where(
                out["signed"].notna(), out["in_force_precision"]
            )
        else:
            when = parts[name].reindex(ids)
            precision = parts[f"{name}_precision"].astype(object).reindex(ids)
            precision = precision.where(when.notna(), None)
        out[name] = when.to_numpy(dtype="datetime64[us]")
        out[f"{name}_precision"] = precision.to_numpy(dtype=object)
    out["takes_effect"] = takes_effect(dossier.partnerships).to_numpy(dtype=object)
    return out
