"""Pandera checks built from the schema: one per field rule, and the rules that span rows and
tables (:data:`analysis.schema.RULES`)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

import pandas as pd
import pandera.pandas as pa

from analysis.common.dates import parse_partial_date
from analysis.common.markup import safe_url
from analysis.dossier.codes import STATE_ID_ERROR, code_checks, is_state_code
from analysis.dossier.issues import list_items, split_list
from analysis.dossier.row_rules import in_cycle, names_others
from analysis.schema import (
    DATE_PATTERN,
    ID_PATTERN,
    MILESTONE_EVENT_KINDS,
    STANCES_NEEDING_ALLEGATION,
    TABLES,
    VOCABULARIES,
    Field,
    Table,
)

_ID = re.compile(ID_PATTERN)
# ASCII: ``\d`` would otherwise accept other scripts' digits (``٢٠٢٤``).
_DATE = re.compile(DATE_PATTERN, re.ASCII)
_INTEGER = re.compile(r"^-?[0-9]+$")
_URL = re.compile(r"^https?://[^\s<>\"']+$")
_DECLARED = {  # where a dossier declares an open vocabulary's terms, said in messages
    "alignment": " (the dossier's camps: declare others in datapackage.json camps)",
    "allegation_topic": " (add a topic in datapackage.json vocabularies.allegation_topic)",
    "event_kind": " (add a kind in datapackage.json vocabularies.event_kind)"}  # fmt: skip
_MILESTONE_ERROR = "milestone is dated before the partnership was signed or entered into force"
_ELSEWHERE_ERROR = "id is already used by a record in another table"


# --- checks built from a field's declaration -------------------------------------------------


def _is_real_date(value: str) -> bool:
    try:
        parse_partial_date(value)
    except ValueError:
        return False
    return True


def _has_visible(value: str) -> bool:
    return any(unicodedata.category(c)[0] not in "CZ" for c in value)


def _visible(column: pd.Series) -> pd.Series:
    """Whether each text cell shows something: fast for the usual cell with an ASCII letter or
    digit, character by character for the rest."""
    fine = column.str.contains("[0-9A-Za-z]", regex=True).fillna(True).astype(bool)
    rest = column[~fine]
    if len(rest):
        fine[~fine] = rest.map(_has_visible).astype(bool)
    return fine


def _field_checks(f: Field, vocabularies: Mapping[str, Mapping[str, str]] = VOCABULARIES):
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
        terms = list(vocabularies.get(f.vocabulary, VOCABULARIES[f.vocabulary]))
        where = _DECLARED.get(f.vocabulary, "")
        checks.append(pa.Check.isin(terms, error="must be one of: " + ", ".join(terms) + where))
    elif f.type == "list":
        checks.append(
            pa.Check(
                lambda v: all(_ID.match(item) for item in split_list(v)),
                element_wise=True,
                error="each item must be an id (letters, digits, '_', '.', '-'), "
                "items separated by ';'",
            )
        )
        checks.append(
            pa.Check(
                lambda v: all(list_items(v)),
                element_wise=True,
                error="has an empty item: ids are separated by single ';', with none before "
                "the first or after the last",
            )
        )
        if f.unique_items:
            checks.append(
                pa.Check(
                    lambda v: len(set(split_list(v))) == len(split_list(v)),
                    element_wise=True,
                    error="lists the same id more than once",
                )
            )
        if f.min_items > 1:
            n = f.min_items
            checks.append(
                pa.Check(
                    lambda v: len(set(split_list(v))) >= n,
                    element_wise=True,
                    error=f"must list at least {n} different ids",
                )
            )
    elif f.type == "text":
        checks.append(
            pa.Check(
                _visible,
                error="must hold a visible character, not only invisible ones "
                "(zero-width spaces, byte-order marks, control characters)",
            )
        )
    checks += code_checks(f)
    if f.max_length is not None:
        checks.append(
            pa.Check.str_length(
                max_value=f.max_length, error=f"must be at most {f.max_length} characters"
            )
        )
    return checks


def _reference_check(
    f: Field, known: Mapping[str, set[str]], unknown: frozenset[str] = frozenset()
) -> pa.Check | None:
    """Whether every id the field names exists; ``None`` when a table it points to could not be
    read whole (its problems are reported; a reference to it cannot be judged)."""
    targets = ("*",) if "*" in f.references else f.references
    if unknown & set(_expand(targets, known)) or ("*" in targets and unknown):
        return None
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
    unknown: frozenset[str] = frozenset(),
    vocabularies: Mapping[str, Mapping[str, str]] = VOCABULARIES,
) -> pa.DataFrameSchema:
    """The pandera schema of ``table``; columns named in ``empty`` hold no value at all, so only
    whether they may be empty is checked (running value checks on them costs time for nothing).
    """
    columns = {}
    for f in table.fields:
        if f.name in empty:
            columns[f.name] = pa.Column(None, nullable=not f.required, required=not f.may_be_absent)
            continue
        checks = _field_checks(f, vocabularies)
        reference = _reference_check(f, known, unknown) if f.references else None
        if reference is not None:
            checks.append(reference)
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
            required=not f.may_be_absent,
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
                _guarded(lambda df: (df["kind"] != "state") | df["actor_id"].map(is_state_code)),
                name="state_id:actor_id",
                error=STATE_ID_ERROR,
            )
        )
    if table.name == "statements":
        checks.append(
            pa.Check(
                _guarded(
                    lambda df: (
                        ~df["stance"].isin(STANCES_NEEDING_ALLEGATION)
                        | df["allegation_ids"].notna()
                    )
                ),
                name="stance_needs_allegation:allegation_ids",
                error="a statement that alleges, denies, confirms or partly acknowledges names at "
                "least one allegation in allegation_ids",
            )
        )
    if table.name == "allegations":
        checks.append(
            pa.Check(
                _guarded(
                    lambda df: (df["alleges_transfer"] != "true") | df["beneficiary_ids"].notna()
                ),
                name="transfer_needs_beneficiary:alleges_transfer",
                error="an allegation that alleges a transfer names its beneficiary_ids "
                "(who received it)",
            )
        )
    if table.name == "statements":  # a joint statement lists the other parties and speakers
        for f, first, why in (
            ("joint_actor_ids", "actor_id", "names the statement's own actor_id"),
            ("joint_speaker_ids", "speaker_id", "names speaker_id itself, or comes without one"),
        ):
            checks.append(
                pa.Check(
                    _guarded(lambda df, f=f, first=first: names_others(df[f], df[first], f)),
                    name=f"joint_names_others:{f}",
                    error=f"{why}: list only the others who made the utterance with {first}",
                )
            )
    if table.name == "events":
        checks.append(
            pa.Check(
                _guarded(
                    lambda df: (
                        ~df["kind"].isin(MILESTONE_EVENT_KINDS) | df["partnership_id"].notna()
                    )
                ),
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
    for f in table.fields:
        if (
            f.type == "id"
            and f.name != table.primary_key
            and (table.name in f.references or "*" in f.references)
        ):
            checks.append(
                pa.Check(
                    _guarded(lambda df, f=f.name: df[f].isna() | (df[f] != df[table.primary_key])),
                    name=f"no_self_reference:{f.name}",
                    error=f"{f.name} names the record itself",
                )
            )
    if table.name == "partnerships":
        checks.append(
            pa.Check(
                _guarded(lambda df: ~in_cycle(df["partnership_id"], df["replaces_id"])),
                name="no_replacement_cycle:replaces_id",
                error="replacements go round in a circle: following replaces_id leads back here",
            )
        )
    if {"occurred", "reported"} <= names:
        checks.append(
            pa.Check(
                _guarded(reported_not_before),
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


def reported_not_before(df: pd.DataFrame) -> pd.Series:
    """Rule ``reported_after_occurred`` per row (validation and the audit both use it)."""
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
