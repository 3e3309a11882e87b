"""The dossier's events and statements as a TimelineJS3 timeline (its JSON data format).

Format: the "TimelineJS JSON data format" page of the TimelineJS documentation (Knight Lab,
timeline.knightlab.com/docs/json-format.html): an object with ``events`` (slides, each with a
``start_date`` date object whose ``year`` is required), an optional ``title`` slide; a slide
may carry ``text`` (``headline``, ``text``), ``media`` (``url`` required; ``caption``,
``credit``), ``group``, ``display_date`` and ``unique_id``.

* Dates keep their true precision: a date known to the month has ``year`` and ``month`` but no
  ``day``; an approximate date also gets a ``display_date`` such as ``c. Oct 2024 (month)``.
* TimelineJS renders headlines, text, captions and credits as HTML, so every dossier string
  goes through :func:`analysis.common.markup.text` and links through
  :func:`analysis.common.markup.link`.
* ``media`` is the first cited source with an http(s) address; every source is also listed,
  linked, in the slide's text.
* ``group`` (a row of the timeline) is the partnership or allegation the record is about.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
from markupsafe import Markup

from analysis.common import markup
from analysis.common.dates import format_date
from analysis.dossier.model import Dossier, parties, speakers

__all__ = ["timeline_json", "write_timelinejs"]

_HEADLINE = 120


def _date(start: pd.Timestamp, precision: str, approximate: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"year": int(start.year)}
    if precision in ("month", "day"):
        out["month"] = int(start.month)
    if precision == "day":
        out["day"] = int(start.day)
    if approximate:
        out["display_date"] = str(markup.text(format_date(start, precision, True)))
    return out


def _label(value: object) -> str:
    return str(value).replace("_", " ")


def _kind(value: object) -> str:
    """An event kind as a heading: ``un_action`` -> ``UN action``."""
    label = _label(value)
    return "UN" + label[2:] if label.startswith("un ") else label.capitalize()


class _Context:
    def __init__(self, dossier: Dossier):
        self.sources = dossier.sources.set_index("source_id")
        self.actor_name = dossier.actor_names()
        self.partnership = dict(
            zip(
                dossier.partnerships["partnership_id"],
                dossier.partnerships["short_name"],
                strict=True,
            )
        )
        self.allegation = dict(
            zip(
                dossier.allegations["allegation_id"],
                dossier.allegations["proposition"],
                strict=True,
            )
        )

    def name(self, actor_id: object) -> str:
        return self.actor_name.get(actor_id, str(actor_id))

    def group(self, partnership_id: object, allegation_id: object) -> str:
        """The slide's group: its partnership, else its (first) allegation, else "Other"."""
        if isinstance(allegation_id, tuple):
            allegation_id = allegation_id[0] if allegation_id else None
        if isinstance(partnership_id, str) and partnership_id in self.partnership:
            return str(markup.text(self.partnership[partnership_id], 60))
        if isinstance(allegation_id, str) and allegation_id in self.allegation:
            return str(markup.text("Allegation: " + self.allegation[allegation_id], 60))
        return "Other"

    def media(self, source_ids: tuple[str, ...]) -> dict[str, str] | None:
        for sid in source_ids:
            if sid not in self.sources.index:
                continue
            src = self.sources.loc[sid]
            url = markup.safe_url(src["url"])
            if url:
                return {
                    "url": url,
                    "caption": str(markup.text(src["title"], 200)),
                    "credit": str(markup.text(src["publisher"], 100)),
                }
        return None

    def source_lines(self, source_ids: tuple[str, ...]) -> Markup:
        items = []
        for sid in source_ids:
            if sid not in self.sources.index:
                continue
            src = self.sources.loc[sid]
            label = f"{src['publisher']}: {src['title']}"
            items.append(
                markup.link(src["url"], label, 160)
                + Markup(" ({})").format(markup.text(src["reliability"]))
            )
        return Markup("Sources: ") + Markup("; ").join(items) if items else Markup("")


def _slide(
    ctx: _Context, record_id: str, headline: str, body: Markup, row: Any, group: str
) -> dict[str, Any]:
    slide: dict[str, Any] = {
        "unique_id": record_id,
        "start_date": _date(row.occurred, str(row.occurred_precision), bool(row.occurred_approx)),
        "text": {"headline": str(markup.text(headline, _HEADLINE)), "text": str(body)},
        "group": group,
    }
    media = ctx.media(row.source_ids)
    if media:
        slide["media"] = media
    return slide


def timeline_json(dossier: Dossier) -> dict[str, Any]:
    """The TimelineJS3 data object: a title slide and one slide per event and statement.

    Undated records (none in a valid dossier) are skipped. Slides are in date order.
    """
    ctx = _Context(dossier)
    slides = []
    for e in dossier.events.itertuples(index=False):
        if pd.isna(e.occurred):
            continue
        who = ", ".join(ctx.name(a) for a in e.actor_ids)
        headline = f"{_kind(e.kind)}: {who}"
        body = markup.lines(
            markup.text(e.summary, None),
            markup.text(
                f"Credibility {e.credibility}; reported "
                f"{format_date(e.reported, str(e.reported_precision), e.reported_approx)}"
            ),
            ctx.source_lines(e.source_ids),
        )
        slides.append(
            _slide(ctx, e.event_id, headline, body, e, ctx.group(e.partnership_id, e.allegation_id))
        )
    st = dossier.statements
    for s, by, said_by in zip(st.itertuples(index=False), parties(st), speakers(st), strict=True):
        if pd.isna(s.occurred):
            continue
        who = ", ".join(map(ctx.name, by))  # every party and speaker of a joint statement
        if said_by and said_by != by:
            who = f"{', '.join(map(ctx.name, said_by))} ({who})"
        headline = f"{who} {_label(s.stance)}"
        quote = (
            Markup("\N{LEFT DOUBLE QUOTATION MARK}{}\N{RIGHT DOUBLE QUOTATION MARK}").format(
                markup.text(s.quote, None)
            )
            if isinstance(s.quote, str)
            else None
        )
        body = markup.lines(
            markup.text(s.summary, None),
            quote,
            markup.text(
                f"Stance: {_label(s.stance)}; credibility {s.credibility}; reported "
                f"{format_date(s.reported, str(s.reported_precision), s.reported_approx)}"
            ),
            ctx.source_lines(s.source_ids),
        )
        slides.append(
            _slide(
                ctx,
                s.statement_id,
                headline,
                body,
                s,
                ctx.group(s.partnership_id, s.allegation_ids),
            )
        )
    slides.sort(
        key=lambda sl: (
            sl["start_date"]["year"],
            sl["start_date"].get("month", 0),
            sl["start_date"].get("day", 0),
            sl["unique_id"],
        )
    )
    title: dict[str, Any] = {
        "text": {
            "headline": str(markup.text(dossier.title, _HEADLINE)),
            "text": str(markup.text(dossier.description, None)),
        }
    }
    return {"title": title, "events": slides}


def write_timelinejs(dossier: Dossier, path: str | Path) -> dict[str, Any]:
    """Write :func:`timeline_json` to ``path`` as UTF-8 JSON; returns the data."""
    data = timeline_json(dossier)
    Path(path).write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return data
