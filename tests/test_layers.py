"""The package's folders are its architecture: each subpackage imports only those below it.

The test reads every import in ``analysis/`` (function-level ones too) and fails when one runs
up a layer or sideways into a subpackage of the same rank, when a module other than an entry
point sits at the top level, when a notebook imports from a module rather than from
``analysis`` or a subpackage's ``__init__``, and when a module outgrows one idea.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from analysis.common.paths import PROJECT_ROOT

PACKAGE = PROJECT_ROOT / "analysis"

#: Layers, lowest first. A module may import its own subpackage and any lower rank.
LAYERS: dict[str, int] = {
    "schema": 1,
    "common": 2,
    "dossier": 3,
    "synthetic": 4,
    "filtering": 5,
    "figures": 6,
    "evidence": 7,
    "interactive": 8,
    "exports": 9,
    "report": 9,
    # a new dossier's descriptor is the export's (analysis.exports.tables.descriptor)
    "imports": 10,
}
#: Top-level modules: entry points, which nothing in the package imports.
ENTRY_POINTS = {"__init__", "__main__", "cli", "app", "classroom"}
ENTRY_RANK = 11
#: Modules that are declarations and may be long (a table of fields reads best whole).
DECLARATIONS = {"analysis.schema.tables", "analysis.schema.vocabularies"}
MAX_LINES = 420


def _module(path: Path) -> str:
    parts = list(path.relative_to(PROJECT_ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _rank(module: str) -> tuple[int, str]:
    parts = module.split(".")
    if len(parts) == 1:
        return ENTRY_RANK, "analysis"
    head = parts[1]
    if head in LAYERS:
        return LAYERS[head], head
    return ENTRY_RANK, head


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                pytest.fail(f"{path}: relative import on line {node.lineno}; use analysis.<...>")
            if node.module and node.module.split(".")[0] == "analysis":
                if node.module == "analysis":
                    found += [(node.lineno, f"analysis.{a.name}") for a in node.names]
                else:
                    found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("analysis")]
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_the_package_has_only_entry_points_at_the_top():
    top = {p.stem for p in PACKAGE.glob("*.py")}
    assert top == ENTRY_POINTS
    assert {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()} == (
        set(LAYERS)
    )


def test_no_import_runs_up_a_layer():
    upward = []
    for path in MODULES:
        here = _module(path)
        rank, sub = _rank(here)
        for line, target in _imports(path):
            their_rank, their_sub = _rank(target)
            if here in ("analysis", "analysis.__main__") or their_sub == sub:
                continue  # the lazy API and `python -m analysis`, or within one subpackage
            if their_rank >= rank:
                upward.append(f"{path.relative_to(PROJECT_ROOT)}:{line} {here} -> {target}")
    assert upward == []


def test_entry_points_are_imported_by_nothing_in_the_package():
    used = [
        f"{path.relative_to(PROJECT_ROOT)}:{line} -> {target}"
        for path in MODULES
        if _module(path) != "analysis"
        for line, target in _imports(path)
        if target.split(".")[1:2]
        and target.split(".")[1] in ENTRY_POINTS - {"__init__"}
        and _rank(_module(path))[0] < ENTRY_RANK
    ]
    assert used == []


def test_the_layer_check_catches_an_upward_import(tmp_path):
    bad = tmp_path / "analysis" / "schema" / "bad.py"
    bad.parent.mkdir(parents=True)
    bad.write_text("from analysis.figures import timeline_figure\n")
    ((line, target),) = _imports(bad)
    assert _rank(target)[0] > LAYERS["schema"]


PUBLIC = (
    {"analysis"}
    | {_module(p.parent) for p in PACKAGE.rglob("__init__.py") if p.parent != PACKAGE}
    | {"analysis.classroom"}
)


def _notebook_imports(path: Path) -> list[str]:
    found = []
    for cell in json.loads(path.read_text())["cells"]:
        if cell["cell_type"] != "code":
            continue
        source = "\n".join(
            line for line in "".join(cell["source"]).splitlines() if not line.startswith(("%", "!"))
        )
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("analysis"):
                found.append(node.module)
            elif isinstance(node, ast.Import):
                found += [a.name for a in node.names if a.name.startswith("analysis")]
    return found


@pytest.mark.parametrize(
    "notebook",
    sorted((PROJECT_ROOT / "notebooks").rglob("*.ipynb")),
    ids=lambda p: p.relative_to(PROJECT_ROOT / "notebooks").as_posix(),
)
def test_notebooks_import_only_the_public_api(notebook):
    private = [m for m in _notebook_imports(notebook) if m not in PUBLIC]
    assert private == []


def test_each_module_holds_one_idea():
    long = {
        _module(p): n
        for p in MODULES
        if (n := len(p.read_text().splitlines())) > MAX_LINES and _module(p) not in DECLARATIONS
    }
    assert long == {}


def test_every_public_name_of_the_package_resolves():
    import analysis

    missing = [name for name in analysis.__all__ if getattr(analysis, name, None) is None]
    assert missing == []


def test_the_readme_shows_the_real_tree():
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "scripts" / "package_tree.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout
