"""Publishers graded once: rules ``publisher_registered`` and ``one_grade_per_publisher``
(:data:`analysis.schema.RULES`), the one home both validation and the audit use.

A source carries its publisher's grade: the one the publisher register (``publishers.csv``)
gives, or, in a dossier without a register, the most common grade of the publisher's sources
(the better grade on a tie). A source graded otherwise must say why in ``reliability_reason``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

import pandas as pd

from analysis.dossier.issues import Issue
from analysis.schema import RELIABILITY_GRADES, VOCABULARIES

__all__ = ["publisher_issues"]


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _register(publishers: pd.DataFrame | None) -> dict[str, tuple[str, str]] | None:
    """publisher -> (kind, reliability) from the register; ``None`` when there is none (no file,
    or a header with no rows, as an export of a dossier without a register writes)."""
    if publishers is None or publishers.empty:
        return None
    if not {"publisher", "kind", "reliability"} <= set(publishers.columns):
        return None
    rows = zip(publishers["publisher"], publishers["kind"], publishers["reliability"], strict=True)
    return {_text(p): (_kind(k), _grade(r)) for p, k, r in rows if _text(p)}


def _grade(value: object) -> str:
    """A valid grade, or '' (a bad one is reported by its own check, not judged here)."""
    return _text(value) if _text(value) in RELIABILITY_GRADES else ""


def _kind(value: object) -> str:
    return _text(value) if _text(value) in VOCABULARIES["source_kind"] else ""


def _usual_grades(sources: pd.DataFrame) -> dict[str, str]:
    """publisher -> the most common grade of its sources (the better one on a tie)."""
    counts: dict[str, Counter] = {}
    for publisher, grade in zip(sources["publisher"], sources["reliability"], strict=True):
        if _text(publisher) and _grade(grade):
            counts.setdefault(_text(publisher), Counter())[_grade(grade)] += 1
    return {p: min(c, key=lambda g: (-c[g], g)) for p, c in counts.items()}


def publisher_issues(frames: Mapping[str, pd.DataFrame]) -> list[Issue]:
    """Every source whose publisher is missing from the register, whose kind is not its
    publisher's, or whose grade is not its publisher's and gives no ``reliability_reason``."""
    sources = frames.get("sources")
    if sources is None or not {"source_id", "publisher", "reliability"} <= set(sources.columns):
        return []
    register = _register(frames.get("publishers"))
    usual = _usual_grades(sources)
    reasons = sources.get("reliability_reason", pd.Series(pd.NA, index=sources.index))
    kinds = sources.get("kind", pd.Series(pd.NA, index=sources.index))
    issues: list[Issue] = []

    def issue(index, field: str, value: str, rule: str) -> None:
        rid = _text(sources.at[index, "source_id"]) or None
        issues.append(Issue("sources.csv", int(index), rid, field, value, rule))

    for index in sources.index:
        publisher = _text(sources.at[index, "publisher"])
        grade = _grade(sources.at[index, "reliability"])
        if not publisher:
            continue
        if register is not None and publisher not in register:
            issue(index, "publisher", publisher, "publisher is not in publishers.csv: add it there")
            continue
        kind, expected = register[publisher] if register is not None else ("", usual.get(publisher))
        if kind and _kind(kinds[index]) and _kind(kinds[index]) != kind:
            issue(index, "kind", _kind(kinds[index]), f"{publisher} is {kind} in publishers.csv")
        if grade and expected and grade != expected and not _text(reasons[index]):
            where = "in publishers.csv" if register is not None else "by its other sources"
            issue(
                index,
                "reliability",
                grade,
                f"{publisher} is graded {expected} {where}: grade the source alike, or say why "
                "in reliability_reason",
            )
    return issues
