"""Layer 5: pure figure and table builders over a :class:`~analysis.filtering.View`.

Each returns a plotly figure (or its spec) or a DataFrame and touches no widget:
:mod:`~analysis.figures.timeline` and :mod:`~analysis.figures.network` (each with a static,
plotly-only variant for reports), :mod:`~analysis.figures.records` (the records table),
:mod:`~analysis.figures.tables` (any frame as a table for readers, sortable when long),
:mod:`~analysis.figures.save` (PNG/SVG/PDF through kaleido). :mod:`~analysis.figures.base`
holds the shared template, empty states and the trace roles; :mod:`~analysis.figures.style` the
fixed colours.
"""

from analysis.figures.as_of_slider import STEPS, as_of_dates
from analysis.figures.base import TRACE_ROLES, TraceRole, traces
from analysis.figures.changes import changes_figure, changes_table
from analysis.figures.compare import mark_edge_changes, mark_new_records
from analysis.figures.network import (
    build_graph,
    layout,
    network_figure,
    network_measures,
    static_network_figure,
)
from analysis.figures.records import records_html, records_table
from analysis.figures.save import save_figure, save_figures
from analysis.figures.tables import reader_table
from analysis.figures.timeline import static_timeline_figure, timeline_figure

__all__ = [
    "changes_figure",
    "changes_table",
    "mark_edge_changes",
    "mark_new_records",
    "STEPS",
    "TRACE_ROLES",
    "TraceRole",
    "as_of_dates",
    "build_graph",
    "layout",
    "network_figure",
    "network_measures",
    "records_html",
    "reader_table",
    "records_table",
    "save_figure",
    "save_figures",
    "static_network_figure",
    "static_timeline_figure",
    "timeline_figure",
    "traces",
]
