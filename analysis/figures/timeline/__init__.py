"""The timeline: marks for statements and events, spans for partnerships, counts when dense.

:func:`timeline_figure` / :func:`timeline_spec` draw a :class:`~analysis.filtering.View` for the
explorer; :func:`static_timeline_figure` carries plotly-only controls for static reports.
"""

from analysis.figures.timeline.figure import (
    COLOUR_BY,
    LANES,
    MAX_LANES,
    MAX_MARKS,
    NO_ALLEGATION,
    timeline_figure,
    timeline_spec,
)
from analysis.figures.timeline.static import static_timeline_figure

TIMELINE_COLOUR_BY = COLOUR_BY

__all__ = [
    "COLOUR_BY",
    "LANES",
    "MAX_LANES",
    "MAX_MARKS",
    "NO_ALLEGATION",
    "TIMELINE_COLOUR_BY",
    "static_timeline_figure",
    "timeline_figure",
    "timeline_spec",
]
