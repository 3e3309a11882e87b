"""Reading the package's plotly figures in tests."""

from __future__ import annotations

__all__ = ["role"]


def role(fig, name: str, **meta) -> list:
    """The traces of ``fig`` whose ``meta`` has role ``name`` and every ``meta`` item given."""
    return [
        t
        for t in fig.data
        if t.meta
        and t.meta.get("role") == name
        and all(t.meta.get(k) == v for k, v in meta.items())
    ]
