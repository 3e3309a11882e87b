"""Hand a dossier to the tools analysts already use.

=============  ===============================================================================
format         what is written
=============  ===============================================================================
``gexf``       a dynamic GEXF 1.2 graph: Gephi's timeline plays it (:mod:`.graph`)
``graphml``    the same graph as GraphML, times as ``start``/``end`` attributes
``timelinejs`` TimelineJS3 JSON: events and statements at their true date precision
               (:mod:`.timelinejs`)
``csv``        a folder: one CSV per table, a Frictionless ``datapackage.json`` and a README
               (:mod:`.tables`)
``ftm``        FollowTheMoney entities, one JSON object per line, for Aleph and OpenSanctions
               tools (:mod:`.ftm`)
``stix``       a STIX 2.1 bundle: identities, relationships, opinions (:mod:`.stix`)
=============  ===============================================================================

Each export can be cut to what was known on a date (``as_of``): statements and events
reported by then, partnerships signed by then; to what became known between two dates
(``between``: statements and events reported after the first and by the second); and to what an
:class:`analysis.filtering.Filters` keeps (see :func:`.scope.scoped`).

From the command line: ``python -m analysis export --format gexf --out build/dossier.gexf``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.common.paths import DATA_DIR
from analysis.dossier.model import Dossier
from analysis.exports.scope import as_of_timestamp, scoped
from analysis.exports.tables import descriptor, write_tables  # needs only pandas
from analysis.filtering.filters import Filters

__all__ = ["FORMATS", "ExportError", "Exported", "descriptor", "export", "refuse_protected"]

#: Export formats and what each writes (``csv`` writes a folder).
FORMATS: dict[str, str] = {
    "gexf": "GEXF 1.2 graph with time intervals (Gephi)",
    "graphml": "GraphML graph, times as attributes",
    "timelinejs": "TimelineJS3 JSON",
    "csv": "folder of CSV tables with a Frictionless datapackage.json",
    "ftm": "FollowTheMoney entities, line-delimited JSON (Aleph, OpenSanctions)",
    "stix": "STIX 2.1 bundle: identities, relationships, opinions",
}


class ExportError(ValueError):
    """An export that cannot be written as asked (unknown format, protected path, ...)."""


@dataclass(frozen=True)
class Exported:
    """What an export wrote: the files and a one-line summary of their contents."""

    format: str
    paths: tuple[Path, ...]
    summary: str


def refuse_protected(out: Path, dossier: Dossier | None = None) -> None:
    """Raise :class:`ExportError` when ``out`` lies inside ``data/`` or the dossier's folder."""
    resolved = Path(os.path.abspath(out)).resolve()
    protected = [DATA_DIR.resolve()]
    if dossier is not None and dossier.path is not None:
        protected.append(Path(dossier.path).resolve())
    for folder in protected:
        if resolved == folder or folder in resolved.parents:
            raise ExportError(
                f"refusing to write {out}: it is inside {folder}, which holds dossier data; "
                "write exports to build/ or another folder"
            )


def export(
    dossier: Dossier,
    fmt: str,
    out: str | os.PathLike[str],
    *,
    as_of: object = None,
    filters: object = None,
    between: tuple[object, object] | None = None,
) -> Exported:
    """Write ``dossier`` in format ``fmt`` to ``out`` (a file; a folder for ``csv``).

    Parameters
    ----------
    dossier : a loaded dossier.
    fmt : one of :data:`FORMATS`.
    out : where to write. Existing files are overwritten; nothing is written inside
        ``data/`` or the dossier's own folder.
    as_of : keep only what was known on this date (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or a
        timestamp; a partial date means the end of its period).
    filters : an :class:`analysis.filtering.Filters`: keep only what it keeps (actors,
        kinds, grades, statuses, dates). ``as_of`` overrides its ``as_of``.
    between : ``(start, end)``: keep only statements and events reported after ``start`` and
        by ``end`` (same notation as ``as_of``; not with ``as_of``).

    Returns
    -------
    Exported
        The files written and a summary such as ``"12 nodes, 30 edges"``.

    Raises
    ------
    ExportError
        For an unknown format, a protected output path, a bad ``as_of`` or ``between``.
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    out = Path(out)
    refuse_protected(out, dossier)
    try:
        cutoff = as_of_timestamp(as_of)
    except ValueError as exc:
        raise ExportError(f"as-of date {as_of!r}: {exc}") from None
    if filters is not None and not isinstance(filters, Filters):
        raise ExportError(
            f"filters must be an analysis.filtering.Filters; got {type(filters).__name__}"
        )
    after = None
    if between is not None:
        if as_of is not None:
            raise ExportError("give either an as-of date or a between window, not both")
        after, cutoff = _window(between)
    data = scoped(dossier, cutoff, filters, after)
    if cutoff is None and filters is not None and filters.as_of is not None:
        cutoff = filters.as_of
    label = None if cutoff is None else str(cutoff.date())
    if after is not None:
        label = f"{label}, keeping only records reported after {after.date()}"
    if fmt == "csv":
        paths = write_tables(data, out, as_of=label)
        counts = ", ".join(f"{n} {k}" for k, n in data.counts().items() if n)
        return Exported(fmt, tuple(paths), counts or "no records")
    out.parent.mkdir(parents=True, exist_ok=True)
    # each writer is imported when used, so an export needs only its own format's packages
    if fmt in ("gexf", "graphml"):
        from analysis.exports.graph_formats import write_gexf, write_graphml

        graph = (write_gexf if fmt == "gexf" else write_graphml)(data, out)
        summary = f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges"
    elif fmt == "timelinejs":
        from analysis.exports.timelinejs import write_timelinejs

        summary = f"{len(write_timelinejs(data, out)['events'])} slides"
    elif fmt == "stix":
        from analysis.exports.stix import write_stix

        summary = f"{len(write_stix(data, out).objects)} objects"
    else:
        try:
            from analysis.exports.ftm import write_ftm
        except ImportError as exc:
            raise ExportError(
                f"the ftm export needs the followthemoney package ({exc.name} is missing): "
                "pip install followthemoney"
            ) from None
        entities = write_ftm(data, out)
        summary = f"{len(entities)} entities"
    return Exported(fmt, (out,), summary)


def _window(between: tuple[object, object]):
    """The two dates of a ``between`` window, the first before the second (or raise)."""
    try:
        start, end = between
    except (TypeError, ValueError):
        raise ExportError(f"between must be two dates; got {between!r}") from None
    dates: list[pd.Timestamp] = []
    for value in (start, end):
        try:
            day = as_of_timestamp(value)
        except ValueError as exc:
            raise ExportError(f"between date {value!r}: {exc}") from None
        if day is None:
            raise ExportError(f"between date {value!r}: give a date (YYYY, YYYY-MM or YYYY-MM-DD)")
        dates.append(day)
    if not dates[0] < dates[1]:
        raise ExportError(
            f"between: the first date ({dates[0].date()}) must be before the second "
            f"({dates[1].date()})"
        )
    return dates[0], dates[1]
