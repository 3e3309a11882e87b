"""Keep a FigureWidget in step with a figure spec, sending only what changed.

:func:`replace_figure` restyles the properties that differ (traces of the same types in the
same order) or swaps the traces, and relays out only the layout keys that changed, in one
batch update; :func:`wire_size` estimates the bytes such an update puts on the wire.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

__all__ = ["replace_figure", "wire_size"]


def wire_size(value: object) -> int:
    """Approximate bytes of a widget message: JSON text, numeric arrays as binary buffers."""
    if value is None or isinstance(value, bool):
        return 4
    if isinstance(value, str):
        return len(value.encode("utf-8")) + 2
    if isinstance(value, dict):
        return 2 + sum(len(str(k)) + 3 + wire_size(v) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return 2 + sum(wire_size(v) + 1 for v in value)
    if isinstance(value, np.ndarray):
        if value.dtype.kind in "biuf":
            return value.nbytes
        return 2 + sum(wire_size(v) + 1 for v in value.tolist())
    if isinstance(value, (int, float, np.number)):
        return len(repr(value))
    return len(str(value))


_MISSING = object()


def _same(a: object, b: object) -> bool:
    """Equal figure properties: numpy arrays by value, dicts and lists item by item."""
    if a is b:
        return True
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        if not (isinstance(a, np.ndarray) and isinstance(b, np.ndarray)):
            return False
        if a.shape != b.shape or a.dtype != b.dtype:
            return False
        return bool(np.array_equal(a, b, equal_nan=a.dtype.kind == "f"))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    try:
        return bool(a == b)
    except (TypeError, ValueError):
        return False


def replace_figure(fw: go.FigureWidget, spec: dict, shown: dict) -> None:
    """Make ``fw`` show the figure ``spec`` (``{"data", "layout"}``) in one batch update.

    ``shown`` remembers the spec last drawn (and is updated here). When the new traces have the
    same types in the same order, only the properties that changed are restyled; otherwise the
    traces are swapped. Only the layout keys that changed are relaid out; keys that are gone are
    unset.
    """
    old_data, new_data = shown.get("data"), spec["data"]
    old_layout, new_layout = shown.get("layout", {}), spec["layout"]
    in_place = (
        old_data is not None
        and len(old_data) == len(new_data) == len(fw.data)
        and all(a["type"] == b["type"] for a, b in zip(old_data, new_data, strict=True))
    )
    with fw.batch_update():
        if in_place:
            for trace, old, new in zip(fw.data, old_data, new_data, strict=True):
                for key in old.keys() - new.keys():
                    trace[key] = None
                for key, value in new.items():
                    if key != "type" and not _same(old.get(key, _MISSING), value):
                        trace[key] = value
        else:
            fw.data = ()
            fw.add_traces(new_data)
        for key in old_layout.keys() - new_layout.keys():
            fw.layout[key] = None
        for key, value in new_layout.items():
            if not _same(old_layout.get(key, _MISSING), value):
                fw.layout[key] = value
    shown["data"], shown["layout"] = new_data, new_layout
