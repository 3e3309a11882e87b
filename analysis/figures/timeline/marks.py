"""The marks of the timeline: one row per record and lane, with its escaped hover text.

A statement is one mark in its actor's lane; an event is one mark in each acting actor's lane
(or in its allegation's lane). Each mark knows its period (a month-precision date covers the
month), its symbol (the stance's, open when the date is not known to the day), its colour
category and a hover text that says the date with its precision, who, what, the summary and
the sources' publishers. Every piece of data in it goes through :func:`analysis.common.markup.text`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.common.dates import format_date
from analysis.dossier.model import allegations_named, parties, speakers, who_said
from analysis.figures.base import TextMemo
from analysis.figures.style import EVENT_SYMBOL, STANCE_SYMBOLS
from analysis.filtering.filters import View

__all__ = ["timeline_marks", "lane_labels", "NO_ALLEGATION", "MARK_COLUMNS"]

#: Legend name of records that are not about an allegation (colour by status).
NO_ALLEGATION = "not about an allegation"
#: Columns of :func:`timeline_marks`.
MARK_COLUMNS = [
    "record_id",
    "record",
    "kind",
    "category",
    "lane",
    "start",
    "end",
    "precision",
    "approx",
    "symbol",
    "hover",
    "when",
]
_SUMMARY_LIMIT = 140


def _when(frame: pd.DataFrame) -> list[str]:
    """Each record's date as a reader reads it, at its precision (``Oct 2024 (month)``)."""
    seen: dict[tuple, str] = {}
    keys = zip(
        frame["occurred"].tolist(),
        frame["occurred_precision"].astype(str).tolist(),
        frame["occurred_approx"].tolist(),
        strict=True,
    )
    return [
        seen.get(k) or seen.setdefault(k, format_date(pd.Timestamp(k[0]), k[1], bool(k[2])))
        for k in keys
    ]


def _open(symbol: str) -> str:
    return f"{symbol}-dot" if symbol.endswith("-open") else f"{symbol}-open"


def _names(view: View) -> dict[str, str]:
    return view.dossier.actor_names()


def _hovers(
    frame: pd.DataFrame,
    who: list[str],
    kind: np.ndarray,
    alleg: list[tuple[str, ...]],
    status: dict[str, str],
    text: TextMemo,
    memo: dict,
) -> list[str]:
    """Hover text of each record: date with its precision, who, what, summary, sources.

    ``memo`` keeps texts already made, by record id and the status of its allegation (the one
    part that changes with the as-of date).
    """
    ids = frame.iloc[:, 0].tolist()
    start = frame["occurred"].to_numpy()
    precision = frame["occurred_precision"].astype(str).to_numpy()
    approx = frame["occurred_approx"].to_numpy()
    reported = frame["reported"].to_numpy()
    reported_precision = frame["reported_precision"].astype(str).to_numpy()
    dates: dict[tuple, str] = {}
    hover = []
    columns = zip(
        frame["summary"].tolist(),
        frame["publishers"].tolist(),
        frame["reliability"].astype(str).tolist(),
        frame["credibility"].astype(str).tolist(),
        strict=True,
    )
    for i, (summary, publishers, rel, cred) in enumerate(columns):
        state = tuple(status.get(a) for a in alleg[i])
        known = memo.get((ids[i], state))
        if known is not None:
            hover.append(known)
            continue
        key = (start[i], precision[i], approx[i], reported[i], reported_precision[i])
        date = dates.get(key)
        if date is None:
            label = format_date(pd.Timestamp(start[i]), precision[i], bool(approx[i]))
            date = f"<b>{text(label)}</b>"
            if reported[i] != start[i] or reported_precision[i] != "day":
                rep = format_date(pd.Timestamp(reported[i]), reported_precision[i])
                date += text(f" (reported {rep})")
            dates[key] = date
        what = kind[i].replace("_", " ") + (
            " \u00b7 " + "; ".join(f"{a}: {status.get(a, '')}" for a in alleg[i])
            if alleg[i]
            else ""
        )
        sources = text(", ".join(str(p) for p in publishers) or "no source", 120)
        hover.append(
            f"{date}<br>{text(who[i], 120)}: {text(what, 120)}<br>"
            f"{text(summary, _SUMMARY_LIMIT)}<br>Sources: {sources} "
            f"(reliability {text(rel)}, credibility {text(cred)})"
        )
        memo[(ids[i], state)] = hover[-1]
    return hover


def timeline_marks(view: View, lanes: str = "actor", colour_by: str = "kind") -> pd.DataFrame:
    """One row per mark: each statement and event once per acting actor (actor lanes: a joint
    statement sits on each party's lane, its hover naming them all), or once per allegation.

    Columns: ``record_id``, ``record`` (statement or event), ``kind``, ``category`` (the
    colour's term), ``lane`` (actor or allegation id; ``""`` for none), ``start``, ``end``
    (last day of the date's period), ``precision``, ``approx``, ``symbol``, ``hover``
    (escaped markup).
    """
    names = _names(view)
    status = view.status.astype(str).to_dict()
    text = TextMemo()
    memo = view.index.cache.setdefault(("hover texts",), {})
    if len(memo) > 100_000:
        memo.clear()
    frames = []
    for record, frame in (("statement", view.statements), ("event", view.events)):
        if frame.empty:
            continue
        is_st = record == "statement"
        kind = frame["stance" if is_st else "kind"].astype(str).to_numpy()
        alleg = allegations_named(frame)
        if is_st:
            by = parties(frame)  # a joint statement: one mark on each party's lane
            who = [who_said(a, s, names) for a, s in zip(by, speakers(frame), strict=True)]
            lane_keys = [a or ("",) for a in by]
        else:
            who = [
                ", ".join(names.get(a, a) for a in acts)
                + (" \u2192 " + ", ".join(names.get(t, t) for t in tgts) if tgts else "")
                for acts, tgts in zip(frame["actor_ids"], frame["target_ids"], strict=True)
            ]
            lane_keys = [tuple(acts) or ("",) for acts in frame["actor_ids"]]
        if lanes == "allegation":  # a statement naming several allegations is in each lane
            lane_keys = [a or ("",) for a in alleg]
        if colour_by == "kind":
            category = kind
        else:
            category = np.array(
                [status.get(a[0], NO_ALLEGATION) if a else NO_ALLEGATION for a in alleg],
                dtype=object,
            )
        precision = frame["occurred_precision"].astype(str).to_numpy()
        base = (
            np.array([STANCE_SYMBOLS.get(k, "circle") for k in kind], dtype=object)
            if is_st
            else np.full(len(frame), EVENT_SYMBOL, dtype=object)
        )
        frames.append(
            pd.DataFrame(
                {
                    "record_id": frame["statement_id" if is_st else "event_id"].to_numpy(
                        dtype=object
                    ),
                    "record": record,
                    "kind": kind,
                    "category": category,
                    "lane": lane_keys,
                    "start": frame["occurred"].to_numpy(),
                    "precision": precision,
                    "approx": frame["occurred_approx"].to_numpy(),
                    "symbol": np.where(precision == "day", base, [_open(s) for s in base]),
                    "hover": _hovers(frame, who, kind, alleg, status, text, memo),
                    "when": _when(frame),
                }
            ).explode("lane", ignore_index=True)
        )
    if not frames:
        return pd.DataFrame(columns=MARK_COLUMNS)
    marks = pd.concat(frames, ignore_index=True)
    start = pd.DatetimeIndex(marks["start"])
    end = np.where(
        marks["precision"] == "month",
        start + pd.offsets.MonthEnd(0),
        np.where(marks["precision"] == "year", start + pd.offsets.YearEnd(0), start),
    )
    return marks.assign(start=start, end=pd.DatetimeIndex(end), lane=marks["lane"].fillna(""))[
        MARK_COLUMNS
    ]


def lane_labels(view: View, lanes: str, keys: list[str], text: TextMemo) -> dict[str, str]:
    """Escaped, unique lane labels for lane keys (actor or allegation ids)."""
    if lanes == "actor":
        names = _names(view)
        raw = {k: names.get(k, k) if k else "no actor" for k in keys}
    else:
        props = dict(
            zip(
                view.dossier.allegations["allegation_id"],
                view.dossier.allegations["proposition"],
                strict=True,
            )
        )
        raw = {k: (f"{k}: {props[k]}" if k in props else k) if k else NO_ALLEGATION for k in keys}
    counts = pd.Series(list(raw.values()), dtype=object).value_counts()
    return {k: text(f"{v} ({k})" if counts[v] > 1 else v, 48) for k, v in raw.items()}
