"""Read a dossier folder safely, validate it, and return a :class:`~analysis.dossier.model.Dossier`.

Reading never writes anything, refuses files above :data:`~analysis.schema.MAX_FILE_BYTES`
(looked up when a file is read, so a test can lower it),
reads only the declared tables inside the dossier folder, and returns nothing at all when
any problem is found: :class:`~analysis.dossier.DossierValidationError` lists them all.
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pandas as pd

from analysis import schema
from analysis.common.dates import parse_partial_date
from analysis.common.paths import resolve_dossier
from analysis.dossier.issues import DossierValidationError, Issue, split_list
from analysis.dossier.model import Dossier
from analysis.dossier.validate import validate_tables
from analysis.schema import RELIABILITY_GRADES, TABLES, VOCABULARIES, Table

__all__ = ["load_dossier", "read_raw_tables", "typed_frame", "DESCRIPTOR"]

#: The dossier's Frictionless descriptor: title, description and the tables' schema.
DESCRIPTOR = "datapackage.json"

# Longest cell read: the csv module's default limit, enforced here because libraries (frictionless,
# followthemoney) raise the module's process-wide limit when imported.
_MAX_CELL = 131_072


def load_dossier(path: str | os.PathLike[str] | None = None) -> Dossier:
    """Load and validate the dossier in folder ``path`` (default: the bundled dossier).

    Parameters
    ----------
    path : folder holding the dossier's CSV tables; a bare name means a folder under
        ``data/``; ``None`` means ``$PARTNERSHIP_DOSSIER`` or the bundled dossier.

    Returns
    -------
    Dossier
        Typed frames: dates as datetimes with their precision, vocabularies as categoricals,
        lists as tuples.

    Raises
    ------
    DossierValidationError
        With every problem found, each naming file, line, record id, field, value and rule.

    Examples
    --------
    >>> dossier = load_dossier()
    >>> "pt-rus-irn-2025" in set(dossier.partnerships["partnership_id"])
    True
    """
    folder = resolve_dossier(path)
    frames, metadata, issues = read_raw_tables(folder)
    if not issues:
        issues = validate_tables(frames)
    if issues:
        raise DossierValidationError(folder, issues)
    typed = {t.name: typed_frame(t, frames.get(t.name)) for t in TABLES}
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


def read_raw_tables(folder: Path) -> tuple[dict[str, pd.DataFrame], dict, list[Issue]]:
    """Read every declared table of ``folder`` as strings, without validating values.

    Returns the raw frames (cells are strings or NA, the index is the CSV line number), the
    descriptor's metadata, and the problems that stop reading (missing folder, unreadable,
    oversized, non-UTF-8 or malformed files).

    A file with a header row and no records is an empty table, which is valid; a file with no
    header row at all (zero bytes, or blank first line) is refused. A UTF-8 byte-order mark
    at the start of a file is allowed and ignored.
    """
    issues: list[Issue] = []
    if not folder.is_dir():
        return (
            {},
            {},
            [
                Issue(
                    str(folder),
                    None,
                    None,
                    None,
                    None,
                    "dossier folder does not exist or is not a folder",
                )
            ],
        )
    metadata, problem = _read_descriptor(folder)
    if problem:
        issues.append(problem)
    frames: dict[str, pd.DataFrame] = {}
    for table in TABLES:
        file = folder / table.filename
        if not (file.exists() or file.is_symlink()):
            continue  # reported by validation if the table is required
        text, problem = _read_text(folder, file, table.filename)
        if problem:
            issues.append(problem)
            continue
        frame, problems = _parse_csv(text, table)
        issues.extend(problems)
        if frame is not None:
            frames[table.name] = frame
    return frames, metadata, issues


def _read_descriptor(folder: Path) -> tuple[dict, Issue | None]:
    file = folder / DESCRIPTOR
    if not file.exists():
        return {}, None
    text, problem = _read_text(folder, file, DESCRIPTOR)
    if problem:
        return {}, problem
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return {}, Issue(
            DESCRIPTOR,
            exc.lineno,
            None,
            None,
            None,
            f"is not valid JSON: {exc.msg} (column {exc.colno})",
        )
    except RecursionError:
        return {}, Issue(DESCRIPTOR, None, None, None, None, "is not valid JSON: nested too deeply")
    if not isinstance(data, dict):
        return {}, Issue(DESCRIPTOR, None, None, None, None, "must be a JSON object")
    return data, None


def _size(n: int) -> str:
    return f"{n / 2**20:.1f} MiB" if n >= 2**20 else f"{n:,} bytes"


def _read_text(folder: Path, file: Path, name: str) -> tuple[str, Issue | None]:
    def problem(rule: str, line: int | None = None) -> tuple[str, Issue]:
        return "", Issue(name, line, None, None, None, rule)

    try:
        resolved = file.resolve()
    except (OSError, RuntimeError) as exc:  # e.g. a symlink loop
        return problem(f"could not be read: {exc}")
    if resolved.parent != folder.resolve():
        return problem("is a link to a file outside the dossier folder; refusing to read it")
    if not resolved.is_file():
        return problem("is not a regular file")
    limit = schema.MAX_FILE_BYTES
    try:
        with open(resolved, "rb") as fh:
            data = fh.read(limit + 1)  # never more than the limit, even if the file grows
    except OSError as exc:
        return problem(f"could not be read: {exc.strerror or exc}")
    if len(data) > limit:
        size = max(len(data), resolved.stat().st_size)
        return problem(f"is {_size(size)}, above the limit of {_size(limit)}; refusing to read it")
    if not data:
        return problem("is empty: it needs at least a header row")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return problem(
            "is UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8", 1
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return problem(
            f"is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "save it as UTF-8",
            line,
        )
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return problem("contains a NUL byte: not a text file", line)
    return text, None


def _parse_csv(text: str, table: Table) -> tuple[pd.DataFrame | None, list[Issue]]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    issues: list[Issue] = []
    header: list[str] | None = None
    records: list[list[str]] = []
    lines: list[int] = []
    start = 1  # the line on which the next record starts (a quoted cell may span lines)
    try:
        for row in reader:
            line, start = start, reader.line_num + 1
            if header is None:
                header = [cell.strip() for cell in row]
                if not any(header):
                    return None, [
                        Issue(
                            table.filename,
                            line,
                            None,
                            None,
                            None,
                            "has no header row: the first line must name the columns",
                        )
                    ]
                continue
            if not row or all(not cell.strip() for cell in row):
                continue  # blank lines are allowed
            long = [name for name, cell in zip(header, row, strict=False) if len(cell) > _MAX_CELL]
            if long:
                return None, [_long_cell(table.filename, line, long[0])]
            if len(row) != len(header):
                key = header.index(table.primary_key) if table.primary_key in header else None
                record_id = None
                if key is not None and key < len(row):
                    record_id = row[key].strip() or None
                issues.append(
                    Issue(
                        table.filename,
                        line,
                        record_id,
                        None,
                        None,
                        f"row has {len(row)} cells but the header has {len(header)}",
                    )
                )
                continue
            records.append([cell.strip() or None for cell in row])  # empty cell -> NA
            lines.append(line)
    except csv.Error as exc:
        return None, [_csv_error(exc, table.filename, start, reader.line_num)]
    if header is None:
        return None, [
            Issue(
                table.filename,
                1,
                None,
                None,
                None,
                "has no header row: the first line must name the columns",
            )
        ]
    unnamed = [i for i, name in enumerate(header, start=1) if not name]
    if unnamed:
        return None, [
            Issue(
                table.filename,
                1,
                None,
                None,
                None,
                f"column {i} of the header has no name (a stray comma?)",
            )
            for i in unnamed
        ]
    dupes = sorted({h for h in header if header.count(h) > 1})
    if dupes:
        return None, [
            Issue(table.filename, 1, None, name, None, "column appears more than once")
            for name in dupes
        ]
    frame = pd.DataFrame(records, columns=header, index=pd.Index(lines, name="line"), dtype=object)
    return frame, issues


def _csv_error(exc: csv.Error, name: str, start: int, line: int) -> Issue:
    """Say what a :class:`csv.Error` means for someone editing the file."""
    message = str(exc)
    if "unexpected end of data" in message:
        # a quote was opened and never closed: point at the row where it was opened
        return Issue(
            name,
            start,
            None,
            None,
            None,
            f"is not valid CSV: a quoted cell in the row starting on line {start} is "
            "never closed (unexpected end of data)",
        )
    if "expected after" in message:
        return Issue(
            name,
            line,
            None,
            None,
            None,
            "is not valid CSV: text follows the closing quote of a quoted cell; "
            'a quote inside a quoted cell is written twice ("")',
        )
    if "field larger than field limit" in message:
        return _long_cell(name, start, None)
    return Issue(name, line, None, None, None, f"is not valid CSV: {message}")


def _long_cell(name: str, line: int, column: str | None) -> Issue:
    limit = min(_MAX_CELL, csv.field_size_limit())
    return Issue(
        name,
        line,
        None,
        column,
        None,
        f"is not valid CSV: a cell is longer than {limit:,} characters",
    )


# --- typed frames ------------------------------------------------------------------------------

_ORDERED = {"reliability", "credibility", "presence", "consistency", "precision"}


def typed_frame(table: Table, raw: pd.DataFrame | None) -> pd.DataFrame:
    """Turn a validated raw table into typed columns (an empty typed frame for ``None``)."""
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
            terms = list(VOCABULARIES[f.vocabulary])
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
