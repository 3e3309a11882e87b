"""The timeline's partnership lanes: each partnership's spans from signing to entry into force
(dashed) and on to its end or the horizon (solid), and ticks at its milestones, each dated at
the precision the dossier knows it to (the ticks' ``text``, not drawn, is that date for the
report's data tables).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.common.dates import format_date
from analysis.figures.base import TextMemo, TraceRole, day_ms, segments
from analysis.figures.style import colour
from analysis.filtering.filters import View

__all__ = ["partnership_traces"]


def _days(values) -> np.ndarray:
    return np.asarray(values, dtype="datetime64[D]").astype(np.int64)


def partnership_traces(view: View, horizon: pd.Timestamp, text: TextMemo) -> tuple[list, list]:
    """Spans signed -> in force (dashed) -> ended or the horizon (solid), and milestone ticks;
    one lane per partnership, returned with the lanes' labels."""
    parts = view.partnerships
    relations = view.filters.relations
    if relations is not None:
        kinds = parts["kind"].astype(str)
        wanted = np.where(
            kinds == "membership", "membership" in relations, "partnership" in relations
        )
        parts = parts[wanted.astype(bool)]
    parts = parts[parts["signed"].notna() | parts["in_force"].notna()]
    if parts.empty:
        return [], []
    end_day = int(_days([horizon])[0])
    phases: dict[str, list[list[float]]] = {"signed": [[], [], []], "in_force": [[], [], []]}
    ticks: dict[str, list] = {k: [] for k in ("x", "y", "hover", "when", "colour", "symbol")}
    labels = []
    for lane, p in enumerate(parts.itertuples(index=False)):
        labels.append(text(f"Partnership {p.short_name}", 48))
        signed = int(_days([p.signed])[0]) if pd.notna(p.signed) else None
        in_force = int(_days([p.in_force])[0]) if pd.notna(p.in_force) else None
        ended = int(_days([p.ended])[0]) if pd.notna(p.ended) else None
        live = in_force if in_force is not None else (signed if p.kind == "membership" else None)
        stop = ended if ended is not None else max(end_day, live or signed or end_day)
        if signed is not None and (live is None or live > signed):
            for acc, value in zip(phases["signed"], (signed, live or stop, lane), strict=True):
                acc.append(value)
        if live is not None:
            for acc, value in zip(phases["in_force"], (live, stop, lane), strict=True):
                acc.append(value)
        done = "announced" if p.takes_effect == "on_announcement" else "signed"
        by_signing = p.takes_effect != "on_entry_into_force" and p.in_force == p.signed
        effect = f"in effect (since {done})" if by_signing else "in force"
        for label, when, precision, term in (
            (done, p.signed, p.signed_precision, "signing"),
            (effect, p.in_force, p.in_force_precision, "entry_into_force"),
            ("ended", p.ended, p.ended_precision, "termination"),
        ):
            if pd.isna(when):
                continue
            precision = precision if isinstance(precision, str) else "day"
            ticks["x"].append(int(_days([when])[0]))
            ticks["y"].append(lane)
            ticks["when"].append(format_date(pd.Timestamp(when), precision))
            ticks["hover"].append(
                f"<b>{text(p.name)}</b><br>"
                f"{text(label + ': ' + ticks['when'][-1])}<br>"
                f"{text('Parties: ' + ', '.join(p.parties))}"
            )
            ticks["colour"].append(colour("event_kind", term))
            ticks["symbol"].append("line-ns" if precision == "day" else "line-ns-open")
    traces = []
    for state, (x0, x1, y) in phases.items():
        if x0:
            xs, ys = segments(day_ms(x0), day_ms(x1), y, y)
            traces.append(
                dict(
                    type="scatter",
                    x=xs,
                    y=ys,
                    mode="lines",
                    hoverinfo="skip",
                    name="partnership "
                    + ("signed" if state == "signed" else "in force or in effect"),
                    line=dict(
                        color=colour("partnership_state", state),
                        width=5,
                        dash="dash" if state == "signed" else "solid",
                    ),
                    legendgroup="partnerships",
                    meta=dict(role=TraceRole.PARTNERSHIP, state=state),
                )
            )
    traces.append(
        dict(
            type="scatter",
            x=day_ms(ticks["x"]),
            y=np.array(ticks["y"], dtype=np.float64),
            mode="markers",
            name="partnership milestones",
            legendgroup="partnerships",
            hovertext=np.array(ticks["hover"], dtype=object),
            text=np.array(ticks["when"], dtype=object),  # not drawn: for data tables
            hoverinfo="text",
            marker=dict(
                symbol=ticks["symbol"],
                size=16,
                color=ticks["colour"],
                line=dict(width=3, color=ticks["colour"]),
            ),
            meta=dict(role=TraceRole.MILESTONES, x_text=True),
        )
    )
    return traces, labels
