"""Start a dossier, and bring in what analysts already made: TimelineJS, Gephi, yEd, Kumu.

Everything here writes a *new* folder (never over an existing one): :func:`new_dossier`, the
skeleton of ``python -m analysis new``; the importers write dossier tables plus
``import-report.md``, which lists what the input held that could not be mapped to a dossier
field (nothing is guessed: a required field the input cannot give is left empty and listed,
and ``python -m analysis validate`` then names every cell still to fill).
"""

import os
from collections.abc import Callable
from functools import partial

from analysis.imports.graphs import read_graph
from analysis.imports.kumu import read_kumu
from analysis.imports.result import Imported, ImportResult, write_import
from analysis.imports.skeleton import COPIED_TABLES, curator_readme, new_dossier
from analysis.imports.timelinejs import TEMPLATE_COLUMNS, read_timelinejs
from analysis.imports.writing import ImportRefused, Unmapped, write_dossier

#: Import formats and what each reads.
IMPORTERS: dict[str, str] = {
    "timelinejs": "a TimelineJS timeline (template CSV or JSON)",
    "gexf": "a GEXF graph (Gephi)",
    "graphml": "a GraphML graph (yEd, Gephi)",
    "kumu": "a Kumu map (JSON, or a folder of elements.csv and connections.csv)",
}
_READERS: dict[str, Callable[..., Imported]] = {
    "timelinejs": read_timelinejs,
    "gexf": partial(read_graph, fmt="gexf"),
    "graphml": partial(read_graph, fmt="graphml"),
    "kumu": read_kumu,
}


def import_file(
    fmt: str,
    source: str | os.PathLike[str],
    out: str | os.PathLike[str],
    *,
    base: str | os.PathLike[str] | None = None,
) -> ImportResult:
    """Import ``source`` (format ``fmt``, a key of :data:`IMPORTERS`) into the new folder
    ``out``, on top of the tables of dossier ``base`` if given; returns what was written."""
    if fmt not in _READERS:
        raise ImportRefused(f"unknown format {fmt!r}: one of {', '.join(IMPORTERS)}")
    return write_import(_READERS[fmt], source, out, base=base, what=IMPORTERS[fmt])


__all__ = [
    "COPIED_TABLES",
    "IMPORTERS",
    "TEMPLATE_COLUMNS",
    "ImportResult",
    "import_file",
    "ImportRefused",
    "Unmapped",
    "curator_readme",
    "new_dossier",
    "write_dossier",
]
