"""One bad input per validation rule, each asserting the exact issue it yields.

Every case starts from the valid mini dossier (``tests/conftest.py``), changes one thing, and
checks the whole list of issues: file, line (the header is line 1), record id, field, value and
the rule's wording. The wording is part of the contract: change it here and in the code together.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import write_tables

from analysis import DossierValidationError, Issue, load_dossier
from analysis.cli import main
from analysis.schema import TABLES, table

Tables = dict[str, list[dict[str, str]]]

ID_RULE = (
    "must be an id: letters, digits, '_', '.' or '-', at most 64 characters, "
    "starting with a letter or digit"
)
DATE_RULE = "must be a date written YYYY, YYYY-MM or YYYY-MM-DD, optionally ending in ~"
URL_RULE = "must be an http:// or https:// address with no spaces or quotes"


def issues_of(folder: Path) -> list[Issue]:
    """The issues ``load_dossier(folder)`` raises (the test fails if it loads)."""
    with pytest.raises(DossierValidationError) as info:
        load_dossier(folder)
    return info.value.issues


def setting(name: str, row: int, field: str, value: str) -> Callable[[Tables], None]:
    """A change: set ``field`` of row ``row`` of table ``name`` to ``value``."""

    def change(tables: Tables) -> None:
        tables[name][row][field] = value

    return change


def adding(name: str, /, **row: str) -> Callable[[Tables], None]:
    """A change: append ``row`` to table ``name``."""

    def change(tables: Tables) -> None:
        tables.setdefault(name, []).append(row)

    return change


def copying(name: str, row: int, /, **changes: str) -> Callable[[Tables], None]:
    """A change: append a copy of row ``row`` of table ``name`` with ``changes``."""

    def change(tables: Tables) -> None:
        tables[name].append({**tables[name][row], **changes})

    return change


NEW_PERSON = dict(name="Someone", kind="person", alignment="neutral_or_mixed", source_ids="src-a")

# (change, expected issues); line numbers count the header as line 1.
ROW_CASES = [
    pytest.param(
        setting("partnerships", 0, "articles", "twelve"),
        [Issue("partnerships.csv", 2, "pt-x", "articles", "twelve", "must be a whole number")],
        id="integer-not-a-number",
    ),
    pytest.param(
        setting("partnerships", 0, "articles", "٢٣"),
        [Issue("partnerships.csv", 2, "pt-x", "articles", "٢٣", "must be a whole number")],
        id="integer-in-non-ascii-digits",
    ),
    pytest.param(
        setting("partnerships", 0, "articles", "0"),
        [Issue("partnerships.csv", 2, "pt-x", "articles", "0", "must be between 1 and 1000")],
        id="integer-below-minimum",
    ),
    pytest.param(
        setting("partnerships", 0, "binding", "yes"),
        [Issue("partnerships.csv", 2, "pt-x", "binding", "yes", "must be true or false")],
        id="boolean-not-true-or-false",
    ),
    pytest.param(
        setting("sources", 0, "title", ""),
        [Issue("sources.csv", 2, "src-a", "title", None, "a value is required")],
        id="required-value-missing",
    ),
    pytest.param(
        setting("sources", 1, "title", "   "),
        [Issue("sources.csv", 3, "src-b", "title", None, "a value is required")],
        id="required-value-only-spaces",
    ),
    pytest.param(
        copying("sources", 1, title="Another title"),
        [
            Issue(
                "sources.csv",
                3,
                "src-b",
                "source_id",
                "src-b",
                "duplicate id: another row of this table has the same value",
            ),
            Issue(
                "sources.csv",
                4,
                "src-b",
                "source_id",
                "src-b",
                "duplicate id: another row of this table has the same value",
            ),
        ],
        id="duplicate-id-in-a-table",
    ),
    pytest.param(
        adding("actors", actor_id="ev-sign", **NEW_PERSON),
        [
            Issue(
                "actors.csv",
                6,
                "ev-sign",
                "actor_id",
                "ev-sign",
                "id is already used by a record in events.csv",
            ),
            Issue(
                "events.csv",
                2,
                "ev-sign",
                "event_id",
                "ev-sign",
                "id is already used by a record in actors.csv",
            ),
        ],
        id="id-used-in-two-tables",
    ),
    pytest.param(
        setting("obligations", 0, "obligation_id", "ob x 1"),
        [Issue("obligations.csv", 2, "ob x 1", "obligation_id", "ob x 1", ID_RULE)],
        id="id-with-spaces",
    ),
    pytest.param(
        setting("obligations", 0, "obligation_id", "o" * 65),
        [Issue("obligations.csv", 2, "o" * 65, "obligation_id", "o" * 65, ID_RULE)],
        id="id-too-long",
    ),
    pytest.param(
        setting("statements", 0, "actor_id", "FRA"),
        [
            Issue(
                "statements.csv",
                2,
                "st-1",
                "actor_id",
                "FRA",
                "names an id that is not in actors.csv: 'FRA'",
            )
        ],
        id="unknown-referenced-id",
    ),
    pytest.param(
        setting("actors", 3, "affiliation_id", "KREMLIN"),
        [
            Issue(
                "actors.csv",
                5,
                "peskov",
                "affiliation_id",
                "KREMLIN",
                "names an id that is not in actors.csv: 'KREMLIN'",
            )
        ],
        id="unknown-id-in-own-table",
    ),
    pytest.param(
        setting("partnerships", 0, "parties", "RUS;XYZ;PRK"),
        [
            Issue(
                "partnerships.csv",
                2,
                "pt-x",
                "parties",
                "RUS;XYZ;PRK",
                "names an id that is not in actors.csv: 'XYZ'",
            )
        ],
        id="unknown-id-inside-a-list",
    ),
    pytest.param(
        setting("events", 1, "source_ids", "src-a;src-zz;src-yy"),
        [
            Issue(
                "events.csv",
                3,
                "ev-force",
                "source_ids",
                "src-a;src-zz;src-yy",
                "names an id that is not in sources.csv: 'src-zz', 'src-yy'",
            )
        ],
        id="two-unknown-ids-inside-a-list",
    ),
    pytest.param(
        setting("allegations", 0, "accused_ids", "UKR;North Korea"),
        [
            Issue(
                "allegations.csv",
                2,
                "al-troops",
                "accused_ids",
                "UKR;North Korea",
                "each item must be an id (letters, digits, '_', '.', '-'), items separated by ';'",
            ),
            Issue(
                "allegations.csv",
                2,
                "al-troops",
                "accused_ids",
                "UKR;North Korea",
                "names an id that is not in actors.csv: 'UKR'",
            ),
        ],
        id="list-item-not-an-id",
    ),
    pytest.param(
        adding(
            "disputes",
            dispute_id="dp-1",
            record_id="ev-nope",
            field="occurred",
            alternative="2024-06-20",
            source_ids="src-a",
        ),
        [
            Issue(
                "disputes.csv",
                2,
                "dp-1",
                "record_id",
                "ev-nope",
                "names an id that is not in any table of the dossier: 'ev-nope'",
            )
        ],
        id="unknown-id-in-any-table",
    ),
    pytest.param(
        adding(
            "ach_ratings",
            rating_id="ach-1",
            hypothesis_id="hy-1",
            evidence_id="st-9",
            consistency="C",
            rationale="Because.",
        ),
        [
            Issue(
                "ach_ratings.csv",
                2,
                "ach-1",
                "evidence_id",
                "st-9",
                "names an id that is not in statements.csv or events.csv or obligations.csv: "
                "'st-9'",
            ),
            Issue(
                "ach_ratings.csv",
                2,
                "ach-1",
                "hypothesis_id",
                "hy-1",
                "names an id that is not in hypotheses.csv: 'hy-1'",
            ),
        ],
        id="unknown-id-in-one-of-several-tables",
    ),
    pytest.param(
        setting("actors", 0, "kind", "country"),
        [
            Issue(
                "actors.csv",
                2,
                "RUS",
                "kind",
                "country",
                "must be one of: state, bloc, organisation, person, media, think_tank",
            )
        ],
        id="value-outside-vocabulary",
    ),
    pytest.param(
        setting("statements", 1, "stance", "Denies"),
        [
            Issue(
                "statements.csv",
                3,
                "st-2",
                "stance",
                "Denies",
                "must be one of: alleges, denies, confirms, partly_acknowledges, "
                "declines_to_comment, comments",
            )
        ],
        id="vocabulary-is-case-sensitive",
    ),
    pytest.param(
        setting("sources", 0, "reliability", "G"),
        [Issue("sources.csv", 2, "src-a", "reliability", "G", "must be one of: A, B, C, D, E, F")],
        id="reliability-grade-G",
    ),
    pytest.param(
        setting("statements", 0, "credibility", "7"),
        [
            Issue(
                "statements.csv", 2, "st-1", "credibility", "7", "must be one of: 1, 2, 3, 4, 5, 6"
            )
        ],
        id="credibility-7",
    ),
    pytest.param(
        setting("statements", 0, "occurred", "10/2024"),
        [Issue("statements.csv", 2, "st-1", "occurred", "10/2024", DATE_RULE)],
        id="bad-date-format",
    ),
    pytest.param(
        setting("sources", 1, "published", "2024-10-10T12:00"),
        [Issue("sources.csv", 3, "src-b", "published", "2024-10-10T12:00", DATE_RULE)],
        id="date-with-time",
    ),
    pytest.param(
        setting("sources", 1, "published", "٢٠٢٤"),
        [Issue("sources.csv", 3, "src-b", "published", "٢٠٢٤", DATE_RULE)],
        id="date-in-non-ascii-digits",
    ),
    pytest.param(
        setting("events", 0, "occurred", "2024-02-30"),
        [
            Issue(
                "events.csv", 2, "ev-sign", "occurred", "2024-02-30", "must be a real calendar date"
            )
        ],
        id="impossible-date-2024-02-30",
    ),
    pytest.param(
        setting("sources", 0, "published", "2025-13"),
        [Issue("sources.csv", 2, "src-a", "published", "2025-13", "must be a real calendar date")],
        id="impossible-month-13",
    ),
    pytest.param(
        setting("statements", 2, "reported", "2025-04-25"),
        [
            Issue(
                "statements.csv",
                4,
                "st-3",
                "reported",
                "2025-04-25",
                "reported before it occurred (reported must not be earlier than occurred)",
            )
        ],
        id="reported-before-occurred",
    ),
    pytest.param(
        copying(
            "events",
            0,
            event_id="ev-rat",
            kind="ratification",
            occurred="2024-06-01",
            reported="2024-06-20",
            actor_ids="RUS",
        ),
        [
            Issue(
                "events.csv",
                4,
                "ev-rat",
                "occurred",
                "2024-06-01",
                "ratification is dated before pt-x was signed (2024-06-19)",
            )
        ],
        id="ratification-before-signing",
    ),
    pytest.param(
        setting("events", 1, "occurred", "2024-06-01"),
        [
            Issue(
                "events.csv",
                3,
                "ev-force",
                "occurred",
                "2024-06-01",
                "entry into force is dated before pt-x was signed (2024-06-19)",
            )
        ],
        id="entry-into-force-before-signing",
    ),
    pytest.param(
        copying(
            "events",
            0,
            event_id="ev-end",
            kind="termination",
            occurred="2024-07-01",
            reported="2024-07-01",
        ),
        [
            Issue(
                "events.csv",
                4,
                "ev-end",
                "occurred",
                "2024-07-01",
                "termination is dated before pt-x entered into force (2024-12-04)",
            )
        ],
        id="termination-before-entry-into-force",
    ),
    pytest.param(
        adding(
            "actors",
            actor_id="Iran",
            name="Iran",
            kind="state",
            alignment="russia_and_partners",
            source_ids="src-a",
        ),
        [
            Issue(
                "actors.csv",
                6,
                "Iran",
                "actor_id",
                "Iran",
                "a state's id must be an ISO 3166-1 alpha-3 code, current or historic (RUS, IRN, "
                "SUN), or user-assigned for a fictional state (AAA-AAZ, QMA-QZZ, XAA-XZZ, "
                "ZZA-ZZZ): this is none of them",
            )
        ],
        id="state-id-not-ISO3",
    ),
    pytest.param(
        setting("statements", 0, "allegation_ids", ""),
        [
            Issue(
                "statements.csv",
                2,
                "st-1",
                "allegation_ids",
                None,
                "a statement that alleges, denies, confirms or partly acknowledges names at "
                "least one allegation in allegation_ids",
            )
        ],
        id="alleging-statement-without-allegation",
    ),
    pytest.param(
        setting("statements", 1, "allegation_ids", "al-troops;al-nope"),
        [
            Issue(
                "statements.csv",
                3,
                "st-2",
                "allegation_ids",
                "al-troops;al-nope",
                "names an id that is not in allegations.csv: 'al-nope'",
            )
        ],
        id="statement-names-an-unknown-allegation-in-its-list",
    ),
    pytest.param(
        setting("statements", 1, "allegation_ids", "al-troops;al-troops"),
        [
            Issue(
                "statements.csv",
                3,
                "st-2",
                "allegation_ids",
                "al-troops;al-troops",
                "lists the same id more than once",
            )
        ],
        id="statement-names-one-allegation-twice",
    ),
    pytest.param(
        setting("statements", 1, "allegation_ids", "al-troops;"),
        [
            Issue(
                "statements.csv",
                3,
                "st-2",
                "allegation_ids",
                "al-troops;",
                "has an empty item: ids are separated by single ';', with none before the first "
                "or after the last",
            )
        ],
        id="statement-allegation-list-with-a-trailing-separator",
    ),
    pytest.param(
        setting("events", 0, "partnership_id", ""),
        [
            Issue(
                "events.csv",
                2,
                "ev-sign",
                "partnership_id",
                None,
                "a signing, ratification, entry-into-force, termination or accession event "
                "needs a partnership_id",
            )
        ],
        id="signing-without-partnership",
    ),
    pytest.param(
        setting("partnerships", 0, "parties", "RUS"),
        [
            Issue(
                "partnerships.csv",
                2,
                "pt-x",
                "parties",
                "RUS",
                "must list at least 2 different ids",
            )
        ],
        id="partnership-with-one-party",
    ),
    pytest.param(
        setting("sources", 0, "url", "javascript:alert(1)"),
        [Issue("sources.csv", 2, "src-a", "url", "javascript:alert(1)", URL_RULE)],
        id="url-javascript",
    ),
    pytest.param(
        setting("sources", 0, "url", "data:text/html,<script>alert(1)</script>"),
        [
            Issue(
                "sources.csv",
                2,
                "src-a",
                "url",
                "data:text/html,<script>alert(1)</script>",
                URL_RULE,
            )
        ],
        id="url-data",
    ),
    pytest.param(
        setting("sources", 0, "url", "https://example.org/a b"),
        [Issue("sources.csv", 2, "src-a", "url", "https://example.org/a b", URL_RULE)],
        id="url-with-space",
    ),
    pytest.param(
        setting("sources", 0, "url", "https:///no-host"),
        [Issue("sources.csv", 2, "src-a", "url", "https:///no-host", URL_RULE)],
        id="url-without-host",
    ),
    pytest.param(
        setting("actors", 0, "name", "R" * 201),
        [Issue("actors.csv", 2, "RUS", "name", "R" * 201, "must be at most 200 characters")],
        id="text-too-long",
    ),
]


@pytest.mark.parametrize(("change", "expected"), ROW_CASES)
def test_each_rule_reports_its_exact_issue(tmp_path, mini_tables, change, expected):
    change(mini_tables)
    issues = issues_of(write_tables(tmp_path / "d", mini_tables))
    assert sorted(issues, key=str) == sorted(expected, key=str)


def test_text_at_exactly_max_length_is_valid(tmp_path, mini_tables):
    mini_tables["actors"][0]["name"] = "R" * table("actors").field("name").max_length
    dossier = load_dossier(write_tables(tmp_path / "d", mini_tables))
    assert dossier.actors["name"].iloc[0] == "R" * 200


# --- problems with a file or a column rather than a value --------------------------------------


def rewrite(file: Path, edit: Callable[[list[list[str]]], list[list[str]]]) -> None:
    """Rewrite CSV ``file`` with ``edit`` applied to its rows (header first)."""
    with open(file, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    with open(file, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(edit(rows))


def drop_column(name: str):
    def edit(rows: list[list[str]]) -> list[list[str]]:
        i = rows[0].index(name)
        return [row[:i] + row[i + 1 :] for row in rows]

    return edit


def add_column(name: str, value: str):
    def edit(rows: list[list[str]]) -> list[list[str]]:
        return [rows[0] + [name]] + [row + [value] for row in rows[1:]]

    return edit


def add_cell_to_row(line: int, value: str):
    def edit(rows: list[list[str]]) -> list[list[str]]:
        rows[line - 1] = rows[line - 1] + [value]
        return rows

    return edit


def rename_column(old: str, new: str):
    def edit(rows: list[list[str]]) -> list[list[str]]:
        rows[0] = [new if h == old else h for h in rows[0]]
        return rows

    return edit


FILE_CASES = [
    pytest.param(
        "obligations.csv",
        drop_column("notes"),
        [Issue("obligations.csv", None, None, "notes", None, "required column is missing")],
        id="missing-column",
    ),
    pytest.param(
        "sources.csv",
        add_column("colour", "red"),
        [
            Issue(
                "sources.csv",
                None,
                None,
                "colour",
                None,
                "unexpected column: not a field of this table (see docs/data-format.md)",
            )
        ],
        id="extra-column",
    ),
    pytest.param(
        "actors.csv",
        rename_column("alignment", "Alignment"),
        [
            Issue(
                "actors.csv",
                None,
                None,
                "Alignment",
                None,
                "unexpected column: not a field of this table (see docs/data-format.md); "
                "did you mean 'alignment'?",
            ),
            Issue("actors.csv", None, None, "alignment", None, "required column is missing"),
        ],
        id="column-names-are-case-sensitive",
    ),
    pytest.param(
        "actors.csv",
        rename_column("notes", "name"),
        [Issue("actors.csv", 1, None, "name", None, "column appears more than once")],
        id="duplicate-column",
    ),
    pytest.param(
        "actors.csv",
        add_cell_to_row(3, "extra"),
        [Issue("actors.csv", 3, "PRK", None, None, "row has 9 cells but the header has 8")],
        id="row-with-too-many-cells",
    ),
    pytest.param(
        "events.csv",
        lambda rows: rows[:2] + [rows[2][:5]],
        [Issue("events.csv", 3, "ev-force", None, None, "row has 5 cells but the header has 12")],
        id="row-with-too-few-cells",
    ),
]


@pytest.mark.parametrize(("filename", "edit", "expected"), FILE_CASES)
def test_each_file_rule_reports_its_exact_issue(mini_dir, filename, edit, expected):
    rewrite(mini_dir / filename, edit)
    assert sorted(issues_of(mini_dir), key=str) == sorted(expected, key=str)


@pytest.mark.parametrize("name", [t.name for t in TABLES if t.required])
def test_missing_required_table(mini_dir, name):
    (mini_dir / f"{name}.csv").unlink()
    issues = issues_of(mini_dir)
    assert (
        Issue(
            f"{name}.csv",
            None,
            None,
            None,
            None,
            "required table is missing: add the file with its header row",
        )
        in issues
    )


@pytest.mark.parametrize("name", [t.name for t in TABLES if not t.required])
def test_optional_table_may_be_absent(mini_dir, name):
    assert not (mini_dir / f"{name}.csv").exists()
    assert len(load_dossier(mini_dir).table(name)) == 0


# --- every problem at once, and nothing returned ------------------------------------------------

FIVE_PROBLEMS = [
    Issue("sources.csv", 2, "src-a", "reliability", "G", "must be one of: A, B, C, D, E, F"),
    Issue(
        "actors.csv",
        5,
        "peskov",
        "kind",
        "human",
        "must be one of: state, bloc, organisation, person, media, think_tank",
    ),
    Issue("partnerships.csv", 2, "pt-x", "articles", "twelve", "must be a whole number"),
    Issue(
        "statements.csv",
        2,
        "st-1",
        "actor_id",
        "FRA",
        "names an id that is not in actors.csv: 'FRA'",
    ),
    Issue("events.csv", 3, "ev-force", "occurred", "2024-02-30", "must be a real calendar date"),
]


def test_every_problem_is_reported_at_once(tmp_path, mini_tables):
    for issue in FIVE_PROBLEMS:
        name = issue.file.removesuffix(".csv")
        row = issue.line - 2
        mini_tables[name][row][issue.field] = issue.value
    folder = write_tables(tmp_path / "d", mini_tables)
    with pytest.raises(DossierValidationError) as info:
        load_dossier(folder)
    assert info.value.issues == FIVE_PROBLEMS  # in table order, then line order
    assert str(info.value) == "\n".join(
        [
            f"5 problems in dossier {folder.resolve()}:",
            "  sources.csv:2 [src-a] reliability='G': must be one of: A, B, C, D, E, F",
            "  actors.csv:5 [peskov] kind='human': must be one of: state, bloc, organisation, "
            "person, media, think_tank",
            "  partnerships.csv:2 [pt-x] articles='twelve': must be a whole number",
            "  statements.csv:2 [st-1] actor_id='FRA': "
            "names an id that is not in actors.csv: 'FRA'",
            "  events.csv:3 [ev-force] occurred='2024-02-30': must be a real calendar date",
        ]
    )


def test_a_bad_optional_table_fails_the_whole_load(tmp_path, mini_tables):
    """No partial dossier: a bad row in an optional table is not dropped, the load fails."""
    mini_tables["hypotheses"] = [
        {
            "hypothesis_id": "hy-1",
            "partnership_id": "pt-x",
            "label": "Deterrence",
            "statement": "It deters.",
            "source_ids": "src-a",
        },
        {
            "hypothesis_id": "hy-2",
            "partnership_id": "pt-nope",
            "label": "Show",
            "statement": "It is for show.",
            "source_ids": "src-a",
        },
    ]
    folder = write_tables(tmp_path / "d", mini_tables)
    result = None
    with pytest.raises(DossierValidationError) as info:
        result = load_dossier(folder)
    assert result is None
    assert info.value.path == str(folder.resolve())
    assert info.value.issues == [
        Issue(
            "hypotheses.csv",
            3,
            "hy-2",
            "partnership_id",
            "pt-nope",
            "names an id that is not in partnerships.csv: 'pt-nope'",
        )
    ]
    assert isinstance(info.value, ValueError)


def test_issue_text_cuts_long_values_and_shows_empty_ones():
    long = Issue("actors.csv", 2, "RUS", "name", "R" * 201, "must be at most 200 characters")
    assert str(long) == f"actors.csv:2 [RUS] name='{'R' * 77}...': must be at most 200 characters"
    empty = Issue("sources.csv", 2, "src-a", "title", None, "a value is required")
    assert str(empty) == "sources.csv:2 [src-a] title='': a value is required"
    whole_file = Issue("events.csv", None, None, None, None, "required table is missing")
    assert str(whole_file) == "events.csv: required table is missing"


# --- the command line ---------------------------------------------------------------------------


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "analysis", "validate", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def bad_dir(tmp_path, mini_tables) -> Path:
    mini_tables["sources"][0]["reliability"] = "G"
    mini_tables["statements"][0]["actor_id"] = "FRA"
    return write_tables(tmp_path / "bad", mini_tables)


def test_cli_prints_every_problem_and_exits_1(bad_dir):
    result = run_cli(str(bad_dir))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"2 problems in dossier {bad_dir.resolve()}:\n"
        "  sources.csv:2 [src-a] reliability='G': must be one of: A, B, C, D, E, F\n"
        "  statements.csv:2 [st-1] actor_id='FRA': names an id that is not in actors.csv: 'FRA'\n"
    )


def test_cli_json_lists_every_problem_as_a_record(bad_dir):
    result = run_cli(str(bad_dir), "--json")
    assert result.returncode == 1
    assert json.loads(result.stdout) == {
        "dossier": str(bad_dir.resolve()),
        "valid": False,
        "errors": [
            {
                "file": "sources.csv",
                "line": 2,
                "record_id": "src-a",
                "field": "reliability",
                "value": "G",
                "rule": "must be one of: A, B, C, D, E, F",
            },
            {
                "file": "statements.csv",
                "line": 2,
                "record_id": "st-1",
                "field": "actor_id",
                "value": "FRA",
                "rule": "names an id that is not in actors.csv: 'FRA'",
            },
        ],
    }


MINI_COUNTS = {
    "sources": 2,
    "actors": 4,
    "partnerships": 1,
    "obligations": 1,
    "allegations": 1,
    "statements": 3,
    "events": 2,
    "disputes": 0,
    "hypotheses": 0,
    "ach_ratings": 0,
    "publishers": 0,
}


def test_cli_exits_0_and_prints_counts(mini_dir):
    result = run_cli(str(mini_dir))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"mini ({mini_dir.resolve()})"
    assert lines[-1] == "valid: no problems found"
    assert [line.split() for line in lines[1:-1]] == [[k, str(v)] for k, v in MINI_COUNTS.items()]


def test_cli_json_gives_counts(mini_dir):
    result = run_cli(str(mini_dir), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "dossier": str(mini_dir.resolve()),
        "valid": True,
        "title": "mini",
        "counts": MINI_COUNTS,
    }


def test_cli_reports_a_missing_folder(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "nowhere"), "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["errors"] == [
        {
            "file": str(tmp_path / "nowhere"),
            "line": None,
            "record_id": None,
            "field": None,
            "value": None,
            "rule": "dossier folder does not exist or is not a folder",
        }
    ]
