"""Live figures: ipywidgets controls wired to any pure figure builder.

The explorer links several views; :func:`live_figure` is the small version for one figure:
it calls ``builder(**fixed, **values_of_controls)`` and, whenever a control changes, redraws a
:class:`plotly.graph_objects.FigureWidget` in place (built with its data, so it works in
JupyterLab and Voilà). No logic lives here: the builder does the work.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import ipywidgets as widgets
import plotly.graph_objects as go

__all__ = ["LiveFigure", "live_figure"]


class LiveFigure:
    """A FigureWidget kept in step with some controls. Build one with :func:`live_figure`."""

    def __init__(
        self,
        builder: Callable[..., go.Figure],
        controls: Mapping[str, widgets.Widget],
        fixed: Mapping[str, object],
    ):
        self.builder = builder
        self.controls = dict(controls)
        self.fixed = dict(fixed)
        self.figure = go.FigureWidget(builder(**self.fixed, **self.values()))
        for control in self.controls.values():
            control.observe(self.refresh, names="value")
        self.widget = widgets.VBox([widgets.HBox(list(self.controls.values())), self.figure])

    def values(self) -> dict[str, object]:
        """The controls' current values, by the builder's parameter names."""
        return {name: control.value for name, control in self.controls.items()}

    def refresh(self, change: dict | None = None) -> None:
        """Rebuild the figure from the controls and replace what the widget shows."""
        new = self.builder(**self.fixed, **self.values())
        fw = self.figure
        same_shape = len(fw.data) == len(new.data) and all(
            a.type == b.type for a, b in zip(fw.data, new.data, strict=True)
        )
        if not same_shape:
            fw.data = ()
            fw.add_traces(list(new.data))
        with fw.batch_update():
            if same_shape:
                for old, trace in zip(fw.data, new.data, strict=True):
                    old.update(trace.to_plotly_json(), overwrite=True)
            fw.layout.update(new.layout.to_plotly_json(), overwrite=True)

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
