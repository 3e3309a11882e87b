"""The one error a report build raises, with a message that names the page or notebook."""

from __future__ import annotations

__all__ = ["ReportError"]


class ReportError(RuntimeError):
    """A report could not be built: a notebook failed, a page is too big or not offline."""
