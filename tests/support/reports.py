"""The report built from the fixture notebooks, once per test session, shared by test modules."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from pathlib import Path

from analysis.report import Page, build_report

__all__ = ["FIXTURES", "FIXTURE_NOTEBOOKS", "FIRST_BUILD", "built_report", "mini_dossier"]

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "notebooks"
FIXTURE_NOTEBOOKS = sorted(FIXTURES.glob("*.ipynb"))
FIRST_BUILD = datetime(2026, 1, 2, 3, 4, tzinfo=UTC)

_cache: dict[str, object] = {}


def mini_dossier(tmp_path_factory) -> Path:
    """The conftest's mini dossier, written once per session (the notebooks read it)."""
    if "mini" not in _cache:
        from conftest import MINI, write_tables

        _cache["mini"] = write_tables(
            tmp_path_factory.mktemp("dossier") / "mini", copy.deepcopy(MINI)
        )
    return _cache["mini"]


def built_report(tmp_path_factory) -> tuple[Path, list[Page], list[str]]:
    """Build the fixture notebooks against the mini dossier (once); folder, pages, progress."""
    if "report" not in _cache:
        out = tmp_path_factory.mktemp("report") / "site"
        lines: list[str] = []
        pages = build_report(
            FIXTURE_NOTEBOOKS,
            out,
            dossier=mini_dossier(tmp_path_factory),
            progress=lines.append,
            build_date=FIRST_BUILD,
        )
        _cache["report"] = (out, pages, lines)
    return _cache["report"]
