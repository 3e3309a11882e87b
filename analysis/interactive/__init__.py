"""Layer 7: ipywidgets that only wire controls to the pure builders below.

:func:`explore` gives the explorer (timeline, network and records linked by filters);
:func:`live_figure` wires any controls to any figure builder.
"""

from analysis.interactive.controls import LATEST, ExplorerControls
from analysis.interactive.explorer import Explorer, explore
from analysis.interactive.live import LiveFigure, live_figure

__all__ = ["LATEST", "Explorer", "ExplorerControls", "LiveFigure", "explore", "live_figure"]
