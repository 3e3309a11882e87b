"""A stand-in for a widget's comm, to see what a live figure puts on the wire without a kernel."""

from __future__ import annotations

__all__ = ["Wire", "listen"]


class Wire:
    """Stands in for the kernel's comm: records every message ipywidgets sends on it."""

    comm_id = "wire"

    def __init__(self):
        self.kernel = "recorded here"  # ipywidgets sends only on a comm with a kernel
        self.sent: list[tuple[dict, list]] = []

    def send(self, data=None, metadata=None, buffers=None):
        self.sent.append((data, list(buffers or [])))

    def close(self, *args, **kwargs):
        pass

    def on_msg(self, *args):
        pass

    def custom(self) -> list[tuple[dict, list]]:
        return [(d["content"], b) for d, b in self.sent if d.get("method") == "custom"]


def listen(widget) -> Wire:
    """Give ``widget`` a recording comm; returns it (``.custom()`` lists what was sent)."""
    widget.comm = wire = Wire()
    return wire
