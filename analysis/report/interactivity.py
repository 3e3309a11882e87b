"""What a reader can do with a report page: read from the figures themselves.

A static page cannot run ipywidgets, so it keeps the controls plotly.js runs on its own (legend
clicks, range sliders, ``updatemenus`` buttons and dropdowns, ``sliders``, animation). This module
looks at the figures of a page and says, in a short banner, which of those the page offers.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from markupsafe import Markup

from analysis.figures.as_of_slider import AS_OF

__all__ = ["PageControls", "controls_of", "figure_title", "banner_html"]

_AXIS = re.compile(r"^xaxis\d*$")


@dataclass(frozen=True)
class PageControls:
    """The plotly controls one figure offers a reader."""

    title: str
    legend: bool = False
    range_slider: bool = False
    range_buttons: bool = False
    buttons: tuple[str, ...] = field(default=())
    dropdowns: tuple[str, ...] = field(default=())
    sliders: tuple[str, ...] = field(default=())
    animation: bool = False
    #: Whether the figure has an as-of slider (``name="as of"``), which a link can set.
    as_of: bool = False
    #: A link this figure's controls can show (its as-of slider's middle step, and its second
    #: menu entry when that is a record kind), as an example for the reader: ``as_of=...``.
    example_link: str = ""


def _plain(value: object) -> str:
    """Text of a plotly label without its markup (titles may carry ``<b>`` or ``<br>``)."""
    if isinstance(value, Mapping):
        value = value.get("text", "")
    text = Markup(str(value or "")).striptags()
    return " ".join(text.split())


def figure_title(figure: Mapping, number: int) -> str:
    """The figure's title as plain text, or ``"figure N"`` when it has none.

    >>> figure_title({"layout": {"title": {"text": "<b>Who said what</b>"}}}, 1)
    'Who said what'
    >>> figure_title({"layout": {}}, 2)
    'figure 2'
    """
    return _plain(figure.get("layout", {}).get("title")) or f"figure {number}"


def _shows_legend(data: Sequence[Mapping], layout: Mapping) -> bool:
    if layout.get("showlegend") is False:
        return False
    if any(trace.get("type") in ("pie", "funnelarea", "sunburst") for trace in data):
        return True
    listed = [t for t in data if t.get("showlegend") is not False]
    return len(listed) >= 2 or (layout.get("showlegend") is True and len(listed) == 1)


def controls_of(figure: Mapping, number: int = 1) -> PageControls:
    """The controls of one figure given as a plotly JSON dict (``data``, ``layout``, ``frames``).

    >>> c = controls_of({"data": [{"name": "a"}, {"name": "b"}],
    ...                  "layout": {"xaxis": {"rangeslider": {"visible": True}},
    ...                             "updatemenus": [{"buttons": [{"label": "All"}]}]}})
    >>> c.legend, c.range_slider, c.dropdowns
    (True, True, ('All',))
    """
    data = list(figure.get("data") or [])
    layout = figure.get("layout") or {}
    axes = [v for k, v in layout.items() if _AXIS.match(k) and isinstance(v, Mapping)]
    slider = any(
        isinstance(a.get("rangeslider"), Mapping)
        and a["rangeslider"].get("visible", True) is not False
        for a in axes
    )
    range_buttons = any(
        a.get("rangeselector", {}).get("buttons")
        for a in axes
        if isinstance(a.get("rangeselector"), Mapping)
    )
    buttons: list[str] = []
    dropdowns: list[str] = []
    for menu in layout.get("updatemenus") or []:
        if menu.get("visible") is False:
            continue
        labels = [
            _plain(b.get("label"))
            for b in menu.get("buttons") or []
            if b.get("visible") is not False
        ]
        (buttons if menu.get("type") == "buttons" else dropdowns).extend(x for x in labels if x)
    sliders = []
    as_of = False
    example = ""
    for slider_spec in layout.get("sliders") or []:
        steps = [s.get("value") for s in slider_spec.get("steps") or [] if s.get("value")]
        if slider_spec.get("name") == AS_OF and steps:
            as_of, example = True, example or f"as_of={steps[len(steps) // 2]}"
        if slider_spec.get("visible") is False:
            continue
        prefix = _plain((slider_spec.get("currentvalue") or {}).get("prefix"))
        sliders.append(prefix.rstrip(": ") or "value")
    return PageControls(
        title=figure_title(figure, number),
        legend=_shows_legend(data, layout),
        range_slider=slider,
        range_buttons=bool(range_buttons),
        buttons=tuple(buttons),
        dropdowns=tuple(dropdowns),
        sliders=tuple(sliders),
        animation=bool(figure.get("frames")),
        as_of=as_of,
        example_link=example,
    )


def _where(controls: Sequence[PageControls]) -> Markup:
    names = Markup(", ").join(Markup("“{}”").format(c.title) for c in controls)
    return Markup(" — in {}").format(names)


def _labels(values: Sequence[str], limit: int = 6) -> Markup:
    shown = list(dict.fromkeys(values))
    more = len(shown) - limit
    text = Markup(", ").join(Markup("<em>{}</em>").format(v) for v in shown[:limit])
    return text + (Markup(" and {} more").format(more) if more > 0 else "")


def _as_of_items(dated: Sequence[PageControls]) -> list[Markup]:
    """What the as-of control and the page's address do (see ``report-views.js``)."""
    if not dated:
        return []
    names = Markup(" and ").join(Markup("“{}”").format(c.title) for c in dated)
    together = Markup(", together (moving one as-of slider moves the others too)")
    example = next((c.example_link for c in dated if c.example_link), "as_of=YYYY-MM-DD")
    return [
        Markup(
            "<li>Play: the <em>Play</em> button steps the as-of date of {} through time{}.</li>"
        ).format(names, together if len(dated) > 1 else ""),
        Markup(
            "<li>Links: the address of this page follows the as-of slider and the menus "
            "(<code>#{}</code>, say), so it cites what is shown; "
            "open such a link to see that view again.</li>"
        ).format(example),
    ]


def banner_html(figures: Sequence[PageControls], live_widgets: int) -> Markup:
    """The banner that says what is interactive on a page, and holds the show-code toggle.

    Parameters
    ----------
    figures : the controls of every figure on the page, in order.
    live_widgets : how many ipywidgets outputs the notebook had (they need the live app).
    """
    items: list[Markup] = []
    if figures:
        items.append(
            Markup(
                "<li>Every figure: hover for details, drag to zoom, double-click to reset; "
                "the camera icon in a figure's toolbar saves it as a PNG.</li>"
            )
        )
    rules = [
        (
            lambda c: c.legend,
            "Legend: click an entry to hide or show it, double-click to show it alone",
        ),
        (lambda c: c.range_slider, "Range slider: drag its handles under the time axis"),
        (lambda c: c.range_buttons, "Range buttons: pick a period above the time axis"),
        (lambda c: c.animation, "Animation: press play, or drag its slider"),
    ]
    for applies, text in rules:
        chosen = [c for c in figures if applies(c)]
        if chosen:
            items.append(Markup("<li>{}{}.</li>").format(text, _where(chosen)))
    for attribute, text in (("buttons", "Buttons"), ("dropdowns", "Menus"), ("sliders", "Sliders")):
        for c in figures:
            values = getattr(c, attribute)
            if values:
                items.append(
                    Markup("<li>{} on “{}”: {}.</li>").format(text, c.title, _labels(values))
                )
    items.extend(_as_of_items([c for c in figures if c.as_of]))
    if live_widgets:
        items.append(
            Markup(
                "<li>The live filters of this notebook (ipywidgets) need Python: run "
                "<code>make app</code> for the live app, or open the notebook with "
                "<code>make lab</code>. Here they are replaced by a note.</li>"
            )
        )
    if not items:
        items.append(Markup("<li>This page has no interactive figures.</li>"))
    count = len(figures)
    lead = Markup("{} interactive figure{}").format(count, "" if count == 1 else "s")
    return Markup(
        '<aside class="report-banner" aria-label="What is interactive on this page">\n'
        "<p><strong>What is interactive on this page</strong> ({}; works offline, no Python "
        'needed): <button type="button" id="report-code-toggle" aria-pressed="false">'
        "Show code</button></p>\n<ul>\n{}\n</ul>\n</aside>"
    ).format(lead, Markup("\n").join(items))
