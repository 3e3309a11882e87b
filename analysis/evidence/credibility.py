"""How far the sources can be trusted: Admiralty grades through every view, and what rests on what.

The Admiralty system grades a source's reliability ``A`` (completely reliable) to ``F``
(cannot be judged) and a piece of information's credibility ``1`` (confirmed) to ``6``
(cannot be judged); see :data:`analysis.schema.RELIABILITY_GRADES` and
:data:`analysis.schema.CREDIBILITY_GRADES`. A record's ``reliability`` is the best grade among
the sources it cites; it is *low-tier only* when every one of them is graded ``D`` or worse.

This module filters any citing frame by grade and shows which publishers carry which claims and
how many claims rest on one source or on low-tier sources only. What changes when a reader
re-grades a source is measured by :mod:`analysis.evidence.regrade`.
"""

from __future__ import annotations

import itertools

import pandas as pd
import plotly.graph_objects as go

from analysis.common import markup
from analysis.dossier.model import Dossier
from analysis.figures.style import colour
from analysis.schema import CREDIBILITY_GRADES, RELIABILITY_GRADES

__all__ = [
    "CLAIM_TABLES",
    "publisher_claims",
    "publisher_matrix",
    "source_dependence",
    "weak_records",
    "grade_distribution",
    "grade_matrix",
    "grade_matrix_figure",
    "publisher_figure",
]

#: Tables whose records are claims a reader may want to weigh, with their id and subject fields.
CLAIM_TABLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "allegations": ("allegation_id", ("allegation_id",)),
    "statements": ("statement_id", ("allegation_ids", "partnership_id")),
    "events": ("event_id", ("allegation_id", "partnership_id")),
    "obligations": ("obligation_id", ("partnership_id",)),
}


_RELIABILITY_ORDER = list(RELIABILITY_GRADES)


# --- who carries what ----------------------------------------------------------------------------


def _subjects(rec: dict, fields: tuple[str, ...]) -> list[str]:
    """What a record is about: the ids of its first subject field that names any, else ""."""
    for f in fields:
        value = rec.get(f)
        ids = list(value) if isinstance(value, tuple) else [value] if isinstance(value, str) else []
        if ids:
            return ids
    return [""]


def publisher_claims(
    dossier: Dossier, tables: tuple[str, ...] = tuple(CLAIM_TABLES)
) -> pd.DataFrame:
    """One row per (claim, source it cites, subject): which publisher carries which claim.

    A statement about several allegations has a row for each (its ``subject``).

    Columns: ``table``, ``record_id``, ``subject`` (the allegation or partnership the claim is
    about), ``source_id``, ``publisher``, ``source_reliability``, ``source_kind``,
    ``record_reliability`` (best grade of all the record's sources), ``source_count``,
    ``low_tier_only``.
    """
    sources = dossier.sources.set_index("source_id")
    rows = []
    for name in tables:
        key, subjects = CLAIM_TABLES[name]
        frame = getattr(dossier, name)
        for rec in frame.to_dict("records"):
            for sid, subject in itertools.product(rec["source_ids"], _subjects(rec, subjects)):
                rows.append(
                    {
                        "table": name,
                        "record_id": rec[key],
                        "subject": subject,
                        "source_id": sid,
                        "publisher": sources.at[sid, "publisher"],
                        "source_reliability": str(sources.at[sid, "reliability"]),
                        "source_kind": str(sources.at[sid, "kind"]),
                        "record_reliability": str(rec["reliability"]),
                        "source_count": rec["source_count"],
                        "low_tier_only": rec["low_tier_only"],
                    }
                )
    out = pd.DataFrame(
        rows,
        columns=[
            "table",
            "record_id",
            "subject",
            "source_id",
            "publisher",
            "source_reliability",
            "source_kind",
            "record_reliability",
            "source_count",
            "low_tier_only",
        ],
    )
    grade = pd.CategoricalDtype(list(RELIABILITY_GRADES), ordered=True)
    return out.astype({"source_reliability": grade, "record_reliability": grade})


def publisher_matrix(
    dossier: Dossier, tables: tuple[str, ...] = tuple(CLAIM_TABLES)
) -> pd.DataFrame:
    """Publishers (rows) x subjects (columns): how many claims about each subject each carries.

    Rows are sorted by the number of claims carried, most first; a ``grade`` column gives the
    publisher's best source grade.
    """
    claims = publisher_claims(dossier, tables)
    claims = claims[claims["subject"] != ""]
    table = pd.crosstab(claims["publisher"], claims["subject"])
    grade = claims.groupby("publisher", observed=True)["source_reliability"].min().astype(str)
    table = table.loc[table.sum(axis=1).sort_values(ascending=False, kind="stable").index]
    table.insert(0, "grade", grade.reindex(table.index))
    table.columns.name = None
    return table


def source_dependence(
    dossier: Dossier, tables: tuple[str, ...] = tuple(CLAIM_TABLES)
) -> pd.DataFrame:
    """Per table, how many claims rest on a single source or only on low-tier (D-F) sources.

    Columns: ``records``, ``single_source``, ``low_tier_only``, ``single_low_tier`` (both),
    and ``share_weak`` (single source or low-tier only, as a share of the records).
    """
    rows = {}
    for name in tables:
        f = getattr(dossier, name)
        single = f["source_count"] == 1
        low = f["low_tier_only"].astype(bool)
        rows[name] = {
            "records": len(f),
            "single_source": int(single.sum()),
            "low_tier_only": int(low.sum()),
            "single_low_tier": int((single & low).sum()),
            "share_weak": float((single | low).mean()) if len(f) else 0.0,
        }
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = "table"
    return out


def weak_records(dossier: Dossier, tables: tuple[str, ...] = tuple(CLAIM_TABLES)) -> pd.DataFrame:
    """Every claim resting on a single source or only on low-tier sources, weakest first."""
    rows = []
    for name in tables:
        key, subjects = CLAIM_TABLES[name]
        f = getattr(dossier, name)
        weak = f[(f["source_count"] == 1) | f["low_tier_only"].astype(bool)]
        for rec in weak.to_dict("records"):
            rows.append(
                {
                    "table": name,
                    "record_id": rec[key],
                    "subject": next((rec[s] for s in subjects if isinstance(rec.get(s), str)), ""),
                    "reliability": str(rec["reliability"]),
                    "credibility": str(rec.get("credibility", "")).replace("nan", ""),
                    "source_count": rec["source_count"],
                    "low_tier_only": rec["low_tier_only"],
                    "publishers": rec["publishers"],
                }
            )
    out = pd.DataFrame(
        rows,
        columns=[
            "table",
            "record_id",
            "subject",
            "reliability",
            "credibility",
            "source_count",
            "low_tier_only",
            "publishers",
        ],
    )
    return out.sort_values(
        ["low_tier_only", "reliability", "source_count"],
        ascending=[False, False, True],
        kind="stable",
    ).reset_index(drop=True)


# --- grades --------------------------------------------------------------------------------------


def grade_distribution(dossier: Dossier) -> pd.DataFrame:
    """Counts of each reliability grade (sources, and records by best source) in each table.

    Rows are the grades A-F; columns ``sources`` and each citing claim table.
    """
    out = pd.DataFrame(index=pd.Index(list(RELIABILITY_GRADES), name="reliability"))
    out["sources"] = dossier.sources["reliability"].astype(str).value_counts()
    for name in CLAIM_TABLES:
        out[name] = getattr(dossier, name)["reliability"].astype(str).value_counts()
    return out.fillna(0).astype(int)


def grade_matrix(
    dossier: Dossier, tables: tuple[str, ...] = ("statements", "events")
) -> pd.DataFrame:
    """The Admiralty matrix: reliability A-F (rows) x credibility 1-6 (columns), record counts."""
    frames = [getattr(dossier, t)[["reliability", "credibility"]].astype(str) for t in tables]
    both = pd.concat(frames, ignore_index=True)
    table = pd.crosstab(both["reliability"], both["credibility"]).reindex(
        index=list(RELIABILITY_GRADES), columns=list(CREDIBILITY_GRADES), fill_value=0
    )
    table.index.name, table.columns.name = "reliability", "credibility"
    return table


def grade_matrix_figure(
    dossier: Dossier,
    *,
    tables: tuple[str, ...] = ("statements", "events"),
    title: str | None = "Admiralty grades of the claims",
) -> go.Figure:
    """Heatmap of :func:`grade_matrix`: claims per reliability x credibility cell."""
    table = grade_matrix(dossier, tables)
    hover = [
        [
            f"reliability {r}: {RELIABILITY_GRADES[r]}<br>credibility {c}: "
            f"{CREDIBILITY_GRADES[c]}<br>{table.at[r, c]} record(s)"
            for c in table.columns
        ]
        for r in table.index
    ]
    fig = go.Figure(
        go.Heatmap(
            z=table.to_numpy(),
            x=[f"{c}" for c in table.columns],
            y=list(table.index),
            text=table.to_numpy(),
            texttemplate="%{text}",
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
            colorscale=[[0, "#ffffff"], [1, "#08519c"]],
            xgap=2,
            ygap=2,
            showscale=False,
        )
    )
    fig.update_layout(
        title=dict(text=str(markup.text(title))) if title else None,
        xaxis_title="credibility (1 confirmed … 6 cannot be judged)",
        yaxis_title="reliability (A best … F cannot be judged)",
        plot_bgcolor="white",
        height=380,
    )
    fig.update_yaxes(autorange="reversed")
    return fig


def publisher_figure(
    dossier: Dossier, *, top: int = 25, title: str | None = "Which publishers carry the claims"
) -> go.Figure:
    """Horizontal bars: claims carried per publisher, one bar per publisher coloured by its grade.

    Hover lists the subjects the publisher's claims are about, and how many of the records it
    backs rest on it alone.
    """
    claims = publisher_claims(dossier)
    rows = []
    for publisher, group in claims.groupby("publisher", sort=False):
        rows.append(
            {
                "publisher": publisher,
                "claims": group["record_id"].nunique(),
                "alone": group.loc[group["source_count"] == 1, "record_id"].nunique(),
                "grade": str(group["source_reliability"].min()),
                "subjects": ", ".join(sorted(set(group["subject"]) - {""})),
            }
        )
    table = (
        pd.DataFrame(rows, columns=["publisher", "claims", "alone", "grade", "subjects"])
        .sort_values(["claims", "publisher"], ascending=[False, True])
        .head(top)
    )
    fig = go.Figure()
    for grade in RELIABILITY_GRADES:
        part = table[table["grade"] == grade]
        if part.empty:
            continue
        hover = [
            str(
                markup.lines(
                    markup.text(r.publisher),
                    f"best grade {r.grade}: {RELIABILITY_GRADES[r.grade]}",
                    f"{r.claims} claim(s), {r.alone} resting on this source alone",
                    markup.text(f"about: {r.subjects}", 240),
                )
            )
            for r in part.itertuples()
        ]
        fig.add_bar(
            x=part["claims"],
            y=[str(markup.text(p, 50)) for p in part["publisher"]],
            orientation="h",
            name=f"grade {grade}",
            marker_color=colour("reliability", grade),
            marker_line_color="#555555",
            marker_line_width=0.5,
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
        )
    order = [str(markup.text(p, 50)) for p in table["publisher"]]
    fig.update_layout(
        title=dict(text=str(markup.text(title))) if title else None,
        xaxis_title="claims carried",
        plot_bgcolor="white",
        height=160 + 22 * len(table),
        legend_title_text="source reliability",
    )
    fig.update_yaxes(categoryorder="array", categoryarray=order, autorange="reversed")
    return fig
