"""The malformed corpus, class by class: every bad dossier gets the project's own error.

Each case is the valid mini dossier (``tests/conftest.py``, written with its
``datapackage.json``) broken in one way, and asserts the exact lines of the error: file, line,
record, field, value (invisible and look-alike characters escaped and named) and rule. The
classes are those of issue 13: exceptions that used to escape, input that used to hang, the
descriptor, list cells, problems in several files at once, unclear messages, output hazards on
the command line, and the decisions on arguable input (documented in docs/data-format.md).
Only the public API is used: :func:`analysis.load_dossier` and ``python -m analysis validate``.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import MINI, descriptor_for, write_tables
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import DossierValidationError, load_dossier

Change = Callable[[Path], "Path | None"]
ID_RULE = "each item must be an id (letters, digits, '_', '.', '-'), items separated by ';'"
EMPTY_ITEM = (
    "has an empty item: ids are separated by single ';', with none before the first or after "
    "the last"
)
UNEXPECTED = "unexpected column: not a field of this table (see docs/data-format.md)"
VISIBLE = (
    "must hold a visible character, not only invisible ones (zero-width spaces, byte-order "
    "marks, control characters)"
)


def problems(folder: Path) -> list[str]:
    """The lines of the error ``load_dossier(folder)`` raises (the test fails if it loads)."""
    with pytest.raises(DossierValidationError) as info:
        load_dossier(folder)
    lines = str(info.value).splitlines()
    assert lines[0].endswith(":") and " in dossier " in lines[0]
    return [line.removeprefix("  ") for line in lines[1:]]


# --- ways to break the mini dossier ---------------------------------------------------------------


def cell(name: str, row: int, field: str, value: str) -> Change:
    def change(folder: Path) -> None:
        tables = {n: [dict(r) for r in rows] for n, rows in MINI.items()}
        tables[name][row][field] = value
        write_tables(folder, tables)

    return change


def text(file: str, old: str, new: str) -> Change:
    def change(folder: Path) -> None:
        path = folder / file
        content = path.read_bytes().decode("utf-8")
        assert old in content, (old, file)
        path.write_bytes(content.replace(old, new, 1).encode("utf-8", "surrogatepass"))

    return change


def raw(file: str, data: bytes) -> Change:
    def change(folder: Path) -> None:
        (folder / file).write_bytes(data)

    return change


def package(**changes) -> Change:
    """Rewrite ``datapackage.json`` with top-level keys changed (``None`` removes one)."""

    def change(folder: Path) -> None:
        data = descriptor_for(MINI, title="Mini")
        for key, value in changes.items():
            if value is None:
                data.pop(key, None)
            else:
                data[key] = value
        (folder / "datapackage.json").write_text(json.dumps(data))

    return change


def resources(edit: Callable[[list[dict]], list[dict]]) -> Change:
    return package(resources=edit(descriptor_for(MINI)["resources"]))


def resource_path(name: str, path: str) -> Change:
    return resources(lambda rs: [{**r, "path": path} if r["name"] == name else r for r in rs])


def both(*changes: Change) -> Change:
    def change(folder: Path) -> None:
        for c in changes:
            c(folder)

    return change


def header(file: str, edit: Callable[[list[str]], list[str]]) -> Change:
    def change(folder: Path) -> None:
        path = folder / file
        first, rest = path.read_bytes().decode("utf-8").split("\r\n", 1)
        path.write_bytes((",".join(edit(first.split(","))) + "\r\n" + rest).encode("utf-8"))

    return change


def delimited(file: str, delimiter: str) -> Change:
    def change(folder: Path) -> None:
        path = folder / file
        rows = list(csv.reader(path.open(newline="", encoding="utf-8")))
        with path.open("w", newline="", encoding="utf-8") as fh:
            csv.writer(fh, delimiter=delimiter).writerows(rows)

    return change


def encoded(file: str, encoding: str) -> Change:
    def change(folder: Path) -> None:
        path = folder / file
        path.write_bytes(path.read_text(encoding="utf-8").encode(encoding))

    return change


def symlink(file: str, target: str) -> Change:
    def change(folder: Path) -> None:
        (folder / file).unlink()
        (folder / file).symlink_to(folder / target)

    return change


def fifo(file: str) -> Change:
    def change(folder: Path) -> None:
        (folder / file).unlink()
        os.mkfifo(folder / file)

    return change


def hard_link(file: str) -> Change:
    def change(folder: Path) -> None:
        outside = folder.parent / f"outside-{file}"
        os.replace(folder / file, outside)
        os.link(outside, folder / file)

    return change


def elsewhere(name: str) -> Change:
    """Load another path than the dossier folder (returned), made inside ``tmp``."""

    def change(folder: Path) -> Path:
        return folder.parent / name

    return change


def loop(folder: Path) -> Path:
    target = folder.parent / "loop"
    target.symlink_to(target)
    return target


def prepend(file: str, data: bytes) -> Change:
    def change(folder: Path) -> None:
        (folder / file).write_bytes(data + (folder / file).read_bytes())

    return change


def remove(file: str) -> Change:
    def change(folder: Path) -> None:
        (folder / file).unlink()

    return change


def add_table(name: str, rows: list[dict[str, str]]) -> Change:
    def change(folder: Path) -> None:
        write_tables(folder, {**MINI, name: rows})

    return change


HYPOTHESIS = {
    "hypothesis_id": "hy-1",
    "partnership_id": "pt-x",
    "label": "Deterrence",
    "statement": "It deters.",
    "source_ids": "src-a",
}
REPLACING = {
    "partnership_id": "pt-y",
    "name": "Treaty Y",
    "short_name": "Y",
    "kind": "treaty",
    "parties": "RUS;PRK",
    "binding": "true",
    "summary": "Another treaty.",
    "source_ids": "src-a",
}


def partnerships(*rows: dict[str, str]) -> Change:
    return add_table("partnerships", [{**MINI["partnerships"][0]}, *rows])


def fresh(tmp: Path) -> Path:
    """The valid mini dossier, titled, in ``tmp/d``."""
    folder = write_tables(tmp / "d", MINI)
    (folder / "datapackage.json").write_text(json.dumps(descriptor_for(MINI, title="Mini")))
    return folder


def case(kind: str, name: str, change: Change, expected: list[str]):
    return pytest.param(change, expected, id=f"{kind}:{name}")


# (change, the error's lines): ``{tmp}`` stands for the test's temporary folder; a last line
# "... N in all" means the first lines are shown and there are N in all.
CASES = [
    # boundary
    case(
        "boundary",
        "huge-integer-in-descriptor",
        raw("datapackage.json", b'{"resources": [], "n": 1' + b"0" * 5000 + b"}"),
        ["datapackage.json: is not valid JSON: a number with more than 4300 digits"],
    ),
    case(
        "boundary",
        "infinity-literal",
        raw("datapackage.json", b'{"resources": [], "n": Infinity}'),
        [
            "datapackage.json: is not valid JSON: Infinity is not a JSON value (write a number, or null)"
        ],
    ),
    case(
        "boundary",
        "number-too-large-for-a-float",
        raw("datapackage.json", b'{"resources": [], "n": 1e999}'),
        ["datapackage.json: is not valid JSON: a number too large to represent"],
    ),
    case(
        "boundary",
        "lone-surrogate-in-title",
        package(title="\ud800Mini"),
        [
            "datapackage.json title='\\ud800Mini' (U+D800 a lone surrogate): holds a lone surrogate escape (\\ud800-\\udfff), which is not a character"
        ],
    ),
    case(
        "boundary",
        "lone-surrogate-in-a-key",
        raw("datapackage.json", b'{"resources": [], "\\udfff": 1}'),
        [
            "datapackage.json \\udfff='\\udfff' (U+DFFF a lone surrogate): holds a lone surrogate escape (\\ud800-\\udfff), which is not a character"
        ],
    ),
    case(
        "boundary",
        "symlink-loop-as-folder",
        loop,
        ["{tmp}/loop: could not be read: Symlink loop from '{tmp}/loop'"],
    ),
    case(
        "boundary",
        "symlink-loop-as-table",
        symlink("actors.csv", "actors.csv"),
        ["actors.csv: could not be read: Symlink loop from '{tmp}/d/actors.csv'"],
    ),
    case(
        "boundary",
        "path-component-too-long",
        elsewhere("x" * 300),
        [
            "{tmp}/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx: could not be read: File name too long"
        ],
    ),
    case(
        "boundary",
        "fifo-instead-of-table",
        fifo("events.csv"),
        ["events.csv: is not a regular file"],
    ),
    case(
        "boundary",
        "nul-byte-in-path",
        elsewhere("d\x00"),
        ["{tmp}/d\\x00: could not be read: embedded null byte"],
    ),
    case(
        "boundary",
        "path-not-a-string",
        lambda f: 300,
        ["300: could not be read: expected str, bytes or os.PathLike object, not int"],
    ),
    case(
        "boundary",
        "descriptor-is-a-folder",
        both(remove("datapackage.json"), lambda f: (f / "datapackage.json").mkdir()),
        ["datapackage.json: is not a regular file"],
    ),
    # descriptor
    case(
        "descriptor",
        "descriptor-missing",
        remove("datapackage.json"),
        [
            "datapackage.json: is missing: a dossier needs a datapackage.json naming its title and listing its tables in resources (see docs/data-format.md)"
        ],
    ),
    case(
        "descriptor",
        "resources-missing",
        package(resources=None),
        ["datapackage.json resources='': is missing: the descriptor must have it"],
    ),
    case(
        "descriptor",
        "resources-not-a-list",
        package(resources={"name": "actors"}),
        ['datapackage.json resources=\'{"name": "actors"}\': Input should be a valid list'],
    ),
    case(
        "descriptor",
        "resource-without-path",
        resources(lambda rs: [{"name": r["name"]} if r["name"] == "actors" else r for r in rs]),
        ["datapackage.json resources.1.path='': is missing: the descriptor must have it"],
    ),
    case(
        "descriptor",
        "listed-file-missing",
        package(resources=descriptor_for({**MINI, "disputes": []})["resources"]),
        [
            "datapackage.json resources.7.path='disputes.csv': lists a table whose file is not in the folder"
        ],
    ),
    case(
        "descriptor",
        "file-not-listed",
        resources(lambda rs: [r for r in rs if r["name"] != "events"]),
        ["datapackage.json resources='': does not list events.csv, which is in the folder"],
    ),
    case(
        "descriptor",
        "path-with-dot-dot",
        resource_path("sources", "../sources.csv"),
        [
            "datapackage.json resources.0.path='../sources.csv': must be the plain file name sources.csv, inside the dossier folder"
        ],
    ),
    case(
        "descriptor",
        "absolute-path",
        resource_path("sources", "/etc/passwd"),
        [
            "datapackage.json resources.0.path='/etc/passwd': must be the plain file name sources.csv, inside the dossier folder"
        ],
    ),
    case(
        "descriptor",
        "url-path",
        resource_path("actors", "https://example.org/actors.csv"),
        [
            "datapackage.json resources.1.path='https://example.org/actors.csv': must be the plain file name actors.csv, inside the dossier folder"
        ],
    ),
    case(
        "descriptor",
        "path-in-a-subfolder",
        resource_path("events", "tables/events.csv"),
        [
            "datapackage.json resources.6.path='tables/events.csv': must be the plain file name events.csv, inside the dossier folder"
        ],
    ),
    case(
        "descriptor",
        "unknown-resource-name",
        resources(lambda rs: rs + [{"name": "people", "path": "people.csv"}]),
        [
            "datapackage.json resources.7.name='people': names no table of a dossier (tables: ach_ratings, actors, allegations, disputes, events, hypotheses, obligations, partnerships, publishers, sources, statements)"
        ],
    ),
    case(
        "descriptor",
        "resource-listed-twice",
        resources(lambda rs: rs + [rs[0]]),
        ["datapackage.json resources.7.name='sources': lists this table twice"],
    ),
    case(
        "descriptor",
        "nan-literal",
        raw("datapackage.json", b'{"resources": [], "title": NaN}'),
        ["datapackage.json: is not valid JSON: NaN is not a JSON value (write a number, or null)"],
    ),
    case(
        "descriptor",
        "title-a-number",
        package(title=5),
        ["datapackage.json title='5': Input should be a valid string"],
    ),
    case(
        "descriptor",
        "focus-a-string",
        package(focus="pt-x"),
        ["datapackage.json focus='pt-x': Input should be a valid dictionary or instance of Focus"],
    ),
    case(
        "descriptor",
        "focus-unknown-key",
        package(focus={"partner": "pt-x"}),
        [
            "datapackage.json focus.partner='pt-x': is not a key of focus (keys: partnership, comparison, allegation, second_allegation, as_of, question)"
        ],
    ),
    case(
        "descriptor",
        "focus-partnership-unknown",
        package(focus={"partnership": "pt-nope"}),
        [
            "datapackage.json focus.partnership='pt-nope': names an id that is not in partnerships.csv: 'pt-nope'"
        ],
    ),
    case(
        "descriptor",
        "focus-allegation-names-a-partnership",
        package(focus={"allegation": "pt-x"}),
        [
            "datapackage.json focus.allegation='pt-x': names an id that is not in allegations.csv: 'pt-x'"
        ],
    ),
    case(
        "descriptor",
        "focus-as-of-not-a-date",
        package(focus={"as_of": "2024-13"}),
        [
            "datapackage.json focus.as_of='2024-13': must be a real date matching ^\\d{4}(-\\d{2}(-\\d{2})?)?~?$"
        ],
    ),
    case(
        "descriptor",
        "focus-id-a-number",
        package(focus={"comparison": 7}),
        ["datapackage.json focus.comparison='7': Input should be a valid string"],
    ),
    # lists
    case(
        "lists",
        "only-a-separator",
        cell("allegations", 0, "source_ids", ";"),
        [
            "allegations.csv:2 [al-troops] source_ids=';': has an empty item: ids are separated by single ';', with none before the first or after the last"
        ],
    ),
    case(
        "lists",
        "separators-and-spaces",
        cell("allegations", 0, "accused_ids", " ; ; "),
        [
            "allegations.csv:2 [al-troops] accused_ids='; ;': has an empty item: ids are separated by single ';', with none before the first or after the last"
        ],
    ),
    case(
        "lists",
        "trailing-separator",
        cell("actors", 0, "source_ids", "src-a;"),
        [
            "actors.csv:2 [RUS] source_ids='src-a;': has an empty item: ids are separated by single ';', with none before the first or after the last"
        ],
    ),
    case(
        "lists",
        "leading-separator",
        cell("events", 0, "actor_ids", ";RUS;PRK"),
        [
            "events.csv:2 [ev-sign] actor_ids=';RUS;PRK': has an empty item: ids are separated by single ';', with none before the first or after the last"
        ],
    ),
    case(
        "lists",
        "double-separator",
        cell("events", 1, "actor_ids", "RUS;;PRK"),
        [
            "events.csv:3 [ev-force] actor_ids='RUS;;PRK': has an empty item: ids are separated by single ';', with none before the first or after the last"
        ],
    ),
    case(
        "lists",
        "party-twice",
        cell("partnerships", 0, "parties", "RUS;RUS"),
        [
            "partnerships.csv:2 [pt-x] parties='RUS;RUS': lists the same id more than once",
            "partnerships.csv:2 [pt-x] parties='RUS;RUS': must list at least 2 different ids",
        ],
    ),
    case(
        "lists",
        "party-twice-with-a-third",
        cell("partnerships", 0, "parties", "RUS;PRK;RUS"),
        ["partnerships.csv:2 [pt-x] parties='RUS;PRK;RUS': lists the same id more than once"],
    ),
    case(
        "lists",
        "source-cited-twice",
        cell("statements", 2, "source_ids", "src-a;src-a"),
        ["statements.csv:4 [st-3] source_ids='src-a;src-a': lists the same id more than once"],
    ),
    # every-file-at-once
    case(
        "every-file-at-once",
        "unreadable-file-and-a-bad-date",
        both(cell("events", 0, "occurred", "2024-02-30"), raw("sources.csv", b"\xff" + b"x")),
        [
            "sources.csv:1: is not UTF-8 text (byte 0xff at offset 0); save it as UTF-8",
            "events.csv:2 [ev-sign] occurred='2024-02-30': must be a real calendar date",
        ],
    ),
    case(
        "every-file-at-once",
        "semicolons-and-a-bad-grade",
        both(cell("statements", 0, "credibility", "9"), delimited("actors.csv", ";")),
        [
            "actors.csv:1: is not comma-separated: its header row is separated by semicolons; save it as CSV with commas between cells",
            "statements.csv:2 [st-1] credibility='9': must be one of: 1, 2, 3, 4, 5, 6",
        ],
    ),
    case(
        "every-file-at-once",
        "broken-descriptor-and-a-bad-value",
        both(cell("partnerships", 0, "binding", "yes"), raw("datapackage.json", b"{")),
        [
            "datapackage.json:1: is not valid JSON: Expecting property name enclosed in double quotes (column 2)",
            "partnerships.csv:2 [pt-x] binding='yes': must be true or false",
        ],
    ),
    case(
        "every-file-at-once",
        "short-row-and-a-bad-value-in-the-same-file",
        both(cell("sources", 1, "reliability", "Z"), text("sources.csv", "NK News,", "NK News")),
        [
            "sources.csv:2 [src-a]: row has 11 cells but the header has 12",
            "sources.csv:3 [src-b] reliability='Z': must be one of: A, B, C, D, E, F",
        ],
    ),
    # messages
    case(
        "messages",
        "zero-width-space-in-a-column-name",
        header("events.csv", lambda h: [c.replace("summary", "summ\u200bary") for c in h]),
        [
            "events.csv summary='': required column is missing",
            "events.csv summ\\u200bary='' (U+200B ZERO WIDTH SPACE): unexpected column: not a field of this table (see docs/data-format.md); did you mean 'summary'?",
        ],
    ),
    case(
        "messages",
        "second-byte-order-mark",
        prepend("actors.csv", b"\xef\xbb\xbf" * 2),
        [
            "actors.csv actor_id='': required column is missing",
            "actors.csv \\ufeffactor_id='' (U+FEFF ZERO WIDTH NO-BREAK SPACE): unexpected column: not a field of this table (see docs/data-format.md); did you mean 'actor_id'?",
        ],
    ),
    case(
        "messages",
        "line-break-in-a-column-name",
        header("allegations.csv", lambda h: h[:-1] + ['"no\ntes"']),
        [
            "allegations.csv no\\ntes='' (U+000A a control character): unexpected column: not a field of this table (see docs/data-format.md); did you mean 'notes'?",
            "allegations.csv notes='': required column is missing",
        ],
    ),
    case(
        "messages",
        "cyrillic-look-alike-in-an-id",
        cell("events", 0, "actor_ids", "RU\u0405;PRK"),
        [
            "events.csv:2 [ev-sign] actor_ids='RUЅ;PRK' (U+0405 CYRILLIC CAPITAL LETTER DZE): each item must be an id (letters, digits, '_', '.', '-'), items separated by ';'"
        ],
    ),
    case(
        "messages",
        "zero-width-space-in-an-id",
        cell("statements", 1, "speaker_id", "pes\u200bkov"),
        [
            "statements.csv:3 [st-2] speaker_id='pes\\u200bkov' (U+200B ZERO WIDTH SPACE): must be an id: letters, digits, '_', '.' or '-', at most 64 characters, starting with a letter or digit"
        ],
    ),
    case(
        "messages",
        "header-row-missing",
        text(
            "actors.csv",
            "actor_id,name,kind,affiliation_id,role,alignment,source_ids,notes\r\n",
            "",
        ),
        [
            "actors.csv:1: has no header row: the first line ('RUS', 'Russia', 'state', ...) names none of the table's columns (actor_id, name, kind, ...); add the header row first"
        ],
    ),
    case(
        "messages",
        "semicolon-delimited",
        delimited("actors.csv", ";"),
        [
            "actors.csv:1: is not comma-separated: its header row is separated by semicolons; save it as CSV with commas between cells"
        ],
    ),
    case(
        "messages",
        "tab-delimited",
        delimited("events.csv", "\t"),
        [
            "events.csv:1: is not comma-separated: its header row is separated by tabs; save it as CSV with commas between cells"
        ],
    ),
    case(
        "messages",
        "utf-32-little-endian",
        encoded("actors.csv", "utf-32"),
        [
            "actors.csv:1: is UTF-32 text (it starts with a UTF-32 byte-order mark); save it as UTF-8"
        ],
    ),
    case(
        "messages",
        "utf-32-big-endian",
        raw("actors.csv", b"\x00\x00\xfe\xff" + "actor_id".encode("utf-32-be")),
        [
            "actors.csv:1: is UTF-32 text (it starts with a UTF-32 byte-order mark); save it as UTF-8"
        ],
    ),
    case(
        "messages",
        "column-in-capitals",
        header("actors.csv", lambda h: [c.replace("alignment", "Alignment") for c in h]),
        [
            "actors.csv Alignment='': unexpected column: not a field of this table (see docs/data-format.md); did you mean 'alignment'?",
            "actors.csv alignment='': required column is missing",
        ],
    ),
    case(
        "messages",
        "many-unexpected-columns",
        header("sources.csv", lambda h: h + [f"extra{i}" for i in range(300_000)]),
        [
            "sources.csv: and 299,980 more unexpected columns",
            "sources.csv extra0='': unexpected column: not a field of this table (see docs/data-format.md)",
            "sources.csv extra1='': unexpected column: not a field of this table (see docs/data-format.md)",
            "... 23 in all",
        ],
    ),
    case(
        "messages",
        "many-repeated-columns",
        header("sources.csv", lambda h: h + ["title"] * 300_000),
        ["sources.csv:1 title='': column appears more than once"],
    ),
    # output
    case(
        "output",
        "escape-sequence-in-an-id",
        cell("statements", 0, "actor_id", "KOR\x1b[2J"),
        [
            "statements.csv:2 [st-1] actor_id='KOR\\x1b[2J' (U+001B a control character): must be an id: letters, digits, '_', '.' or '-', at most 64 characters, starting with a letter or digit"
        ],
    ),
    case(
        "output",
        "escape-sequence-in-a-column-name",
        header("events.csv", lambda h: h + ["\x1b]0;pwned\x07"]),
        [
            "events.csv \\x1b]0;pwned\\x07='' (U+001B a control character, U+0007 a control character): unexpected column: not a field of this table (see docs/data-format.md)",
            "events.csv:2 [ev-sign]: row has 12 cells but the header has 13",
            "events.csv:3 [ev-force]: row has 12 cells but the header has 13",
        ],
    ),
    case(
        "output",
        "hard-link-to-a-file-elsewhere",
        hard_link("sources.csv"),
        [
            "sources.csv: has 2 hard links, so it may be a file outside the dossier folder; refusing to read it (put a copy of the file in the folder instead)"
        ],
    ),
    case(
        "output",
        "empty-path",
        lambda f: "",
        ["'': is an empty path: name a dossier folder (or none at all)"],
    ),
    case(
        "output",
        "blank-path",
        lambda f: " ",
        ["' ': is an empty path: name a dossier folder (or none at all)"],
    ),
    # decisions
    case(
        "decisions",
        "partnership-replaces-itself",
        partnerships({**REPLACING, "partnership_id": "pt-y", "replaces_id": "pt-y"}),
        ["partnerships.csv:3 [pt-y] replaces_id='pt-y': replaces_id names the record itself"],
    ),
    case(
        "decisions",
        "replacement-cycle",
        add_table(
            "partnerships",
            [
                {**MINI["partnerships"][0], "replaces_id": "pt-y"},
                {**REPLACING, "replaces_id": "pt-x"},
            ],
        ),
        [
            "partnerships.csv:2 [pt-x] replaces_id='pt-y': replacements go round in a circle: following replaces_id leads back here",
            "partnerships.csv:3 [pt-y] replaces_id='pt-x': replacements go round in a circle: following replaces_id leads back here",
        ],
    ),
    case(
        "decisions",
        "dispute-about-itself",
        add_table(
            "disputes",
            [
                {
                    "dispute_id": "dp-1",
                    "record_id": "dp-1",
                    "field": "x",
                    "alternative": "y",
                    "source_ids": "src-a",
                }
            ],
        ),
        ["disputes.csv:2 [dp-1] record_id='dp-1': record_id names the record itself"],
    ),
    case(
        "decisions",
        "actor-affiliated-with-itself",
        cell("actors", 3, "affiliation_id", "peskov"),
        ["actors.csv:5 [peskov] affiliation_id='peskov': affiliation_id names the record itself"],
    ),
    case(
        "decisions",
        "summary-only-invisible",
        cell("partnerships", 0, "summary", "\u200b\u200b"),
        [
            "partnerships.csv:2 [pt-x] summary='\\u200b\\u200b' (U+200B ZERO WIDTH SPACE): must hold a visible character, not only invisible ones (zero-width spaces, byte-order marks, control characters)"
        ],
    ),
    case(
        "decisions",
        "name-only-a-byte-order-mark",
        cell("actors", 1, "name", "\ufeff"),
        [
            "actors.csv:3 [PRK] name='\\ufeff' (U+FEFF ZERO WIDTH NO-BREAK SPACE): must hold a visible character, not only invisible ones (zero-width spaces, byte-order marks, control characters)"
        ],
    ),
]


@pytest.mark.parametrize(("change", "expected"), CASES)
def test_each_malformed_dossier_gives_its_exact_error(tmp_path, change, expected):
    folder = fresh(tmp_path)
    target = change(folder)
    target = folder if target is None else target
    tmp = str(tmp_path.resolve())
    lines = [
        line.replace(tmp, "{tmp}").replace(str(tmp_path), "{tmp}") for line in problems(target)
    ]
    if expected and expected[-1].startswith("... "):
        assert lines[: len(expected) - 1] == expected[:-1]
        assert f"... {len(lines)} in all" == expected[-1]
    else:
        assert lines == expected


# --- the command line: broken pipes, odd terminals, empty arguments, control characters ----------


def validate(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "analysis", "validate", *args],
        capture_output=True,
        timeout=120,
        check=False,
        env={**os.environ, **(env or {})},
    )


def test_cli_refuses_an_empty_path_instead_of_checking_the_bundled_dossier():
    result = validate("")
    assert (result.returncode, result.stdout) == (1, b"")
    assert result.stderr.decode() == (
        "1 problem in dossier '':\n  '': is an empty path: name a dossier folder (or none at all)\n"
    )


@pytest.fixture
def many_problems(tmp_path) -> Path:
    """A dossier with 3,000 bad grades: an error list far longer than a pipe's buffer."""
    row = MINI["sources"][1]
    extra = [{**row, "source_id": f"src-{i}", "reliability": "Z"} for i in range(3000)]
    return write_tables(tmp_path / "many", {**MINI, "sources": MINI["sources"] + extra})


@pytest.mark.parametrize("json_flag", [[], ["--json"]], ids=["text", "json"])
def test_cli_stops_quietly_when_the_reader_goes_away(many_problems, json_flag):
    """``validate ... | head -1``: the reader closes the pipe; no BrokenPipeError traceback."""
    with subprocess.Popen(
        [sys.executable, "-m", "analysis", "validate", str(many_problems), *json_flag],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        if json_flag:
            assert process.stdout.readline() == b"{\n"
        process.stdout.close()
        stderr = process.stderr.read()
        code = process.wait(timeout=120)
    assert code == 1
    assert b"Traceback" not in stderr and b"BrokenPipeError" not in stderr
    if not json_flag:  # the text report goes to stderr, which is still read
        assert stderr.startswith(b"3000 problems in dossier ")


LOOKALIKE = {
    "C locale without UTF-8 coercion": {
        "LC_ALL": "C",
        "LANG": "C",
        "PYTHONCOERCECLOCALE": "0",
        "PYTHONUTF8": "0",
    },
    "latin-1 terminal": {"PYTHONIOENCODING": "latin-1"},
}


@pytest.mark.parametrize("env", LOOKALIKE.values(), ids=LOOKALIKE.keys())
def test_cli_json_is_ascii_and_text_never_crashes_on_an_odd_locale(tmp_path, env):
    tables = {n: [dict(r) for r in rows] for n, rows in MINI.items()}
    tables["events"][0]["actor_ids"] = "RU\u0405;PRK"
    bad = write_tables(tmp_path / "bad", tables)
    result = validate(str(bad), "--json", env=env)
    assert result.returncode == 1
    out = result.stdout.decode("ascii")  # valid ASCII, so valid UTF-8 whatever the locale
    assert json.loads(out)["errors"][0]["value"] == "RU\u0405;PRK"
    assert "RU\\u0405;PRK" in out
    text = validate(str(bad), env=env)
    assert text.returncode == 1 and b"Traceback" not in text.stderr
    assert b"U+0405 CYRILLIC CAPITAL LETTER DZE" in text.stderr


def test_cli_never_writes_control_characters_from_the_data(tmp_path):
    tables = {n: [dict(r) for r in rows] for n, rows in MINI.items()}
    tables["statements"][0]["actor_id"] = "KOR\x1b[2J"
    bad = write_tables(tmp_path / "bad", tables)
    result = validate(str(bad))
    assert result.returncode == 1 and b"\x1b" not in result.stderr
    assert b"[st-1] actor_id='KOR\\x1b[2J' (U+001B a control character)" in result.stderr
    good = write_tables(tmp_path / "good", MINI)
    (good / "datapackage.json").write_text(
        json.dumps(descriptor_for(MINI, title="Mini\x1b]0;pwned\x07"))
    )
    shown = validate(str(good))
    assert shown.returncode == 0 and b"\x1b" not in shown.stdout
    assert shown.stdout.splitlines()[0] == f"Mini\\x1b]0;pwned\\x07 ({good.resolve()})".encode()


NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


@pytest.mark.skipif(
    os.geteuid() == 0 and not shutil.which("setpriv"), reason="root enters any folder"
)
def test_a_folder_that_cannot_be_entered_is_one_issue():
    """Run as a normal user (as root: as nobody, through setpriv)."""
    tmp = Path(tempfile.mkdtemp())  # /tmp/xyz: a path a normal user can walk down
    tmp.chmod(0o755)
    folder = fresh(tmp)
    folder.chmod(0)
    runner = NOBODY if os.geteuid() == 0 else []
    try:
        result = subprocess.run(
            [*runner, sys.executable, "-m", "analysis", "validate", str(folder)],
            capture_output=True,
            timeout=120,
            check=False,
        )
    finally:
        folder.chmod(0o755)
        shutil.rmtree(tmp)
    assert result.returncode == 1, result.stderr
    assert result.stderr.decode() == (
        f"1 problem in dossier {folder}:\n  {folder}: could not be entered: Permission denied\n"
    )


# --- property-based: whatever the descriptor, the path or the bytes, only our error escapes -------

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)
RESOURCE = st.fixed_dictionaries(
    {
        "name": st.sampled_from([*MINI, "disputes", "people", ""]) | JSON_VALUES,
        "path": st.sampled_from(["actors.csv", "../actors.csv", "/etc/passwd", "a/b.csv"])
        | JSON_VALUES,
    }
)
DESCRIPTORS = st.fixed_dictionaries(
    {},
    optional={
        "resources": st.lists(RESOURCE, max_size=12) | JSON_VALUES,
        "title": JSON_VALUES,
        "focus": st.dictionaries(
            st.sampled_from(["partnership", "comparison", "allegation", "as_of", "x"]),
            st.sampled_from(["pt-x", "al-troops", "2024", "nope"]) | JSON_VALUES,
        )
        | JSON_VALUES,
    },
)
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def only_our_error(target: object) -> None:
    """Load ``target``: a dossier, or a DossierValidationError whose issues are well formed."""
    try:
        load_dossier(target)
    except DossierValidationError as exc:
        assert exc.issues and all(i.file and i.rule for i in exc.issues)
        str(exc).encode("utf-8")  # printable: no lone surrogate reaches a terminal


@FAST
@given(DESCRIPTORS)
def test_any_descriptor_gives_a_dossier_or_our_error(data):
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_tables(Path(tmp) / "d", MINI)
        (folder / "datapackage.json").write_text(json.dumps(data), encoding="utf-8")
        only_our_error(folder)


@FAST
@given(st.binary(max_size=200) | JSON_VALUES.map(lambda v: json.dumps(v).encode()))
def test_any_descriptor_bytes_give_a_dossier_or_our_error(data):
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_tables(Path(tmp) / "d", MINI)
        (folder / "datapackage.json").write_bytes(data)
        only_our_error(folder)


PATHS = st.text(st.characters(codec="utf-8"), max_size=300) | st.sampled_from(
    ["", " ", ".", "..", "/", "~", "\x00", "a" * 300, "/proc/self/fd/0", "/dev/null", "data"]
)


@FAST
@given(PATHS)
def test_any_path_gives_a_dossier_or_our_error(path):
    only_our_error(path)


@settings(FAST, max_examples=6)
@given(PATHS, st.booleans())
def test_the_cli_answers_any_path_with_exit_0_or_1_and_no_traceback(path, as_json):
    if "\x00" in path:  # a command line cannot carry a NUL byte
        path = path.replace("\x00", "")
    # "--" ends the options, as any command needs for a path that starts with "-" (without it
    # such a path is an unknown option: argparse's usage error, exit 2)
    result = validate(*(["--json"] if as_json else []), "--", path)
    assert result.returncode in (0, 1), result.stderr
    assert b"Traceback" not in result.stderr
    if as_json:
        json.loads(result.stdout.decode("ascii"))


# --- decided acceptances (docs/data-format.md, "Decisions"): these load --------------------------

ACCEPTED = [
    pytest.param(cell("partnerships", 0, "summary", "NaN"), id="NaN-as-required-text"),
    pytest.param(cell("actors", 1, "name", "None"), id="None-as-required-text"),
    pytest.param(cell("sources", 0, "title", "null"), id="null-as-required-text"),
    pytest.param(cell("sources", 1, "published", "0001"), id="year-0001"),
    pytest.param(cell("sources", 1, "published", "9999-12-31"), id="year-9999"),
    pytest.param(
        add_table(
            "allegations",
            [
                *MINI["allegations"],
                {
                    "allegation_id": "al-quiet",
                    "proposition": "Nobody has spoken to this yet.",
                    "accused_ids": "KOR",
                    "topic": "drones",
                    "source_ids": "src-a",
                },
            ],
        ),
        id="allegation-with-no-statements",
    ),
    pytest.param(prepend("actors.csv", b"\xef\xbb\xbf"), id="one-byte-order-mark-at-the-start"),
]


@pytest.mark.parametrize("change", ACCEPTED)
def test_decided_acceptances_load(tmp_path, change):
    folder = fresh(tmp_path)
    change(folder)
    dossier = load_dossier(folder)
    assert dossier.actors["actor_id"].tolist() == ["RUS", "PRK", "KOR", "peskov"]
