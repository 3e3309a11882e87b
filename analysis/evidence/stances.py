"""Who alleges against whom, and who denies: an actor x actor view of the allegation statements.

Built from the same statements as :mod:`analysis.evidence.allegations`, as of any date and filtered
by Admiralty grade if a reader wishes. A confirmation by someone who is neither accused nor
beneficiary counts as an allegation, as it does for :func:`analysis.filtering.allegation_status`.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from markupsafe import Markup
from plotly.subplots import make_subplots

from analysis.common import markup
from analysis.dossier.model import Dossier, per_actor
from analysis.figures.style import colour
from analysis.filtering.grades import graded_statements

__all__ = ["stance_matrix", "stance_pivot", "stance_matrix_figure"]


def stance_matrix(
    dossier: Dossier,
    *,
    as_of=None,
    include_beneficiaries: bool = True,
    min_reliability: str | None = None,
    max_credibility: int | str | None = None,
) -> pd.DataFrame:
    """Who alleges against whom, and who denies: one row per (speaker, target, stance).

    ``actor_id`` made statements with ``stance`` (``alleges``, which includes third-party
    confirmations; ``denies``; ``confirms`` for admissions by a party) about allegations against
    ``target_id`` (an accused party, or also a beneficiary when ``include_beneficiaries``).
    ``statements`` counts them, each utterance once however many of its allegations name the
    target; every party to a joint statement is credited with it. ``allegations`` names the
    allegations.
    """
    # each party to a joint statement alleges or denies; the utterance still counts once each
    st = per_actor(graded_statements(dossier, as_of, None, min_reliability, max_credibility))
    al = dossier.allegations.set_index("allegation_id")
    rows = []
    for rec in st.to_dict("records"):
        a = al.loc[rec["allegation_id"]]
        parties = set(a["accused_ids"]) | set(a["beneficiary_ids"])
        stance = str(rec["stance"])
        if stance == "confirms":
            stance = "confirms" if rec["actor_id"] in parties else "alleges"
        if stance not in ("alleges", "denies", "confirms"):
            continue
        targets = list(a["accused_ids"]) + (
            list(a["beneficiary_ids"]) if include_beneficiaries else []
        )
        for target in dict.fromkeys(targets):
            rows.append(
                {
                    "actor_id": rec["actor_id"],
                    "target_id": target,
                    "stance": stance,
                    "allegation_id": rec["allegation_id"],
                    "statement_id": rec["statement_id"],
                }
            )
    columns = ["actor_id", "target_id", "stance", "allegation_id", "statement_id"]
    long = pd.DataFrame(rows, columns=columns)
    out = (
        long.groupby(["actor_id", "target_id", "stance"], sort=True)
        .agg(
            statements=("statement_id", "nunique"),
            allegations=("allegation_id", lambda s: tuple(dict.fromkeys(s))),
        )
        .reset_index()
    )
    return out


def stance_pivot(matrix: pd.DataFrame, stance: str = "alleges") -> pd.DataFrame:
    """Speakers (rows) x targets (columns): number of ``stance`` statements."""
    part = matrix[matrix["stance"] == stance]
    table = part.pivot_table(
        index="actor_id", columns="target_id", values="statements", aggfunc="sum", fill_value=0
    )
    table.index.name, table.columns.name = "actor", "against"
    return table


def stance_matrix_figure(
    dossier: Dossier,
    *,
    as_of=None,
    include_beneficiaries: bool = True,
    min_reliability: str | None = None,
    max_credibility: int | str | None = None,
    title: str | None = "Who alleges against whom, and who denies",
) -> go.Figure:
    """Two heatmaps side by side: statements alleging (left) and denying (right), actor x target."""
    matrix = stance_matrix(
        dossier,
        as_of=as_of,
        include_beneficiaries=include_beneficiaries,
        min_reliability=min_reliability,
        max_credibility=max_credibility,
    )
    names = dossier.actor_names()
    fig = make_subplots(
        rows=1, cols=2, subplot_titles=("alleges", "denies"), horizontal_spacing=0.22
    )
    scales = {"alleges": colour("stance", "alleges"), "denies": colour("stance", "denies")}
    for col, stance in enumerate(("alleges", "denies"), start=1):
        table = stance_pivot(matrix, stance)
        part = matrix[matrix["stance"] == stance].set_index(["actor_id", "target_id"])
        hover = [
            [
                str(
                    markup.lines(
                        Markup("<b>{}</b> {} <b>{}</b>").format(
                            markup.text(names.get(r, r)),
                            markup.text(stance),
                            markup.text(names.get(c, c)),
                        ),
                        f"{table.at[r, c]} statement(s)",
                        markup.text(
                            ", ".join(part.at[(r, c), "allegations"])
                            if (r, c) in part.index
                            else "",
                            200,
                        ),
                    )
                )
                for c in table.columns
            ]
            for r in table.index
        ]
        fig.add_heatmap(
            z=table.to_numpy(),
            x=list(table.columns),
            y=list(table.index),
            text=table.to_numpy(),
            texttemplate="%{text}",
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
            name=stance,
            showscale=False,
            colorscale=[[0, "#ffffff"], [1, scales[stance]]],
            xgap=2,
            ygap=2,
            row=1,
            col=col,
        )
        fig.update_xaxes(
            title_text="against",
            row=1,
            col=col,
            tickvals=list(table.columns),
            ticktext=[str(markup.text(names.get(c, c), 30)) for c in table.columns],
        )
        fig.update_yaxes(
            autorange="reversed",
            row=1,
            col=col,
            tickvals=list(table.index),
            ticktext=[str(markup.text(names.get(r, r), 30)) for r in table.index],
        )
    fig.update_layout(
        title=dict(text=str(markup.text(title))) if title else None,
        plot_bgcolor="white",
        height=220 + 24 * matrix["actor_id"].nunique(),
    )
    return fig
