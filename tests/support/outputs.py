"""Executing a notebook on a dossier and reading what a reader of its outputs would read."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import papermill
from markupsafe import Markup

__all__ = ["BUNDLED_WORDS", "bundled_words_in", "output_text", "run_notebook"]

#: Words of the bundled story that must not reach a reader of another dossier's pages.
BUNDLED_WORDS = (
    "Russia",
    "Iran",
    "North Korea",
    "Kremlin",
    "Tehran",
    "Pyongyang",
    "Moscow",
    "RUS",
    "IRN",
    "PRK",
)
_PATTERN = re.compile(r"\b(" + "|".join(re.escape(w) for w in BUNDLED_WORDS) + r")")
_TEXT_MIMES = ("text/markdown", "text/html", "text/plain")


def run_notebook(path: Path, dossier: Path, out: Path) -> nbformat.NotebookNode:
    """``path`` executed with ``DOSSIER`` set to ``dossier`` (papermill, as the tests run)."""
    papermill.execute_notebook(
        str(path),
        str(out),
        parameters={"DOSSIER": str(dossier)},
        kernel_name="python3",
        cwd=str(path.parent),
        progress_bar=False,
        execution_timeout=300,
    )
    return nbformat.read(out, as_version=4)


def output_text(notebook: nbformat.NotebookNode) -> str:
    """Every text a reader of the page sees: the Markdown cells and the code cells' outputs
    (HTML reduced to its text); not the code, which report pages hide."""
    parts = []
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            parts.append(cell.source)
        for out in cell.get("outputs", []) if cell.cell_type == "code" else []:
            if "text" in out:
                parts.append(out["text"])
            data = out.get("data", {})
            mime = next((m for m in _TEXT_MIMES if m in data), None)
            if mime == "text/html":
                parts.append(Markup(data[mime]).striptags())
            elif mime:
                parts.append(data[mime])
    return "\n".join(parts)


def bundled_words_in(text: str) -> list[str]:
    """Each bundled-story word found in ``text``, with a little of its context."""
    return [text[max(0, m.start() - 60) : m.end() + 60] for m in _PATTERN.finditer(text)]
