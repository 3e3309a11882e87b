"""A live plotly figure as a small project-owned anywidget: state in the kernel, deltas on the wire.

Why not plotly's ``FigureWidget``: its front-end module (4.7 MB, plotly.js inside) is inlined
into every widget model, and anywidget 0.11 gives a model 2 s from its creation to load and
initialise its module; past that, every later message from the kernel is dropped and the figure
stays as first drawn ("[anywidget] Failed to initialize model."). :class:`PlotlyView`'s module
(``plotly_view.js``) is a few kB with no imports, so it initialises at once. plotly.js itself is
asked for once per page: the first view sends a custom message and the kernel answers with the
bytes of a plotly.js bundle as a binary buffer, which the page loads from a Blob URL and every
view shares (no CDN, nothing fetched from the network). The bundle is the smallest that draws
the figure (:func:`bundle_for`): plotly.js *basic* (scatter, bar and pie traces; 1.2 MB,
vendored in ``vendor/``) or the full ``plotly.min.js`` of the ``plotly`` package (4.7 MB); a page
that later shows a figure needing the full bundle loads it then. If plotly.js never arrives, the
view says so in place of the figure.

The figure lives in the kernel (:attr:`PlotlyView.spec`, ``{"data": [...], "layout": {...}}``)
and is sent whole only when a page asks for the widget's state (opening, or a late view); an
update sends only the trace properties and layout keys that changed, numeric arrays as binary
buffers, numbered so that a page that missed one asks for the whole figure again. The page
draws with ``Plotly.react``. Clicks on points come back to :meth:`PlotlyView.on_click`.
"""

from __future__ import annotations

import datetime as dt
import math
import uuid
from collections.abc import Callable
from functools import cache
from importlib import resources
from pathlib import Path

import anywidget
import numpy as np
import traitlets

__all__ = ["BASIC_TRACES", "PlotlyView", "as_spec", "bundle_for", "plotly_js", "same", "to_wire"]

_MISSING = object()


def same(a: object, b: object) -> bool:
    """Equal figure properties: numpy arrays by value, dicts and lists item by item.

    >>> same({"x": np.array([1.0, np.nan])}, {"x": np.array([1.0, np.nan])})
    True
    >>> same([1, 2], (1, 3))
    False
    """
    if a is b:
        return True
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        if not (isinstance(a, np.ndarray) and isinstance(b, np.ndarray)):
            return False
        if a.shape != b.shape or a.dtype != b.dtype:
            return False
        return bool(np.array_equal(a, b, equal_nan=a.dtype.kind == "f"))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    try:
        return bool(a == b)
    except (TypeError, ValueError):
        return False


def to_wire(value: object, buffers: list | None) -> object:
    """The JSON-able form of a figure value. One-dimensional numeric arrays become
    ``{"$buf": i, "dtype": ...}`` with their bytes appended to ``buffers`` (or, with
    ``buffers=None``, the memoryview itself, which ipywidgets sends as a buffer of the state);
    64-bit integers become float64 (JavaScript has no typed array for them); dates become ISO
    text; NaN and infinities become ``None``.

    >>> bufs = []
    >>> to_wire({"x": np.arange(3), "t": dt.date(2025, 1, 17), "v": float("nan")}, bufs)
    {'x': {'$buf': 0, 'dtype': 'float64'}, 't': '2025-01-17', 'v': None}
    >>> bytes(bufs[0]) == np.arange(3, dtype="float64").tobytes()
    True
    """
    if isinstance(value, dict):
        return {str(k): to_wire(v, buffers) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_wire(v, buffers) for v in value]
    if isinstance(value, np.ndarray):
        kind = value.dtype.kind
        if value.ndim == 1 and kind in "iuf":
            if value.dtype.itemsize == 8 and kind in "iu":
                value = value.astype("float64")
            view = memoryview(np.ascontiguousarray(value).data).cast("B")
            if buffers is None:
                return {"$buf": view, "dtype": str(value.dtype)}
            buffers.append(view)
            return {"$buf": len(buffers) - 1, "dtype": str(value.dtype)}
        if kind == "M":
            return np.datetime_as_string(value).tolist()
        return to_wire(value.tolist(), buffers)
    if isinstance(value, np.generic):
        return to_wire(value.item(), buffers)
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else value
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    if hasattr(value, "to_plotly_json"):
        return to_wire(value.to_plotly_json(), buffers)
    return value


def as_spec(figure: object) -> dict:
    """``{"data": [trace dicts], "layout": dict}`` of a ``go.Figure`` or a figure dict."""
    to_json = getattr(figure, "to_plotly_json", None)
    found: dict = dict(to_json() if to_json else figure or {})  # type: ignore[arg-type]
    return {
        "data": [dict(t) for t in found.get("data", ())],
        "layout": dict(found.get("layout", {})),
    }


def delta(old: dict, new: dict) -> dict:
    """What turns figure spec ``old`` into ``new``: per trace the properties that changed
    (``None`` unsets one) when the traces keep their types and order, else all traces; the
    layout keys that changed, and those that are gone (``unset``).

    >>> a = {"data": [{"type": "scatter", "x": [1], "name": "a"}], "layout": {"height": 300}}
    >>> b = {"data": [{"type": "scatter", "x": [2]}], "layout": {"title": {"text": "T"}}}
    >>> delta(a, b)
    {'traces': [{'name': None, 'x': [2]}], 'layout': {'title': {'text': 'T'}}, 'unset': ['height']}
    """
    out: dict = {}
    old_data, new_data = old["data"], new["data"]
    if len(old_data) == len(new_data) and all(
        a.get("type") == b.get("type") for a, b in zip(old_data, new_data, strict=True)
    ):
        traces = []
        for a, b in zip(old_data, new_data, strict=True):
            change: dict = {k: None for k in sorted(a.keys() - b.keys())}
            change.update({k: v for k, v in b.items() if not same(a.get(k, _MISSING), v)})
            traces.append(change)
        if any(traces):
            out["traces"] = traces
    else:
        out["data"] = new_data
    old_layout, new_layout = old["layout"], new["layout"]
    layout = {k: v for k, v in new_layout.items() if not same(old_layout.get(k, _MISSING), v)}
    if layout:
        out["layout"] = layout
    if gone := sorted(old_layout.keys() - new_layout.keys()):
        out["unset"] = gone
    return out


#: The trace types of the plotly.js *basic* bundle (``vendor/plotly-basic.min.js``).
BASIC_TRACES = frozenset({"scatter", "bar", "pie"})
BUNDLES = ("basic", "full")


def bundle_for(spec: dict) -> str:
    """The smallest plotly.js bundle that draws figure ``spec``: ``"basic"`` when every trace is
    one of :data:`BASIC_TRACES` (a trace without a type is a scatter), else ``"full"``.

    >>> bundle_for({"data": [{"type": "scatter"}, {}], "layout": {}})
    'basic'
    >>> bundle_for({"data": [{"type": "heatmap"}], "layout": {}})
    'full'
    """
    types = {trace.get("type") or "scatter" for trace in spec["data"]}
    return "basic" if types <= BASIC_TRACES else "full"


@cache
def plotly_js(bundle: str = "full") -> bytes:
    """The bytes of plotly.js bundle ``bundle``: ``"full"`` is the ``plotly`` package's own
    ``plotly.min.js`` (the version its figures are made for), ``"basic"`` the vendored basic
    bundle of the same version.

    Raises
    ------
    ValueError
        For a bundle that is neither.
    """
    if bundle == "full":
        return resources.files("plotly").joinpath("package_data", "plotly.min.js").read_bytes()
    if bundle == "basic":
        here = resources.files("analysis.interactive")
        return here.joinpath("vendor", "plotly-basic.min.js").read_bytes()
    raise ValueError(f"plotly.js bundle {bundle!r}: expected one of {', '.join(BUNDLES)}")


def _state(_value: object, widget: PlotlyView) -> dict:
    return to_wire({"rev": widget.rev, **widget.spec}, None)  # type: ignore[return-value]


class PlotlyView(anywidget.AnyWidget):
    """A plotly figure drawn live in JupyterLab and Voilà; :meth:`update` redraws it.

    Attributes
    ----------
    spec : the figure shown, ``{"data": [...], "layout": {...}}`` (replace it with :meth:`update`).
    rev : number of updates so far; ``drawn`` is the latest one a page says it has drawn (-1: none).
    last_delta : bytes of the latest update on the wire (JSON text and buffers).

    >>> import plotly.graph_objects as go
    >>> view = PlotlyView(go.Figure(go.Scatter(x=[1, 2], y=[3, 4], name="a")))
    >>> view.update(go.Figure(go.Scatter(x=[1, 2], y=[3, 5], name="a")))
    >>> list(view.data[0].y), view.rev
    ([3, 5], 1)
    """

    _esm = Path(__file__).with_name("plotly_view.js")
    _key = traitlets.Unicode().tag(sync=True)
    _figure = traitlets.Any(None).tag(sync=True, to_json=_state)
    _bundle = traitlets.Unicode("basic").tag(sync=True)

    def __init__(self, figure: object = None, **kwargs):
        self.spec = as_spec(figure)
        self.rev = 0
        self.drawn = -1
        self.last_delta = 0
        self._clicks: list[Callable[[list[dict]], None]] = []
        self._mirror: tuple[int, object] | None = None
        super().__init__(_key=uuid.uuid4().hex, _bundle=bundle_for(self.spec), **kwargs)
        self.on_msg(self._on_msg)

    # --- kernel -> page -------------------------------------------------------------------
    def update(self, figure: object) -> None:
        """Show ``figure`` (a ``go.Figure`` or a spec dict); only what changed is sent."""
        new = as_spec(figure)
        change = delta(self.spec, new)
        self.spec = new
        self.rev += 1
        self._bundle = bundle_for(new)  # before the delta: the page loads what it needs first
        buffers: list = []
        content = to_wire(
            {"type": "delta", "base": self.rev - 1, "rev": self.rev, **change}, buffers
        )
        self.last_delta = len(repr(content)) + sum(b.nbytes for b in buffers)
        self.send(content, buffers)

    # --- page -> kernel -------------------------------------------------------------------
    def on_click(self, callback: Callable[[list[dict]], None]) -> None:
        """Call ``callback(points)`` when a point is clicked in a page; each point is a dict of
        ``trace`` (index in ``spec["data"]``), ``point`` (index in the trace) and
        ``customdata``."""
        self._clicks.append(callback)

    def clicked_id(self, points: list[dict], *roles: str) -> str | None:
        """The id (``customdata``) of the first of clicked ``points`` on a trace whose
        ``meta["role"]`` is one of ``roles``, read from the figure the kernel holds (a page
        sends only indices)."""
        data = self.spec["data"]
        for p in points:
            trace, point = p.get("trace"), p.get("point")
            if not (isinstance(trace, int) and isinstance(point, int) and 0 <= trace < len(data)):
                continue
            meta = data[trace].get("meta") or {}
            ids = data[trace].get("customdata")
            if meta.get("role") in roles and ids is not None and 0 <= point < len(ids):
                return str(ids[point])
        return None

    def click(self, points: list[dict]) -> None:
        """What a page's click does (also for code and tests)."""
        for callback in self._clicks:
            callback(points)

    def _on_msg(self, _widget: object, content: dict, _buffers: list) -> None:
        kind = content.get("type") if isinstance(content, dict) else None
        if kind == "plotly.js":
            bundle = content.get("bundle", "full")
            bundle = bundle if bundle in BUNDLES else "full"
            self.send({"type": "plotly.js", "bundle": bundle}, [plotly_js(bundle)])
        elif kind == "resync":
            buffers: list = []
            self.send(to_wire({"type": "full", "rev": self.rev, **self.spec}, buffers), buffers)
        elif kind == "drawn":
            self.drawn = max(self.drawn, int(content.get("rev", -1)))
        elif kind == "click":
            self.click([p for p in content.get("points") or [] if isinstance(p, dict)])

    # --- read-only figure ---------------------------------------------------------------
    @property
    def figure(self):
        """The figure shown, as a ``plotly.graph_objects.Figure`` (a copy: changing it changes
        nothing on the page; use :meth:`update`)."""
        import plotly.graph_objects as go

        if self._mirror is None or self._mirror[0] != self.rev:
            self._mirror = (self.rev, go.Figure(self.spec))
        return self._mirror[1]

    @property
    def data(self) -> tuple:
        """The traces shown (``figure.data``)."""
        return self.figure.data

    @property
    def layout(self):
        """The layout shown (``figure.layout``)."""
        return self.figure.layout
