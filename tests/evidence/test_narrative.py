"""Narrative computed from the dossier, and the bundled story's prose kept in its own notes.

``obligations_prose`` says what each partnership carries of the obligations that answer an
attack, from the dossier's coding (and its articles by the one citation rule); passages written
for the bundled dossier live in ``data/russia-iran-2025/notes.md`` under the keys the notebooks
ask for, and no notebook keeps one inline.
"""

from __future__ import annotations

import re

import nbformat
import pytest
from markupsafe import escape

from analysis import load_dossier, reader_table
from analysis.common.paths import DATA_DIR, PROJECT_ROOT
from analysis.evidence import dossier_notes, obligations_prose

STORIES = PROJECT_ROOT / "tests" / "fixtures" / "stories"
NOTEBOOKS = sorted((PROJECT_ROOT / "notebooks").rglob("*.ipynb"))
NOTES_CALL = re.compile(r"dossier_notes\(dossier, \"([^\"]+)\"\)")


def test_obligations_prose_on_a_three_party_story():
    tri = load_dossier(STORIES / "tri-pact")
    said = str(obligations_prose(tri, [tri.focus["partnership"], tri.focus["comparison"]]))
    assert said == (
        "**FR-SY-TO 2031** carries consultation on threat (Art. 2); does not carry mutual "
        "defence; is not coded in the dossier for no aid to aggressor.\n\n"
        "**FR-SY 1998** carries mutual defence (Art. 5) and no aid to aggressor (Art. 6); is "
        "not coded in the dossier for consultation on threat."
    )


def test_obligations_prose_on_the_bundled_pair(dossier):
    said = obligations_prose(dossier, ["pt-rus-irn-2025", "pt-rus-prk-2024"]).paragraphs
    assert said[0] == (
        "**RU–IR 2025** carries no aid to aggressor (Art. 3(3)); partly carries consultation "
        "on threat (Art. 5(4)); does not carry mutual defence."
    )
    assert said[1].startswith("**RU–KP 2024** carries mutual defence (Art. 4)")


def test_obligations_prose_without_a_focus_partnership_says_so(dossier):
    assert str(obligations_prose(dossier, [None, "pt-nowhere"])) == (
        "The dossier names no focus partnership yet."
    )


def _notebook_calls() -> dict[str, list[str]]:
    calls = {}
    for path in NOTEBOOKS:
        code = [c.source for c in nbformat.read(path, as_version=4).cells]
        calls[path.name] = [k for src in code for k in NOTES_CALL.findall(src)]
    return calls


def test_every_notes_key_a_notebook_asks_for_is_in_the_bundled_notes(dossier):
    asked = {k for keys in _notebook_calls().values() for k in keys}
    assert {"02-before-signing", "03-most-connected"} <= asked
    for key in sorted(asked):
        note = dossier_notes(dossier, key)
        assert note is not None, f"data/russia-iran-2025/notes.md has no section ## {key}"
        assert note.paragraphs[0].startswith("*In this dossier (russia-iran-2025)")


def test_the_notes_show_only_on_the_dossier_that_has_them():
    other = load_dossier(STORIES / "tri-pact")
    assert dossier_notes(other, "02-before-signing") is None
    assert dossier_notes(load_dossier(DATA_DIR / "russia-china-2022"), "03-most-connected") is None


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_notebook_keeps_bundled_story_prose_inline(path):
    markdown = [
        c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown"
    ]
    inline = [s[:80] for s in markdown if re.search(r"in the bundled dossier", s, re.I)]
    assert inline == [], "move it to the dossier's notes.md and show it with dossier_notes"


def test_an_empty_table_says_why_in_html_and_plain_text(dossier):
    none = dossier.statements.iloc[:0]
    why = 'No statement in this dossier uses the word "multipolar".'
    table = reader_table(none, empty=why)
    assert str(escape(why)) in table.html and repr(table) == why and "<th" not in table.html
    assert repr(reader_table(none)).startswith("No records to show")
