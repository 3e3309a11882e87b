"""Generate the navigation bars and the table of contents of the notebooks.

Each notebook gets a first and a last markdown cell tagged ``nav`` (previous, index, next)
and the start page a cell tagged ``toc`` listing every notebook with its title. They are
generated here, never edited by hand: ``python scripts/notebook_nav.py`` rewrites them and
``--check`` exits 1 if any is out of date (a test runs that).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
START = "00-start-here.ipynb"
NAV, TOC = "nav", "toc"


def suite() -> list[Path]:
    """The notebooks in reading order: the numbered research notebooks, then the classroom."""
    research = sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))
    classroom = sorted((NOTEBOOKS / "classroom").glob("C[0-9]-*.ipynb"))
    return research + classroom


def title(nb: nbformat.NotebookNode, path: Path) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown" and NAV not in cell.metadata.get("tags", []):
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return path.stem


def _rel(target: Path, start: Path) -> str:
    import os

    return os.path.relpath(target, start.parent).replace(os.sep, "/")


def nav_markdown(path: Path, order: list[Path], titles: dict[Path, str]) -> str:
    i = order.index(path)
    parts = []
    if i > 0:
        parts.append(f"[&larr; {titles[order[i - 1]]}]({_rel(order[i - 1], path)})")
    parts.append(f"[Index]({_rel(NOTEBOOKS / START, path)})")
    if i + 1 < len(order):
        parts.append(f"[{titles[order[i + 1]]} &rarr;]({_rel(order[i + 1], path)})")
    return " | ".join(parts)


def toc_markdown(order: list[Path], titles: dict[Path, str]) -> str:
    lines = ["## Contents", "", "**Research notebooks**", ""]
    start = NOTEBOOKS / START
    classroom = "**Classroom walkthroughs** (about 45 minutes each)"
    for path in order:
        if path.parent.name == "classroom" and classroom not in lines:
            lines += ["", classroom, ""]
        if path.name != START:
            lines.append(f"1. [{titles[path]}]({_rel(path, start)})")
    return "\n".join(lines)


def _cell(source: str, tag: str) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_markdown_cell(source)
    cell.metadata["tags"] = [tag]
    cell.pop("id", None)
    return cell


def updated(path: Path, order: list[Path], titles: dict[Path, str]) -> nbformat.NotebookNode:
    nb = nbformat.read(path, as_version=4)
    body = [c for c in nb.cells if NAV not in c.metadata.get("tags", [])]
    nav = nav_markdown(path, order, titles)
    cells = [_cell(nav, NAV), *body, _cell(nav, NAV)]
    if path.name == START:
        toc = toc_markdown(order, titles)
        for c in cells:
            if TOC in c.metadata.get("tags", []):
                c.source = toc
                break
        else:
            raise SystemExit(f"{path}: the start page needs a markdown cell tagged '{TOC}'")
    for i, c in enumerate(cells):  # stable cell ids: diffs stay quiet
        c["id"] = f"cell-{i}"
    nb.cells = cells
    return nb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if anything is out of date")
    args = parser.parse_args(argv)
    order = suite()
    titles = {p: title(nbformat.read(p, as_version=4), p) for p in order}
    stale = []
    for path in order:
        new = updated(path, order, titles)
        current = path.read_text(encoding="utf-8")
        text = nbformat.writes(new) + "\n"
        if current != text:
            stale.append(path)
            if not args.check:
                path.write_text(text, encoding="utf-8")
    for path in stale:
        verb = "out of date" if args.check else "updated"
        print(f"{path.relative_to(ROOT)}: {verb}", file=sys.stderr if args.check else sys.stdout)
    if args.check and stale:
        print("run: python scripts/notebook_nav.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
