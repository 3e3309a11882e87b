"""Reading one dossier file safely: bytes within the size limit, UTF-8 text, and CSV rows.

Nothing here raises: every filesystem, decoder and CSV problem comes back as an
:class:`~analysis.dossier.issues.Issue` naming the file and line. Reading never follows a link
out of the dossier folder, never opens anything but a regular file (a FIFO cannot make it
wait), and checks the header in time linear in its length.
"""

from __future__ import annotations

import csv
import difflib
import io
import os
import stat
from collections import Counter
from pathlib import Path

import pandas as pd

from analysis import schema
from analysis.dossier.issues import Issue, shown
from analysis.schema import Table

__all__ = ["read_text", "parse_csv", "MAX_CELL"]

# Longest cell read: the csv module's default limit, enforced here because libraries (frictionless,
# followthemoney) raise the module's process-wide limit when imported.
MAX_CELL = 131_072
# More unexpected columns than this are summed up in one issue.
_MAX_COLUMN_ISSUES = 20
_BOMS = {
    b"\xff\xfe\x00\x00": "UTF-32",
    b"\x00\x00\xfe\xff": "UTF-32",
    b"\xff\xfe": "UTF-16",
    b"\xfe\xff": "UTF-16",
}
_DELIMITERS = {";": "semicolons", "\t": "tabs", "|": "vertical bars"}


def _size(n: int) -> str:
    return f"{n / 2**20:.1f} MiB" if n >= 2**20 else f"{n:,} bytes"


def _sizes(size: int, limit: int) -> tuple[str, str]:
    """Both sizes, in bytes when rounding would make them look equal."""
    if _size(size) == _size(limit):
        return f"{size:,} bytes", f"{limit:,} bytes"
    return _size(size), _size(limit)


def _reason(exc: BaseException) -> str:
    return shown(getattr(exc, "strerror", None) or str(exc) or type(exc).__name__)


def read_text(folder: Path, name: str) -> tuple[str, Issue | None]:
    """The text of file ``name`` of ``folder``, or why it cannot be read."""

    def problem(rule: str, line: int | None = None) -> tuple[str, Issue]:
        return "", Issue(name, line, None, None, None, rule)

    file = folder / name
    try:
        resolved = file.resolve()
        inside = resolved.parent == folder.resolve()
    except (OSError, RuntimeError) as exc:  # e.g. a symlink loop
        return problem(f"could not be read: {_reason(exc)}")
    if not inside:
        return problem("is a link to a file outside the dossier folder; refusing to read it")
    limit = schema.MAX_FILE_BYTES
    try:
        # O_NONBLOCK: a FIFO put in place of a table must not make loading wait for a writer
        fd = os.open(resolved, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        if not resolved.exists():
            return problem("is not a regular file")
        return problem(f"could not be read: {_reason(exc)}")
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        return problem("is not a regular file")
    with os.fdopen(fd, "rb") as fh:
        if info.st_nlink > 1:
            return problem(
                f"has {info.st_nlink} hard links, so it may be a file outside the dossier "
                "folder; refusing to read it (put a copy of the file in the folder instead)"
            )
        try:
            data = fh.read(limit + 1)  # never more than the limit, even if the file grows
        except OSError as exc:
            return problem(f"could not be read: {_reason(exc)}")
    if len(data) > limit:
        size, most = _sizes(max(len(data), info.st_size), limit)
        return problem(f"is {size}, above the limit of {most}; refusing to read it")
    if not data:
        return problem("is empty: it needs at least a header row")
    for bom, encoding in _BOMS.items():
        if data.startswith(bom):
            return problem(
                f"is {encoding} text (it starts with a {encoding} byte-order mark); "
                "save it as UTF-8",
                1,
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


def parse_csv(text: str, table: Table) -> tuple[pd.DataFrame | None, list[Issue], bool]:
    """The rows of CSV ``text`` as a frame of the table's columns (strings or NA, indexed by
    line), the problems found, and whether every row made it into the frame."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    name = table.filename
    issues: list[Issue] = []
    header: list[str] | None = None
    records: list[list[str | None]] = []
    lines: list[int] = []
    start = 1  # the line on which the next record starts (a quoted cell may span lines)
    try:
        for row in reader:
            line, start = start, reader.line_num + 1
            if header is None:
                header = [cell.strip() for cell in row]
                problems = _header_issues(header, table, text)
                if problems:
                    return None, problems, False
                continue
            if not row or all(not cell.strip() for cell in row):
                continue  # blank lines are allowed
            long = [h for h, cell in zip(header, row, strict=False) if len(cell) > MAX_CELL]
            if long:
                return None, [_long_cell(name, line, long[0])], False
            if len(row) != len(header):
                key = header.index(table.primary_key) if table.primary_key in header else None
                record_id = row[key].strip() or None if key is not None and key < len(row) else None
                issues.append(
                    Issue(
                        name,
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
        return None, [_csv_error(exc, name, start, reader.line_num)], False
    if header is None:
        return None, [_no_header(name)], False
    issues += _column_issues(header, table)
    known = set(table.field_names)
    keep = [i for i, h in enumerate(header) if h in known]
    frame = pd.DataFrame(
        [[record[i] for i in keep] for record in records],
        columns=[header[i] for i in keep],
        index=pd.Index(lines, name="line"),
        dtype=object,
    )
    whole = not any(i.line is not None and i.line > 1 for i in issues)
    return frame, issues, whole


def _no_header(name: str) -> Issue:
    return Issue(
        name, 1, None, None, None, "has no header row: the first line must name the columns"
    )


def _header_issues(header: list[str], table: Table, text: str) -> list[Issue]:
    """Problems that make the header unusable: none at all, another delimiter, data instead of
    column names, unnamed or repeated columns (counted in linear time)."""
    name = table.filename
    if not any(header):
        return [_no_header(name)]
    fields = table.field_names
    if len(header) == 1 and len(fields) > 1:
        first = text.splitlines()[0] if text else ""
        try:
            delimiter = csv.Sniffer().sniff(first, delimiters="".join(_DELIMITERS)).delimiter
        except csv.Error:
            delimiter = None
        if delimiter in _DELIMITERS:
            return [
                Issue(
                    name,
                    1,
                    None,
                    None,
                    None,
                    f"is not comma-separated: its header row is separated by "
                    f"{_DELIMITERS[delimiter]}; save it as CSV with commas between cells",
                )
            ]
    if not set(header) & set(fields):
        cells = ", ".join(repr(shown(h)) for h in header[:3]) + (", ..." if len(header) > 3 else "")
        return [
            Issue(
                name,
                1,
                None,
                None,
                None,
                f"has no header row: the first line ({cells}) names none of the table's columns "
                f"({', '.join(fields[:3])}, ...); add the header row first",
            )
        ]
    unnamed = [i for i, h in enumerate(header, start=1) if not h]
    if unnamed:
        return [
            Issue(
                name, 1, None, None, None, f"column {i} of the header has no name (a stray comma?)"
            )
            for i in unnamed
        ]
    counts = Counter(header)
    dupes = sorted(h for h, n in counts.items() if n > 1)
    return [Issue(name, 1, None, h, None, "column appears more than once") for h in dupes]


def _column_issues(header: list[str], table: Table) -> list[Issue]:
    """Columns that are not fields of the table (the missing ones are left to validation)."""
    known = set(table.field_names)
    missing = [f for f in table.field_names if f not in set(header)]
    extra = [h for h in header if h not in known]
    rule = "unexpected column: not a field of this table (see docs/data-format.md)"
    issues = []
    for h in extra[:_MAX_COLUMN_ISSUES]:
        close = difflib.get_close_matches(h, missing, n=1, cutoff=0.8) if missing else []
        hint = f"; did you mean {close[0]!r}?" if close else ""
        issues.append(Issue(table.filename, None, None, h, None, rule + hint))
    if len(extra) > _MAX_COLUMN_ISSUES:
        more = len(extra) - _MAX_COLUMN_ISSUES
        issues.append(
            Issue(table.filename, None, None, None, None, f"and {more:,} more unexpected columns")
        )
    return issues


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
    return Issue(name, line, None, None, None, f"is not valid CSV: {shown(message)}")


def _long_cell(name: str, line: int, column: str | None) -> Issue:
    limit = min(MAX_CELL, csv.field_size_limit())
    return Issue(
        name,
        line,
        None,
        column,
        None,
        f"is not valid CSV: a cell is longer than {limit:,} characters",
    )
