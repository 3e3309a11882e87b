"""Writing a new dossier folder: every table with its header from the schema, the descriptor,
a README for curators and, for an import, the report of what could not be mapped.

A new dossier is always a new folder: :func:`refuse_existing` stops before anything is written
when the folder exists (even empty), so nothing a curator made is ever overwritten.
"""

from __future__ import annotations

import csv
import json
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.exports.tables import descriptor
from analysis.schema import TABLES

__all__ = ["ImportRefused", "Unmapped", "refuse_existing", "write_dossier", "package_name"]

#: The import report's file name, written beside the tables.
REPORT = "import-report.md"


class ImportRefused(ValueError):
    """A new dossier or an import that cannot be written as asked (folder exists, bad input)."""


@dataclass(frozen=True)
class Unmapped:
    """One thing an import could not map: where it was, what it was and why it was left."""

    where: str
    value: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.value!r}: {self.reason}"


def refuse_existing(folder: Path) -> None:
    """Refuse a folder that already exists: a new dossier never writes over anything."""
    if folder.exists() or folder.is_symlink():
        kind = "a folder" if folder.is_dir() else "a file"
        raise ImportRefused(
            f"{folder} exists ({kind}); a new dossier is written into a new folder only: "
            "choose another name or move it away"
        )


def package_name(folder: Path) -> str:
    """A Frictionless package name from the folder's name (lower case, digits, ``-_.``)."""
    slug = re.sub(r"[^a-z0-9._-]+", "-", folder.name.lower()).strip("-_.")
    return slug or "dossier"


def _cell(value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def write_dossier(
    folder: str | os.PathLike[str],
    title: str,
    rows: Mapping[str, Sequence[Mapping[str, object]]],
    *,
    description: str = "",
    readme: str,
    unmapped: Sequence[Unmapped] | None = None,
    report_title: str = "",
    focus: Mapping[str, str] | None = None,
) -> list[Path]:
    """Write a new dossier folder: one CSV per table (the schema's header, then ``rows``),
    ``datapackage.json`` with ``title`` and ``focus`` (empty unless given: an import on top
    of a base keeps the base's), ``README.md``, and with
    ``unmapped`` given, ``import-report.md``. Returns the files written."""
    folder = Path(folder)
    refuse_existing(folder)
    unknown = sorted(set(rows) - {t.name for t in TABLES})
    if unknown:
        raise ImportRefused(f"no such table: {', '.join(unknown)}")
    folder.mkdir(parents=True)
    written = []
    for table in TABLES:
        path = folder / table.filename
        with open(path, "w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh, lineterminator="\n")
            writer.writerow(table.field_names)
            for row in rows.get(table.name, ()):
                extra = set(row) - set(table.field_names)
                if extra:
                    raise ImportRefused(f"{table.filename} has no field {sorted(extra)[0]!r}")
                writer.writerow([_cell(row.get(name)) for name in table.field_names])
        written.append(path)
    package = descriptor(package_name(folder), title, description)
    package["focus"] = dict(focus or {})
    path = folder / "datapackage.json"
    path.write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    written.append(path)
    path = folder / "README.md"
    path.write_text(readme, encoding="utf-8")
    written.append(path)
    if unmapped is not None:
        path = folder / REPORT
        path.write_text(report_text(report_title or title, unmapped), encoding="utf-8")
        written.append(path)
    return written


def report_text(title: str, unmapped: Sequence[Unmapped]) -> str:
    """The import report: one line per thing left unmapped, for the curator to finish."""
    lines = [f"# Import report: {title}", ""]
    if not unmapped:
        lines.append("Everything in the input was mapped to a dossier field.")
    else:
        lines += [
            f"{len(unmapped)} thing(s) could not be mapped and were left for the curator "
            "(nothing was guessed). Fill in what is required, then run "
            "`python -m analysis validate` on this folder.",
            "",
        ]
        lines += [f"- {u}" for u in unmapped]
    return "\n".join(lines) + "\n"
