"""The audit across dossiers: one id, one meaning (check ``same_id_same_content``).

Two dossiers may share records (a source both cite, a treaty both code); when they do, the
record must say the same thing in both, or the "same" source is graded two ways and the
"same" event dated two ways. :func:`audit_across` compares every id found in more than one
dossier, field by field: every field but the compiler's own wording (free text other than
:data:`FACTUAL_TEXT`) and :data:`PER_DOSSIER`. Lists compare as sets; ``source_ids`` differ only
when they share no source (one dossier may cite more copies of the same report), and an
actor's ``source_ids`` (what shows who an actor is) are not compared.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from analysis.dossier.audit import Finding
from analysis.dossier.issues import split_list
from analysis.schema import TABLES

__all__ = ["FACTUAL_TEXT", "PER_DOSSIER", "audit_across", "compared_fields", "dossier_folders"]

#: Text fields that state a fact rather than paraphrase one, so are compared; the other text
#: fields (titles in brackets, names, roles, summaries, paraphrases, notes) are each dossier's
#: own wording and may rightly differ.
FACTUAL_TEXT = frozenset({"publisher", "via", "language", "quote", "quote_language"})
#: Fields that are a dossier's editorial choice: an actor's alignment colours that dossier's
#: network.
PER_DOSSIER = frozenset({"alignment"})

Frames = Mapping[str, pd.DataFrame]


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def dossier_folders(data_dir: Path) -> list[Path]:
    """Every dossier folder (one holding a ``datapackage.json``) directly under ``data_dir``."""
    return sorted(p for p in data_dir.iterdir() if (p / "datapackage.json").is_file())


def compared_fields(name: str) -> list[str]:
    """The fields of table ``name`` that must agree between dossiers."""
    t = next(t for t in TABLES if t.name == name)
    return [
        f.name
        for f in t.fields
        if (f.type != "text" or f.name in FACTUAL_TEXT)
        and f.name not in PER_DOSSIER
        and not (name == "actors" and f.name == "source_ids")
    ]


def _differs(name: str, field: str, a: object, b: object) -> bool:
    t = next(t for t in TABLES if t.name == name)
    if t.field(field).type != "list":
        return _text(a) != _text(b)
    left, right = set(split_list(a)), set(split_list(b))
    if field == "source_ids":
        return bool(left and right) and not left & right
    return left != right


def _records(name: str, frames: Frames) -> dict[str, tuple[str, int, pd.Series]]:
    """id -> (table, CSV line, row) of every record of one dossier."""
    found: dict[str, tuple[str, int, pd.Series]] = {}
    for t in TABLES:
        frame = frames.get(t.name)
        if frame is None or t.primary_key not in frame.columns:
            continue
        for index, row in frame.iterrows():
            rid = _text(row[t.primary_key])
            if rid and rid not in found:
                found[rid] = (t.name, int(index), row)
    return found


def audit_across(dossiers: Mapping[str, Frames]) -> list[Finding]:
    """Warnings for each id that two dossiers (name -> raw tables) use for different content:
    a record of another table, or the same table's record with fields that differ (listed)."""
    first: dict[str, tuple[str, str, pd.Series]] = {}  # id -> (dossier, table, row)
    out: list[Finding] = []
    for dossier, frames in dossiers.items():
        for rid, (name, line, row) in _records(dossier, frames).items():
            if rid not in first:
                first[rid] = (dossier, name, row)
                continue
            other, other_table, other_row = first[rid]
            file = f"{dossier}/{name}.csv"
            if other_table != name:
                message = f"names a record of {name}.csv here but of {other_table}.csv in {other}"
                out.append(
                    Finding("warning", "same_id_same_content", file, line, rid, None, None, message)
                )
                continue
            fields = [
                f for f in compared_fields(name) if _differs(name, f, row.get(f), other_row.get(f))
            ]
            if not fields:
                continue
            differences = "; ".join(
                f"{f} {_text(row.get(f))!r} here, {_text(other_row.get(f))!r} in {other}"
                for f in fields
            )
            message = f"differs from the record of the same id in {other}: {differences}"
            out.append(
                Finding(
                    "warning",
                    "same_id_same_content",
                    file,
                    line,
                    rid,
                    ", ".join(fields),
                    None,
                    message,
                )
            )
    return out
