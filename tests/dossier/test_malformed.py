"""A corpus of malformed dossiers: each gives its own clear error, and nothing else escapes.

Every case is the valid mini dossier (``tests/conftest.py``) written to a temp folder and then
broken in one way: a bad value, a bad column, a bad file (encoding, NUL byte, empty, too big,
a link out of the folder), bad CSV quoting, a bad ``datapackage.json``, a missing folder.
Loading must raise :class:`~analysis.DossierValidationError` naming the problem, never another
exception, and never return a dossier.

Decisions recorded here:

* A file with a header row and no records is an **empty table** and is valid (a table the
  dossier does not use yet); a file with no header row at all is refused.
* A UTF-8 byte-order mark at the start of a file (Excel writes one) is allowed and ignored.
* Blank lines between records are ignored; line numbers still count them.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from conftest import MINI, descriptor_for, write_tables
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import analysis.schema
from analysis import DossierValidationError, Issue, load_dossier
from analysis.schema import TABLES, table

Change = Callable[[Path], Path | None]


def issues_of(folder: Path) -> list[Issue]:
    with pytest.raises(DossierValidationError) as info:
        load_dossier(folder)
    return info.value.issues


# --- ways to break a dossier folder -------------------------------------------------------------


def set_cell(name: str, record_id: str, field: str, value: str) -> Change:
    """Rewrite table ``name`` with ``field`` of record ``record_id`` set to ``value``."""

    def change(folder: Path) -> None:
        file = folder / f"{name}.csv"
        rows = list(csv.DictReader(file.open(newline="", encoding="utf-8")))
        pk = table(name).primary_key
        hits = [row for row in rows if row[pk] == record_id]
        assert hits, f"no {record_id} in {name}"
        hits[0][field] = value
        with file.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=table(name).field_names)
            writer.writeheader()
            writer.writerows(rows)

    return change


def edit_text(name: str, old: str, new: str) -> Change:
    """Replace the first ``old`` with ``new`` in file ``name`` (text, UTF-8)."""

    def change(folder: Path) -> None:
        file = folder / name
        text = file.read_bytes().decode("utf-8")
        assert old in text, f"{old!r} not in {name}"
        file.write_bytes(text.replace(old, new, 1).encode("utf-8"))

    return change


def edit_bytes(name: str, edit: Callable[[bytes], bytes]) -> Change:
    def change(folder: Path) -> None:
        file = folder / name
        file.write_bytes(edit(file.read_bytes()))

    return change


def put(name: str, data: bytes) -> Change:
    def change(folder: Path) -> None:
        (folder / name).write_bytes(data)

    return change


def remove(name: str) -> Change:
    def change(folder: Path) -> None:
        (folder / name).unlink()

    return change


def link_outside(name: str) -> Change:
    """Replace ``name`` by a symlink to an identical copy outside the dossier folder."""

    def change(folder: Path) -> None:
        outside = folder.parent / f"outside-{name}"
        outside.write_bytes((folder / name).read_bytes())
        (folder / name).unlink()
        (folder / name).symlink_to(outside)

    return change


def dangling_link(name: str) -> Change:
    def change(folder: Path) -> None:
        (folder / name).unlink()
        (folder / name).symlink_to(folder / "nowhere.csv")

    return change


def directory_instead(name: str) -> Change:
    def change(folder: Path) -> None:
        (folder / name).unlink()
        (folder / name).mkdir()

    return change


def header_only(name: str) -> Change:
    """Write table ``name`` as its header row alone, listed in ``datapackage.json``."""

    def change(folder: Path) -> None:
        (folder / f"{name}.csv").write_text(",".join(table(name).field_names) + "\n")
        listed = {**MINI, name: []}
        (folder / "datapackage.json").write_text(json.dumps(descriptor_for(listed)))

    return change


def other_folder(kind: str) -> Change:
    """Load something other than the dossier folder: a missing path or a plain file."""

    def change(folder: Path) -> Path:
        target = folder.parent / f"not-a-dossier-{kind}"
        if kind == "file":
            target.write_text("source_id\n")
        return target

    return change


def header_of(name: str) -> str:
    return ",".join(table(name).field_names)


NOT_UTF8 = "is not UTF-8 text"
MINI_TITLED = json.dumps(descriptor_for(MINI, title="Mini", description="A test.")).encode()
DATE_RULE = "must be a date written YYYY, YYYY-MM or YYYY-MM-DD, optionally ending in ~"
# (change, expected): the exact list of issues (or the one issue); or (file, line, words): an
# issue at that line whose rule has those words, and no issue in any other file.
CORPUS = [
    # values
    pytest.param(
        set_cell("partnerships", "pt-x", "articles", "12.5"),
        Issue("partnerships.csv", 2, "pt-x", "articles", "12.5", "must be a whole number"),
        id="decimal-in-integer-field",
    ),
    pytest.param(
        set_cell("partnerships", "pt-x", "binding", "TRUE"),
        Issue("partnerships.csv", 2, "pt-x", "binding", "TRUE", "must be true or false"),
        id="boolean-in-capitals",
    ),
    pytest.param(
        set_cell("sources", "src-b", "reliability", "b"),
        Issue("sources.csv", 3, "src-b", "reliability", "b", "must be one of: A, B, C, D, E, F"),
        id="grade-in-lower-case",
    ),
    pytest.param(
        set_cell("obligations", "ob-x-1", "obligation_id", "\u043eb-x-1"),
        Issue(
            "obligations.csv",
            2,
            "\u043eb-x-1",
            "obligation_id",
            "\u043eb-x-1",
            "must be an id: letters, digits, '_', '.' or '-', at most 64 characters, "
            "starting with a letter or digit",
        ),
        id="id-with-cyrillic-lookalike",
    ),
    pytest.param(
        set_cell("events", "ev-sign", "actor_ids", "RUS,PRK"),
        Issue(
            "events.csv",
            2,
            "ev-sign",
            "actor_ids",
            "RUS,PRK",
            "each item must be an id (letters, digits, '_', '.', '-'), items separated by ';'",
        ),
        id="list-separated-by-commas",
    ),
    pytest.param(
        set_cell("actors", "RUS", "name", ""),
        Issue("actors.csv", 2, "RUS", "name", None, "a value is required"),
        id="required-value-empty",
    ),
    pytest.param(
        set_cell("events", "ev-force", "actor_ids", "RUS;UKR"),
        Issue(
            "events.csv",
            3,
            "ev-force",
            "actor_ids",
            "RUS;UKR",
            "names an id that is not in actors.csv: 'UKR'",
        ),
        id="unknown-reference-in-list",
    ),
    pytest.param(
        set_cell("statements", "st-2", "speaker_id", "lavrov"),
        Issue(
            "statements.csv",
            3,
            "st-2",
            "speaker_id",
            "lavrov",
            "names an id that is not in actors.csv: 'lavrov'",
        ),
        id="unknown-reference",
    ),
    pytest.param(
        edit_bytes("obligations.csv", lambda b: b + b.splitlines(keepends=True)[1]),
        [
            Issue(
                "obligations.csv",
                line,
                "ob-x-1",
                "obligation_id",
                "ob-x-1",
                "duplicate id: another row of this table has the same value",
            )
            for line in (2, 3)
        ],
        id="duplicate-row",
    ),
    pytest.param(
        set_cell("events", "ev-sign", "occurred", "19/06/2024"),
        Issue("events.csv", 2, "ev-sign", "occurred", "19/06/2024", DATE_RULE),
        id="date-as-a-spreadsheet-shows-it",
    ),
    pytest.param(
        set_cell("statements", "st-1", "reported", "2024-10-10 (approx.)"),
        Issue("statements.csv", 2, "st-1", "reported", "2024-10-10 (approx.)", DATE_RULE),
        id="date-with-words",
    ),
    pytest.param(
        set_cell("sources", "src-a", "published", "2023-02-29"),
        Issue("sources.csv", 2, "src-a", "published", "2023-02-29", "must be a real calendar date"),
        id="impossible-date-29-feb-2023",
    ),
    pytest.param(
        set_cell("sources", "src-a", "published", "0000"),
        Issue("sources.csv", 2, "src-a", "published", "0000", "must be a real calendar date"),
        id="year-zero",
    ),
    # columns and rows
    pytest.param(
        edit_text("actors.csv", ",role,", ","),
        ("actors.csv", 2, "row has 8 cells but the header has 7"),
        id="header-lost-a-column",
    ),
    pytest.param(
        edit_text("allegations.csv", ",notes", ",notes,extra"),
        ("allegations.csv", 2, "row has 8 cells but the header has 9"),
        id="header-gained-a-column",
    ),
    pytest.param(
        edit_text("obligations.csv", ",notes\r\n", "\r\n"),
        ("obligations.csv", 2, "row has 9 cells but the header has 8"),
        id="missing-column-in-header-only",
    ),
    pytest.param(
        edit_text("allegations.csv", ",notes", ",notes,"),
        Issue(
            "allegations.csv",
            1,
            None,
            None,
            None,
            "column 9 of the header has no name (a stray comma?)",
        ),
        id="header-with-trailing-comma",
    ),
    pytest.param(
        edit_text("actors.csv", ",notes", ",name"),
        Issue("actors.csv", 1, None, "name", None, "column appears more than once"),
        id="duplicate-column",
    ),
    pytest.param(
        edit_text("statements.csv", "Fake news.", "Fake, news."),
        Issue("statements.csv", 3, "st-2", None, None, "row has 17 cells but the header has 16"),
        id="unquoted-comma-in-a-cell",
    ),
    pytest.param(
        edit_bytes("actors.csv", lambda b: b"\n" + b),
        Issue(
            "actors.csv",
            1,
            None,
            None,
            None,
            "has no header row: the first line must name the columns",
        ),
        id="blank-first-line",
    ),
    pytest.param(
        remove("statements.csv"),
        Issue(
            "statements.csv",
            None,
            None,
            None,
            None,
            "required table is missing: add the file with its header row",
        ),
        id="missing-table",
    ),
    # CSV quoting
    pytest.param(
        edit_text("actors.csv", "Russia", '"Russia'),
        Issue(
            "actors.csv",
            2,
            None,
            None,
            None,
            "is not valid CSV: a quoted cell in the row starting on line 2 is never "
            "closed (unexpected end of data)",
        ),
        id="unbalanced-quote",
    ),
    pytest.param(
        edit_text("actors.csv", "South Korea", '"South" Korea'),
        Issue(
            "actors.csv",
            4,
            None,
            None,
            None,
            "is not valid CSV: text follows the closing quote of a quoted cell; "
            'a quote inside a quoted cell is written twice ("")',
        ),
        id="text-after-closing-quote",
    ),
    pytest.param(
        set_cell("sources", "src-a", "title", "x" * 140_000),
        ("sources.csv", 2, "is not valid CSV: a cell is longer than 131,072 characters"),
        id="cell-beyond-csv-field-limit",
    ),
    pytest.param(
        set_cell("sources", "src-b", "notes", "x" * 131_073),
        ("sources.csv", 3, "is not valid CSV: a cell is longer than 131,072 characters"),
        id="cell-one-beyond-csv-field-limit",
    ),
    pytest.param(
        lambda folder: (
            set_cell("sources", "src-a", "title", "Russia\nconfirms\nit")(folder),
            set_cell("sources", "src-b", "kind", "tabloid")(folder),
        )[0],
        Issue(
            "sources.csv",
            5,
            "src-b",
            "kind",
            "tabloid",
            "must be one of: official_statement, treaty_text, wire_or_newspaper, state_media, "
            "think_tank, aggregator, reference_work, blog_or_forum",
        ),
        id="quoted-newlines-keep-line-numbers",
    ),
    pytest.param(
        lambda folder: (
            edit_bytes("statements.csv", lambda b: b.replace(b"\r\n", b"\r\n\r\n"))(folder),
            set_cell("statements", "st-3", "credibility", "0")(folder),
        )[0],
        Issue("statements.csv", 4, "st-3", "credibility", "0", "must be one of: 1, 2, 3, 4, 5, 6"),
        id="blank-lines-are-skipped",
    ),
    # bytes and encodings
    pytest.param(
        edit_bytes("actors.csv", lambda b: b.replace(b"Russia", "Rüssia".encode("latin-1"))),
        ("actors.csv", 2, "is not UTF-8 text (byte 0xfc at offset "),
        id="latin-1-bytes",
    ),
    pytest.param(
        edit_bytes("actors.csv", lambda b: b.decode("utf-8").encode("utf-16")),
        Issue(
            "actors.csv",
            1,
            None,
            None,
            None,
            "is UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8",
        ),
        id="utf-16-with-bom",
    ),
    pytest.param(
        edit_bytes("actors.csv", lambda b: b.decode("utf-8").encode("utf-16-le")),
        ("actors.csv", 1, "contains a NUL byte: not a text file"),
        id="utf-16-without-bom",
    ),
    pytest.param(
        edit_bytes("events.csv", lambda b: b.replace(b"Signed.", b"Sig\x00ned.")),
        Issue("events.csv", 2, None, None, None, "contains a NUL byte: not a text file"),
        id="nul-byte",
    ),
    pytest.param(
        put("actors.csv", b""),
        Issue("actors.csv", None, None, None, None, "is empty: it needs at least a header row"),
        id="empty-file",
    ),
    pytest.param(
        put("actors.csv", b"\xff\xd8\xff\xe0\x00\x10JFIF"),
        Issue(
            "actors.csv",
            1,
            None,
            None,
            None,
            "is not UTF-8 text (byte 0xff at offset 0); save it as UTF-8",
        ),
        id="jpeg-renamed-csv",
    ),
    # what the folder holds
    pytest.param(
        link_outside("sources.csv"),
        Issue(
            "sources.csv",
            None,
            None,
            None,
            None,
            "is a link to a file outside the dossier folder; refusing to read it",
        ),
        id="symlink-outside-the-folder",
    ),
    pytest.param(
        dangling_link("events.csv"),
        Issue("events.csv", None, None, None, None, "is not a regular file"),
        id="dangling-symlink",
    ),
    pytest.param(
        directory_instead("actors.csv"),
        Issue("actors.csv", None, None, None, None, "is not a regular file"),
        id="directory-named-like-a-table",
    ),
    pytest.param(
        put("datapackage.json", b'{"title": "x",}'),
        Issue(
            "datapackage.json",
            1,
            None,
            None,
            None,
            "is not valid JSON: Expecting property name enclosed in double quotes (column 15)",
        ),
        id="datapackage-not-json",
    ),
    pytest.param(
        put("datapackage.json", b'["a list"]'),
        Issue("datapackage.json", None, None, None, None, "must be a JSON object"),
        id="datapackage-not-an-object",
    ),
    pytest.param(
        put("datapackage.json", b"[" * 100_000 + b"]" * 100_000),
        Issue("datapackage.json", None, None, None, None, "is not valid JSON: nested too deeply"),
        id="datapackage-nested-too-deeply",
    ),
    pytest.param(
        put("datapackage.json", '{"title": "é"}'.encode("latin-1")),
        ("datapackage.json", 1, NOT_UTF8),
        id="datapackage-not-utf8",
    ),
    pytest.param(
        other_folder("missing"),
        ("not-a-dossier-missing", None, "dossier folder does not exist or is not a"),
        id="folder-that-does-not-exist",
    ),
    pytest.param(
        other_folder("file"),
        ("not-a-dossier-file", None, "dossier folder does not exist or is not a folder"),
        id="file-instead-of-folder",
    ),
]


@pytest.mark.parametrize(("change", "expected"), CORPUS)
def test_malformed_dossier_gives_its_specific_error(tmp_path, change, expected):
    folder = write_tables(tmp_path / "d", MINI)
    target = change(folder) or folder
    issues = issues_of(target)
    if isinstance(expected, Issue):
        assert issues == [expected]
    elif isinstance(expected, list):
        assert issues == expected
    else:
        file, line, words = expected
        assert {Path(issue.file).name for issue in issues} == {file}, issues
        assert any(issue.line == line and words in issue.rule for issue in issues), issues


@pytest.mark.parametrize("module_limit", [131_072, 2**31 - 1], ids=["default", "raised"])
def test_cell_limit_does_not_depend_on_the_csv_module_state(mini_dir, module_limit):
    """Importing frictionless or followthemoney raises csv's process-wide limit: no matter."""
    set_cell("sources", "src-a", "title", "x" * 140_000)(mini_dir)
    before = csv.field_size_limit(module_limit)
    try:
        issues = issues_of(mini_dir)
    finally:
        csv.field_size_limit(before)
    assert [(i.file, i.line, i.rule) for i in issues] == [
        ("sources.csv", 2, "is not valid CSV: a cell is longer than 131,072 characters")
    ]


def test_file_above_the_size_limit_is_refused_unread(mini_dir, monkeypatch):
    size = (mini_dir / "statements.csv").stat().st_size
    monkeypatch.setattr(analysis.schema, "MAX_FILE_BYTES", size - 1)
    issues = [i for i in issues_of(mini_dir) if i.file == "statements.csv"]
    assert issues == [
        Issue(
            "statements.csv",
            None,
            None,
            None,
            None,
            f"is {size:,} bytes, above the limit of {size - 1:,} bytes; refusing to read it",
        )
    ]


def test_file_at_the_size_limit_is_read(mini_dir, monkeypatch):
    largest = max(f.stat().st_size for f in mini_dir.iterdir())
    monkeypatch.setattr(analysis.schema, "MAX_FILE_BYTES", largest)
    assert len(load_dossier(mini_dir).statements) == 3


def test_size_limit_message_in_mebibytes(mini_dir, monkeypatch):
    monkeypatch.setattr(analysis.schema, "MAX_FILE_BYTES", 1024)
    (mini_dir / "datapackage.json").write_bytes(b" " * (3 * 2**20) + b"{}")
    assert Issue(
        "datapackage.json",
        None,
        None,
        None,
        None,
        "is 3.0 MiB, above the limit of 1,024 bytes; refusing to read it",
    ) in issues_of(mini_dir)


# --- odd but valid ------------------------------------------------------------------------------

VALID = [
    pytest.param(edit_bytes("actors.csv", lambda b: b"\xef\xbb\xbf" + b), id="utf-8-bom"),
    pytest.param(header_only("disputes"), id="header-only-optional-table"),
    pytest.param(header_only("obligations"), id="header-only-required-table"),
    pytest.param(edit_bytes("events.csv", lambda b: b.replace(b"\r\n", b"\n")), id="lf-endings"),
    pytest.param(edit_bytes("events.csv", lambda b: b.replace(b"\r\n", b"\r")), id="cr-endings"),
    pytest.param(edit_bytes("events.csv", lambda b: b.rstrip(b"\r\n")), id="no-final-newline"),
    pytest.param(
        edit_bytes("events.csv", lambda b: b + b"\r\n\r\n,,,,,,,,,,,\r\n"),
        id="trailing-blank-and-empty-rows",
    ),
    pytest.param(
        edit_text("actors.csv", "RUS,Russia,state", " RUS , Russia ,state"),
        id="spaces-around-cells",
    ),
    pytest.param(
        set_cell("actors", "RUS", "notes", 'He said "no", twice;\nthen left.'),
        id="quotes-commas-newlines-in-a-quoted-cell",
    ),
    pytest.param(
        put("datapackage.json", MINI_TITLED),
        id="datapackage-with-title",
    ),
    pytest.param(put("README.md", b"\x00\xff not a table"), id="undeclared-files-are-ignored"),
]


@pytest.mark.parametrize("change", VALID)
def test_odd_but_valid_dossier_loads(tmp_path, change):
    folder = write_tables(tmp_path / "d", MINI)
    change(folder)
    dossier = load_dossier(folder)
    assert dossier.actors["actor_id"].tolist() == ["RUS", "PRK", "KOR", "peskov"]
    assert dossier.actors["name"].iloc[0] == "Russia"


def test_header_only_table_is_an_empty_typed_table(tmp_path):
    folder = write_tables(tmp_path / "d", MINI)
    header_only("obligations")(folder)
    obligations = load_dossier(folder).obligations
    assert len(obligations) == 0
    assert {"obligation_id", "presence", "source_ids"} <= set(obligations.columns)
    assert str(obligations["presence"].dtype) == "category"


def test_quoted_cell_keeps_its_text(tmp_path):
    folder = write_tables(tmp_path / "d", MINI)
    set_cell("actors", "RUS", "notes", 'He said "no", twice;\nthen left.')(folder)
    assert load_dossier(folder).actors["notes"].iloc[0] == 'He said "no", twice;\nthen left.'


def test_datapackage_title_is_used(tmp_path):
    folder = write_tables(tmp_path / "d", MINI)
    put("datapackage.json", MINI_TITLED)(folder)
    dossier = load_dossier(folder)
    assert (dossier.title, dossier.description) == ("Mini", "A test.")


# --- property-based: whatever the input, only DossierValidationError escapes ----------------------

CELLS = [
    (name, i, f.name)
    for name, rows in MINI.items()
    for i in range(len(rows))
    for f in table(name).fields
]
TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
TRICKY = st.sampled_from(
    [
        "",
        " ",
        "~",
        "2024-",
        "2024-00",
        "2024-1-1",
        "2024~~",
        "-1",
        "99999999999999999999",
        "RUS;",
        ";",
        "RUS;;PRK",
        "true ",
        "A;B",
        "NaN",
        "None",
        "null",
        "\ufeff",
        "0x10",
        "1e3",
        "2024-06-19~",
        "١٢",
    ]
)
SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def load_or_issues(folder: Path):
    """Load ``folder``; return the dossier or the issues. Any other exception fails the test."""
    try:
        return load_dossier(folder)
    except DossierValidationError as exc:
        assert exc.issues, "an error with no issues"
        for issue in exc.issues:
            assert issue.file and isinstance(issue.file, str), issue
            assert issue.rule and isinstance(issue.rule, str), issue
            assert issue.line is None or issue.line >= 1, issue
        return exc.issues


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(CELLS), st.one_of(TEXT, TRICKY)), min_size=1, max_size=4))
def test_random_cell_changes_load_or_raise_only_validation_errors(changes):
    tables = {name: [dict(row) for row in rows] for name, rows in MINI.items()}
    for (name, i, field), value in changes:
        tables[name][i][field] = value
    with tempfile.TemporaryDirectory() as tmp:
        load_or_issues(write_tables(Path(tmp) / "d", tables))


NOTES = [
    (name, i)
    for name, rows in MINI.items()
    for i in range(len(rows))
    if "notes" in table(name).field_names
]
ANY_TEXT = st.text(
    st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=300
)


@settings(SETTINGS, max_examples=25)
@given(st.dictionaries(st.sampled_from(NOTES), ANY_TEXT, min_size=1, max_size=4))
def test_any_unicode_text_round_trips_through_a_text_field(notes):
    """Text fields take any Unicode but NUL; what is loaded is the text, stripped. Text with
    nothing visible in it (only control, format or space characters) is refused."""
    tables = {n: [dict(row) for row in rows] for n, rows in MINI.items()}
    for (name, i), text in notes.items():
        tables[name][i]["notes"] = text
    blank = [
        t
        for t in notes.values()
        if t.strip() and all(unicodedata.category(c)[0] in "CZ" for c in t.strip())
    ]
    with tempfile.TemporaryDirectory() as tmp:
        if blank:
            with pytest.raises(DossierValidationError, match="must hold a visible character"):
                load_dossier(write_tables(Path(tmp) / "d", tables))
            return
        dossier = load_dossier(write_tables(Path(tmp) / "d", tables))
    for (name, i), text in notes.items():
        loaded = dossier.table(name)["notes"].iloc[i]
        if text.strip():
            assert loaded == text.strip()
        else:
            assert pd.isna(loaded)


@SETTINGS
@given(
    st.sampled_from([t.filename for t in TABLES] + ["datapackage.json"]),
    st.one_of(
        st.binary(max_size=300),
        TEXT.map(lambda s: s.encode("utf-8", "surrogatepass")),
        st.sampled_from(
            [b"\xef\xbb\xbf", b"\xff\xfe", b'"', b"\r", b"\n\n", b",", b"{}", b"null", b'"\n']
        ),
    ),
)
def test_random_bytes_in_any_file_raise_only_validation_errors(filename, data):
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_tables(Path(tmp) / "d", MINI)
        (folder / filename).write_bytes(data)
        result = load_or_issues(folder)
    if isinstance(result, list):
        assert {os.path.basename(i.file) for i in result} <= {t.filename for t in TABLES} | {
            "datapackage.json"
        }


@SETTINGS
@given(
    st.sampled_from([f"{name}.csv" for name in MINI]),
    st.integers(min_value=0),
    st.binary(min_size=1, max_size=8),
)
def test_random_bytes_spliced_into_a_table_raise_only_validation_errors(filename, at, data):
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_tables(Path(tmp) / "d", MINI)
        file = folder / filename
        old = file.read_bytes()
        at %= len(old) + 1
        file.write_bytes(old[:at] + data + old[at:])
        load_or_issues(folder)
