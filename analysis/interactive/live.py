"""Live figures: ipywidgets controls wired to any pure figure builder.

The explorer links several views; :func:`live_figure` is the small version for one figure:
it calls ``builder(**fixed, **values_of_controls)`` and, whenever a control changes, redraws a
:class:`~analysis.interactive.plotly_view.PlotlyView` in place, sending only what changed (it
holds its figure from the start, so it works in JupyterLab and Voilà). No logic lives here: the
builder does the work.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import ipywidgets as widgets
import plotly.graph_objects as go

from analysis.interactive.plotly_view import PlotlyView

__all__ = ["LiveFigure", "live_figure"]


class LiveFigure:
    """A live figure kept in step with some controls. Build one with :func:`live_figure`."""

    def __init__(
        self,
        builder: Callable[..., go.Figure],
        controls: Mapping[str, widgets.Widget],
        fixed: Mapping[str, object],
    ):
        self.builder = builder
        self.controls = dict(controls)
        self.fixed = dict(fixed)
        self.figure = PlotlyView(builder(**self.fixed, **self.values()))
        for control in self.controls.values():
            control.observe(self.refresh, names="value")
        self.widget = widgets.VBox([widgets.HBox(list(self.controls.values())), self.figure])

    def values(self) -> dict[str, object]:
        """The controls' current values, by the builder's parameter names."""
        return {name: control.value for name, control in self.controls.items()}

    def refresh(self, change: dict | None = None) -> None:
        """Rebuild the figure from the controls; the page gets only what changed."""
        self.figure.update(self.builder(**self.fixed, **self.values()))

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


def live_figure(
    builder: Callable[..., go.Figure], controls: Mapping[str, widgets.Widget], /, **fixed
) -> LiveFigure:
    """Wire ``controls`` (parameter name -> widget) to ``builder``; ``fixed`` are passed as is.

    Examples
    --------
    >>> import ipywidgets as widgets
    >>> from analysis import load_dossier, obligations_heatmap
    >>> d = load_dossier()
    >>> grade = widgets.Dropdown(options=["F", "C", "B"], value="F")
    >>> live = live_figure(obligations_heatmap, {"min_reliability": grade}, dossier=d)
    >>> before = [list(row) for row in live.figure.data[0].z]
    >>> grade.value = "B"
    >>> [list(row) for row in live.figure.data[0].z] != before
    True
    """
    return LiveFigure(builder, controls, fixed)
