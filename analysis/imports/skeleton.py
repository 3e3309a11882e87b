"""A new dossier, ready to fill: ``python -m analysis new DIR --title ...``.

The skeleton holds every table of :mod:`analysis.schema` with its header and no rows, a
``datapackage.json`` with the title and an empty ``focus`` (the notebooks then say what the
dossier has no record of yet), and a README that walks the curator through the first records.
It is a valid dossier as written. ``--from-dossier D`` also copies D's actors, sources and
publishers, the tables a new story about the same states usually starts from.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

from analysis.common.paths import resolve_dossier
from analysis.dossier.loading import load_dossier
from analysis.imports.writing import ImportRefused, write_dossier

__all__ = ["COPIED_TABLES", "new_dossier", "curator_readme"]

#: Tables ``--from-dossier`` copies: who is who, and where that is written.
COPIED_TABLES = ("sources", "publishers", "actors")


def curator_readme(title: str, origin: str = "") -> str:
    """The README of a new dossier: what to fill in first, and the commands that check it."""
    lines = [
        f"# {title}",
        "",
        "A dossier made by `python -m analysis new`" + (f" from {origin}." if origin else "."),
        "Each CSV file is one table; its header row lists the columns (see",
        "`docs/data-format.md` for every field and vocabulary, and `docs/curators-checklist.md`",
        "for how to grade a source, date a record, record a disagreement and quote).",
        "",
        "1. Add the sources first (`sources.csv`), each graded A-F for reliability.",
        "2. Add the actors (`actors.csv`): a state's id is its ISO 3166-1 alpha-3 code.",
        "3. Add partnerships, obligations, allegations, statements and events, each citing",
        "   its sources by id (`source_ids`, joined by `;`).",
        "4. Name what the notebooks centre on in `datapackage.json` under `focus`",
        '   (`"partnership"`, `"comparison"`, `"allegation"`, `"as_of"`, `"question"`).',
        "",
        "Check the folder after every change:",
        "",
        "```bash",
        "python -m analysis validate THIS_FOLDER   # what breaks the format, all at once",
        "python -m analysis audit THIS_FOLDER      # what is allowed but probably a slip",
        "```",
        "",
    ]
    return "\n".join(lines)


def _rows(folder: Path, name: str) -> list[dict[str, str]]:
    path = folder / f"{name}.csv"
    if not path.exists():
        return []
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def new_dossier(
    folder: str | os.PathLike[str],
    title: str,
    from_dossier: str | os.PathLike[str] | None = None,
) -> list[Path]:
    """Write a new, valid dossier skeleton into ``folder`` (which must not exist).

    Returns the files written; raises :class:`~analysis.imports.writing.ImportRefused` when
    the folder exists or the title is empty, and
    :class:`~analysis.dossier.DossierValidationError` when ``from_dossier`` is invalid.
    """
    if not title.strip():
        raise ImportRefused("a new dossier needs a title: --title 'What the story is about'")
    rows: dict[str, list[dict[str, str]]] = {}
    origin = ""
    if from_dossier is not None:
        source = load_dossier(from_dossier).path  # refuse to copy from an invalid dossier
        source = resolve_dossier(source)
        rows = {name: _rows(source, name) for name in COPIED_TABLES}
        origin = f"the actors, sources and publishers of {source.name}"
    return write_dossier(folder, title.strip(), rows, readme=curator_readme(title.strip(), origin))
