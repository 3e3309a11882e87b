"""The notebooks' own text (markdown) holds for any dossier: it names none of the bundled
story's actors, by name or id. What is the bundled story's is in its notes.md, shown only when it
is loaded; the one exception is the start page, which says where the suite began."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from analysis import load_dossier

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
GENERIC = sorted(
    p
    for p in [*NOTEBOOKS.glob("*.ipynb"), *NOTEBOOKS.glob("classroom/*.ipynb")]
    if p.name != "00-start-here.ipynb"
)


@pytest.fixture(scope="module")
def bundled_names():
    actors = load_dossier().actors
    states = actors[actors["kind"].astype(str).isin(["state", "person"])]
    words = {*states["actor_id"].astype(str), *states["name"].astype(str)}
    return re.compile(
        r"\b(" + "|".join(re.escape(w) for w in sorted(words, key=len)[::-1]) + r")\b"
    )


@pytest.mark.parametrize("path", GENERIC, ids=lambda p: p.name)
def test_a_notebook_s_own_text_names_no_actor_of_the_bundled_story(path, bundled_names):
    found = [
        (i, m.group(0))
        for i, cell in enumerate(nbformat.read(path, as_version=4).cells)
        if cell.cell_type == "markdown"
        for m in bundled_names.finditer(cell.source)
    ]
    assert found == [], f"{path.name}: markdown cells name the bundled story's actors: {found}"
