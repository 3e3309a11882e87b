"""Layer 3: reading, checking and holding a dossier.

:func:`load_dossier` reads a folder of CSV tables, validates every value against
:mod:`analysis.schema` (:mod:`analysis.dossier.checks`, run by
:mod:`analysis.dossier.validate`) and returns a :class:`Dossier` of typed frames, with every
source grade carried to the records that cite it (:mod:`analysis.dossier.provenance`); or it
raises :class:`DossierValidationError` listing every :class:`Issue`, and loads nothing.
"""

from analysis.dossier.issues import DossierValidationError, Issue, split_list
from analysis.dossier.loading import load_dossier, read_raw_tables
from analysis.dossier.model import CITING_TABLES, Dossier, per_actor, per_allegation
from analysis.dossier.validate import validate_tables
from analysis.dossier.vocabulary import Camp

__all__ = [
    "CITING_TABLES",
    "Camp",
    "Dossier",
    "DossierValidationError",
    "Issue",
    "load_dossier",
    "per_actor",
    "per_allegation",
    "read_raw_tables",
    "split_list",
    "validate_tables",
]
