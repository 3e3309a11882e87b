"""Layer 1: the one declaration of every dossier table, field, vocabulary and rule.

Validation (:mod:`analysis.dossier`), the typed frames, the data-format documentation
(``docs/data-format.md``, from :mod:`analysis.schema.docs`) and the Frictionless descriptor
(``datapackage.json``) are all derived from what is declared here. Change a field here and
nowhere else. This subpackage imports nothing else from :mod:`analysis`.
"""

from analysis.schema.fields import (
    DATE_PATTERN,
    ID_PATTERN,
    LIST_SEPARATOR,
    MAX_FILE_BYTES,
    Field,
    FieldType,
    Table,
)
from analysis.schema.rules import (
    MILESTONE_EVENT_KINDS,
    MILESTONE_STATES,
    RULES,
    STANCES_NEEDING_ALLEGATION,
    TAKES_EFFECT_BY_KIND,
)
from analysis.schema.tables import TABLES, table
from analysis.schema.vocabularies import (
    CREDIBILITY_GRADES,
    DEFAULT_CAMPS,
    EXTENSIBLE_VOCABULARIES,
    RELIABILITY_GRADES,
    VOCABULARIES,
)

__all__ = [
    "Field",
    "FieldType",
    "Table",
    "TABLES",
    "VOCABULARIES",
    "RELIABILITY_GRADES",
    "CREDIBILITY_GRADES",
    "DEFAULT_CAMPS",
    "EXTENSIBLE_VOCABULARIES",
    "DATE_PATTERN",
    "ID_PATTERN",
    "LIST_SEPARATOR",
    "MAX_FILE_BYTES",
    "MILESTONE_EVENT_KINDS",
    "MILESTONE_STATES",
    "TAKES_EFFECT_BY_KIND",
    "RULES",
    "STANCES_NEEDING_ALLEGATION",
    "table",
]
