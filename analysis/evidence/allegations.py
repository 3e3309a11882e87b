"""Allegation tracker: each allegation's lifecycle, its current status, and who alleges or denies.

Everything here is derived from the statements by :func:`analysis.filtering.allegation_status`,
as of any date and, if a reader wishes, from only the statements whose grades meet a threshold
(:func:`analysis.filtering.filter_grades`). A lifecycle step names what a statement did:

* ``first allegation`` / ``allegation`` -- someone asserts it (a report carrying the claim counts);
* ``third-party confirmation`` -- someone other than the accused or beneficiary says it is true
  (it counts as an allegation, not an admission);
* ``denial``; ``partial acknowledgement`` and ``confirmation`` -- by an accused or beneficiary
  party, the admissions that set the status;
* ``no comment`` and ``comment`` -- on record, without a position.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from markupsafe import Markup

from analysis.common import markup
from analysis.common.dates import chronological, format_date
from analysis.dossier.model import Dossier, speakers
from analysis.dossier.model import parties as parties_of
from analysis.figures.style import STANCE_SYMBOLS, colour
from analysis.filtering.grades import graded_statements
from analysis.filtering.status import STATUSES, allegation_status

__all__ = ["STEPS", "lifecycle_table", "allegation_summary", "lifecycle_figure"]
_WHO = ("actor_id", "joint_actor_ids")  # who made a statement: all parties of a joint one

#: Lifecycle steps, in the order a typical allegation passes through them.
STEPS = (
    "first allegation",
    "allegation",
    "third-party confirmation",
    "denial",
    "no comment",
    "comment",
    "partial acknowledgement",
    "confirmation",
)


# Stances drawn last sit on top: admissions and allegations over comments.
_DRAW_ORDER = (
    "comments",
    "declines_to_comment",
    "denies",
    "alleges",
    "partly_acknowledges",
    "confirms",
)


def _allegations(dossier: Dossier, allegations) -> pd.DataFrame:
    al = dossier.allegations
    if allegations is None:
        return al
    order = {a: i for i, a in enumerate(allegations)}
    return al[al["allegation_id"].isin(order)].sort_values(
        "allegation_id", key=lambda s: s.map(order)
    )


def _statuses_after(rows: pd.DataFrame) -> list[str]:
    """Status of each row's allegation once everything reported that day is counted.

    ``rows`` are sorted by allegation and date, with ``stance`` and ``by_party``. The rules are
    those of :func:`analysis.filtering.allegation_status` (tests check that the two agree), applied
    cumulatively so that a whole lifecycle costs one pass instead of one call per date.
    """
    after: list[str] = [""] * len(rows)
    positions = range(len(rows))
    keys = zip(rows["allegation_id"], rows["reported"], strict=True)
    seen: dict[str, set[str]] = {}
    day_rows: dict[tuple, list[int]] = {}
    for i, key in zip(positions, keys, strict=True):
        day_rows.setdefault(key, []).append(i)
    stances = rows["stance"].astype(str).tolist()
    party = rows["by_party"].tolist()
    for (aid, _), members in day_rows.items():  # in row order: allegation, then date
        flags = seen.setdefault(aid, set())
        for i in members:
            if stances[i] == "alleges" or (stances[i] == "confirms" and not party[i]):
                flags.add("alleged")
            elif stances[i] == "denies":
                flags.add("denied")
            elif stances[i] == "partly_acknowledges" and party[i]:
                flags.add("partly")
            elif stances[i] == "confirms":
                flags.add("confirmed")
        if "confirmed" in flags:
            status = "confirmed"
        elif "partly" in flags:
            status = "partly_acknowledged"
        elif {"alleged", "denied"} <= flags:
            status = "disputed"
        elif "alleged" in flags:
            status = "alleged"
        else:
            status = "denied" if "denied" in flags else "unreported"
        for i in members:
            after[i] = status
    return after


def _step(stance: str, by_party: bool) -> str:
    if stance == "alleges":
        return "allegation"
    if stance == "confirms":
        return "confirmation" if by_party else "third-party confirmation"
    if stance == "partly_acknowledges":
        return "partial acknowledgement" if by_party else "comment"
    return {"denies": "denial", "declines_to_comment": "no comment"}.get(stance, "comment")


def lifecycle_table(
    dossier: Dossier,
    *,
    as_of=None,
    allegations: list[str] | None = None,
    min_reliability: str | None = None,
    max_credibility: int | str | None = None,
) -> pd.DataFrame:
    """Every statement about each allegation, in order, with the step it is and the status after.

    Parameters
    ----------
    dossier : a loaded dossier.
    as_of : only statements reported on or before this date (``None``: all).
    allegations : allegation ids to keep, in order (``None``: all).
    min_reliability, max_credibility : count only statements graded at least this well
        (see :func:`analysis.filtering.filter_grades`).

    Returns
    -------
    pandas.DataFrame
        One row per statement: ``allegation_id``, ``statement_id``, ``reported`` (and its
        precision), ``occurred`` (and its precision), ``actor_id``, ``actor``, ``speaker``,
        ``stance``, ``step``, ``by_party``, ``status_after``, ``credibility``, ``reliability``,
        ``source_count``, ``publishers``, ``summary``.
    """
    al = _allegations(dossier, allegations)
    st = graded_statements(dossier, as_of, allegations, min_reliability, max_credibility)
    names = dossier.actor_names()
    parties = {a.allegation_id: {*a.accused_ids, *a.beneficiary_ids} for a in al.itertuples()}
    order = {a: i for i, a in enumerate(al["allegation_id"])}
    st = st[st["allegation_id"].isin(order)]
    out = st.assign(
        _order=st["allegation_id"].map(order),
        by_party=[
            bool(parties[aid].intersection(by))
            for by, aid in zip(parties_of(st), st["allegation_id"], strict=True)
        ],
        actor=[", ".join(names.get(a, a) for a in by) for by in parties_of(st)],
        speaker=[", ".join(names.get(a, a) for a in by) or None for by in speakers(st)],
    )
    out = chronological(out, "reported", first=("_order",), then=("occurred", "statement_id"))
    out = out.assign(
        step=[_step(str(s), b) for s, b in zip(out["stance"], out["by_party"], strict=True)]
    )
    # The first allegation is the one allegation_status names (so the two always agree).
    status = allegation_status(
        al, st[["allegation_id", *_WHO, "stance", "reported", "reported_precision"]]
    )
    alleging = out[out["step"].isin(["allegation", "third-party confirmation"])]
    for aid, on, by in zip(
        status.index, status["first_alleged"], status["first_alleged_by"], strict=True
    ):
        hit = alleging[
            (alleging["allegation_id"] == aid)
            & (alleging["reported"] == on)
            & (alleging["actor_id"] == by)
        ]
        if len(hit):
            out.loc[hit.index[0], "step"] = "first allegation"
    out = out.assign(
        status_after=pd.Categorical(_statuses_after(out), categories=list(STATUSES), ordered=True)
    )
    columns = [
        "allegation_id",
        "statement_id",
        "reported",
        "reported_precision",
        "occurred",
        "occurred_precision",
        "actor_id",
        "actor",
        "speaker",
        "stance",
        "step",
        "by_party",
        "status_after",
        "credibility",
        "reliability",
        "source_count",
        "publishers",
        "summary",
    ]
    return out[columns].reset_index(drop=True)


def allegation_summary(
    dossier: Dossier,
    *,
    as_of=None,
    allegations: list[str] | None = None,
    min_reliability: str | None = None,
    max_credibility: int | str | None = None,
) -> pd.DataFrame:
    """One row per allegation: its status as of ``as_of`` and the milestones that set it.

    Columns: ``proposition``, ``topic``, ``status``, ``first_alleged``, ``first_alleged_by``,
    ``alleged_by``, ``denials`` (number of denials), ``denied_by``, ``partly_acknowledged_by``,
    ``confirmations`` (admissions by a party), ``confirmed_by`` (in order of admission),
    ``confirmed_on`` (first admission), ``days_to_confirmation``, ``statements`` and
    ``weak_statements`` (statements resting on one source or on low-tier sources only).

    Examples
    --------
    >>> from analysis import load_dossier
    >>> s = allegation_summary(load_dossier())
    >>> s.loc["al-prk-troops", ["status", "confirmed_by"]].tolist()
    ['confirmed', ('RUS', 'PRK')]
    """
    al = _allegations(dossier, allegations)
    st = graded_statements(dossier, as_of, allegations, min_reliability, max_credibility)
    status = allegation_status(al, st, None)
    life = lifecycle_table(
        dossier,
        as_of=as_of,
        allegations=list(al["allegation_id"]),
        min_reliability=min_reliability,
        max_credibility=max_credibility,
    )
    weak = st[(st["source_count"] == 1) | st["low_tier_only"].astype(bool)]
    counts = life.groupby("allegation_id")["step"].value_counts().unstack(fill_value=0)
    info = al.set_index("allegation_id")[["proposition", "topic", "accused_ids", "beneficiary_ids"]]
    out = info.join(status)
    out["denials"] = counts.get("denial", pd.Series(dtype=int)).reindex(out.index).fillna(0)
    out["confirmations"] = (
        counts.get("confirmation", pd.Series(dtype=int)).reindex(out.index).fillna(0)
    )
    out["weak_statements"] = weak["allegation_id"].value_counts().reindex(out.index).fillna(0)
    out = out.astype({"denials": int, "confirmations": int, "weak_statements": int})
    return out[
        [
            "proposition",
            "topic",
            "accused_ids",
            "beneficiary_ids",
            "status",
            "first_alleged",
            "first_alleged_precision",
            "first_alleged_by",
            "alleged_by",
            "denials",
            "denied_by",
            "partly_acknowledged_by",
            "confirmations",
            "confirmed_by",
            "confirmed_on",
            "confirmed_on_precision",
            "days_to_confirmation",
            "statements",
            "weak_statements",
        ]
    ]


# --- swimlane ------------------------------------------------------------------------------------


def _statement_hover(row: pd.Series) -> str:
    when = format_date(row["reported"], str(row["reported_precision"]))
    who = markup.text(row["actor"] if isinstance(row["actor"], str) else row["actor_id"])
    if isinstance(row["speaker"], str):
        who = Markup("{} ({})").format(markup.text(row["speaker"]), who)
    return str(
        markup.lines(
            Markup("<b>{}</b> · {}").format(markup.text(row["step"]), markup.text(when)),
            Markup("{} {}").format(who, markup.text(str(row["stance"]).replace("_", " "))),
            markup.text(row["summary"], 200),
            Markup("status after: {} · credibility {} · best source {}").format(
                markup.text(row["status_after"]),
                markup.text(row["credibility"]),
                markup.text(row["reliability"]),
            ),
            Markup("sources: {}").format(markup.text(", ".join(row["publishers"]), 160)),
            markup.text(row["statement_id"]),
        )
    )


def lifecycle_figure(
    dossier: Dossier,
    *,
    as_of=None,
    allegations: list[str] | None = None,
    min_reliability: str | None = None,
    max_credibility: int | str | None = None,
    title: str | None = "How each allegation developed",
) -> go.Figure:
    """Swimlane chart: one lane per allegation, status bands behind, one mark per statement.

    Status bands (one bar trace per status, coloured by ``analysis.figures.style``) run from each
    change of status to the next, and the last one to ``as_of`` (or the last statement shown). Marks
    (one scatter trace per stance, with the stance's fixed colour and symbol) sit at the date
    each statement was reported. Hover text is escaped by :mod:`analysis.common.markup`.
    """
    al = _allegations(dossier, allegations)
    life = lifecycle_table(
        dossier,
        as_of=as_of,
        allegations=list(al["allegation_id"]),
        min_reliability=min_reliability,
        max_credibility=max_credibility,
    )
    lanes = list(al["allegation_id"])
    props = dict(zip(al["allegation_id"], al["proposition"], strict=True))
    if as_of is not None:
        end = pd.Timestamp(as_of)
    elif len(life):
        end = life["reported"].max() + pd.Timedelta(days=14)
    else:
        end = pd.Timestamp.today().normalize()
    changes = life[
        life["status_after"].astype(str)
        != life.groupby("allegation_id")["status_after"].shift().astype(str)
    ].drop_duplicates(["allegation_id", "reported"], keep="last")
    fig = go.Figure()
    spans = []  # (allegation, status, start, stop): each status until the next change
    for aid in lanes:
        mine = changes[changes["allegation_id"] == aid]
        dates, states = list(mine["reported"]), [str(x) for x in mine["status_after"]]
        for i, (start, state) in enumerate(zip(dates, states, strict=True)):
            stop = dates[i + 1] if i + 1 < len(dates) else end
            if stop > start:
                spans.append((aid, state, start, stop))
    for status in STATUSES[1:]:
        bands = [(a, start, stop) for a, state, start, stop in spans if state == status]
        if not bands:
            continue
        fig.add_bar(
            y=[b[0] for b in bands],
            base=[b[1].isoformat() for b in bands],
            x=[(b[2] - b[1]).total_seconds() * 1000 for b in bands],
            orientation="h",
            name=status.replace("_", " "),
            legendgroup="status",
            legendgrouptitle_text="status",
            marker_color=colour("status", status),
            opacity=0.35,
            width=0.7,
            hovertext=[
                str(
                    markup.lines(
                        Markup("<b>{}</b>").format(markup.text(status.replace("_", " "))),
                        f"{b[1]:%d %b %Y} – {b[2]:%d %b %Y}",
                        markup.text(props[b[0]], 120),
                    )
                )
                for b in bands
            ],
            hovertemplate="%{hovertext}<extra></extra>",
        )
    for stance in _DRAW_ORDER:
        symbol = STANCE_SYMBOLS[stance]
        part = life[life["stance"] == stance]
        if part.empty:
            continue
        fig.add_scatter(
            x=part["reported"],
            y=part["allegation_id"],
            mode="markers",
            name=stance.replace("_", " "),
            legendgroup="stance",
            legendgrouptitle_text="stance",
            marker=dict(
                symbol=symbol,
                size=12,
                color=colour("stance", stance),
                line=dict(width=1, color="#333333"),
            ),
            hovertext=[_statement_hover(r) for _, r in part.iterrows()],
            hovertemplate="%{hovertext}<extra></extra>",
            customdata=part[["statement_id"]],
        )
    fig.update_layout(
        title=dict(text=str(markup.text(title))) if title else None,
        barmode="overlay",
        plot_bgcolor="white",
        hovermode="closest",
        height=160 + 60 * max(len(lanes), 1),
        legend=dict(groupclick="toggleitem"),
        margin=dict(l=10, r=10, t=60, b=40),
    )
    fig.update_xaxes(type="date", showgrid=True, gridcolor="#eeeeee")
    fig.update_yaxes(
        type="category",
        categoryorder="array",
        categoryarray=lanes,
        autorange="reversed",
        tickvals=lanes,
        ticktext=[str(markup.text(props[a], 48)) for a in lanes],
    )
    if as_of is not None:
        fig.add_shape(
            type="line",
            xref="x",
            yref="paper",
            x0=end,
            x1=end,
            y0=0,
            y1=1,
            line=dict(color="#333333", dash="dot", width=1),
        )
    return fig
