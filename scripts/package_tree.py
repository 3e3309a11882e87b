"""Write (or, with --check, verify) the package tree in README.md from the real folders.

Each subpackage is listed in layer order with the first line of its ``__init__`` docstring,
and each module with the first line of its own; the block sits between
``<!-- package-tree -->`` markers in the README. tests/test_layers.py runs ``--check``.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "analysis"
README = ROOT / "README.md"
START, END = "<!-- package-tree -->", "<!-- /package-tree -->"
ORDER = [
    "schema", "common", "dossier", "synthetic", "filtering", "figures",
    "evidence", "interactive", "exports", "report", "imports",
]  # fmt: skip
ENTRY = ["cli", "app", "classroom", "__main__"]


def _summary(path: Path) -> str:
    doc = ast.get_docstring(ast.parse(path.read_text())) or ""
    first = doc.strip().split("\n\n")[0].replace("\n", " ")
    first = first.split(". ")[0].rstrip(".")
    return first[:88] + ("..." if len(first) > 88 else "")


def _modules(folder: Path, depth: int) -> list[str]:
    lines = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith((".", "__")):
            continue
        if path.is_dir() and (path / "__init__.py").exists():
            name = f"{path.name}/"
            lines.append(f"{'  ' * depth}{name:<{24 - 2 * depth}} {_summary(path / '__init__.py')}")
            lines += _modules(path, depth + 1)
        elif path.suffix == ".py":
            lines.append(f"{'  ' * depth}{path.name:<{24 - 2 * depth}} {_summary(path)}")
    return lines


def tree() -> str:
    lines = ["analysis/                the package; each subpackage imports only those above it"]
    for sub in ORDER:
        folder = PACKAGE / sub
        lines.append(f"  {sub + '/':<22} {_summary(folder / '__init__.py')}")
        lines += _modules(folder, 2)
    for name in ENTRY:
        lines.append(f"  {name + '.py':<22} {_summary(PACKAGE / f'{name}.py')}")
    return "\n".join(["```", *lines, "```"])


def main(argv: list[str]) -> int:
    text = README.read_text()
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    new = f"{head}{START}\n{tree()}\n{END}{tail}"
    if "--check" in argv:
        if new != text:
            print("README.md's package tree is out of date: run python scripts/package_tree.py")
            return 1
        return 0
    README.write_text(new)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
