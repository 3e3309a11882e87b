"""How the ranking of hypotheses holds up when evidence is removed (Heuer's checks).

Does the favoured hypothesis survive when the least reliable evidence (resting only on sources
graded ``D``-``F``) is dropped, and when each piece of evidence is left out in turn? The
thresholds that turn these checks into a confidence and a likelihood word live here.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.evidence.ach.scoring import ach_points, ach_scores, favoured, ranking

__all__ = ["ACHSensitivity", "ach_sensitivity", "MARGIN_FLOOR", "floored_margin"]

#: The least denominator of a margin: one item rated ``I`` at full weight. Without it a leader
#: scoring 0 would lead by a relative margin of 1 over any runner-up, however slight its score.
MARGIN_FLOOR = 1.0


def floored_margin(s1: float, s_h: float) -> float:
    """How far ``s_h`` trails ``s1``: ``(s_h - s1) / max(s_h, MARGIN_FLOOR)`` (negative when it
    leads).

    >>> floored_margin(0.0, 0.24), floored_margin(0.0, 4.0), floored_margin(2.0, 1.0)
    (0.24, 1.0, -1.0)
    """
    return round((s_h - s1) / max(s_h, MARGIN_FLOOR), 6)


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
        """Margin of the leader over the runner-up, ``(s2 - s1) / max(s2, MARGIN_FLOOR)``
        (0 when tied; see :func:`floored_margin`)."""
        if len(self.leaders) != 1 or self.runner_up is None:
            return 0.0
        s1 = float(self.baseline.at[self.leaders[0], "score"])
        return floored_margin(s1, float(self.baseline.at[self.runner_up, "score"]))

    @property
    def robust_margins(self) -> pd.Series:
        """For each other hypothesis, its margin behind the leader in the worst case: with all
        the evidence, or with the one item left out that narrows the gap most (negative when
        leaving out one item puts it ahead). Empty when the leader is not unique."""
        if len(self.leaders) != 1:
            return pd.Series(dtype=float)
        lead = self.leaders[0]
        total = self.points.sum()
        cases = pd.concat([total.to_frame().T, total - self.points], ignore_index=True)
        others = [h for h in self.baseline.index if h != lead]
        return pd.Series(
            {
                h: min(floored_margin(a, b) for a, b in zip(cases[lead], cases[h], strict=True))
                for h in others
            },
            dtype=float,
        )

    @property
    def robust_margin(self) -> float:
        """The least of :attr:`robust_margins` (0 when the leader is not unique)."""
        margins = self.robust_margins
        return float(margins.min()) if len(margins) else 0.0

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
        level, m = self.confidence[0], self.robust_margin
        if len(self.leaders) != 1 or m < 0.15 or self.pivotal:
            return "roughly even chance"
        if not self.robust and m < 0.4:
            return "roughly even chance"
        if m >= 0.9 and level == "high":
            return "almost certain"
        if m >= 0.5 and level == "high":
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
