"""Notebook hygiene: no outputs in git, a parameters cell, thin cells, generated navigation,
teacher notes that agree with the self-checks, and every notebook running on the second dossier
and the story fixtures (showing readers no raw NaT, NaN or printed Series) and on a fresh skeleton
made by ``python -m analysis new``."""

from __future__ import annotations

import ast
import re
import subprocess
import sys

import nbformat
import pytest
from support.outputs import raw_blanks, run_notebook, shown_outputs

from analysis import load_dossier
from analysis.classroom import EXERCISES, check
from analysis.cli import main
from analysis.common.paths import DATA_DIR, PROJECT_ROOT

NOTEBOOK_DIR = PROJECT_ROOT / "notebooks"
STORIES = PROJECT_ROOT / "tests" / "fixtures" / "stories"
NOTEBOOKS = sorted(p for p in NOTEBOOK_DIR.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
IDS = [str(p.relative_to(NOTEBOOK_DIR)) for p in NOTEBOOKS]
MAX_CODE_LINES = 12


def code_cells(path):
    return [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]


def test_the_suite_has_its_notebooks():
    names = {p.name for p in NOTEBOOKS}
    assert "00-start-here.ipynb" in names
    assert len([p for p in NOTEBOOKS if p.parent.name == "classroom"]) >= 3
    assert len([p for p in NOTEBOOKS if p.parent == NOTEBOOK_DIR]) >= 8


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_stored_without_outputs(path):
    dirty = [i for i, c in enumerate(code_cells(path)) if c.outputs or c.execution_count]
    assert not dirty, f"code cells {dirty} carry outputs: clear them before committing"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_parameters_cell_selects_the_dossier(path):
    cells = code_cells(path)
    tagged = [c for c in cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1, "exactly one code cell tagged 'parameters' (papermill)"
    assert re.search(r"^DOSSIER\s*=", tagged[0].source, re.M)
    assert "import" in cells[0].source, "the first code cell imports"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_cells_are_thin_and_logic_lives_in_the_package(path):
    for cell in code_cells(path):
        src = cell.source
        assert len(src.strip().splitlines()) <= MAX_CODE_LINES, f"cell too long:\n{src}"
        defines = re.search(r"^\s*(def|class) ", src, re.M)
        assert not defines, f"define functions in analysis/:\n{src}"
        assert "read_csv" not in src and "../data" not in src, "load dossiers with load_dossier"


def test_navigation_and_contents_are_generated():
    result = subprocess.run(
        [sys.executable, "scripts/notebook_nav.py", "--check"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def _teacher_answers():
    pattern = re.compile(r"^- `(?P<id>[a-z0-9-]+)`: `(?P<answer>.+)`$", re.M)
    answers = {}
    for note in (NOTEBOOK_DIR / "classroom" / "teacher-notes").glob("*.md"):
        for m in pattern.finditer(note.read_text(encoding="utf-8")):
            answers[m["id"]] = ast.literal_eval(m["answer"])
    return answers


def test_teacher_notes_answer_every_exercise_and_agree_with_the_checks(dossier):
    answers = _teacher_answers()
    assert set(answers) == {e.id for e in EXERCISES}
    for exercise_id, answer in answers.items():
        feedback = check(exercise_id, answer, dossier)
        assert feedback.correct, f"{exercise_id}: teacher note answer {answer!r} -> {feedback}"


SECOND = DATA_DIR / "russia-china-2022"
#: The second bundled dossier and the story fixtures (fictional dossiers of other structures).
OTHER_DOSSIERS = [SECOND, *sorted(p for p in STORIES.iterdir() if p.is_dir())]


@pytest.mark.slow
@pytest.mark.parametrize("other", OTHER_DOSSIERS, ids=lambda p: p.name)
@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_runs_on_the_second_dossier_and_the_story_fixtures(path, other, tmp_path):
    load_dossier(other)  # the dossier itself must be valid
    notebook = run_notebook(path, other, tmp_path / path.name)  # a hung kernel fails (timeout)
    assert raw_blanks(shown_outputs(notebook)) == []  # no NaT, NaN or printed Series for readers


@pytest.fixture(scope="module")
def skeleton(tmp_path_factory):
    """A fresh dossier skeleton, made by the command a curator runs."""
    folder = tmp_path_factory.mktemp("skeleton") / "new-story"
    assert main(["new", str(folder), "--title", "A new story"]) == 0
    return folder


#: Notebooks that cannot run on an empty dossier yet, and why (strict: fixing one fails here).
NOT_YET_ON_A_SKELETON: dict[str, str] = {}


def _skeleton_param(path):
    reason = NOT_YET_ON_A_SKELETON.get(path.name)
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    return pytest.param(path, marks=marks, id=str(path.relative_to(NOTEBOOK_DIR)))


def _gaps(notebook) -> list[str]:
    """What the executed notebook printed about what its dossier has no record of yet."""
    return [
        text
        for cell in notebook.cells
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
        if out.get("name") == "stdout"
        for text in out["text"].splitlines()
        if text.startswith("This dossier has no ")
    ]


@pytest.mark.slow
@pytest.mark.parametrize("path", [_skeleton_param(p) for p in NOTEBOOKS])
def test_runs_on_a_fresh_skeleton_and_says_what_it_lacks(path, skeleton, tmp_path):
    gaps = _gaps(run_notebook(path, skeleton, tmp_path / path.name))
    needs = [c for c in code_cells(path) if c.source.startswith("%%needs")]
    assert len(gaps) == len(needs)  # every guarded view said what it lacks, none ran
