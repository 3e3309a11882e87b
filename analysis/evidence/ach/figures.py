"""Figures of an Analysis of Competing Hypotheses: the rating matrix and the scores."""

from __future__ import annotations

import plotly.graph_objects as go
from markupsafe import Markup

from analysis.common import markup
from analysis.common.dates import format_date
from analysis.dossier.model import Dossier
from analysis.evidence.ach.assessment import ACHAnalysis, ach_analysis
from analysis.evidence.ach.scoring import INCONSISTENCY
from analysis.figures.style import colour
from analysis.schema import VOCABULARIES

__all__ = ["CONSISTENCY_CODES", "ach_matrix_figure", "ach_scores_figure", "regraded_scores_figure"]

#: Heatmap code of each consistency rating, very inconsistent (-2) to very consistent (+2).
CONSISTENCY_CODES: dict[str, int] = {"II": -2, "I": -1, "N": 0, "C": 1, "CC": 2}
_SCENARIO_COLOURS = {"all evidence": "#0072B2", "without low-tier-only evidence": "#E69F00"}


def _colourscale() -> list[list]:
    terms = sorted(CONSISTENCY_CODES, key=CONSISTENCY_CODES.get)
    n = len(terms)
    scale = []
    for i, term in enumerate(terms):
        scale += [[i / n, colour("consistency", term)], [(i + 1) / n, colour("consistency", term)]]
    return scale


def _evidence_label(eid: str, row) -> str:
    return f"{eid} ({row['reliability']}{row['credibility']}, w={row['weight']:.2f})"


def ach_matrix_figure(
    analysis: ACHAnalysis, *, title: str | None = "Evidence against the competing hypotheses"
) -> go.Figure:
    """Heatmap of evidence (rows) x hypotheses (columns), coloured by consistency rating.

    Rows are labelled with the evidence id, its grades (reliability and credibility, e.g.
    ``B2``) and its weight; cells show the rating. Hover gives the hypothesis, the evidence
    (kind, date, summary, publishers) and the rationale of the rating. The scores have their
    own figure (:func:`ach_scores_figure`). Every dossier string is escaped by
    :mod:`analysis.common.markup`.
    """
    ev, matrix, hyp = analysis.evidence, analysis.matrix, analysis.hypotheses
    rationale = {
        (r.hypothesis_id, r.evidence_id): r.rationale
        for r in analysis.ratings.itertuples(index=False)
    }
    cols = list(matrix.columns)
    z, text, hover = [], [], []
    for eid in matrix.index:
        row = ev.loc[eid]
        when = format_date(row["date"], "day") if row["kind"] != "obligation" else "treaty text"
        z_row, t_row, h_row = [], [], []
        for hid in cols:
            code = matrix.at[eid, hid]
            code = code if isinstance(code, str) else "N"
            z_row.append(CONSISTENCY_CODES[code])
            t_row.append(code)
            h_row.append(
                str(
                    markup.lines(
                        Markup("<b>{}</b> · {}").format(
                            markup.text(hid), markup.text(hyp.at[hid, "label"])
                        ),
                        Markup("<b>{}</b>: {}").format(
                            markup.text(code), markup.text(VOCABULARIES["consistency"][code])
                        ),
                        Markup("why: {}").format(
                            markup.text(rationale.get((hid, eid), "not rated"), 240)
                        ),
                        Markup("{} {} · {}").format(
                            markup.text(row["kind"]), markup.text(eid), markup.text(when)
                        ),
                        markup.text(row["summary"], 200),
                        Markup("grades {}{} · weight {} · sources: {}").format(
                            markup.text(row["reliability"]),
                            markup.text(row["credibility"]),
                            f"{row['weight']:.2f}",
                            markup.text(", ".join(row["publishers"]), 120),
                        ),
                    )
                )
            )
        z.append(z_row)
        text.append(t_row)
        hover.append(h_row)
    ticks = sorted(CONSISTENCY_CODES.items(), key=lambda kv: kv[1])
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=cols,
            y=list(matrix.index),
            text=text,
            texttemplate="%{text}",
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
            colorscale=_colourscale(),
            zmin=-2.5,
            zmax=2.5,
            xgap=2,
            ygap=2,
            name="ratings",
            colorbar=dict(
                title=dict(text="rating"),
                tickvals=[v for _, v in ticks],
                ticktext=[t for t, _ in ticks],
            ),
        )
    )
    fig.update_layout(
        title=dict(text=str(markup.text(title))) if title else None,
        plot_bgcolor="white",
        height=180 + 26 * len(matrix),
        margin=dict(l=10, r=10, t=90 if title else 40, b=10),
    )
    fig.update_xaxes(
        side="top",
        tickvals=cols,
        ticktext=[
            str(Markup("{}<br>{}").format(markup.text(h), markup.text(hyp.at[h, "label"], 36)))
            for h in cols
        ],
    )
    fig.update_yaxes(
        autorange="reversed",
        tickvals=list(matrix.index),
        ticktext=[str(markup.text(_evidence_label(e, ev.loc[e]), 60)) for e in matrix.index],
    )
    return fig


def ach_scores_figure(
    analysis: ACHAnalysis, *, title: str | None = "Weighted inconsistency (lower is better)"
) -> go.Figure:
    """Bars of each hypothesis's weighted inconsistency: with all the evidence, and without the
    evidence resting only on low-tier sources.

    The error bar on the first set spans the scores obtained by leaving each piece of evidence
    out in turn. Hover gives the counts of ``I`` and ``II`` ratings and the rank.
    """
    sens, hyp = analysis.sensitivity, analysis.hypotheses
    ids = list(sens.baseline.index)
    names = [
        str(Markup("{}: {}").format(markup.text(h), markup.text(hyp.at[h, "label"], 40)))
        for h in ids
    ]
    # Leaving one piece of evidence out can only lower a score, by at most its largest term.
    points = analysis.matrix.apply(
        lambda col: col.map(lambda c: INCONSISTENCY.get(c, 0) if isinstance(c, str) else 0)
    )
    largest = points.mul(analysis.evidence["weight"], axis=0).max(axis=0)
    fig = go.Figure()
    for scenario, scores in (
        ("all evidence", sens.baseline),
        ("without low-tier-only evidence", sens.without_low_tier),
    ):
        hover = [
            str(
                markup.lines(
                    Markup("<b>{}</b>").format(markup.text(hyp.at[h, "label"])),
                    markup.text(scenario),
                    f"score {scores.at[h, 'score']:g} · rank {scores.at[h, 'rank']}",
                    f"{scores.at[h, 'very_inconsistent']} × II, {scores.at[h, 'inconsistent']} × I",
                )
            )
            for h in ids
        ]
        bar = dict(
            x=[scores.at[h, "score"] for h in ids],
            y=names,
            orientation="h",
            name=scenario,
            marker_color=_SCENARIO_COLOURS[scenario],
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
        )
        if scenario == "all evidence":
            bar["error_x"] = dict(
                type="data",
                symmetric=False,
                array=[0.0] * len(ids),
                arrayminus=[float(largest.get(h, 0.0)) for h in ids],
                color="#333333",
            )
        fig.add_bar(**bar)
    fig.update_layout(
        title=dict(text=str(markup.text(title))) if title else None,
        barmode="group",
        plot_bgcolor="white",
        height=160 + 70 * len(ids),
        xaxis_title="weighted inconsistency",
        legend=dict(orientation="h", y=-0.2),
    )
    fig.update_yaxes(autorange="reversed")
    return fig


def regraded_scores_figure(
    dossier: Dossier,
    *,
    source_id: str | None = None,
    grade: str | None = None,
    partnership_id: str | None = None,
) -> go.Figure:
    """The scores of :func:`ach_scores_figure` after re-grading one source (``None``: as is).

    A figure builder for a live control: a reader picks a source and a grade and sees the
    weighted inconsistency of every hypothesis recomputed.
    """
    if source_id and grade:
        dossier = dossier.regrade(**{source_id: grade})
    title = "Weighted inconsistency (lower is better)"
    if source_id and grade:
        title += f", with {source_id} graded {grade}"
    return ach_scores_figure(ach_analysis(dossier, partnership_id), title=title)
