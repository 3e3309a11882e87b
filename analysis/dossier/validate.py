"""Validation of raw dossier tables, derived from :mod:`analysis.schema` and run by pandera.

Every rule is a pandera check built from a field's declaration (or, for rules that span
rows and tables, from :data:`analysis.schema.RULES`; see :mod:`analysis.dossier.checks`);
pandera collects every failure at once (``lazy=True``) and :func:`validate_tables` turns them
into :class:`~analysis.dossier.issues.Issue` records that name the file, line, record id,
field, value and rule.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

import pandas as pd
import pandera.pandas as pa

from analysis.dossier.checks import (
    _ELSEWHERE_ERROR,
    _ID,
    _MILESTONE_ERROR,
    _end,
    _expand,
    _milestone_context,
    _other_id_tables,
    _row_checks,
    _schema,
)
from analysis.dossier.issues import Issue, split_list
from analysis.dossier.publishers import publisher_issues
from analysis.schema import TABLES, VOCABULARIES, Table

__all__ = ["validate_tables"]

# --- turning pandera's failures into issues ---------------------------------------------------

_PANDERA_RULES = {
    "not_nullable": "a value is required",
    "field_uniqueness": "duplicate id: another row of this table has the same value",
    "column_in_schema": "unexpected column: not a field of this table (see docs/data-format.md)",
    "column_in_dataframe": "required column is missing",
}


def _milestone_rule(row: pd.Series, context: Mapping[str, Mapping[str, pd.Timestamp]]) -> str:
    pid, kind = row["partnership_id"], str(row["kind"]).replace("_", " ")
    signed, in_force = context["signed"].get(pid), context["in_force"].get(pid)
    end = _end(row["occurred"])
    if signed is not None and end is not None and end < signed:
        return f"{kind} is dated before {pid} was signed ({signed.date()})"
    return f"{kind} is dated before {pid} entered into force ({in_force.date()})"


def _issues_from(
    errors: pa.errors.SchemaErrors,
    table: Table,
    frame: pd.DataFrame,
    known: Mapping[str, set[str]],
    context: Mapping[str, Mapping[str, pd.Timestamp]],
) -> list[Issue]:
    issues: list[Issue] = []
    seen: set[tuple] = set()
    pk = table.primary_key
    row_rules = _row_rule_fields(table)
    for case in errors.failure_cases.itertuples(index=False):
        check = str(case.check)
        column = None if case.column is None or pd.isna(case.column) else str(case.column)
        index = None if case.index is None or pd.isna(case.index) else int(case.index)
        value = _cell(case.failure_case)
        if check in row_rules and index is not None:
            # a row rule: pandera reports each non-empty cell of the failing row; report the
            # row once, on the rule's own field, with that field's value (which may be empty)
            column = row_rules[check]
            value = _cell(frame.at[index, column]) if column in frame.columns else None
        if check in ("column_in_schema", "column_in_dataframe"):
            column, value, index = value, None, None
        rule = _PANDERA_RULES.get(check, check)
        if check == _MILESTONE_ERROR and index is not None:
            rule = _milestone_rule(frame.loc[index], context)
        if check == _ELSEWHERE_ERROR and value is not None:
            tables = [
                f"{name}.csv"
                for name, ids in _other_id_tables(table, known).items()
                if value in ids
            ]
            rule = f"id is already used by a record in {' and '.join(tables)}"
        if check.startswith("names an id that is not in") and value is not None:
            missing = [
                i
                for i in split_list(value)
                if _ID.match(i) and not _known_anywhere(i, column, table, known)
            ]
            rule = f"{rule}: {', '.join(repr(m) for m in missing)}"
        key = (column, index, rule)
        if key in seen:
            continue
        seen.add(key)
        record_id = None
        if index is not None and pk in frame.columns:
            rid = frame.at[index, pk]
            record_id = rid if isinstance(rid, str) else None
        issues.append(Issue(table.filename, index, record_id, column, value, rule))
    return issues


def _cell(value: object) -> str | None:
    """A cell or failure case as a string; ``None`` for an empty (NA) cell."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return str(value)


def _row_rule_fields(table: Table) -> dict[str, str]:
    """Error message of each of ``table``'s row rules -> the field its issues are reported on."""
    return {
        check.error: check.name.split(":", 1)[1]
        for check in _row_checks(table, {})
        if check.name and ":" in check.name
    }


def _known_anywhere(
    item: str, column: str | None, table: Table, known: Mapping[str, set[str]]
) -> bool:
    f = table.field(column) if column in table.field_names else None
    targets = _expand(f.references, known) if f else tuple(known)
    return any(item in known.get(t, set()) for t in targets)


def validate_tables(
    frames: Mapping[str, pd.DataFrame],
    unknown: Collection[str] = (),
    vocabularies: Mapping[str, Mapping[str, str]] | None = None,
) -> list[Issue]:
    """Validate raw tables (all cells strings or NA, index = CSV line) and list every issue.

    ``frames`` maps table names to frames as read from the CSV files; missing optional tables
    may be absent. ``vocabularies`` are the dossier's (its camps and added terms, see
    :func:`analysis.dossier.vocabulary.dossier_vocabularies`); ``None`` means the built-in ones.
    Required tables that are absent are reported, except those in ``unknown``:
    tables that could not be read whole (their problems are reported where they were read),
    into which references are not judged.
    """
    # a table without its id column cannot say which ids exist: references to it are not judged
    unknown = frozenset(unknown) | {
        name
        for name, frame in frames.items()
        if (t := next((t for t in TABLES if t.name == name), None)) and t.primary_key not in frame
    }
    issues: list[Issue] = []
    known: dict[str, set[str]] = {}
    for table in TABLES:
        frame = frames.get(table.name)
        if frame is None:
            if table.required and table.name not in unknown:
                issues.append(
                    Issue(
                        table.filename,
                        None,
                        None,
                        None,
                        None,
                        "required table is missing: add the file with its header row",
                    )
                )
            continue
        if table.primary_key in frame.columns:
            known[table.name] = {v for v in frame[table.primary_key] if isinstance(v, str)}
    context = _milestone_context(frames.get("events"))
    for table in TABLES:
        frame = frames.get(table.name)
        if frame is None:
            continue
        try:
            empty = frozenset(c for c in frame.columns if frame[c].isna().all())
            _schema(table, known, context, empty, unknown, vocabularies or VOCABULARIES).validate(
                frame, lazy=True
            )
        except pa.errors.SchemaErrors as errors:
            issues.extend(_issues_from(errors, table, frame, known, context))
    issues += publisher_issues(frames)
    order = {t.filename: i for i, t in enumerate(TABLES)}
    issues.sort(key=lambda i: (order.get(i.file, 99), i.line or 0, i.field or ""))
    return issues
