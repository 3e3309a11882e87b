"""Validation of raw dossier tables, derived from :mod:`analysis.schema` and run by pandera.

Every rule is a pandera check built from a field's declaration (or, for rules that span
rows and tables, from :data:`RULES`); pandera collects every failure at once
(``lazy=True``) and :func:`validate_tables` turns them into :class:`Issue` records that name
the file, line, record id, field, value and rule.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass

import pandas as pd
import pandera.pandas as pa

from .dates import parse_partial_date
from .markup import safe_url
from .schema import (
    DATE_PATTERN,
    ID_PATTERN,
    LIST_SEPARATOR,
    TABLES,
    VOCABULARIES,
    Field,
    Table,
)

__all__ = ["Issue", "DossierValidationError", "RULES", "validate_tables", "split_list"]

_ID = re.compile(ID_PATTERN)
# ASCII: ``\d`` would otherwise accept other scripts' digits (``٢٠٢٤``).
_DATE = re.compile(DATE_PATTERN, re.ASCII)
_INTEGER = re.compile(r"^-?[0-9]+$")
_URL = re.compile(r"^https?://[^\s<>\"']+$")
_ISO3 = re.compile(r"^[A-Z]{3}$")
_STANCES_NEEDING_ALLEGATION = ("alleges", "denies", "confirms", "partly_acknowledges")
_MILESTONE_ERROR = "milestone is dated before the partnership was signed or entered into force"
_ELSEWHERE_ERROR = "id is already used by a record in another table"
_MILESTONES = ("signing", "ratification", "entry_into_force", "termination", "accession")

#: Rules that span fields, rows or tables; field rules are documented per field.
RULES: dict[str, str] = {
    "unique_id": "Every record id is unique within its table and across the dossier.",
    "reference": "An id that names another record must exist in the table it points to.",
    "state_id": "A state's id is its ISO 3166-1 alpha-3 code (three capital letters).",
    "stance_needs_allegation": (
        "A statement that alleges, denies, confirms or partly acknowledges names an allegation_id."
    ),
    "milestone_needs_partnership": (
        "A signing, ratification, entry-into-force, termination or accession event names a "
        "partnership_id."
    ),
    "reported_after_occurred": "Nothing is reported before it happened (reported >= occurred).",
    "milestone_order": (
        "A partnership is not ratified, in force or ended before it was signed, nor ended before "
        "it entered into force."
    ),
    "required_table": "Every required table is present, with a header row.",
}


@dataclass(frozen=True)
class Issue:
    """One problem found in a dossier.

    ``line`` is the line of the CSV file as a spreadsheet or editor shows it (the header is
    line 1); ``None`` when the problem is with the file or a column as a whole.
    """

    file: str
    line: int | None
    record_id: str | None
    field: str | None
    value: str | None
    rule: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        parts = [where]
        if self.record_id:
            parts.append(f"[{self.record_id}]")
        if self.field:
            value = "" if self.value is None else self.value
            if len(value) > 80:
                value = value[:77] + "..."
            parts.append(f"{self.field}={value!r}")
        return " ".join(parts) + f": {self.rule}"

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


class DossierValidationError(ValueError):
    """Raised when a dossier has problems; ``issues`` lists every one of them."""

    def __init__(self, path: object, issues: list[Issue]):
        self.path = str(path)
        self.issues = list(issues)
        noun = "problem" if len(self.issues) == 1 else "problems"
        lines = [f"{len(self.issues)} {noun} in dossier {self.path}:"]
        lines += [f"  {issue}" for issue in self.issues]
        super().__init__("\n".join(lines))


def split_list(value: object) -> tuple[str, ...]:
    """Split a list cell into its ids: ``"a;b"`` -> ``("a", "b")``; empty -> ``()``."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return ()
    return tuple(item.strip() for item in str(value).split(LIST_SEPARATOR) if item.strip())


# --- checks built from a field's declaration -------------------------------------------------


def _is_real_date(value: str) -> bool:
    try:
        parse_partial_date(value)
    except ValueError:
        return False
    return True


def _field_checks(f: Field) -> list[pa.Check]:
    checks: list[pa.Check] = []
    if f.type == "id":
        checks.append(
            pa.Check.str_matches(
                ID_PATTERN,
                error="must be an id: letters, digits, '_', '.' or '-', at most 64 characters, "
                "starting with a letter or digit",
            )
        )
    elif f.type == "url":
        checks.append(
            pa.Check(
                lambda v: bool(_URL.match(v)) and safe_url(v) == v,
                element_wise=True,
                error="must be an http:// or https:// address with no spaces or quotes",
            )
        )
    elif f.type == "date":
        checks.append(
            pa.Check(
                lambda v: bool(_DATE.match(v)),
                element_wise=True,
                error="must be a date written YYYY, YYYY-MM or YYYY-MM-DD, optionally ending in ~",
            )
        )
        checks.append(
            pa.Check(
                lambda v: not _DATE.match(v) or _is_real_date(v),
                element_wise=True,
                error="must be a real calendar date",
            )
        )
    elif f.type == "integer":
        checks.append(
            pa.Check(
                lambda v: bool(_INTEGER.match(v)), element_wise=True, error="must be a whole number"
            )
        )
        if f.minimum is not None or f.maximum is not None:
            lo, hi = f.minimum, f.maximum
            checks.append(
                pa.Check(
                    lambda v: (
                        not _INTEGER.match(v)
                        or ((lo is None or int(v) >= lo) and (hi is None or int(v) <= hi))
                    ),
                    element_wise=True,
                    error=f"must be between {lo} and {hi}",
                )
            )
    elif f.type == "boolean":
        checks.append(pa.Check.isin(["true", "false"], error="must be true or false"))
    elif f.type == "grade":
        terms = list(VOCABULARIES[f.vocabulary])
        checks.append(pa.Check.isin(terms, error="must be one of: " + ", ".join(terms)))
    elif f.type == "list":
        checks.append(
            pa.Check(
                lambda v: all(_ID.match(item) for item in split_list(v)),
                element_wise=True,
                error="each item must be an id (letters, digits, '_', '.', '-'), "
                "items separated by ';'",
            )
        )
        if f.min_items > 1:
            n = f.min_items
            checks.append(
                pa.Check(
                    lambda v: len(split_list(v)) >= n,
                    element_wise=True,
                    error=f"must list at least {n} ids",
                )
            )
    if f.max_length is not None:
        checks.append(
            pa.Check.str_length(
                max_value=f.max_length, error=f"must be at most {f.max_length} characters"
            )
        )
    return checks


def _reference_check(f: Field, known: Mapping[str, set[str]]) -> pa.Check:
    targets = ("*",) if "*" in f.references else f.references
    pool: set[str] = set().union(*(known.get(t, set()) for t in _expand(targets, known)))
    where = (
        " or ".join(f"{t}.csv" for t in _expand(targets, known))
        if "*" not in targets
        else ("any table of the dossier")
    )

    def ok(value: str) -> bool:
        # an item that is not an id at all is reported once, by the id check, not here too
        return all(item in pool for item in split_list(value) if _ID.match(item))

    return pa.Check(
        ok, element_wise=True, name="reference", error=f"names an id that is not in {where}"
    )


def _other_id_tables(table: Table, known: Mapping[str, set[str]]) -> dict[str, set[str]]:
    """Ids of the other tables that share the dossier's one id space."""
    shared = {t.name for t in TABLES if t.global_ids and t.name != table.name}
    return {name: ids for name, ids in known.items() if name in shared}


def _expand(targets: tuple[str, ...], known: Mapping[str, set[str]]) -> tuple[str, ...]:
    return tuple(known) if "*" in targets else targets


def _schema(
    table: Table,
    known: Mapping[str, set[str]],
    context: Mapping[str, object],
    empty: frozenset[str] = frozenset(),
) -> pa.DataFrameSchema:
    """The pandera schema of ``table``; columns named in ``empty`` hold no value at all, so only
    whether they may be empty is checked (running value checks on them costs time for nothing).
    """
    columns = {}
    for f in table.fields:
        if f.name in empty:
            columns[f.name] = pa.Column(None, nullable=not f.required, required=True)
            continue
        checks = _field_checks(f)
        if f.references:
            checks.append(_reference_check(f, known))
        if f.name == table.primary_key and table.global_ids:
            others = _other_id_tables(table, known)

            def not_elsewhere(v: str, others=others) -> bool:
                return not any(v in ids for ids in others.values())

            checks.append(
                pa.Check(not_elsewhere, element_wise=True, name="unique_id", error=_ELSEWHERE_ERROR)
            )
        # No dtype check: every cell is a string or NA by construction (read_raw_tables), and
        # a header-only table has object columns that pandera's ``str`` dtype would refuse.
        columns[f.name] = pa.Column(
            None,
            checks=checks,
            nullable=not f.required,
            required=True,
            unique=f.name == table.primary_key,
            report_duplicates="all",
        )
    return pa.DataFrameSchema(
        columns, checks=_row_checks(table, context), strict=True, name=table.name
    )


def _guarded(rule):
    """A row rule passes rows it cannot judge because a column it needs is missing
    (the missing column is reported on its own)."""

    def check(df: pd.DataFrame) -> pd.Series:
        try:
            return rule(df)
        except KeyError:
            return pd.Series(True, index=df.index)

    return check


def _row_checks(table: Table, context: Mapping[str, object]) -> list[pa.Check]:
    """Rules that look at more than one field of a row (see :data:`RULES`)."""
    checks: list[pa.Check] = []
    names = set(table.field_names)
    if table.name == "actors":
        checks.append(
            pa.Check(
                _guarded(
                    lambda df: (
                        (df["kind"] != "state") | df["actor_id"].fillna("").str.match(_ISO3.pattern)
                    )
                ),
                name="state_id:actor_id",
                error="a state's id must be its ISO 3166-1 alpha-3 code (three capital letters)",
            )
        )
    if table.name == "statements":
        checks.append(
            pa.Check(
                _guarded(
                    lambda df: (
                        ~df["stance"].isin(_STANCES_NEEDING_ALLEGATION)
                        | df["allegation_id"].notna()
                    )
                ),
                name="stance_needs_allegation:allegation_id",
                error="a statement that alleges, denies, confirms or partly acknowledges needs an "
                "allegation_id",
            )
        )
    if table.name == "events":
        checks.append(
            pa.Check(
                _guarded(lambda df: ~df["kind"].isin(_MILESTONES) | df["partnership_id"].notna()),
                name="milestone_needs_partnership:partnership_id",
                error="a signing, ratification, entry-into-force, termination or accession event "
                "needs a partnership_id",
            )
        )
        signed = context.get("signed", {})
        in_force = context.get("in_force", {})
        checks.append(
            pa.Check(
                _guarded(lambda df: _milestones_in_order(df, signed, in_force)),
                name="milestone_order:occurred",
                error=_MILESTONE_ERROR,
            )
        )
    if {"occurred", "reported"} <= names:
        checks.append(
            pa.Check(
                _guarded(_reported_not_before),
                name="reported_after_occurred:reported",
                error="reported before it occurred (reported must not be earlier than occurred)",
            )
        )
    return checks


def _start(value: object) -> pd.Timestamp | None:
    if not isinstance(value, str) or not _is_real_date(value):
        return None
    return parse_partial_date(value).start


def _end(value: object) -> pd.Timestamp | None:
    if not isinstance(value, str) or not _is_real_date(value):
        return None
    return parse_partial_date(value).end


def _reported_not_before(df: pd.DataFrame) -> pd.Series:
    occurred = [_start(v) for v in df["occurred"]]
    reported = [_end(v) for v in df["reported"]]
    return pd.Series(
        [o is None or r is None or r >= o for o, r in zip(occurred, reported, strict=True)],
        index=df.index,
    )


def _milestones_in_order(
    df: pd.DataFrame, signed: Mapping[str, pd.Timestamp], in_force: Mapping[str, pd.Timestamp]
) -> pd.Series:
    result = []
    for kind, pid, occurred in zip(df["kind"], df["partnership_id"], df["occurred"], strict=True):
        end = _end(occurred)
        ok = True
        if end is not None and isinstance(pid, str):
            if kind in ("ratification", "entry_into_force", "termination") and pid in signed:
                ok = end >= signed[pid]
            if ok and kind == "termination" and pid in in_force:
                ok = end >= in_force[pid]
        result.append(ok)
    return pd.Series(result, index=df.index)


def _milestone_context(events: pd.DataFrame | None) -> dict[str, dict[str, pd.Timestamp]]:
    """Earliest signing and entry-into-force start date of each partnership."""
    context: dict[str, dict[str, pd.Timestamp]] = {"signed": {}, "in_force": {}}
    if events is None or not {"kind", "partnership_id", "occurred"} <= set(events.columns):
        return context
    for kind, key in (("signing", "signed"), ("entry_into_force", "in_force")):
        rows = events[events["kind"] == kind]
        for pid, occurred in zip(rows["partnership_id"], rows["occurred"], strict=True):
            start = _start(occurred)
            if isinstance(pid, str) and start is not None:
                current = context[key].get(pid)
                context[key][pid] = start if current is None else min(current, start)
    return context


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


def validate_tables(frames: Mapping[str, pd.DataFrame]) -> list[Issue]:
    """Validate raw tables (all cells strings or NA, index = CSV line) and list every issue.

    ``frames`` maps table names to frames as read from the CSV files; missing optional tables
    may be absent. Required tables that are absent are reported.
    """
    issues: list[Issue] = []
    known: dict[str, set[str]] = {}
    for table in TABLES:
        frame = frames.get(table.name)
        if frame is None:
            if table.required:
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
            _schema(table, known, context, empty).validate(frame, lazy=True)
        except pa.errors.SchemaErrors as errors:
            issues.extend(_issues_from(errors, table, frame, known, context))
    order = {t.filename: i for i, t in enumerate(TABLES)}
    issues.sort(key=lambda i: (order.get(i.file, 99), i.line or 0, i.field or ""))
    return issues
