"""Reading the package's plotly figures in tests (through the package's own role lookup)."""

from __future__ import annotations

from analysis.figures.base import traces

__all__ = ["role"]


def role(fig, name: str, **meta) -> list:
    """The traces of ``fig`` whose ``meta`` has role ``name`` and every ``meta`` item given."""
    return traces(fig, name, **meta)
