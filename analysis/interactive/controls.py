"""The explorer's controls: the filter widgets and their options, made from a dossier.

The options come from the dossier: months for the date range (opening on the dense period,
:func:`analysis.filtering.dense_period`, with "All years" one click away), every date on which
what was known changed for the as-of slider (thinned evenly when there are too many), actors
most active first in a type-to-find picker (:class:`ActorPicker`). Every label sits above its
control, so none is cut off at laptop width. :class:`ExplorerControls` holds the widgets;
setting a widget's ``value`` drives the explorer.
"""

from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as widgets
import numpy as np
import pandas as pd
import traitlets

from analysis.dossier.model import Dossier
from analysis.figures.network import NODE_COLOUR_BY, SIZE_BY
from analysis.figures.timeline.figure import COLOUR_BY, LANES
from analysis.filtering._index import record_index, reported_days
from analysis.filtering.filters import RELATIONS, apply_filters
from analysis.filtering.period import dense_period
from analysis.filtering.status import STATUSES
from analysis.schema import CREDIBILITY_GRADES, RELIABILITY_GRADES

__all__ = [
    "ActorPicker",
    "actor_label",
    "ExplorerControls",
    "make_controls",
    "LATEST",
    "MAX_AS_OF_STEPS",
]

#: Value of the as-of slider that means "everything, as known now".
LATEST = "latest"
#: Most positions of the as-of slider; beyond, it steps by week.
MAX_AS_OF_STEPS = 400
#: Every control carries the CSS class ``explorer-<field>`` (``explorer-actors``,
#: ``explorer-min-reliability``...): a stable handle for browser tests and custom styles.
DOM_CLASS_PREFIX = "explorer-"


def _dom(name: str) -> tuple[str, ...]:
    return (DOM_CLASS_PREFIX + name.replace("_", "-"),)


#: Every labelled control takes the column's width; explorer.css puts its label above it.
def _stacked(**extra) -> widgets.Layout:
    return widgets.Layout(width="100%", **extra)


_STYLE = {"description_width": "initial"}


class ActorPicker(widgets.VBox):
    """Pick actors by typing part of a name: a tags box (chips with a cross to remove) over the
    dossier's actors, most active first.

    ``value`` is the tuple of actor ids picked, ``options`` the ``(label, actor_id)`` pairs;
    ``tags`` is the ``TagsInput`` a reader types into (its tags are the labels).

    >>> picker = ActorPicker([("Iran (IRN)", "IRN"), ("Russia (RUS)", "RUS")])
    >>> picker.tags.value = ["Russia (RUS)"]
    >>> picker.value
    ('RUS',)
    >>> picker.value = ("IRN", "RUS")
    >>> picker.tags.value
    ['Iran (IRN)', 'Russia (RUS)']
    """

    value = traitlets.Tuple()

    def __init__(self, options: list[tuple[str, str]], *, description: str = "Actors", **kw):
        self.options = list(options)
        self._ids = {label: actor_id for label, actor_id in self.options}
        self._labels = {actor_id: label for label, actor_id in self.options}
        self.tags = widgets.TagsInput(
            value=[],
            allowed_tags=[label for label, _ in self.options],
            allow_duplicates=False,
            placeholder="type a name, then Enter",
            layout=widgets.Layout(width="100%"),
        )
        label = widgets.Label(description)
        super().__init__([label, self.tags], layout=widgets.Layout(width="100%"), **kw)
        self.tags.observe(self._from_tags, names="value")

    @traitlets.validate("value")
    def _known(self, proposal):
        unknown = [a for a in proposal["value"] if a not in self._labels]
        if unknown:
            raise traitlets.TraitError(
                f"unknown actor id {unknown[0]!r}; the dossier's actors are "
                f"{', '.join(sorted(self._labels))}"
            )
        return tuple(dict.fromkeys(proposal["value"]))

    @traitlets.observe("value")
    def _to_tags(self, change) -> None:
        labels = [self._labels[a] for a in change["new"]]
        if list(self.tags.value) != labels:
            self.tags.value = labels

    def _from_tags(self, change) -> None:
        ids = tuple(self._ids[t] for t in change["new"] if t in self._ids)
        if ids != self.value:
            self.value = ids


@dataclass(frozen=True, eq=False)
class ExplorerControls:
    """The explorer's widgets. Set ``.value`` on any of them to drive the explorer."""

    date_range: widgets.SelectionRangeSlider
    all_years: widgets.Button
    as_of: widgets.SelectionSlider
    play: widgets.Play
    since: widgets.Dropdown
    actors: ActorPicker
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
    #: the months the date range opens on and a reset returns to (the dense period)
    dense_range: tuple[pd.Timestamp, pd.Timestamp]

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
        return [
            self.since,
            self.focus,
            self.lanes,
            self.colour_by,
            self.node_size,
            self.node_colour,
        ]

    @property
    def kinds(self) -> tuple[str, ...]:
        """The record kinds the kinds control offers: the dossier's (built-in, then added)."""
        return tuple(k for _, k in self.record_kinds.options)

    def defaults(self) -> None:
        """Every control back to how the explorer opened (the date range on the dense period);
        each change triggers its observers (:meth:`Explorer.reset` makes them one redraw)."""
        self.date_range.value = self.dense_range
        self.as_of.value = LATEST
        self.since.value = None
        self.actors.value = ()
        self.neighbourhood.value = ""
        self.focus.value = ""
        self.relations.value = RELATIONS
        self.record_kinds.value = self.kinds
        self.statuses.value = STATUSES
        self.min_reliability.value = "F"
        self.max_credibility.value = 6

    @property
    def full_range(self) -> tuple[pd.Timestamp, pd.Timestamp]:
        """The first and last month of the date range's options (every record)."""
        return self.date_range.options[0][1], self.date_range.options[-1][1]


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
        (actor_label(name, actor_id), actor_id)
        for name, actor_id in zip(actors["name"], actors["actor_id"], strict=True)
    ]


def actor_label(name: str, actor_id: str) -> str:
    """An actor as the pickers show it: the name with its runs of white space (line breaks
    included, which a reader cannot type into the actor picker) made single spaces, then the id.

    >>> actor_label("line one\\nline two", "PRK")
    'line one line two (PRK)'
    """
    return f"{' '.join(str(name).split())} ({actor_id})"


def _opening_range(dossier: Dossier, months: list[pd.Timestamp]) -> tuple[int, int]:
    """Positions in ``months`` of the dense period (the whole range when there is none)."""
    dense = dense_period(dossier)
    if dense is None:
        return 0, len(months) - 1
    return months.index(dense[0]), months.index(dense[1])


def _multi(name: str, options: list, description: str) -> widgets.SelectMultiple:
    return widgets.SelectMultiple(
        _dom_classes=_dom(name),
        options=options,
        value=tuple(v for _, v in options),
        rows=min(len(options), 6),
        description=description,
        style=_STYLE,
        layout=_stacked(),
    )


def make_controls(dossier: Dossier) -> ExplorerControls:
    """The controls for ``dossier``: every filter keeps everything, except the date range,
    which opens on the dossier's dense period (:attr:`ExplorerControls.all_years` widens it)."""
    months = _months(dossier)
    first, last = _opening_range(dossier, months)
    as_of = _as_of_dates(dossier)
    actors = _activity_order(dossier)
    as_of_slider = widgets.SelectionSlider(
        options=[(f"{d:%d %b %Y}", d) for d in as_of] + [("latest", LATEST)],
        value=LATEST,
        description="As known on",
        continuous_update=False,
        style=_STYLE,
        layout=_stacked(flex="1 1 auto"),
        _dom_classes=_dom("as_of"),
    )
    play = widgets.Play(
        min=0,
        max=len(as_of),
        step=1,
        interval=600,
        value=as_of_slider.index,
        description="Play through time",
        tooltip="Play through time: step the as-of date through every day news came in",
        layout=widgets.Layout(width="auto", align_self="flex-end"),
        _dom_classes=_dom("play"),
    )
    widgets.link((play, "value"), (as_of_slider, "index"))
    since = widgets.Dropdown(
        options=[("(off)", None)] + [(f"{d:%d %b %Y}", d) for d in as_of],
        value=None,
        description="Compare with what was known on",
        tooltip="Ring the records and mark the relations that became known after this date",
        style=_STYLE,
        layout=_stacked(),
        _dom_classes=_dom("since"),
    )
    none = [("(none)", "")]

    def dropdown(name: str, description: str) -> widgets.Dropdown:
        return widgets.Dropdown(
            _dom_classes=_dom(name),
            options=none + actors,
            value="",
            description=description,
            style=_STYLE,
            layout=_stacked(),
        )

    def toggles(name: str, options: list, value: str, description: str) -> widgets.ToggleButtons:
        return widgets.ToggleButtons(
            _dom_classes=_dom(name),
            options=options,
            value=value,
            description=description,
            style={**_STYLE, "button_width": "auto"},
            layout=_stacked(),
        )

    return ExplorerControls(
        date_range=widgets.SelectionRangeSlider(
            _dom_classes=_dom("date_range"),
            options=[(f"{m:%b %Y}", m) for m in months],
            index=(first, last),
            description="Dates",
            continuous_update=False,
            style=_STYLE,
            layout=_stacked(),
        ),
        all_years=widgets.Button(
            _dom_classes=_dom("all_years"),
            description=f"All years ({months[0]:%Y}\u2013{months[-1]:%Y})",
            tooltip="Widen the date range to every record",
            layout=widgets.Layout(width="auto"),
        ),
        as_of=as_of_slider,
        play=play,
        since=since,
        actors=ActorPicker(actors, description="Actors", _dom_classes=_dom("actors")),
        neighbourhood=dropdown("neighbourhood", "Neighbourhood of (an actor and its partners)"),
        focus=dropdown("focus", "Focus on (or click a node)"),
        relations=_multi("relations", [(r, r) for r in RELATIONS], "Relations"),
        record_kinds=_multi(
            "record_kinds",
            [(k.replace("_", " "), k) for k in record_index(dossier).kinds],
            "Record kinds",
        ),
        statuses=_multi(
            "statuses", [(x.replace("_", " "), x) for x in STATUSES], "Allegation status"
        ),
        min_reliability=widgets.SelectionSlider(
            _dom_classes=_dom("min_reliability"),
            options=list(RELIABILITY_GRADES),
            value="F",
            description="Sources graded at least (A best)",
            continuous_update=False,
            style=_STYLE,
            layout=_stacked(),
        ),
        max_credibility=widgets.SelectionSlider(
            _dom_classes=_dom("max_credibility"),
            options=[int(c) for c in CREDIBILITY_GRADES],
            value=6,
            description="Information rated at least (1 best)",
            continuous_update=False,
            style=_STYLE,
            layout=_stacked(),
        ),
        lanes=toggles("lanes", [(x, x) for x in LANES], "actor", "Timeline lanes per"),
        colour_by=toggles("colour_by", [(x, x) for x in COLOUR_BY], "kind", "Colour marks by"),
        node_size=widgets.Dropdown(
            _dom_classes=_dom("node_size"),
            options=[(x, x) for x in SIZE_BY],
            value="activity",
            description="Node size",
            style=_STYLE,
            layout=_stacked(),
        ),
        node_colour=toggles(
            "node_colour", [(x, x) for x in NODE_COLOUR_BY], "kind", "Colour nodes by"
        ),
        reset=widgets.Button(
            _dom_classes=_dom("reset"),
            description="Reset",
            icon="undo",
            tooltip="Every filter back to how the explorer opened",
            layout=widgets.Layout(width="auto"),
        ),
        dense_range=(months[first], months[last]),
    )
