"""Notice when a live figure in a page stops following the kernel, and say so.

A plotly ``FigureWidget`` view acknowledges every update to its traces: once drawn, it sends back
the trace deltas it computed, tagged with the update's ``trace_edit_id`` (it also sends a layout
acknowledgement, but plotly 7.1's view names it ``_js2py_widget_layoutDelta`` while the kernel
listens for ``_js2py_layoutDelta``, so that one never arrives). anywidget 0.11 gives a widget's
JavaScript 2 s to load, and plotly's is 4.7 MB; when it loads later (a slow or busy machine), the
view still draws the figure once, and acknowledges that drawing, but never applies another update.
The figure then shows data the filters no longer select: for an evidence tool, worse than no
figure.

:class:`FigureWatch` remembers, per figure, the last trace update a page acknowledged. After an
update, :meth:`FigureWatch.expect` asks the kernel's event loop to look again ``after`` seconds
later (with no running loop, as in a plain script or a test, nothing is scheduled; :meth:`check`
can be called directly). Once a page has drawn any of the watched figures (they are shown
together, in one panel), a figure with an update older than ``after`` still unacknowledged is
*stale*: ``on_change`` gets the sorted names of the stale figures (an empty list once every page
has caught up). A frozen view does not always acknowledge even its first drawing, hence "any".
While no page has drawn any of them nothing is stale: a notebook run without a browser
(papermill, nbval) sends updates nobody acknowledges.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Mapping

__all__ = ["FigureWatch", "STALE_AFTER"]

#: Seconds an update may stay unacknowledged before its figure counts as stale.
STALE_AFTER = 15.0


class FigureWatch:
    """Watch named FigureWidgets for updates that a page never applied.

    >>> import plotly.graph_objects as go
    >>> fig = go.FigureWidget(go.Scatter(x=[1], y=[1]))
    >>> seen = []
    >>> watch = FigureWatch({"timeline": fig}, seen.append, after=0)
    >>> fig.data[0].name = "updated"  # no page has drawn it: nobody to wait for
    >>> watch.expect()
    >>> watch.check(), seen
    ([], [])
    """

    def __init__(
        self,
        figures: Mapping[str, object],
        on_change: Callable[[list[str]], None],
        *,
        after: float = STALE_AFTER,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.figures = dict(figures)
        self.on_change = on_change
        self.after = after
        self.clock = clock
        #: name -> last trace_edit_id a page acknowledged (absent: no page has drawn it)
        self.acknowledged: dict[str, int] = {}
        #: name -> (latest trace_edit_id sent, since when a page has been behind it)
        self.waiting: dict[str, tuple[int, float]] = {}
        self.stale: list[str] = []
        for name, fig in self.figures.items():
            fig.observe(
                lambda change, name=name: self._acknowledge(name, change), "_js2py_traceDeltas"
            )

    def _acknowledge(self, name: str, change: dict) -> None:
        message = change.get("new")
        if not message:
            return
        edit = int(message.get("trace_edit_id", 0))
        self.acknowledged[name] = max(edit, self.acknowledged.get(name, -1))
        if name in self.waiting:
            if self.waiting[name][0] <= edit:
                del self.waiting[name]
            else:  # a page drew an older state: it is alive, give it time to catch up
                self.waiting[name] = (self.waiting[name][0], self.clock())
        if self.stale:
            self.check()
        if self.waiting:  # a page is there: what it has not acknowledged yet needs a look
            self._look_again()

    def expect(self) -> None:
        """Note the updates just sent to each figure; look again ``after`` seconds from now."""
        now = self.clock()
        for name, fig in self.figures.items():
            edit = int(fig._last_trace_edit_id)
            if edit > self.acknowledged.get(name, 0):  # 0: the state it was first shown with
                since = self.waiting[name][1] if name in self.waiting else now
                self.waiting[name] = (edit, since)
        self._look_again()

    def _look_again(self) -> None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no kernel loop: nobody can acknowledge anything meanwhile
            return
        loop.call_later(self.after + 0.1, self.check)

    def check(self) -> list[str]:
        """The stale figures now, passed to ``on_change`` when they differ from last time."""
        now = self.clock()
        stale = sorted(
            name
            for name, (_edit, since) in self.waiting.items()
            if self.acknowledged and now - since >= self.after
        )
        if stale != self.stale:
            self.stale = stale
            self.on_change(stale)
        return stale
