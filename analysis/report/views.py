"""Citable views and playback on report pages: what the page's script is told, from Python.

``templates/report-views.js`` reads a page's address (``#as_of=2024-10-20&kinds=denies``) with
the parameters of :mod:`analysis.filtering.links`, sets the page's as-of sliders and menus to
that view, notes what it could not show, writes the view back into the address as the reader
moves a control, moves every as-of slider of the page together and plays them through time.
Its rules come from here, so that the page and the live app read a link the same way:

* the parameter names (:data:`analysis.filtering.links.PARAMETERS` and ``since``) and which
  are lists;
* which parameter sets which figure menu (:data:`CONTROLS`): the menus name their buttons with
  the values a link gives (see :mod:`analysis.figures.timeline.static`);
* the name of an as-of slider (:data:`analysis.figures.as_of_slider.AS_OF`), whose steps carry
  their dates as ``YYYY-MM-DD``.
"""

from __future__ import annotations

import json
from functools import cache

from markupsafe import Markup

from analysis.figures.as_of_slider import AS_OF
from analysis.filtering.links import LISTS, PARAMETERS, SINCE

__all__ = ["CONTROLS", "PLAY_MS", "views_config", "config_script"]

#: Link parameter -> the name of the figure menu (``layout.updatemenus[i].name``) it sets.
CONTROLS: dict[str, str] = {"kinds": "record kinds", "actors": "lanes"}
#: Milliseconds each as-of step stays on screen while playing.
PLAY_MS = 700


def views_config() -> dict:
    """The rules the page's script follows (JSON-ready).

    >>> config = views_config()
    >>> config["parameters"][:3], config["controls"]["kinds"], config["as_of_slider"]
    (['dates', 'as_of', 'actors'], 'record kinds', 'as of')
    """
    return {
        "parameters": [*PARAMETERS, SINCE],
        "lists": sorted(LISTS),
        "controls": dict(CONTROLS),
        "as_of_slider": AS_OF,
        "play_ms": PLAY_MS,
    }


@cache
def config_script() -> Markup:
    """The rules as a JSON ``<script>`` block (``<`` escaped, so it cannot close the tag).

    >>> str(config_script()).startswith('<script type="application/json" id="report-views-config">')
    True
    """
    text = json.dumps(views_config(), sort_keys=True).replace("<", "\\u003c")
    return Markup('<script type="application/json" id="report-views-config">{}</script>').format(
        Markup(text)
    )
