"""Building blocks of the schema: the :class:`Field` and :class:`Table` declarations and the
patterns every id, date and list cell follows."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

__all__ = [
    "Field",
    "FieldType",
    "Table",
    "DATE_PATTERN",
    "ID_PATTERN",
    "LIST_SEPARATOR",
    "MAX_FILE_BYTES",
]

#: Separator between the ids of a list cell, e.g. ``src-tass-2025-04-08;src-irna-2025-04-21``.
LIST_SEPARATOR = ";"

#: Files larger than this are refused before they are read.
MAX_FILE_BYTES = 50 * 1024 * 1024

#: Record ids: letters, digits, ``_ . -``; at most 64 characters.
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$"

#: A date at its true precision: ``2024``, ``2024-06`` or ``2024-06-19``; a trailing ``~``
#: marks it as approximate (for example inferred from a weekday).
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?~?$"

FieldType = Literal["id", "text", "url", "date", "integer", "boolean", "grade", "list"]


@dataclass(frozen=True)
class Field:
    """One column of a dossier table.

    Attributes
    ----------
    name : column name in the CSV header.
    type : ``id``, ``text``, ``url``, ``date`` (partial ISO date, see
        :data:`DATE_PATTERN`), ``integer``, ``boolean`` (``true``/``false``),
        ``grade`` (a closed vocabulary) or ``list`` (ids joined by ``;``).
    description : what the column holds; shown in the data-format docs.
    required : whether every row must have a value.
    vocabulary : name of the closed vocabulary in :data:`analysis.schema.VOCABULARIES` the values
    come from. references : table(s) whose ids the value (or each list item) must name;
        ``"*"`` means any record id in the dossier.
    max_length : longest allowed text, in characters.
    min_items : for lists, the fewest different items allowed when a value is present.
    unique_items : for lists, whether the list is a set (no id twice); every list is today.
    minimum, maximum : for integers, the smallest and largest value allowed.
    codes : the code list a value must come from: ``"language"`` (ISO 639) or ``"wikidata"``
        (a Wikidata item id, ``Q`` and digits); checked by :mod:`analysis.dossier.codes`.
    may_be_absent : the column may be left out of the CSV file (read as empty): a column added
        to the format after dossiers were written.
    """

    name: str
    type: FieldType
    description: str
    required: bool = False
    vocabulary: str | None = None
    references: tuple[str, ...] = ()
    max_length: int | None = None
    min_items: int = 1
    unique_items: bool = True
    minimum: int | None = None
    maximum: int | None = None
    codes: str | None = None
    may_be_absent: bool = False


@dataclass(frozen=True)
class Table:
    """A table of a dossier: one CSV file, one record per row."""

    name: str
    description: str
    fields: tuple[Field, ...]
    primary_key: str
    required: bool = True
    #: Tables whose ids share the dossier's one id space (all but join tables).
    global_ids: bool = True
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"table {self.name!r} has no field {name!r}")
