"""What every importer shares: ids made from labels, the rows of a base dossier, and writing
the import (the imported rows after the base's) into a new folder with its report."""

from __future__ import annotations

import csv
import os
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from analysis.common.paths import resolve_dossier
from analysis.dossier.loading import load_dossier
from analysis.imports.skeleton import curator_readme
from analysis.imports.writing import REPORT, ImportRefused, Unmapped, refuse_existing, write_dossier
from analysis.schema import ID_PATTERN, TABLES, VOCABULARIES

__all__ = ["Imported", "ImportResult", "Rows", "slug_id", "term", "write_import"]

Rows = dict[str, list[dict[str, object]]]
_ID = re.compile(ID_PATTERN)


@dataclass
class Imported:
    """What an importer read: dossier rows by table, and what it could not map."""

    title: str
    rows: Rows
    unmapped: list[Unmapped]


@dataclass(frozen=True)
class ImportResult:
    """What an import wrote: rows per table (imported ones only), the unmapped, the report."""

    folder: Path
    counts: dict[str, int]
    unmapped: tuple[Unmapped, ...]
    report: Path


def slug_id(text: object, prefix: str = "", taken: set[str] | None = None) -> str:
    """A dossier id from a label: ``"Kim Jong Un"`` -> ``kim-jong-un``; unique in ``taken``.

    >>> slug_id("Kim Jong Un"), slug_id("Ünïcode & co", "ac-")
    ('kim-jong-un', 'ac-unicode-co')
    >>> slug_id("x", taken={"x"})
    'x-2'
    """
    ascii_text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    body = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:48] or "record"
    base = f"{prefix}{body}".strip("-")
    out, n = base, 1
    while taken is not None and out in taken:
        n += 1
        out = f"{base}-{n}"
    if taken is not None:
        taken.add(out)
    return out


def is_id(value: object) -> bool:
    return isinstance(value, str) and bool(_ID.match(value))


def term(vocabulary: str, value: object) -> str | None:
    """``value`` as a term of ``vocabulary`` if it is one (``"Think tank"`` -> ``think_tank``)."""
    if value is None:
        return None
    key = re.sub(r"[\s-]+", "_", str(value).strip().lower())
    return key if key in VOCABULARIES[vocabulary] else None


def _base_rows(base: str | os.PathLike[str] | None) -> tuple[Rows, dict[str, str]]:
    """The base dossier's rows, table by table, and the ``focus`` of its descriptor."""
    if base is None:
        return {}, {}
    dossier = load_dossier(base)  # a base must itself be valid
    folder = resolve_dossier(dossier.path)
    rows: Rows = {}
    for table in TABLES:
        path = folder / table.filename
        if path.exists():
            with open(path, newline="", encoding="utf-8") as fh:
                rows[table.name] = list(csv.DictReader(fh))
    return rows, dict(dossier.metadata.get("focus") or {})


def write_import(
    read: Callable[[Path, Rows], Imported],
    source: str | os.PathLike[str],
    out: str | os.PathLike[str],
    *,
    base: str | os.PathLike[str] | None = None,
    what: str,
) -> ImportResult:
    """Read ``source`` with ``read`` (given the base's rows, to match ids against) and write
    the base's rows plus the imported ones into the new folder ``out``."""
    out, source = Path(out), Path(source)
    refuse_existing(out)
    if not source.exists():
        raise ImportRefused(f"{source}: no such file or folder")
    rows, focus = _base_rows(base)
    imported = read(source, rows)
    unmapped = list(imported.unmapped)
    merged: Rows = {name: list(found) for name, found in rows.items()}
    for table in TABLES:
        known = {r.get(table.primary_key) for r in merged.get(table.name, [])}
        for row in imported.rows.get(table.name, []):
            if row.get(table.primary_key) in known:
                unmapped.append(
                    Unmapped(
                        f"{table.filename} {row[table.primary_key]}",
                        str(row[table.primary_key]),
                        "the base dossier already has this id: the base's row is kept",
                    )
                )
                continue
            merged.setdefault(table.name, []).append(row)
    title = imported.title or f"Imported from {source.name}"
    origin = f"{what} {source.name}" + (f" on top of {Path(base).name}" if base else "")
    write_dossier(
        out,
        title,
        merged,
        readme=curator_readme(title, origin),
        unmapped=unmapped,
        report_title=f"{what} {source.name}",
        focus=focus,
    )
    counts = {t.name: len(imported.rows[t.name]) for t in TABLES if imported.rows.get(t.name)}
    return ImportResult(out, counts, tuple(unmapped), out / REPORT)
