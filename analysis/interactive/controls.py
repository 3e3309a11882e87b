"""The explorer's controls: the filter widgets and their options, made from a dossier.

The options come from the dossier: months for the date range, every date on which what was
known changed for the as-of slider (thinned evenly when there are too many), actors most active
first. :class:`ExplorerControls` holds the widgets; setting a widget's ``value`` drives the
explorer.
"""

from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as widgets
import numpy as np
import pandas as pd

from analysis.dossier.model import Dossier
from analysis.figures.network import NODE_COLOUR_BY, SIZE_BY
from analysis.figures.timeline.figure import COLOUR_BY, LANES
from analysis.filtering._index import record_index, reported_days
from analysis.filtering.filters import RECORD_KINDS, RELATIONS, apply_filters
from analysis.filtering.status import STATUSES
from analysis.schema import CREDIBILITY_GRADES, RELIABILITY_GRADES

__all__ = ["ExplorerControls", "make_controls", "LATEST", "MAX_AS_OF_STEPS"]

#: Value of the as-of slider that means "everything, as known now".
LATEST = "latest"
#: Most positions of the as-of slider; beyond, it steps by week.
MAX_AS_OF_STEPS = 400
#: Every control carries the CSS class ``explorer-<field>`` (``explorer-actors``,
#: ``explorer-min-reliability``...): a stable handle for browser tests and custom styles.
DOM_CLASS_PREFIX = "explorer-"


def _dom(name: str) -> tuple[str, ...]:
    return (DOM_CLASS_PREFIX + name.replace("_", "-"),)


@dataclass(frozen=True, eq=False)
class ExplorerControls:
    """The explorer's widgets. Set ``.value`` on any of them to drive the explorer."""

    date_range: widgets.SelectionRangeSlider
    as_of: widgets.SelectionSlider
    play: widgets.Play
    actors: widgets.SelectMultiple
    neighbourhood: widgets.Dropdown
    focus: widgets.Dropdown
    relations: widgets.SelectMultiple
    record_kinds: widgets.SelectMultiple
    statuses: widgets.SelectMultiple
    min_reliability: widgets.SelectionSlider
    max_credibility: widgets.SelectionSlider
    lanes: widgets.ToggleButtons
    colour_by: widgets.ToggleButtons
    node_size: widgets.Dropdown
    node_colour: widgets.ToggleButtons
    reset: widgets.Button

    def filter_widgets(self) -> list[widgets.ValueWidget]:
        """The widgets that change what is kept (the others change how it is drawn)."""
        return [
            self.date_range,
            self.as_of,
            self.actors,
            self.neighbourhood,
            self.relations,
            self.record_kinds,
            self.statuses,
            self.min_reliability,
            self.max_credibility,
        ]

    def view_widgets(self) -> list[widgets.ValueWidget]:
        return [self.focus, self.lanes, self.colour_by, self.node_size, self.node_colour]


def _months(dossier: Dossier) -> list[pd.Timestamp]:
    ix = record_index(dossier)
    months = np.concatenate([ix.statements.month, ix.events.month])
    if len(months) == 0:
        today = pd.Timestamp.today().normalize()
        return [today.replace(day=1)]
    first, last = int(months.min()), int(months.max())
    return [pd.Timestamp(np.datetime64(m, "M")) for m in range(first, last + 1)]


def _as_of_dates(dossier: Dossier) -> list[pd.Timestamp]:
    """Every date on which what was known changed (at most :data:`MAX_AS_OF_STEPS`)."""
    return reported_days(dossier, max_steps=MAX_AS_OF_STEPS)


def _activity_order(dossier: Dossier) -> list[tuple[str, str]]:
    activity = apply_filters(dossier).activity
    actors = dossier.actors.assign(records=dossier.actors["actor_id"].map(activity).fillna(0))
    actors = actors.sort_values(["records", "name"], ascending=[False, True], kind="stable")
    return [
        (f"{name} ({actor_id})", actor_id)
        for name, actor_id in zip(actors["name"], actors["actor_id"], strict=True)
    ]


def make_controls(dossier: Dossier) -> ExplorerControls:
    """The controls for ``dossier``, every filter at its default (keep everything)."""

    def full() -> widgets.Layout:
        return widgets.Layout(width="98%")

    months = _months(dossier)
    as_of = _as_of_dates(dossier)
    actors = _activity_order(dossier)
    style = {"description_width": "110px"}
    as_of_slider = widgets.SelectionSlider(
        options=[(f"{d:%d %b %Y}", d) for d in as_of] + [("latest", LATEST)],
        value=LATEST,
        description="As of",
        continuous_update=False,
        style=style,
        layout=full(),
        _dom_classes=_dom("as_of"),
    )
    play = widgets.Play(
        min=0,
        max=len(as_of),
        step=1,
        interval=600,
        value=as_of_slider.index,
        description="Play through time",
        _dom_classes=_dom("play"),
    )
    widgets.link((play, "value"), (as_of_slider, "index"))
    none = [("(none)", "")]
    return ExplorerControls(
        date_range=widgets.SelectionRangeSlider(
            _dom_classes=_dom("date_range"),
            options=[(f"{m:%b %Y}", m) for m in months],
            index=(0, len(months) - 1),
            description="Dates",
            continuous_update=False,
            style=style,
            layout=full(),
        ),
        as_of=as_of_slider,
        play=play,
        actors=widgets.SelectMultiple(
            _dom_classes=_dom("actors"),
            options=actors,
            value=(),
            rows=8,
            description="Actors",
            style=style,
            layout=full(),
        ),
        neighbourhood=widgets.Dropdown(
            _dom_classes=_dom("neighbourhood"),
            options=none + actors,
            value="",
            description="Neighbourhood of",
            style=style,
            layout=full(),
        ),
        focus=widgets.Dropdown(
            _dom_classes=_dom("focus"),
            options=none + actors,
            value="",
            description="Focus on",
            style=style,
            layout=full(),
        ),
        relations=widgets.SelectMultiple(
            _dom_classes=_dom("relations"),
            options=list(RELATIONS),
            value=RELATIONS,
            rows=6,
            description="Relations",
            style=style,
            layout=full(),
        ),
        record_kinds=widgets.SelectMultiple(
            _dom_classes=_dom("record_kinds"),
            options=[(k.replace("_", " "), k) for k in RECORD_KINDS],
            value=RECORD_KINDS,
            rows=8,
            description="Record kinds",
            style=style,
            layout=full(),
        ),
        statuses=widgets.SelectMultiple(
            _dom_classes=_dom("statuses"),
            options=[(s.replace("_", " "), s) for s in STATUSES],
            value=STATUSES,
            rows=6,
            description="Allegation status",
            style=style,
            layout=full(),
        ),
        min_reliability=widgets.SelectionSlider(
            _dom_classes=_dom("min_reliability"),
            options=list(RELIABILITY_GRADES),
            value="F",
            description="Source at least",
            continuous_update=False,
            style=style,
            layout=full(),
        ),
        max_credibility=widgets.SelectionSlider(
            _dom_classes=_dom("max_credibility"),
            options=[int(c) for c in CREDIBILITY_GRADES],
            value=6,
            description="Credibility at least",
            continuous_update=False,
            style=style,
            layout=full(),
        ),
        lanes=widgets.ToggleButtons(
            _dom_classes=_dom("lanes"), options=[(f"lane per {x}", x) for x in LANES], value="actor"
        ),
        colour_by=widgets.ToggleButtons(
            _dom_classes=_dom("colour_by"),
            options=[(f"colour by {x}", x) for x in COLOUR_BY],
            value="kind",
        ),
        node_size=widgets.Dropdown(
            _dom_classes=_dom("node_size"),
            options=[(f"node size: {x}", x) for x in SIZE_BY],
            value="activity",
        ),
        node_colour=widgets.ToggleButtons(
            _dom_classes=_dom("node_colour"),
            options=[(f"nodes by {x}", x) for x in NODE_COLOUR_BY],
            value="kind",
        ),
        reset=widgets.Button(_dom_classes=_dom("reset"), description="Reset filters", icon="undo"),
    )
