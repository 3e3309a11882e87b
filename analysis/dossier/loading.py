"""Read a dossier folder safely, validate it, and return a :class:`~analysis.dossier.model.Dossier`.

Reading never writes anything, refuses files above :data:`~analysis.schema.MAX_FILE_BYTES`
(looked up when a file is read, so a test can lower it), reads only the tables that
``datapackage.json`` lists inside the dossier folder, and returns nothing at all when any
problem is found: :class:`~analysis.dossier.DossierValidationError` lists them all, those of
every file in one run. :func:`load_dossier` is the one boundary: whatever the filesystem, the
decoder, the JSON parser or pandas raise becomes an :class:`Issue` in that error.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.common.dates import parse_partial_date
from analysis.common.paths import resolve_dossier
from analysis.dossier.descriptor import DESCRIPTOR, focus_issues, parse_descriptor, resource_issues
from analysis.dossier.issues import DossierValidationError, Issue, shown, split_list
from analysis.dossier.model import Dossier
from analysis.dossier.reading import parse_csv, read_text
from analysis.dossier.validate import validate_tables
from analysis.dossier.vocabulary import dossier_vocabularies, vocabulary_issues
from analysis.schema import RELIABILITY_GRADES, TABLES, VOCABULARIES, Table

__all__ = ["load_dossier", "read_raw_tables", "typed_frame", "DESCRIPTOR"]

#: What the filesystem, the decoder, the JSON parser and pandas may raise on odd input.
_BOUNDARY = (OSError, RuntimeError, ValueError, LookupError, TypeError, RecursionError, MemoryError)


def load_dossier(path: str | os.PathLike[str] | None = None) -> Dossier:
    """Load and validate the dossier in folder ``path`` (default: the bundled dossier).

    Parameters
    ----------
    path : folder holding the dossier's CSV tables and ``datapackage.json``; a bare name means
        a folder under ``data/``; ``None`` means ``$PARTNERSHIP_DOSSIER`` or the bundled
        dossier. An empty path is an error, not the bundled dossier.

    Returns
    -------
    Dossier
        Typed frames: dates as datetimes with their precision, vocabularies as categoricals,
        lists as tuples.

    Raises
    ------
    DossierValidationError
        With every problem found, each naming file, line, record id, field, value and rule;
        never any other exception.

    Examples
    --------
    >>> dossier = load_dossier()
    >>> "pt-rus-irn-2025" in set(dossier.partnerships["partnership_id"])
    True
    """
    where = "" if path is None else os.fsdecode(path) if isinstance(path, bytes) else str(path)
    if path is not None and not where.strip():
        raise DossierValidationError(
            repr(where),
            [
                _folder_issue(
                    repr(where), "is an empty path: name a dossier folder (or none at all)"
                )
            ],
        )
    try:
        folder = resolve_dossier(path)
    except _BOUNDARY as exc:
        raise DossierValidationError(where, [_folder_issue(where, _could_not(exc))]) from None
    try:
        read = _read_all(folder)
        if not read.folder:
            raise DossierValidationError(folder, read.issues)
        vocabularies = dossier_vocabularies(read.metadata)
        issues = read.issues + vocabulary_issues(read.metadata)
        issues += validate_tables(read.frames, unknown=read.unknown, vocabularies=vocabularies)
        if read.metadata:
            known = {
                t.name: set(read.frames[t.name][t.primary_key].dropna())
                for t in TABLES
                if t.name in read.frames
                and t.primary_key in read.frames[t.name].columns
                and t.name not in read.unknown
            }
            issues += focus_issues(read.metadata, known)
        if not issues:
            return _dossier(folder, read)
    except DossierValidationError:
        raise
    except _BOUNDARY as exc:  # a problem no check foresaw: still the project's own error
        issues = [_folder_issue(str(folder), _could_not(exc))]
    raise DossierValidationError(folder, _ordered(issues))


def _reason(exc: BaseException) -> str:
    return shown(getattr(exc, "strerror", None) or str(exc) or type(exc).__name__)


def _could_not(exc: BaseException) -> str:
    return f"could not be read: {_reason(exc)}"


def _folder_issue(where: str, rule: str) -> Issue:
    return Issue(where, None, None, None, None, rule)


def _ordered(issues: list[Issue]) -> list[Issue]:
    order = {t.filename: i for i, t in enumerate(TABLES)}
    order[DESCRIPTOR] = -1
    return sorted(issues, key=lambda i: (order.get(i.file, -2), i.line or 0, i.field or ""))


def _dossier(folder: Path, read: _Read) -> Dossier:
    vocabularies = dossier_vocabularies(read.metadata)
    typed = {t.name: typed_frame(t, read.frames.get(t.name), vocabularies) for t in TABLES}
    metadata = read.metadata
    return Dossier(
        name=folder.name,
        path=folder,
        title=str(metadata.get("title") or folder.name),
        description=str(metadata.get("description") or ""),
        metadata={
            k: v for k, v in metadata.items() if k not in ("title", "description", "resources")
        },
        **typed,
    )


@dataclass
class _Read:
    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    metadata: dict = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    #: tables whose ids are not all known (unreadable, or rows dropped for their shape)
    unknown: set[str] = field(default_factory=set)
    #: whether the folder itself could be opened
    folder: bool = True


def read_raw_tables(folder: Path) -> tuple[dict[str, pd.DataFrame], dict, list[Issue]]:
    """Read every table of ``folder`` as strings, without validating values.

    Returns the raw frames (cells are strings or NA, the index is the CSV line number), the
    descriptor's metadata, and the problems found while reading (missing folder or
    descriptor, unreadable, oversized, non-UTF-8 or malformed files).

    A file with a header row and no records is an empty table, which is valid; a file with no
    header row at all (zero bytes, or blank first line) is refused. A UTF-8 byte-order mark
    at the start of a file is allowed and ignored.
    """
    read = _read_all(folder)
    return read.frames, read.metadata, read.issues


def _read_all(folder: Path) -> _Read:
    read = _Read()
    try:
        is_folder = folder.is_dir()
    except OSError as exc:
        read.issues.append(_folder_issue(str(folder), _could_not(exc)))
        read.folder = False
        return read
    if not is_folder:
        read.folder = False
        read.issues.append(
            _folder_issue(str(folder), "dossier folder does not exist or is not a folder")
        )
        return read
    try:  # can the folder be entered? (a folder without search permission fails every file)
        (folder / DESCRIPTOR).exists()
    except PermissionError as exc:
        read.issues.append(_folder_issue(str(folder), f"could not be entered: {_reason(exc)}"))
        read.folder = False
        return read
    present: set[str] = set()
    for table in TABLES:
        file = folder / table.filename
        try:
            there = file.exists() or file.is_symlink()
        except OSError as exc:
            read.issues.append(_folder_issue(table.filename, _could_not(exc)))
            read.unknown.add(table.name)
            continue
        if not there:
            continue  # reported by validation if the table is required
        present.add(table.name)
        text, problem = read_text(folder, table.filename)
        if problem:
            read.issues.append(problem)
            read.unknown.add(table.name)
            continue
        frame, problems, whole = parse_csv(text, table)
        read.issues.extend(problems)
        if frame is None or not whole:
            read.unknown.add(table.name)
        if frame is not None:
            read.frames[table.name] = frame
    read.issues += _descriptor_issues(folder, read, present)
    return read


def _descriptor_issues(folder: Path, read: _Read, present: set[str]) -> list[Issue]:
    try:
        there = (folder / DESCRIPTOR).exists() or (folder / DESCRIPTOR).is_symlink()
    except OSError as exc:
        return [_folder_issue(DESCRIPTOR, _could_not(exc))]
    if not there:
        return [
            _folder_issue(
                DESCRIPTOR,
                "is missing: a dossier needs a datapackage.json naming its title and listing "
                "its tables in resources (see docs/data-format.md)",
            )
        ]
    text, problem = read_text(folder, DESCRIPTOR)
    if problem:
        return [problem]
    metadata, issues = parse_descriptor(text)
    if issues:
        return issues
    read.metadata = metadata
    required_missing = {t.name for t in TABLES if t.required and t.name not in present}
    return resource_issues(metadata, present, required_missing)


# --- typed frames ------------------------------------------------------------------------------

_ORDERED = {"reliability", "credibility", "presence", "consistency", "precision"}


def typed_frame(
    table: Table, raw: pd.DataFrame | None, vocabularies: dict[str, dict[str, str]] | None = None
) -> pd.DataFrame:
    """Turn a validated raw table into typed columns (an empty typed frame for ``None``);
    a vocabulary's categories are the dossier's ``vocabularies`` (default: the built-in)."""
    vocabularies = vocabularies or VOCABULARIES
    if raw is None:
        raw = pd.DataFrame({f.name: pd.Series(dtype=object) for f in table.fields})
    out: dict[str, pd.Series] = {}
    for f in table.fields:
        col = raw[f.name] if f.name in raw.columns else pd.Series(pd.NA, index=raw.index)
        if f.type == "date":
            parsed = [parse_partial_date(v) if isinstance(v, str) else None for v in col]
            out[f.name] = pd.Series(
                [p.start if p else pd.NaT for p in parsed], index=raw.index, dtype="datetime64[us]"
            )
            out[f"{f.name}_precision"] = pd.Series(
                [p.precision if p else None for p in parsed],
                index=raw.index,
                dtype=pd.CategoricalDtype(list(VOCABULARIES["precision"]), ordered=True),
            )
            out[f"{f.name}_approx"] = pd.Series(
                [bool(p and p.approximate) for p in parsed], index=raw.index, dtype=bool
            )
        elif f.type == "grade":
            terms = list(vocabularies.get(f.vocabulary, VOCABULARIES[f.vocabulary]))
            out[f.name] = pd.Series(col, index=raw.index).astype(
                pd.CategoricalDtype(terms, ordered=f.vocabulary in _ORDERED)
            )
        elif f.type == "list":
            out[f.name] = pd.Series([split_list(v) for v in col], index=raw.index, dtype=object)
        elif f.type == "integer":
            out[f.name] = pd.to_numeric(col).astype("Int64")
        elif f.type == "boolean":
            out[f.name] = col.map({"true": True, "false": False}).astype("boolean")
        else:
            out[f.name] = col.astype("str")
    frame = pd.DataFrame(out, index=raw.index).reset_index(drop=True)
    return frame


assert list(RELIABILITY_GRADES) == ["A", "B", "C", "D", "E", "F"]
