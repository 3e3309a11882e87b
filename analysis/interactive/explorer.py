"""The explorer: one ipywidgets panel that filters a dossier and redraws three linked views.

``explore(dossier)`` (or ``Explorer(dossier).show()``) gives a panel of filters -- date range,
an as-of date that can play through time, actors and the neighbourhood of one, relation and
record kinds, allegation status, minimum source reliability and information credibility --
that drives the timeline, the relationship network and the records table together. Clicking
a node focuses the timeline and the table on that actor; clicking a mark shows its sources.

The widgets only wire controls to the pure functions of :mod:`analysis.filtering`,
:mod:`analysis.figures.timeline`, :mod:`analysis.figures.network` and
:mod:`analysis.figures.records`. The network is laid out once, when the explorer is made; a
filter change refilters and redraws both figures (one message each, with only what changed)
and the table, a drawing option redraws only its figure. All state
lives on the explorer; nothing reads globals.

The two figures are :class:`~analysis.interactive.plotly_view.PlotlyView` widgets: the figure
stays in the kernel and an update sends only the trace properties and layout keys that changed
(plotly's own ``FigureWidget`` froze in pages where its 4.7 MB module loaded slowly; see that
module).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from analysis.common import markup
from analysis.dossier.model import Dossier
from analysis.figures.base import TraceRole, empty_spec
from analysis.figures.compare import mark_edge_changes, mark_new_records
from analysis.figures.network import (
    MAX_EDGES,
    MAX_NODES,
    build_graph,
    layout,
    network_measures,
    network_spec,
)
from analysis.figures.records import records_html, records_table
from analysis.figures.timeline.figure import MAX_MARKS, timeline_spec
from analysis.filtering.changes import ViewChanges
from analysis.filtering.filters import (
    RELATIONS,
    Filters,
    View,
    apply_filters,
    restrict,
)
from analysis.filtering.links import from_query, to_query
from analysis.filtering.status import STATUSES
from analysis.interactive.compare import Compare
from analysis.interactive.controls import LATEST, ExplorerControls, make_controls
from analysis.interactive.links import set_controls
from analysis.interactive.plotly_view import PlotlyView
from analysis.interactive.summary import (
    BLANK,
    compare_html,
    is_blank,
    link_html,
    record_html,
    summary_html,
)

#: The panel's stylesheet (labels above controls; scoped to ``.explorer-panel``).
_CSS = (Path(__file__).with_name("explorer.css")).read_text(encoding="utf-8")

__all__ = ["Explorer", "ExplorerControls", "explore", "LATEST"]


class Explorer:
    """A dossier's timeline, network and records, linked by filters.

    Parameters
    ----------
    dossier : the dossier to explore; ``seed``: of the network layout.
    max_marks, max_nodes, max_edges : thresholds above which the views aggregate.
    table_rows : how many of the latest records the table lists.
    dates : ``"dense"`` (default) opens the date range on the dossier's dense period (see
        :func:`analysis.filtering.dense_period`); ``"all"`` on every record.

    Attributes
    ----------
    controls : :class:`ExplorerControls`; set their ``value`` to drive the explorer.
    timeline, network : the two :class:`PlotlyView` widgets (``.figure``/``.data``/``.layout``
        read what they show).
    table : the records table (a DataFrame); ``table_html`` is the widget showing it.
    view : the current :class:`analysis.filtering.View`.
    positions : the network layout, computed once.
    last_update : seconds and bytes of figure data sent by the latest update.

    Examples
    --------
    >>> from analysis.synthetic.dossiers import synthetic_dossier
    >>> ex = explore(synthetic_dossier(1_000))
    >>> ex.controls.record_kinds.value = ("denies",)
    >>> {t.meta["category"] for t in ex.timeline.data if t.meta and "category" in t.meta}
    {'denies'}
    """

    def __init__(
        self,
        dossier: Dossier,
        *,
        seed: int = 0,
        max_marks: int = MAX_MARKS,
        max_nodes: int = MAX_NODES,
        max_edges: int = MAX_EDGES,
        table_rows: int = 100,
        dates: str = "dense",
    ):
        if dates not in ("dense", "all"):
            raise ValueError(f'dates must be "dense" or "all"; got {dates!r}')
        self.dossier = dossier
        self.max_marks, self.max_nodes, self.max_edges = max_marks, max_nodes, max_edges
        self.table_rows = table_rows
        self.positions = layout(build_graph(apply_filters(dossier)), seed=seed)
        self.controls = make_controls(dossier)
        if dates == "all":
            self.controls.date_range.value = self.controls.full_range
        self.last_update: dict[str, float] = {"seconds": 0.0, "bytes": 0}
        self._quiet, self._link_notes = False, ()
        self._margins: dict[str, int] = {}
        self._compare = Compare()
        view, tl, nw, table = self._compute()
        self.view, self.table = view, table
        self.timeline = PlotlyView(tl, _dom_classes=("explorer-timeline",))
        self.network = PlotlyView(nw, _dom_classes=("explorer-network",))
        self.table_html = widgets.HTML(records_html(table))
        self.detail = widgets.HTML(self._detail_hint())
        self.summary = widgets.HTML(self._summary(), _dom_classes=("explorer-summary",))
        self.link_line = widgets.HTML(link_html(self.link), _dom_classes=("explorer-link-line",))
        self._wire()
        self.network.on_click(self._on_network_click)
        self.timeline.on_click(self._on_timeline_click)
        self.widget = self._assemble()

    # --- state -> filters -------------------------------------------------------------------
    @property
    def filters(self) -> Filters:
        """The :class:`~analysis.filtering.Filters` the controls currently say."""
        c = self.controls

        def every(widget, full):
            return None if set(widget.value) == set(full) else tuple(widget.value)

        start, end = c.date_range.value
        first, last = c.date_range.options[0][1], c.date_range.options[-1][1]
        date_range = (
            None if start == first else start,
            None if end == last else end + pd.offsets.MonthEnd(0),
        )
        return Filters(
            date_range=date_range,
            as_of=None if c.as_of.value == LATEST else c.as_of.value,
            actors=tuple(c.actors.value),
            neighbourhood_of=c.neighbourhood.value or None,
            relations=every(c.relations, RELATIONS),
            record_kinds=every(c.record_kinds, c.kinds),
            statuses=every(c.statuses, STATUSES),
            min_reliability=c.min_reliability.value,
            max_credibility=c.max_credibility.value,
        )

    @property
    def link(self) -> str:
        """The query string of what the explorer shows (:func:`analysis.filtering.to_query`)."""
        return to_query(self.filters, since=self.controls.since.value)

    def open_link(self, query: str) -> tuple[str, ...]:
        """Show the view a link names (``?as_of=2024-10-20&actors=RUS,PRK``), with one redraw.
        Returns, and shows under the summary, a note for each part left out or adjusted; an
        empty query changes nothing."""
        if not query.lstrip("?#"):
            return ()
        parsed = from_query(query)
        notes: list[str] = list(parsed.notes)
        c, filters, since = self.controls, parsed.filters, parsed.since
        self._quietly(lambda: notes.extend(set_controls(c, filters, since)))
        self.link_line.value = link_html(self.link, notes)
        return tuple(notes)

    @property
    def focus(self) -> str | None:
        return self.controls.focus.value or None

    def _view(self) -> View:
        """The view the controls ask for; refiltered only when the filters changed."""
        filters = self.filters
        if getattr(self, "view", None) is None or self.view.filters != filters:
            return apply_filters(self.dossier, filters)
        return self.view

    def _timeline(self, view: View) -> tuple[dict, View]:
        focus = self.focus
        focused = restrict(view, [focus]) if focus else view
        title = f"Timeline of {self.dossier.title}" + (
            f", focused on {self._name(focus)}" if focus else ""
        )
        if is_blank(self.dossier):  # say why there is nothing, not "no records match"
            return empty_spec(title, BLANK), focused
        spec = timeline_spec(
            focused,
            lanes=self.controls.lanes.value,
            colour_by=self.controls.colour_by.value,
            max_marks=self.max_marks,
            title=title,
        )
        # the lane labels' margin only grows: a filter change then never moves the plot area,
        # which would cost plotly.js a second layout pass
        margin = spec["layout"].setdefault("margin", {})
        key = self.controls.lanes.value
        margin["l"] = self._margins[key] = max(self._margins.get(key, 0), margin.get("l", 0))
        if isinstance(changes := self.changes(view), ViewChanges):
            spec = mark_new_records(spec, changes)
        return spec, focused

    def _network(self, view: View) -> dict:
        if is_blank(self.dossier):
            return empty_spec("Relationship network", BLANK)
        keep = [self.focus] if self.focus else []
        graph = build_graph(view, max_nodes=self.max_nodes, max_edges=self.max_edges, keep=keep)
        spec = network_spec(
            graph,
            self.positions,
            size_by=self.controls.node_size.value,
            colour_by=self.controls.node_colour.value,
            highlight=keep,
            max_nodes=self.max_nodes,
            max_edges=self.max_edges,
            title="Relationship network",
        )
        if isinstance(changes := self.changes(view), ViewChanges):
            spec = mark_edge_changes(spec, changes)
        return spec

    def changes(self, view: View | None = None) -> ViewChanges | str | None:
        """What the compare mode marks (:func:`analysis.filtering.changes_since` of the view):
        ``None`` when it is off, a note when its date is not before the as-of date."""
        view = self.view if view is None else view
        return None if is_blank(self.dossier) else self._compare(view, self.controls.since.value)

    def _compute(self) -> tuple[View, dict, dict, pd.DataFrame]:
        view = self._view()
        tl, focused = self._timeline(view)
        return view, tl, self._network(view), records_table(focused, limit=self.table_rows)

    # --- updating ---------------------------------------------------------------------------
    def refresh(self, change: dict | None = None) -> None:
        """Redraw what a change affects (controls call this): a filter refilters and redraws
        both figures and the table; a drawing option redraws its own figure only."""
        if self._quiet:
            return
        owner = change.get("owner") if isinstance(change, dict) else None
        c = self.controls
        parts = {"timeline", "network", "table"}
        if owner in (c.lanes, c.colour_by):
            parts = {"timeline"}
        elif owner in (c.node_size, c.node_colour):
            parts = {"network"}
        elif owner is c.since:
            parts = {"timeline", "network"}
        started = time.perf_counter()
        sent = 0
        view = self._view()
        self.view = view
        # the figures' messages go first: the page draws them while the table's HTML arrives
        focused = view
        if parts & {"timeline", "table"}:
            tl, focused = self._timeline(view)
            self.timeline.update(tl)
            sent += self.timeline.last_delta
        if "network" in parts:
            self.network.update(self._network(view))
            sent += self.network.last_delta
        self.summary.value = self._summary()
        self.link_line.value = link_html(self.link, self._link_notes)
        self._link_notes = ()
        if "table" in parts:
            self.table = records_table(focused, limit=self.table_rows)
            self.table_html.value = records_html(self.table)
        self.last_update = {"seconds": time.perf_counter() - started, "bytes": sent}

    def _wire(self) -> None:
        c = self.controls
        for w in c.filter_widgets() + c.view_widgets():
            w.observe(self.refresh, names="value")
        c.reset.on_click(lambda _: self.reset())
        c.all_years.on_click(lambda _: self.all_years())

    def reset(self) -> None:
        """Every filter back to how the explorer opened (the date range on the dense period),
        with one redraw."""
        self._quietly(self.controls.defaults)

    def all_years(self) -> None:
        """Widen the date range to every record (the other filters stay)."""
        self.controls.date_range.value = self.controls.full_range

    def _quietly(self, change: Callable[[], None]) -> None:
        """Run ``change`` (which sets several controls) and redraw once, after it."""
        self._quiet = True
        try:
            change()
        finally:
            self._quiet = False
        self.refresh()

    def measures(self) -> pd.DataFrame:
        """Degree, betweenness and community of every actor in the current view (all of them,
        not only those drawn), from :func:`analysis.figures.network.positions.network_measures`."""
        return network_measures(build_graph(self.view))

    # --- clicks -----------------------------------------------------------------------------
    def select_node(self, actor_id: str | None) -> None:
        """Focus the timeline and the table on ``actor_id`` (``None`` clears the focus)."""
        self.controls.focus.value = actor_id or ""

    def show_record(self, record_id: str) -> None:
        """Show a record's summary, quote and links to its sources under the figures."""
        self.detail.value = record_html(self.dossier, record_id)

    def _on_network_click(self, points: list[dict]) -> None:
        if found := self.network.clicked_id(points, TraceRole.NODES, TraceRole.SELECTED):
            self.select_node(found)

    def _on_timeline_click(self, points: list[dict]) -> None:
        if found := self.timeline.clicked_id(points, TraceRole.RECORDS):
            self.show_record(found)

    # --- display ----------------------------------------------------------------------------
    def _name(self, actor_id: str) -> str:
        return self.dossier.actor_name(actor_id)

    def _summary(self) -> str:
        c, focus = self.controls, self.focus
        line = summary_html(
            self.view, c.date_range.value, c.full_range, focus and self._name(focus)
        )
        changes = self.changes()
        return line if changes is None else f"{line}<br>{compare_html(changes, self.dossier)}"

    @staticmethod
    def _detail_hint() -> str:
        return (
            "<i>Click a mark on the timeline to read the record and open its sources; "
            "click a node to focus on that actor.</i>"
        )

    def _assemble(self) -> widgets.Widget:
        c = self.controls
        clear = widgets.Button(description="Clear focus", icon="times", layout={"width": "auto"})
        clear.on_click(lambda _: self.select_node(None))

        def section(title: str, *children: widgets.Widget) -> widgets.VBox:
            head = widgets.HTML(f"<b>{markup.text(title)}</b>", _dom_classes=("explorer-head",))
            return widgets.VBox([head, *children], layout=widgets.Layout(width="100%"))

        def row(*children: widgets.Widget) -> widgets.HBox:
            return widgets.HBox(list(children), layout=widgets.Layout(width="100%"))

        filters = widgets.VBox(
            [
                row(c.reset),
                section("When", c.date_range, row(c.all_years), row(c.as_of, c.play), c.since),
                section("Who", c.actors, c.neighbourhood),
                section("What", c.record_kinds, c.relations, c.statuses),
                section("How sure", c.min_reliability, c.max_credibility),
                section("Focus", c.focus, row(clear)),
                section("Drawing", c.lanes, c.colour_by, c.node_size, c.node_colour),
            ],
            layout=widgets.Layout(width="300px", min_width="260px", flex="0 0 300px"),
            _dom_classes=("explorer-controls",),
        )
        main = widgets.VBox(
            [
                self.summary,
                self.link_line,
                self.timeline,
                self.network,
                self.detail,
                self.table_html,
            ],
            layout=widgets.Layout(flex="1 1 auto", min_width="0", width="100%"),
        )
        title = widgets.HTML(f"<h3>{markup.text(self.dossier.title)}</h3>")
        return widgets.VBox(
            [
                widgets.HTML(f"<style>{_CSS}</style>"),
                title,
                widgets.HBox([filters, main], layout=widgets.Layout(width="100%")),
            ],
            _dom_classes=("explorer-panel",),
        )

    def show(self) -> widgets.Widget:
        """The panel, to display as a cell's output (``Explorer(d).show()``)."""
        return self.widget

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


def explore(dossier: Dossier, **options) -> Explorer:
    """An :class:`Explorer` of ``dossier``; as a cell's last expression it shows itself.

    ``options`` are those of :class:`Explorer`.
    """
    return Explorer(dossier, **options)
