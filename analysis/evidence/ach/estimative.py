"""The result of an ACH in the words of ICD 203 (Analytic Standards): likelihood and confidence
in separate sentences, never beyond what the sensitivity checks support."""

from __future__ import annotations

import pandas as pd

from analysis.evidence.ach.sensitivity import ACHSensitivity

__all__ = ["LIKELIHOOD_TERMS", "estimative_statement"]

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


def _alternative(word: str, far: float, confidence: str) -> str:
    """ICD 203 word for an alternative: the complement of the leader's word, one step lower when
    the alternative is far more inconsistent (robust margin >= 0.75, or >= 0.9 for *almost no
    chance* with high confidence) and confidence is not low."""
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

    * likelihood, from the robust margin ``m`` of the least inconsistent hypothesis (score
      ``s1``) over every other (``s_h``): the least of ``(s_h - s1) / max(s_h, 1)`` with all
      the evidence and with each single item left out (the floor of 1, one item rated ``I`` at
      full weight, keeps a leader scoring 0 from leading by 1 over any runner-up). A tie, a
      leader that leaving out one item overturns, ``m`` < 0.15, or ``m`` < 0.4 with a leader
      that some check overturns gives *roughly even chance*; *very likely* needs ``m`` >= 0.5
      and high confidence, *almost certain* ``m`` >= 0.9 and high confidence; anything else is
      *likely*. Each alternative gets the complementary word (*unlikely*, *very unlikely*,
      *almost no chance*), one step lower when its own robust margin is at least 0.75 and
      confidence is not low (*almost no chance* needs 0.9 and high confidence), so no
      alternative is called very unlikely that one item's removal would put ahead;
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
            term = _alternative(word, float(sensitivity.robust_margins[h]), confidence)
            groups.setdefault(term, []).append(f"{h} ({labels[h]})")
        for term, names in groups.items():
            first += f" {'; '.join(names)}: {term} ({LIKELIHOOD_TERMS[term]})."
    second = f"We have {confidence} confidence in this judgement: {why}."
    return f"{first} {second}"


# --- the whole analysis from a dossier -----------------------------------------------------------
