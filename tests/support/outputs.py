"""Executing a notebook on a dossier and reading what a reader of its outputs would read."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import papermill
from markupsafe import Markup

__all__ = [
    "BUNDLED_WORDS",
    "RAW_BLANK",
    "bundled_words_in",
    "output_text",
    "raw_blanks",
    "run_notebook",
    "shown_outputs",
]

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


#: What a raw pandas blank or a printed Series looks like when it reaches a reader.
RAW_BLANK = re.compile(
    r"(?<![\w`.\"'-])(?:NaT|NaN|nan|<NA>|(?<!place of )None(?! (?:is|of|does|are)\b))(?![\w`\"'(-])"
    r"|\bdtype: |\bName: "
)


def raw_blanks(text: str) -> list[str]:
    """Each raw ``NaT``/``NaN``/``None``/``<NA>`` or printed-Series mark (``dtype:``, ``Name:``)
    in ``text``, with a little of its context (English "None is..." is not one)."""
    return [text[max(0, m.start() - 60) : m.end() + 40] for m in RAW_BLANK.finditer(text)]


def _strings(value: object):
    if isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, str):
        yield value


def shown_outputs(notebook: nbformat.NotebookNode) -> str:
    """What the code cells' outputs show a reader: each output's richest form (a figure's
    strings, HTML without its scripts, else the plain text) and what the cells printed."""
    parts = []
    for cell in notebook.cells:
        for out in cell.get("outputs", []) if cell.cell_type == "code" else []:
            if "text" in out:
                parts.append(out["text"])
            data = out.get("data", {})
            if "application/vnd.plotly.v1+json" in data:
                parts.extend(_strings(data["application/vnd.plotly.v1+json"]))
            elif "text/html" in data:
                parts.append(re.sub(r"<script\b.*?</script>", "", data["text/html"], flags=re.S))
            elif "text/plain" in data:
                parts.append(data["text/plain"])
    return "\n".join(parts)
