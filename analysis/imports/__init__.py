"""Start a dossier, and bring in what analysts already made: TimelineJS, Gephi, yEd, Kumu.

Everything here writes a *new* folder (never over an existing one): :func:`new_dossier`, the
skeleton of ``python -m analysis new``; the importers write dossier tables plus
``import-report.md``, which lists what the input held that could not be mapped to a dossier
field (nothing is guessed: a required field the input cannot give is left empty and listed,
and ``python -m analysis validate`` then names every cell still to fill).
"""

from analysis.imports.skeleton import COPIED_TABLES, curator_readme, new_dossier
from analysis.imports.writing import ImportRefused, Unmapped, write_dossier

__all__ = [
    "COPIED_TABLES",
    "ImportRefused",
    "Unmapped",
    "curator_readme",
    "new_dossier",
    "write_dossier",
]
