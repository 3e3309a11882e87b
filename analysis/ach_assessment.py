"""Competing hypotheses assessed: sensitivity of the ranking, ICD 203 statement, whole analysis.

Builds on the scoring of :mod:`analysis.ach`. The checks are Heuer's: does the favoured
hypothesis survive when the least reliable evidence (resting only on sources graded ``D``-``F``)
is dropped, and when each piece of evidence is left out in turn? :func:`estimative_statement`
states the result in the words of ICD 203 (Analytic Standards), with likelihood and confidence
in separate sentences and never beyond what these checks support.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .ach import ach_evidence, ach_points, ach_scores, favoured, ranking
from .dossier import Dossier

__all__ = [
    "LIKELIHOOD_TERMS",
    "ACHSensitivity",
    "ach_sensitivity",
    "estimative_statement",
    "ACHAnalysis",
    "ach_analysis",
]

#: ICD 203 expressions of likelihood, with the probability ranges the directive gives them.
LIKELIHOOD_TERMS: dict[str, str] = {
    "almost no chance": "01-05%",
    "very unlikely": "05-20%",
    "unlikely": "20-45%",
    "roughly even chance": "45-55%",
    "likely": "55-80%",
    "very likely": "80-95%",
    "almost certain": "95-99%",
}


@dataclass(frozen=True)
class ACHSensitivity:
    """How the ranking of hypotheses holds up when evidence is removed, and what it rests on.

    Attributes
    ----------
    baseline : :func:`ach_scores` on all the evidence.
    without_low_tier : the scores without evidence resting only on D-F sources.
    dropped_low_tier : the evidence ids dropped for ``without_low_tier``.
    leave_one_out : one row per evidence id: ``leaders`` and ``ranking`` without it, and
        ``leader_changed`` / ``ranking_changed`` against the baseline.
    points : evidence x hypotheses weighted inconsistency (:func:`ach_points`).
    evidence : the evidence's ``weight``, ``reliability``, ``source_count``, ``low_tier_only``.
    """

    baseline: pd.DataFrame
    without_low_tier: pd.DataFrame
    dropped_low_tier: tuple[str, ...]
    leave_one_out: pd.DataFrame
    points: pd.DataFrame
    evidence: pd.DataFrame

    @property
    def leaders(self) -> tuple[str, ...]:
        """The least inconsistent hypothesis (several if tied)."""
        return favoured(self.baseline)

    @property
    def runner_up(self) -> str | None:
        """The next hypothesis after the (first) leader."""
        order = ranking(self.baseline)
        return order[1] if len(order) > 1 else None

    @property
    def margin(self) -> float:
        """Relative margin ``(s2 - s1) / s2`` of the leader over the runner-up (0 when tied)."""
        if len(self.leaders) != 1 or self.runner_up is None:
            return 0.0
        s1 = self.baseline.at[self.leaders[0], "score"]
        s2 = self.baseline.at[self.runner_up, "score"]
        return float((s2 - s1) / s2) if s2 else 0.0

    @property
    def diagnostic(self) -> tuple[str, ...]:
        """Evidence whose inconsistency differs between hypotheses: only it can move a ranking."""
        spread = self.points.max(axis=1) - self.points.min(axis=1)
        return tuple(spread.index[spread > 0])

    @property
    def low_tier_share(self) -> float:
        """Share of the diagnostic evidence's weight that rests on low-tier sources only."""
        diag = self.evidence.loc[list(self.diagnostic)]
        total = diag["weight"].sum()
        return (
            float(diag.loc[diag["low_tier_only"].astype(bool), "weight"].sum() / total)
            if total
            else 0.0
        )

    @property
    def separating(self) -> pd.Series:
        """Net weighted inconsistency by which each item counts against the runner-up more
        than against the leader (only items where it does)."""
        if len(self.leaders) != 1 or self.runner_up is None:
            return pd.Series(dtype=float)
        net = self.points[self.runner_up] - self.points[self.leaders[0]]
        return net[net > 0]

    @property
    def well_sourced_share(self) -> float:
        """Share of :attr:`separating` weight resting on records graded A or B with two or more
        sources."""
        sep = self.separating
        if sep.empty:
            return 0.0
        ev = self.evidence.loc[sep.index]
        good = ev["reliability"].astype(str).isin(["A", "B"]) & (ev["source_count"] >= 2)
        return float(sep[good].sum() / sep.sum())

    @property
    def survives_low_tier_drop(self) -> bool:
        return favoured(self.without_low_tier) == self.leaders

    @property
    def pivotal(self) -> tuple[str, ...]:
        """Evidence whose removal alone changes the favoured hypothesis."""
        loo = self.leave_one_out
        return tuple(loo.index[loo["leader_changed"]])

    @property
    def robust(self) -> bool:
        """The leader is unique and unchanged by every check."""
        return len(self.leaders) == 1 and self.survives_low_tier_drop and not self.pivotal

    @property
    def confidence(self) -> tuple[str, str]:
        """Confidence level (``low``, ``moderate``, ``high``) and the reasons for it."""
        n_diag, low = len(self.diagnostic), self.low_tier_share
        if len(self.leaders) != 1:
            return "low", "the evidence does not separate the leading hypotheses"
        if not self.survives_low_tier_drop:
            return "low", (
                "the favoured hypothesis changes when evidence resting only on "
                "low-tier sources is dropped"
            )
        if n_diag < 5:
            return "low", f"only {n_diag} piece(s) of evidence discriminate between the hypotheses"
        if low > 0.5:
            return (
                "low",
                f"{low:.0%} of the discriminating evidence's weight rests on low-tier sources only",
            )
        held = [
            "the favoured hypothesis holds when evidence resting only on low-tier sources "
            "is dropped"
        ]
        short = []
        if self.pivotal:
            short.append(f"removing {', '.join(self.pivotal)} alone changes it")
        else:
            held.append("and when any single piece of evidence is left out")
        if n_diag < 10:
            short.append(f"only {n_diag} pieces of evidence discriminate")
        if low > 0.25:
            short.append(f"{low:.0%} of their weight rests on low-tier sources only")
        if self.margin < 0.35:
            short.append(f"the margin over the runner-up is only {self.margin:.0%}")
        if self.well_sourced_share < 0.5:
            share = self.well_sourced_share
            short.append(
                f"{'none' if share == 0 else f'only {share:.0%}'} of the evidence separating it "
                "from the runner-up comes from A- or B-graded records with two or more sources"
            )
        if short:
            return "moderate", f"{' '.join(held)}, but {'; '.join(short)}"
        return "high", (
            f"{' '.join(held)}; {n_diag} pieces of evidence discriminate, "
            f"{low:.0%} of their weight on low-tier sources only"
        )

    @property
    def likelihood(self) -> str:
        """The ICD 203 word for the leader being the correct reading (see estimative_statement)."""
        level = self.confidence[0]
        if len(self.leaders) != 1 or self.margin < 0.15:
            return "roughly even chance"
        if not self.robust and self.margin < 0.4:
            return "roughly even chance"
        if self.margin >= 0.9 and level == "high":
            return "almost certain"
        if self.margin >= 0.5 and level == "high":
            return "very likely"
        return "likely"


def ach_sensitivity(
    ratings: pd.DataFrame, evidence: pd.DataFrame, hypotheses: list[str] | None = None
) -> ACHSensitivity:
    """Re-score without low-tier-only evidence and with each piece of evidence left out.

    Parameters
    ----------
    ratings : tidy ratings (see :func:`ach_scores`).
    evidence : indexed by evidence id, with ``weight``, ``low_tier_only``, ``reliability`` and
        ``source_count`` columns (as from :func:`ach_evidence`).
    hypotheses : hypothesis ids in order (``None``: those in ``ratings``).
    """
    order = list(dict.fromkeys(ratings["hypothesis_id"])) if hypotheses is None else hypotheses
    weights = evidence["weight"]
    baseline = ach_scores(ratings, weights, order)
    low = tuple(evidence.index[evidence["low_tier_only"].astype(bool)])
    without = ach_scores(ratings[~ratings["evidence_id"].isin(low)], weights, order)
    base_leaders, base_ranking = favoured(baseline), ranking(baseline)
    points = ach_points(ratings, weights, order)
    total = points.sum()
    rows = []
    for eid in points.index:  # leaving one out takes its points off every score
        s = (total - points.loc[eid]).round(6).to_frame("score")
        rows.append(
            {
                "evidence_id": eid,
                "leaders": favoured(s),
                "ranking": ranking(s),
                "leader_changed": favoured(s) != base_leaders,
                "ranking_changed": ranking(s) != base_ranking,
            }
        )
    loo = pd.DataFrame(
        rows, columns=["evidence_id", "leaders", "ranking", "leader_changed", "ranking_changed"]
    ).set_index("evidence_id")
    used = list(dict.fromkeys(ratings["evidence_id"]))
    return ACHSensitivity(
        baseline,
        without,
        low,
        loo,
        points,
        evidence.loc[used, ["weight", "reliability", "source_count", "low_tier_only"]],
    )


# --- estimative language -------------------------------------------------------------------------


def _alternative(word: str, s1: float, score: float, confidence: str) -> str:
    """ICD 203 word for an alternative: the complement of the leader's word, one step lower when
    the alternative is far more inconsistent (relative margin >= 0.75, or >= 0.9 for *almost no
    chance* with high confidence) and confidence is not low."""
    far = (score - s1) / score if score else 0.0
    if confidence == "high" and far >= 0.9:
        return "almost no chance"
    if confidence != "low" and far >= 0.75 and word != "almost certain":
        return "very unlikely"
    return _COMPLEMENT[word]


_COMPLEMENT = {
    "likely": "unlikely",
    "very likely": "very unlikely",
    "almost certain": "almost no chance",
}


def estimative_statement(scores: pd.DataFrame, sensitivity: ACHSensitivity) -> str:
    """An assessment in ICD 203 terms: a likelihood sentence, then a separate confidence sentence.

    ICD 203 asks that likelihood and confidence not be combined in one sentence, so they are
    two. Both follow fixed rules on the scores and the sensitivity checks (a convention stated
    here and in ``docs/ach.md``, not a computed probability):

    * likelihood, from the relative margin ``m = (s2 - s1) / s2`` of the least inconsistent
      hypothesis (score ``s1``) over the runner-up (``s2``): a tie, ``m`` < 0.15, or
      ``m`` < 0.4 with a leader that some check overturns gives *roughly even chance*;
      *very likely* needs ``m`` >= 0.5 and high confidence, *almost
      certain* ``m`` >= 0.9 and high confidence; anything else is *likely*. Each alternative
      gets the complementary word (*unlikely*, *very unlikely*, *almost no chance*), one step
      lower when its own relative margin ``(s_h - s1) / s_h`` is at least 0.75 and confidence
      is not low (*almost no chance* needs 0.9 and high confidence);
    * confidence is *low* when the leader is tied, changes once low-tier-only evidence is
      dropped, rests on fewer than 5 discriminating items or on more than half their weight from
      low-tier sources; *high* only when it also survives leaving out any single item, with at
      least 10 discriminating items, at most a quarter of their weight low-tier, ``m`` >= 0.35
      and at least half the evidence separating it from the runner-up graded A or B with two or
      more sources; *moderate* otherwise. The reasons are given.

    ``scores`` needs a ``label`` column beside those of :func:`ach_scores`. With fewer than two
    hypotheses there is nothing to weigh, and the statement says so.
    """
    if scores.empty:
        return "No assessment: the dossier holds no competing hypotheses or ratings."
    labels = scores["label"] if "label" in scores.columns else pd.Series(scores.index, scores.index)
    if len(scores) < 2:
        only = scores.index[0]
        return (
            f"No assessment: ACH weighs hypotheses against each other, and the dossier holds "
            f"only one, {only} ({labels[only]}). Add at least one competing hypothesis."
        )
    ranked = scores.sort_values("score", kind="stable")
    top = sensitivity.leaders
    s1 = float(ranked["score"].iloc[0])
    s2 = float(ranked["score"].iloc[1]) if len(ranked) > 1 else s1
    confidence, why = sensitivity.confidence
    word = sensitivity.likelihood
    basis = (
        f"(weighted inconsistency {s1:g}, against {s2:g} for the runner-up; ACH ranks "
        "hypotheses by the evidence against them, so this is a judgement relative to the "
        f"{len(scores)} hypotheses considered, not a measured probability)"
    )
    if len(top) > 1:
        names = " and ".join(f"{h} ({labels[h]})" for h in top)
        first = (
            f"The evidence does not discriminate between {names}: it is a roughly even "
            f"chance ({LIKELIHOOD_TERMS['roughly even chance']}) which of them is the "
            f"correct reading {basis}."
        )
    elif word == "roughly even chance":
        lead, runner = ranked.index[0], ranked.index[1]
        first = (
            f"It is a roughly even chance ({LIKELIHOOD_TERMS[word]}) that {lead} "
            f"({labels[lead]}) rather than {runner} ({labels[runner]}) is the correct "
            f"reading {basis}."
        )
    else:
        lead = top[0]
        first = (
            f"We judge it {word} ({LIKELIHOOD_TERMS[word]}) that {lead} ({labels[lead]}) "
            f"is the correct reading {basis}."
        )
        groups: dict[str, list[str]] = {}
        for h in ranked.index[1:]:
            term = _alternative(word, s1, float(scores.at[h, "score"]), confidence)
            groups.setdefault(term, []).append(f"{h} ({labels[h]})")
        for term, names in groups.items():
            first += f" {'; '.join(names)}: {term} ({LIKELIHOOD_TERMS[term]})."
    second = f"We have {confidence} confidence in this judgement: {why}."
    return f"{first} {second}"


# --- the whole analysis from a dossier -----------------------------------------------------------


@dataclass(frozen=True)
class ACHAnalysis:
    """Hypotheses, evidence, ratings, matrix, scores, sensitivity and statement, from one dossier.

    ``matrix`` is evidence (rows) x hypotheses (columns) of consistency codes; ``ratings`` is
    the tidy form with each rating's rationale.
    """

    partnership_id: str | None
    hypotheses: pd.DataFrame
    evidence: pd.DataFrame
    ratings: pd.DataFrame
    matrix: pd.DataFrame
    scores: pd.DataFrame
    sensitivity: ACHSensitivity
    statement: str


def ach_analysis(dossier: Dossier, partnership_id: str | None = None) -> ACHAnalysis:
    """Run the whole ACH for the hypotheses about ``partnership_id``.

    ``None`` picks the partnership the dossier's hypotheses are about (an error if there are
    several).

    Examples
    --------
    >>> from analysis import load_dossier
    >>> a = ach_analysis(load_dossier())
    >>> a.partnership_id
    'pt-rus-irn-2025'
    """
    hyp = dossier.hypotheses
    if partnership_id is None:
        about = list(dict.fromkeys(hyp["partnership_id"]))
        if len(about) > 1:
            raise ValueError(
                f"hypotheses about several partnerships ({', '.join(about)}); name one"
            )
        partnership_id = about[0] if about else None
    hyp = hyp[hyp["partnership_id"] == partnership_id].set_index("hypothesis_id")
    order = list(hyp.index)
    ratings = dossier.ach_ratings[dossier.ach_ratings["hypothesis_id"].isin(order)].reset_index(
        drop=True
    )
    evidence = ach_evidence(dossier, list(dict.fromkeys(ratings["evidence_id"])))
    matrix = (
        ratings.assign(consistency=ratings["consistency"].astype(str))
        .pivot(index="evidence_id", columns="hypothesis_id", values="consistency")
        .reindex(index=list(evidence.index), columns=order)
    )
    matrix.columns.name = "hypothesis_id"
    sens = ach_sensitivity(ratings, evidence, order)
    scores = sens.baseline.copy()
    scores.insert(0, "label", hyp["label"].reindex(order))
    return ACHAnalysis(
        partnership_id,
        hyp,
        evidence,
        ratings,
        matrix,
        scores,
        sens,
        estimative_statement(scores, sens),
    )
