"""Layer 7: ipywidgets that only wire controls to the pure builders below.

:func:`explore` gives the explorer (timeline, network and records linked by filters);
:func:`live_figure` wires any controls to any figure builder; :func:`page_query` is the query
string the live app's page was opened with (``Explorer.open_link`` shows the view it names).
"""

from analysis.interactive.controls import LATEST, ExplorerControls
from analysis.interactive.explorer import Explorer, explore
from analysis.interactive.links import page_query
from analysis.interactive.live import LiveFigure, live_figure

__all__ = [
    "LATEST",
    "Explorer",
    "ExplorerControls",
    "LiveFigure",
    "explore",
    "live_figure",
    "page_query",
]
