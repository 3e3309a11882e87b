"""Save figures as PNG, SVG or PDF for slides, drawn by Debian's chromium through kaleido.

kaleido renders with the plotly.js bundled in the plotly package and the browser named by
``BROWSER_PATH`` (else ``/usr/bin/chromium``, else ``chromium`` on the ``PATH``). Nothing is
downloaded: no browser, no MathJax.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from pathlib import Path

import plotly.graph_objects as go

__all__ = ["FORMATS", "FigureExportError", "browser_path", "save_figure", "save_figures"]

#: Formats kaleido writes; the first is used when a path has no suffix.
FORMATS = ("png", "svg", "pdf")
#: Debian's chromium (``apt-get install -y chromium``).
DEFAULT_BROWSER = Path("/usr/bin/chromium")
#: Slide-friendly defaults (16:9), used when neither the call nor the figure sets a size.
DEFAULT_WIDTH, DEFAULT_HEIGHT, DEFAULT_SCALE = 1200, 675, 2


class FigureExportError(RuntimeError):
    """A figure could not be saved: no browser, or an unknown format."""


def browser_path() -> str:
    """The chromium kaleido drives: ``$BROWSER_PATH``, else Debian's, else one on the ``PATH``.

    Raises
    ------
    FigureExportError
        When ``$BROWSER_PATH`` names no file, or no chromium is installed.
    """
    configured = os.environ.get("BROWSER_PATH")
    if configured:
        if Path(configured).is_file():
            return configured
        raise FigureExportError(
            f"BROWSER_PATH={configured!r} is not a file: point it at chromium or Chrome"
        )
    if DEFAULT_BROWSER.is_file():
        return str(DEFAULT_BROWSER)
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    raise FigureExportError(
        "saving figures as images needs chromium: install Debian's with "
        "`sudo apt-get install -y chromium`, or set BROWSER_PATH to a Chrome or Chromium"
    )


def _format_of(path: Path, format: str | None) -> str:
    chosen = (format or path.suffix.lstrip(".") or FORMATS[0]).lower()
    if chosen not in FORMATS:
        raise FigureExportError(
            f"cannot save {path.name!r} as {chosen!r}: choose one of {', '.join(FORMATS)}"
        )
    return chosen


def _spec(
    fig: go.Figure | Mapping,
    path: str | os.PathLike[str],
    format: str | None,
    width: int | None,
    height: int | None,
    scale: float | None,
) -> dict:
    target = Path(path)
    chosen = _format_of(target, format)
    if target.suffix.lower() != f".{chosen}":
        target = target.with_name(f"{target.name}.{chosen}")
    figure = fig.to_dict() if isinstance(fig, go.Figure) else dict(fig)
    layout = figure.get("layout", {})
    opts = {
        "format": chosen,
        "width": width or layout.get("width") or DEFAULT_WIDTH,
        "height": height or layout.get("height") or DEFAULT_HEIGHT,
        "scale": scale or DEFAULT_SCALE,
    }
    return {"fig": figure, "path": target, "opts": opts}


def save_figures(
    figures: Mapping[str | os.PathLike[str], go.Figure | Mapping],
    *,
    format: str | None = None,
    width: int | None = None,
    height: int | None = None,
    scale: float | None = None,
) -> list[Path]:
    """Save several figures with one browser start: ``{path: figure}`` -> the paths written.

    Parameters are those of :func:`save_figure`, applied to every figure.
    """
    import kaleido

    specs = [_spec(fig, path, format, width, height, scale) for path, fig in figures.items()]
    if not specs:
        return []
    browser = browser_path()
    for spec in specs:
        spec["path"].parent.mkdir(parents=True, exist_ok=True)
    kaleido.write_fig_from_object_sync(specs, kopts={"path": browser, "mathjax": False})
    return [spec["path"] for spec in specs]


def save_figure(
    fig: go.Figure | Mapping,
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    width: int | None = None,
    height: int | None = None,
    scale: float | None = None,
) -> Path:
    """Save ``fig`` as an image for slides or print, and return the path written.

    Parameters
    ----------
    fig : a plotly figure (or its dict).
    path : where to write; its suffix gives the format unless ``format`` is set (a missing or
        different suffix is added: ``save_figure(fig, "timeline", format="svg")`` writes
        ``timeline.svg``).
    format : ``"png"``, ``"svg"`` or ``"pdf"``.
    width, height : size in CSS pixels (default: the figure's own, else 1200 x 675).
    scale : multiplies the pixel size of a PNG (default 2, sharp on projectors).

    Raises
    ------
    FigureExportError
        Unknown format, or no chromium to draw with (the message says how to install it).

    Examples
    --------
    >>> save_figure(go.Figure(go.Bar(y=[1, 3])), "build/figures/bars.svg")  # doctest: +SKIP
    PosixPath('build/figures/bars.svg')
    """
    return save_figures({path: fig}, format=format, width=width, height=height, scale=scale)[0]
