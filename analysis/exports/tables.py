"""CSV tables and their Frictionless data-package descriptor, both derived from the schema.

:func:`descriptor` turns :mod:`analysis.schema` into a Frictionless (Table Schema) data
package: one resource per table, one field per declared field, with types, vocabularies,
patterns, lengths, primary and foreign keys. A dossier's ``datapackage.json`` and every CSV
export carry it, so spreadsheets, ``frictionless validate`` and other readers see the same
rules the suite enforces.

Spreadsheets run a cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage
return) as a formula. Exported text cells that start so get a leading apostrophe
(:func:`neutralise`), and the exported descriptor says so.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from analysis.common import markup
from analysis.dossier.descriptor import FOCUS_REFERENCES
from analysis.dossier.model import Dossier
from analysis.dossier.vocabulary import dossier_vocabularies
from analysis.exports.scope import raw_table
from analysis.schema import (
    DATE_PATTERN,
    ID_PATTERN,
    LIST_SEPARATOR,
    TABLES,
    VOCABULARIES,
    Field,
    Table,
)

__all__ = [
    "FORMULA_PREFIXES",
    "NEUTRALISED_NOTE",
    "descriptor",
    "kept_focus",
    "neutralise",
    "write_tables",
]

#: Leading characters that make a spreadsheet treat a cell as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

NEUTRALISED_NOTE = (
    "Spreadsheet safety: a text cell that begins with =, +, -, @, a tab or a carriage return "
    "has had an apostrophe (') put in front of it, so that spreadsheets show it as text "
    "instead of running it as a formula. Remove that one leading apostrophe to get the "
    "dossier's value back; text lengths may therefore be one character over the dossier's limit."
)

# The same address rule as the dossier validation (analysis.dossier.checks).
_URL_PATTERN = r"^https?://[^\s<>\"']+$"
_ID_BODY = ID_PATTERN.strip("^$")
_LIST_PATTERN = f"^{_ID_BODY}(?:{LIST_SEPARATOR}{_ID_BODY})*$"


def neutralise(value: str) -> str:
    """Put an apostrophe before a cell a spreadsheet would run as a formula.

    >>> neutralise("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    >>> neutralise("Russia")
    'Russia'
    """
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


def _field_descriptor(
    f: Field, table: Table, neutralised: bool, vocabularies: Mapping[str, Mapping[str, str]]
) -> dict[str, Any]:
    constraints: dict[str, Any] = {}
    if f.required:
        constraints["required"] = True
    if f.name == table.primary_key:
        constraints["unique"] = True
    out: dict[str, Any] = {"name": f.name, "type": "string", "description": f.description}
    if f.type == "id":
        constraints["pattern"] = ID_PATTERN
    elif f.type == "url":
        constraints["pattern"] = _URL_PATTERN
    elif f.type == "date":
        out["description"] += (
            " A partial date at its true precision: YYYY, YYYY-MM or "
            "YYYY-MM-DD; a trailing ~ marks it approximate."
        )
        constraints["pattern"] = DATE_PATTERN
    elif f.type == "integer":
        out["type"] = "integer"
        if f.minimum is not None:
            constraints["minimum"] = f.minimum
        if f.maximum is not None:
            constraints["maximum"] = f.maximum
    elif f.type == "boolean":
        out.update(type="boolean", trueValues=["true"], falseValues=["false"])
    elif f.type == "grade":
        constraints["enum"] = list(vocabularies.get(f.vocabulary, VOCABULARIES[f.vocabulary]))
        out["description"] += f" One term of the vocabulary {f.vocabulary!r}."
    elif f.type == "list":
        constraints["pattern"] = _LIST_PATTERN
        out["description"] += f" Ids joined by {LIST_SEPARATOR!r}."
    if f.max_length is not None:
        constraints["maxLength"] = f.max_length + (1 if neutralised and f.type == "text" else 0)
    if constraints:
        out["constraints"] = constraints
    return out


def _foreign_keys(table: Table) -> list[dict[str, Any]]:
    keys = []
    for f in table.fields:
        if f.type == "list" or len(f.references) != 1 or f.references[0] == "*":
            continue  # lists and multi-table references are checked by the suite only
        target = f.references[0]
        resource = "" if target == table.name else target
        pk = next(t.primary_key for t in TABLES if t.name == target)
        keys.append({"fields": f.name, "reference": {"resource": resource, "fields": pk}})
    return keys


def descriptor(
    name: str,
    title: str,
    description: str = "",
    *,
    neutralised: bool = False,
    metadata: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """A Frictionless tabular data package describing every table of the schema.

    Parameters
    ----------
    name : package name (lower-case letters, digits, ``-``, ``_``, ``.``).
    title, description : shown by data portals and read back by :func:`analysis.load_dossier`.
    neutralised : describe an export whose text cells were passed through :func:`neutralise`.
    metadata : the dossier's other descriptor keys; its ``camps`` and ``vocabularies`` are
        kept, and the vocabularies' enums are the dossier's.

    Examples
    --------
    >>> d = descriptor("x", "X")
    >>> [r["path"] for r in d["resources"]][:2]
    ['sources.csv', 'actors.csv']
    >>> d["resources"][1]["schema"]["primaryKey"]
    ['actor_id']
    """
    if neutralised:
        description = (description + "\n\n" if description else "") + NEUTRALISED_NOTE
    metadata = metadata or {}
    vocabularies = dossier_vocabularies(metadata)
    resources = []
    for table in TABLES:
        schema: dict[str, Any] = {
            "fields": [
                _field_descriptor(f, table, neutralised, vocabularies) for f in table.fields
            ],
            "primaryKey": [table.primary_key],
            "missingValues": [""],
        }
        keys = _foreign_keys(table)
        if keys:
            schema["foreignKeys"] = keys
        resources.append(
            {
                "name": table.name,
                "path": table.filename,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "description": table.description + ("" if table.required else " (optional table)"),
                "schema": schema,
            }
        )
    out: dict[str, Any] = {"profile": "tabular-data-package", "name": name, "title": title}
    if description:
        out["description"] = description
    for key in ("camps", "vocabularies"):
        if key in metadata:
            out[key] = metadata[key]
    out["resources"] = resources
    return out


def _package_name(dossier: Dossier) -> str:
    slug = "".join(c if c.isalnum() or c in "-_." else "-" for c in dossier.name.lower())
    return slug.strip("-_.") or "dossier"


_PRIMARY_KEYS = {t.name: t.primary_key for t in TABLES}


def kept_focus(dossier: Dossier) -> dict[str, str]:
    """The ``focus`` of ``dossier``'s descriptor, without the ids its tables no longer hold
    (an export scoped to a date or to some actors may leave the focus partnership out): what
    an exported descriptor keeps, so that the export loads and validates as it is."""
    focus = dict(dossier.metadata.get("focus") or {})
    for key, target in FOCUS_REFERENCES.items():
        ids = dossier.table(target)[_PRIMARY_KEYS[target]].astype(str)
        if key in focus and focus[key] not in set(ids):
            del focus[key]
    return focus


def write_tables(dossier: Dossier, folder: Path, *, as_of: str | None = None) -> list[Path]:
    """Write every table as CSV plus ``datapackage.json`` and ``README.md`` into ``folder``.

    Cells are written as in the dossier (partial dates, ``;``-joined ids, ``true``/``false``),
    each table with all its declared columns in order, empty optional tables with their
    header; text cells are neutralised for spreadsheets; the descriptor keeps the dossier's
    ``focus`` (:func:`kept_focus`). Returns the files written.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for table in TABLES:
        frame = raw_table(table, dossier.table(table.name))
        text_fields = {f.name for f in table.fields if f.type == "text"}
        path = folder / table.filename
        with open(path, "w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(table.field_names)
            for row in frame.itertuples(index=False):
                writer.writerow(
                    [
                        neutralise(v) if k in text_fields else v
                        for k, v in zip(table.field_names, row, strict=True)
                    ]
                )
        written.append(path)
    scope = (
        f" As known on {as_of} (records reported, and partnerships signed, by then)."
        if as_of
        else ""
    )
    package = descriptor(
        _package_name(dossier),
        dossier.title,
        (dossier.description + scope).strip(),
        neutralised=True,
        metadata=dossier.metadata,
    )
    package["focus"] = kept_focus(dossier)
    path = folder / "datapackage.json"
    path.write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    written.append(path)
    path = folder / "README.md"
    path.write_text(_readme(dossier, as_of), encoding="utf-8")
    written.append(path)
    return written


def _readme(dossier: Dossier, as_of: str | None) -> str:
    lines = [
        f"# {markup.text(dossier.title, None)}: tables",
        "",
        "Exported by `python -m analysis export --format csv`"
        + (f" as of {as_of}." if as_of else "."),
        "",
        "- One CSV file per table (UTF-8, comma-separated, header row). `datapackage.json`",
        "  describes every column (type, vocabulary, pattern, keys); check the files with",
        "  `frictionless validate datapackage.json`.",
        "- Dates are written at their true precision (`2024`, `2024-06`, `2024-06-19`); a",
        "  trailing `~` marks an approximate date. Lists of ids are joined with `;`.",
        f"- {NEUTRALISED_NOTE}",
        "",
    ]
    return "\n".join(lines)
