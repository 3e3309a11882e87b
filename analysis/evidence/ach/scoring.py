"""Analysis of Competing Hypotheses (Heuer): weighted inconsistency scores of the evidence.

The hypotheses and the ratings of each piece of evidence against each hypothesis are data in
the dossier (tables ``hypotheses`` and ``ach_ratings``). The method follows Heuer,
*Psychology of Intelligence Analysis* (1999), ch. 8: a hypothesis is judged by the evidence
*against* it, so only inconsistency is counted, and the favoured hypothesis is the one with
the least inconsistent evidence. Consistent evidence does not add support (much of it is
consistent with every hypothesis and so is not diagnostic).

Scoring (the weights are documented here and in ``docs/ach.md``):

* inconsistency of a rating: ``II`` = 2, ``I`` = 1, ``N``, ``C`` and ``CC`` = 0
  (:data:`INCONSISTENCY`); a missing rating counts as ``N``;
* weight of a piece of evidence = reliability weight x credibility weight, from its Admiralty
  grades: reliability (the best grade among its sources) ``A`` 1.0, ``B`` 0.8, ``C`` 0.6,
  ``D`` 0.4, ``E`` 0.2, ``F`` 0.4 (:data:`RELIABILITY_WEIGHTS`; "cannot be judged" is weighted
  like ``D``, not like a source known to be unreliable) and credibility ``1`` 1.0, ``2`` 0.8,
  ``3`` 0.6, ``4`` 0.4, ``5`` 0.2, ``6`` 0.4 (:data:`CREDIBILITY_WEIGHTS`);
* an obligation (a coded treaty article) carries no credibility grade of its own; it is given
  ``1`` when two or more sources carry it, ``2`` when one does, and ``6`` when its presence is
  ``unverified`` (:func:`obligation_credibility`);
* score of a hypothesis = sum over evidence of inconsistency x weight. Lower is better;
  rank 1 is the least inconsistent (ties share a rank).

Sensitivity to dropping evidence, the ICD 203 statement and the whole analysis from a dossier
are in :mod:`analysis.evidence.ach.sensitivity`, :mod:`~analysis.evidence.ach.estimative` and
:mod:`~analysis.evidence.ach.assessment`.
"""

from __future__ import annotations

import pandas as pd

from analysis.common.articles import cite_articles
from analysis.dossier.model import Dossier

__all__ = [
    "INCONSISTENCY",
    "RELIABILITY_WEIGHTS",
    "CREDIBILITY_WEIGHTS",
    "obligation_credibility",
    "ach_evidence",
    "ach_scores",
    "ach_points",
    "favoured",
    "ranking",
]

#: Heuer counts only evidence against a hypothesis.
INCONSISTENCY: dict[str, int] = {"CC": 0, "C": 0, "N": 0, "I": 1, "II": 2}
#: Weight of a source reliability grade (the best grade among a record's sources).
RELIABILITY_WEIGHTS: dict[str, float] = {"A": 1.0, "B": 0.8, "C": 0.6, "D": 0.4, "E": 0.2, "F": 0.4}
#: Weight of an information credibility grade.
CREDIBILITY_WEIGHTS: dict[str, float] = {"1": 1.0, "2": 0.8, "3": 0.6, "4": 0.4, "5": 0.2, "6": 0.4}


def obligation_credibility(presence: str, source_count: int) -> str:
    """Credibility grade given to a coded treaty obligation used as ACH evidence.

    >>> obligation_credibility("absent", 2), obligation_credibility("present", 1)
    ('1', '2')
    >>> obligation_credibility("unverified", 3)
    '6'
    """
    if presence == "unverified":
        return "6"
    return "1" if source_count >= 2 else "2"


def _weight(reliability: str, credibility: str) -> float:
    return RELIABILITY_WEIGHTS[reliability] * CREDIBILITY_WEIGHTS[credibility]


def ach_evidence(dossier: Dossier, evidence_ids: list[str] | None = None) -> pd.DataFrame:
    """The evidence rated in the dossier's ACH matrix, with its grades and weight.

    Parameters
    ----------
    dossier : a loaded dossier.
    evidence_ids : ids of statements, events or obligations (``None``: every id rated in
        ``ach_ratings``, in the order first rated).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``evidence_id``: ``kind`` (statement / event / obligation), ``date``,
        ``summary``, ``actor_id``, ``reliability``, ``credibility``, ``low_tier_only``,
        ``source_count``, ``publishers`` and ``weight``.
    """
    if evidence_ids is None:
        evidence_ids = list(dict.fromkeys(dossier.ach_ratings["evidence_id"]))
    rows = {}
    for rec in dossier.statements.to_dict("records"):
        rows[rec["statement_id"]] = {
            "kind": "statement",
            "date": rec["reported"],
            "summary": rec["summary"],
            "actor_id": rec["actor_id"],
            "credibility": str(rec["credibility"]),
        }
    for rec in dossier.events.to_dict("records"):
        rows[rec["event_id"]] = {
            "kind": "event",
            "date": rec["occurred"],
            "summary": rec["summary"],
            "actor_id": ";".join(rec["actor_ids"]),
            "credibility": str(rec["credibility"]),
        }
    for rec in dossier.obligations.to_dict("records"):
        article = cite_articles(rec["article"])
        rows[rec["obligation_id"]] = {
            "kind": "obligation",
            "date": pd.NaT,
            "summary": f"{rec['partnership_id']} {rec['category']} {rec['presence']}"
            + (f" ({article})" if article else "")
            + f": {rec['paraphrase']}",
            "actor_id": rec["partnership_id"],
            "credibility": obligation_credibility(str(rec["presence"]), rec["source_count"]),
        }
    frames = {name: getattr(dossier, name) for name in ("statements", "events", "obligations")}
    keys = {"statements": "statement_id", "events": "event_id", "obligations": "obligation_id"}
    for name, frame in frames.items():
        for rec in frame[
            ["reliability", "low_tier_only", "source_count", "publishers", keys[name]]
        ].to_dict("records"):
            rows[rec[keys[name]]] |= {
                "reliability": str(rec["reliability"]),
                "low_tier_only": bool(rec["low_tier_only"]),
                "source_count": rec["source_count"],
                "publishers": rec["publishers"],
            }
    missing = [e for e in evidence_ids if e not in rows]
    if missing:
        raise KeyError(f"no statement, event or obligation with id {', '.join(map(repr, missing))}")
    out = pd.DataFrame.from_dict(
        {e: rows[e] for e in evidence_ids},
        orient="index",
        columns=[
            "kind",
            "date",
            "summary",
            "actor_id",
            "reliability",
            "credibility",
            "low_tier_only",
            "source_count",
            "publishers",
        ],
    )
    out.index.name = "evidence_id"
    out["date"] = pd.to_datetime(out["date"])
    out["weight"] = [
        _weight(r, c) for r, c in zip(out["reliability"], out["credibility"], strict=True)
    ]
    return out


def ach_scores(
    ratings: pd.DataFrame, weights: pd.Series | None = None, hypotheses: list[str] | None = None
) -> pd.DataFrame:
    """Weighted inconsistency score of each hypothesis (Heuer): lower is better.

    Parameters
    ----------
    ratings : tidy frame with ``hypothesis_id``, ``evidence_id`` and ``consistency``
        (``CC``, ``C``, ``N``, ``I`` or ``II``).
    weights : weight of each evidence id (``None``: every piece weighs 1). Evidence without a
        weight is an error, not silently dropped.
    hypotheses : hypothesis ids to score, in order (``None``: those in ``ratings``). A
        hypothesis with no ratings scores 0.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``hypothesis_id``: ``very_inconsistent`` (II count), ``inconsistent`` (I),
        ``neutral``, ``consistent`` (C and CC), ``unweighted`` (2 x II + I), ``score``
        (weighted) and ``rank`` (1 = least inconsistent; ties share the smaller rank).

    Examples
    --------
    >>> r = pd.DataFrame({"hypothesis_id": ["H1", "H1", "H2", "H2"],
    ...                   "evidence_id": ["e1", "e2", "e1", "e2"],
    ...                   "consistency": ["II", "C", "I", "N"]})
    >>> ach_scores(r, pd.Series({"e1": 0.5, "e2": 1.0}))[["score", "rank"]].to_dict("index")
    {'H1': {'score': 1.0, 'rank': 2}, 'H2': {'score': 0.5, 'rank': 1}}
    """
    codes = ratings["consistency"].astype(str)
    unknown = sorted(set(codes) - set(INCONSISTENCY))
    if unknown:
        raise ValueError(f"consistency must be one of {', '.join(INCONSISTENCY)}; got {unknown}")
    if weights is None:
        w = pd.Series(1.0, index=ratings.index)
    else:
        missing = sorted(set(ratings["evidence_id"]) - set(weights.index))
        if missing:
            raise KeyError(f"no weight for evidence {', '.join(map(repr, missing))}")
        w = ratings["evidence_id"].map(weights).astype(float)
    frame = pd.DataFrame(
        {
            "hypothesis_id": ratings["hypothesis_id"],
            "code": codes,
            "points": codes.map(INCONSISTENCY) * w,
        }
    )
    order = list(dict.fromkeys(ratings["hypothesis_id"])) if hypotheses is None else hypotheses
    counts = pd.crosstab(frame["hypothesis_id"], frame["code"]).reindex(
        index=order, columns=list(INCONSISTENCY), fill_value=0
    )
    out = pd.DataFrame(index=pd.Index(order, name="hypothesis_id"))
    out["very_inconsistent"] = counts["II"].astype(int)
    out["inconsistent"] = counts["I"].astype(int)
    out["neutral"] = counts["N"].astype(int)
    out["consistent"] = (counts["C"] + counts["CC"]).astype(int)
    out["unweighted"] = 2 * out["very_inconsistent"] + out["inconsistent"]
    out["score"] = frame.groupby("hypothesis_id")["points"].sum().reindex(order).fillna(0.0)
    out["score"] = out["score"].round(6)
    out["rank"] = out["score"].rank(method="min").astype(int)
    return out


def favoured(scores: pd.DataFrame) -> tuple[str, ...]:
    """The least inconsistent hypothesis of :func:`ach_scores` (all of them if tied)."""
    if scores.empty:
        return ()
    return tuple(scores.index[scores["score"] == scores["score"].min()])


def ranking(scores: pd.DataFrame) -> tuple[str, ...]:
    """Hypothesis ids from least to most inconsistent (ties keep their order)."""
    return tuple(scores.sort_values(["score"], kind="stable").index)


def ach_points(
    ratings: pd.DataFrame, weights: pd.Series | None = None, hypotheses: list[str] | None = None
) -> pd.DataFrame:
    """Evidence (rows) x hypotheses (columns): each rating's weighted inconsistency.

    The column sums are the scores of :func:`ach_scores`; a missing rating counts 0.
    """
    order = list(dict.fromkeys(ratings["hypothesis_id"])) if hypotheses is None else hypotheses
    w = 1.0 if weights is None else ratings["evidence_id"].map(weights).astype(float)
    frame = ratings.assign(points=ratings["consistency"].astype(str).map(INCONSISTENCY) * w)
    table = frame.pivot_table(
        index="evidence_id",
        columns="hypothesis_id",
        values="points",
        aggfunc="sum",
        fill_value=0.0,
        sort=False,
    )
    return table.reindex(
        index=list(dict.fromkeys(ratings["evidence_id"])), columns=order, fill_value=0.0
    )
