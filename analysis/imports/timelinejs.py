"""A TimelineJS timeline -> events and sources.

Reads the TimelineJS spreadsheet template saved as CSV (columns Year, Month, Day, Time,
End Year, End Month, End Day, End Time, Display Date, Headline, Text, Media, Media Credit,
Media Caption, Media Thumbnail, Type, Group, Background) or TimelineJS3's JSON (what
``python -m analysis export --format timelinejs`` writes). Each slide becomes an event:

* ``occurred`` from the start date at its precision (year, month or day); a start that is not
  a real date is listed and the slide left out; times, end dates, thumbnails and backgrounds
  have no dossier field and are listed;
* ``summary`` is the headline and the text as plain text (TimelineJS text is HTML);
* ``event_id`` is the slide's ``unique_id`` when it is a valid id, else made from the date and
  the headline;
* the media, when it is an http(s) address, becomes a source (its credit the publisher, its
  caption the title), cited by the event; one source per address;
* the group names the partnership (by id or short name) or allegation of the base dossier
  with that name, if there is one.

Left empty and listed: each event's kind, actors, when it was reported and its credibility,
and each source's kind and reliability: the sheet does not say, and nothing is guessed.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from markupsafe import Markup

from analysis.common.dates import parse_partial_date
from analysis.imports.result import Imported, Rows, is_id, slug_id
from analysis.imports.writing import ImportRefused, Unmapped

__all__ = ["TEMPLATE_COLUMNS", "read_timelinejs"]

#: The columns of the TimelineJS Google Sheets template, in order.
TEMPLATE_COLUMNS = (
    "Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time",
    "Display Date", "Headline", "Text", "Media", "Media Credit", "Media Caption",
    "Media Thumbnail", "Type", "Group", "Background",
)  # fmt: skip
_NO_FIELD: tuple[str, ...] = ("Time", "End Year", "End Month", "End Day", "End Time")
_NO_FIELD += ("Media Thumbnail", "Background", "Display Date")


def _plain(value: object) -> str:
    return Markup(str(value or "")).striptags().strip()


def _json_slides(data: Any, where: str) -> tuple[str, list[dict[str, object]]]:
    if not isinstance(data, dict) or not isinstance(data.get("events"), list):
        raise ImportRefused(f"{where}: a TimelineJS JSON file is an object with 'events'")
    title = _plain((data.get("title") or {}).get("text", {}).get("headline", ""))
    slides = []
    for e in data["events"]:
        start, end = e.get("start_date") or {}, e.get("end_date") or {}
        text, media = e.get("text") or {}, e.get("media") or {}
        slides.append(
            {
                "Year": start.get("year"), "Month": start.get("month"), "Day": start.get("day"),
                "Time": ":".join(str(start[k]) for k in ("hour", "minute") if k in start),
                "End Year": end.get("year"), "End Month": end.get("month"),
                "End Day": end.get("day"),
                "Display Date": e.get("display_date") or start.get("display_date"),
                "Headline": text.get("headline"), "Text": text.get("text"),
                "Media": media.get("url"), "Media Credit": media.get("credit"),
                "Media Caption": media.get("caption"), "Media Thumbnail": media.get("thumbnail"),
                "Group": e.get("group"), "Background": (e.get("background") or {}).get("url"),
                "unique_id": e.get("unique_id"),
            }
        )  # fmt: skip
    return title, slides


def _csv_slides(path: Path) -> list[dict[str, object]]:
    with open(path, newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        header = reader.fieldnames or []
        if "Year" not in header or "Headline" not in header:
            raise ImportRefused(
                f"{path.name}: not a TimelineJS sheet: its header must name the template's "
                f"columns ({', '.join(TEMPLATE_COLUMNS)})"
            )
        return [dict(row) for row in reader]


def _date(slide: dict[str, object]) -> str:
    parts = [slide.get(k) for k in ("Year", "Month", "Day")]
    text = ""
    for i, part in enumerate(parts):
        if part in (None, ""):
            break
        text += f"{int(str(part)):04d}" if i == 0 else f"-{int(str(part)):02d}"
    parse_partial_date(text)  # a ValueError for no year or an impossible date
    return text


def read_timelinejs(path: Path, base: Rows) -> Imported:
    """Read a TimelineJS CSV sheet or JSON file as events and sources."""
    where = path.name
    title = ""
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ImportRefused(f"{where}: not JSON: {exc}") from None
        title, slides = _json_slides(data, where)
    else:
        slides = _csv_slides(path)
    groups = {str(r["partnership_id"]): ("partnership_id", r["partnership_id"])
              for r in base.get("partnerships", [])}  # fmt: skip
    groups |= {str(r["short_name"]): ("partnership_id", r["partnership_id"])
               for r in base.get("partnerships", [])}  # fmt: skip
    groups |= {str(r["allegation_id"]): ("allegation_id", r["allegation_id"])
               for r in base.get("allegations", [])}  # fmt: skip
    taken = {str(r.get("event_id")) for r in base.get("events", [])}
    urls = {str(r["url"]): str(r["source_id"]) for r in base.get("sources", []) if r.get("url")}
    source_ids = {str(r["source_id"]) for r in base.get("sources", [])}
    events: list[dict[str, object]] = []
    sources: list[dict[str, object]] = []
    unmapped: list[Unmapped] = []
    for n, slide in enumerate(slides, start=2 if path.suffix.lower() != ".json" else 0):
        at = f"{where} row {n}" if path.suffix.lower() != ".json" else f"{where} event {n}"
        if str(slide.get("Type") or "").strip().lower() in ("title", "era"):
            if str(slide.get("Type")).lower() == "title" and not title:
                title = _plain(slide.get("Headline"))
            else:
                unmapped.append(
                    Unmapped(
                        at, _plain(slide.get("Headline")), "an era is not an event: not imported"
                    )
                )
            continue
        try:
            occurred = _date(slide)
        except ValueError:
            unmapped.append(
                Unmapped(
                    at,
                    "-".join(str(slide.get(k) or "") for k in ("Year", "Month", "Day")),
                    "not a real date: the slide was not imported",
                )
            )
            continue
        headline, text = _plain(slide.get("Headline")), _plain(slide.get("Text"))
        summary = ". ".join(t.rstrip(".") for t in (headline, text) if t) + "."
        uid = slide.get("unique_id")
        event_id = str(uid) if is_id(uid) and uid not in taken else (
            slug_id(f"{occurred}-{headline or 'event'}", "ev-", taken))  # fmt: skip
        taken.add(event_id)
        row: dict[str, object] = {
            "event_id": event_id,
            "occurred": occurred,
            "summary": summary if summary != "." else None,
        }
        for column in _NO_FIELD:
            if str(slide.get(column) or "").strip():
                unmapped.append(
                    Unmapped(
                        f"{at} {column}", str(slide[column]), "has no dossier field: not imported"
                    )
                )
        group = str(slide.get("Group") or "").strip()
        if group and group in groups:
            field, value = groups[group]
            row[field] = value
        elif group:
            unmapped.append(
                Unmapped(
                    f"{at} Group",
                    group,
                    "names no partnership or allegation of the base dossier: not imported",
                )
            )
        url = str(slide.get("Media") or "").strip()
        if url.startswith(("http://", "https://")) and " " not in url:
            if url not in urls:
                urls[url] = slug_id(url.split("//", 1)[1].split("/", 1)[0], "src-", source_ids)
                sources.append(
                    {
                        "source_id": urls[url],
                        "url": url,
                        "publisher": _plain(slide.get("Media Credit")) or None,
                        "title": _plain(slide.get("Media Caption")) or None,
                    }
                )
            row["source_ids"] = urls[url]
        elif url:
            unmapped.append(
                Unmapped(
                    f"{at} Media",
                    url[:80],
                    "not an http(s) address: a source needs one here; not imported",
                )
            )
        events.append(row)
    _left_empty(events, sources, unmapped)
    return Imported(title, {"events": events, "sources": sources}, unmapped)


def _left_empty(events, sources, unmapped) -> None:
    for row in events:
        missing = [f for f in ("kind", "actor_ids", "reported", "credibility", "source_ids",
                               "summary") if row.get(f) is None]  # fmt: skip
        unmapped.append(
            Unmapped(
                f"events.csv {row['event_id']}",
                ", ".join(missing),
                "the timeline does not say: left empty, fill in",
            )
        )
    for row in sources:
        missing = [f for f in ("publisher", "title", "kind", "reliability") if not row.get(f)]
        unmapped.append(
            Unmapped(
                f"sources.csv {row['source_id']}",
                ", ".join(missing),
                "the timeline does not say: left empty, grade it",
            )
        )
