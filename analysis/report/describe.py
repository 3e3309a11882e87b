"""A figure for a reader who cannot see it: a text description and its data as a table.

Both are read from the figure's own JSON (what plotly draws), so they say what the figure
shows, whatever builder made it: the kind of chart, its series and how many marks each has,
the span of its time axis, a heatmap's rows and columns, a bar chart's largest bars. The table
under the description lists the points (or the heatmap's cells) behind the marks. Text from the
figure is plotly label markup built by :mod:`analysis.markup`; it is reduced to plain text and
escaped again on its way into the page. (Report pages load no MathJax, so this markup, made
for them only, needs no MathJax ignore classes.)
"""

from __future__ import annotations

import base64
import re
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta

import numpy as np
from markupsafe import Markup

from analysis.common.markup import text

__all__ = ["MAX_DATA_ROWS", "describe_figure", "figure_data_html", "plain"]

#: Most rows the data table of one figure lists (the description still counts them all).
MAX_DATA_ROWS = 400

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}")


def plain(value: object) -> str:
    """Plotly label markup as plain text (tags dropped, entities read, spaces collapsed).

    >>> plain("<b>RU&#8211;IR</b><br>2025")
    'RU–IR 2025'
    """
    if value is None:
        return ""
    if isinstance(value, Mapping):
        value = value.get("text", "")
    return " ".join(Markup(str(value).replace("<br>", " ")).striptags().split())


def _day(value: object) -> str | None:
    if isinstance(value, (int, float)) and value > 10**11:  # epoch milliseconds
        return datetime.utcfromtimestamp(value / 1000).strftime("%-d %b %Y")
    if isinstance(value, str) and _ISO.match(value):
        return datetime.strptime(value[:10], "%Y-%m-%d").strftime("%-d %b %Y")
    return None


def _values(trace: Mapping, axis: str) -> list:
    values = trace.get(axis)
    if values is None:
        return []
    return [v for v in _decoded(values) if v is not None]


def _decoded(values: object) -> list:
    """A plotly JSON array as a list: typed arrays (``{"dtype", "bdata"}``) are decoded."""
    if isinstance(values, Mapping):
        if "bdata" not in values:
            return []
        array = np.frombuffer(base64.b64decode(values["bdata"]), dtype=values.get("dtype", "f8"))
        return [None if v != v else v for v in array.tolist()]
    return [] if values is None or isinstance(values, str) else list(values)  # type: ignore[call-overload]


def _count(trace: Mapping) -> int:
    return max(len(_values(trace, "x")), len(_values(trace, "y")))


def _name(trace: Mapping, number: int) -> str:
    return plain(trace.get("name")) or f"series {number}"


def _series(data: Sequence[Mapping]) -> str:
    counts: dict[str, int] = {}
    for number, trace in enumerate(data, start=1):
        if trace.get("visible") is False or not _count(trace):
            continue
        name = _name(trace, number)
        counts[name] = counts.get(name, 0) + _count(trace)
    if not counts:
        return "no marks"
    listed = sorted(counts.items(), key=lambda kv: -kv[1])
    shown = ", ".join(f"{name} ({n})" for name, n in listed[:8])
    more = f" and {len(listed) - 8} more" if len(listed) > 8 else ""
    return f"{sum(counts.values())} marks in {len(counts)} series: {shown}{more}"


def _time_span(data: Sequence[Mapping]) -> str:
    days = sorted({d for trace in data for v in _values(trace, "x") if (d := _iso(v)) is not None})
    if not days:
        return ""
    return f" Time axis from {_day(days[0])} to {_day(days[-1])}."


def _iso(value: object) -> str | None:
    if isinstance(value, (int, float)) and value > 10**11:
        return datetime.utcfromtimestamp(value / 1000).strftime("%Y-%m-%d")
    if isinstance(value, str) and _ISO.match(value):
        return value[:10]
    return None


def _tick_names(layout: Mapping, axis: str) -> dict:
    """An axis's tick values -> the tick text readers see there (lanes named, not numbered)."""
    spec = layout.get(f"{axis}axis") or {}
    return dict(zip(spec.get("tickvals") or [], spec.get("ticktext") or [], strict=False))


def _ticks(layout: Mapping, axis: str, values: Sequence) -> list[str]:
    """Labels the reader sees on an axis: its tick text where it names the values."""
    names = _tick_names(layout, axis)
    return [plain(names.get(v, v)).replace("_", " ") for v in values]


def _heatmap(trace: Mapping, layout: Mapping) -> str:
    rows = _ticks(layout, "y", trace.get("y") or [])
    columns = _ticks(layout, "x", trace.get("x") or [])
    z = trace.get("z") or []
    filled = sum(1 for row in z if isinstance(row, list) for v in row if v is not None)
    head = ", ".join(rows[:6]) + (f" and {len(rows) - 6} more" if len(rows) > 6 else "")
    return (
        f"Heatmap of {len(rows)} rows ({head}) by {len(columns)} columns "
        f"({', '.join(columns[:6])}{' …' if len(columns) > 6 else ''}); "
        f"{filled} of {len(rows) * len(columns)} cells hold a value."
    )


def _bars(data: Sequence[Mapping]) -> str:
    pairs, spans = [], []
    for trace in data:
        if trace.get("type") != "bar" or trace.get("visible") is False:
            continue
        horizontal = trace.get("orientation") == "h"
        labels, values = (
            (_values(trace, "y"), _values(trace, "x"))
            if horizontal
            else (_values(trace, "x"), _values(trace, "y"))
        )
        base = trace.get("base")
        bases = _decoded(base) if isinstance(base, (list, tuple)) else [base] * len(values)
        for label, value, start in zip(labels, values, bases, strict=False):
            if not isinstance(value, (int, float)):
                continue
            day = _iso(start)
            if day:  # a bar from a date, its length in ms: a span of time
                end = datetime.fromisoformat(day) + timedelta(milliseconds=value)
                what = f"{plain(label)} {plain(trace.get('name'))}".strip()
                spans.append(f"{what} from {_day(day)} to {_day(end.isoformat())}")
            else:
                pairs.append((plain(label), value))
    said = " Spans: " + ", ".join(spans[:5]) + "." if spans else ""
    if not pairs:
        return said
    top = sorted(pairs, key=lambda p: -p[1])[:5]
    return said + " Largest bars: " + ", ".join(f"{label} {value:g}" for label, value in top) + "."


def describe_figure(figure: Mapping, title: str) -> str:
    """One or two sentences saying what a plotly figure (as JSON) shows, with its key numbers.

    >>> describe_figure({"data": [{"type": "scatter", "name": "signing",
    ...                            "x": ["2024-06-19", "2025-01-17"], "y": [1, 2]}]}, "Events")
    'Events: 2 marks in 1 series: signing (2). Time axis from 19 Jun 2024 to 17 Jan 2025.'
    """
    data = [t for t in figure.get("data") or [] if isinstance(t, Mapping)]
    heatmaps = [t for t in data if t.get("type") == "heatmap"]
    if heatmaps:
        layout = figure.get("layout") or {}
        return f"{title}: " + " ".join(_heatmap(t, layout) for t in heatmaps)
    kinds = {t.get("type", "scatter") for t in data}
    sentence = f"{title}: {_series(data)}."
    if "bar" in kinds:
        sentence += _bars(data)
    return sentence + _time_span(data)


def _cell(value: object) -> Markup:
    return text(_day(value) or plain(value), 200)


def _rows(figure: Mapping) -> tuple[list[str], list[list[Markup]], int]:
    data = [t for t in figure.get("data") or [] if isinstance(t, Mapping)]
    heat = next((t for t in data if t.get("type") == "heatmap"), None)
    if heat is not None:
        layout = figure.get("layout") or {}
        columns = _ticks(layout, "x", heat.get("x") or [])
        labels = _ticks(layout, "y", heat.get("y") or [])
        cells = heat.get("text") or heat.get("z") or []
        rows = [
            [_cell(label), *(_cell(v) for v in (row if isinstance(row, list) else []))]
            for label, row in zip(labels, cells, strict=False)
        ]
        return ["", *columns], rows, len(rows)
    rows, total = [], 0
    lane = _tick_names(figure.get("layout") or {}, "y")
    for number, trace in enumerate(data, start=1):
        if trace.get("visible") is False or trace.get("hoverinfo") in ("skip", "none"):
            continue  # not a mark a reader can point at: spans, bars and edges other marks date
        xs, ys = _decoded(trace.get("x") or []), _decoded(trace.get("y") or [])
        # a trace that says its text labels its x values (the timeline's dates, at their
        # precision) shows that text for x, and its hover text as the label
        x_text = bool((trace.get("meta") or {}).get("x_text"))
        given = trace.get("hovertext" if x_text else "text")
        marks: list = list(_decoded(given)) if isinstance(given, (list, tuple)) else []
        labels = _decoded(trace.get("text") or []) if x_text else []
        name = _name(trace, number)
        for k, (x, y) in enumerate(zip(xs, ys, strict=False)):
            if _gap(x) or _gap(y):
                continue
            total += 1
            if len(rows) < MAX_DATA_ROWS:
                label = marks[k] if k < len(marks) else ""
                shown_x = labels[k] if k < len(labels) else x
                rows.append([text(name, 120), _cell(shown_x), _cell(lane.get(y, y)), _cell(label)])
    return ["Series", "x", "y", "Label"], rows, total


def _gap(value: object) -> bool:
    """A break between line segments (``None``, or NaN in a numeric array)."""
    return value is None or (isinstance(value, float) and value != value)


def figure_data_html(figure: Mapping, div_id: str) -> Markup:
    """The figure's data as a folded table (``<details>``) for readers and screen readers."""
    header, rows, total = _rows(figure)
    if not rows:
        return Markup("")
    head = Markup("").join(Markup('<th scope="col">{}</th>').format(h or "Row") for h in header)
    body = Markup("\n").join(
        Markup("<tr>{}</tr>").format(Markup("").join(Markup("<td>{}</td>").format(c) for c in row))
        for row in rows
    )
    shown = f"first {len(rows)} of {total} rows" if total > len(rows) else f"{total} rows"
    return Markup(
        '<details class="report-figure-data" id="{}-data">'
        "<summary>The data behind this figure ({})</summary>"
        '<div class="report-figure-data-scroll" tabindex="0" role="region" '
        'aria-label="Data behind the figure"><table><thead><tr>{}</tr></thead>'
        "<tbody>\n{}\n</tbody></table></div></details>"
    ).format(div_id, shown, head, body)
