"""Typed columns for synthetic dossiers: categoricals, partial dates, id lists and citations.

Each helper makes a column exactly as :func:`analysis.load_dossier` would type it, so a
synthetic dossier is indistinguishable from a loaded one (and passes validation when written
out); :class:`Citations` derives the provenance columns the way :mod:`analysis.dossier.provenance`
does, vectorised.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.dossier.provenance import RELIABILITY
from analysis.schema import TABLES, VOCABULARIES

__all__ = [
    "categorical",
    "zipf_weights",
    "strings",
    "partial_dates",
    "date_columns",
    "reported_soon_after",
    "id_tuples",
    "Citations",
    "typed_table",
    "START",
    "DAYS",
]

START = np.datetime64("2014-01-01", "D")
DAYS = 12 * 365  # 2014 .. 2025
PRECISIONS = list(VOCABULARIES["precision"])  # day, month, year


def categorical(
    codes: np.ndarray, vocabulary: str | list[str], ordered: bool = False
) -> pd.Categorical:
    terms = list(VOCABULARIES[vocabulary]) if isinstance(vocabulary, str) else vocabulary
    return pd.Categorical.from_codes(
        np.asarray(codes, dtype=np.int64), categories=terms, ordered=ordered
    )


def zipf_weights(n: int, exponent: float = 1.1) -> np.ndarray:
    w = 1.0 / np.arange(1, n + 1) ** exponent
    return w / w.sum()


def strings(values) -> pd.Series:
    return pd.Series(values, dtype=object).astype("str")


def partial_dates(rng: np.random.Generator, days: np.ndarray, approx_share: float = 0.03):
    """Typed date columns (start, precision, approx) for day offsets, at mixed precision."""
    day = START + np.clip(days, 0, DAYS - 1).astype("timedelta64[D]")
    precision = rng.choice(3, size=len(days), p=[0.8, 0.15, 0.05])
    month = day.astype("datetime64[M]").astype("datetime64[D]")
    year = day.astype("datetime64[Y]").astype("datetime64[D]")
    start = np.where(precision == 0, day, np.where(precision == 1, month, year))
    approx = (rng.random(len(days)) < approx_share) & (precision == 0)
    return start.astype("datetime64[us]"), precision, approx


def date_columns(name: str, start, precision, approx) -> dict[str, object]:
    return {
        name: pd.Series(start, dtype="datetime64[us]"),
        f"{name}_precision": categorical(precision, PRECISIONS, ordered=True),
        f"{name}_approx": np.asarray(approx, dtype=bool),
    }


def reported_soon_after(rng: np.random.Generator, start: np.ndarray) -> dict[str, object]:
    """Reported at day precision, on or a few days after the occurred date's start."""
    lag = rng.geometric(0.4, size=len(start)) - 1
    day = start.astype("datetime64[D]") + lag.astype("timedelta64[D]")
    return date_columns(
        "reported",
        day.astype("datetime64[us]"),
        np.zeros(len(start), dtype=np.int64),
        np.zeros(len(start), bool),
    )


def id_tuples(first: np.ndarray, second: np.ndarray | None = None) -> list[tuple]:
    """Tuples of ids from one or two id arrays (``None`` entries in ``second`` are skipped)."""
    if second is None:
        return [(a,) for a in first]
    return [(a,) if b is None or b == a else (a, b) for a, b in zip(first, second, strict=True)]


class Citations:
    """Source citations for a table, with the provenance columns derived from them."""

    def __init__(self, rng: np.random.Generator, sources: pd.DataFrame, n: int):
        weights = zipf_weights(len(sources), 0.8)
        first = rng.choice(len(sources), size=n, p=weights)
        second = np.where(rng.random(n) < 0.3, rng.choice(len(sources), size=n, p=weights), -1)
        second = np.where(second == first, -1, second)
        ids = sources["source_id"].to_numpy(dtype=object)
        grades = sources["reliability"].cat.codes.to_numpy()
        publishers = sources["publisher"].to_numpy(dtype=object)
        has2 = second >= 0
        s2 = np.where(has2, second, 0)
        self.source_ids = id_tuples(ids[first], np.where(has2, ids[s2], None))
        best = np.where(has2, np.minimum(grades[first], grades[s2]), grades[first])
        self.reliability = pd.Categorical.from_codes(best, dtype=RELIABILITY)
        self.low_tier_only = best >= 3  # every source graded D or worse
        self.publishers = id_tuples(publishers[first], np.where(has2, publishers[s2], None))
        self.source_count = np.where(has2, 2, 1).astype(np.int64)

    def columns(self) -> dict[str, object]:
        return {
            "reliability": self.reliability,
            "low_tier_only": self.low_tier_only,
            "publishers": self.publishers,
            "source_count": self.source_count,
        }


def typed_table(
    table: str, columns: dict[str, object], citations: Citations | None
) -> pd.DataFrame:
    """A frame with exactly the typed columns of ``table`` (missing ones empty), in order."""
    spec = next(t for t in TABLES if t.name == table)
    n = len(next(iter(columns.values())))
    if citations is not None:
        columns = {**columns, "source_ids": pd.Series(citations.source_ids, dtype=object)}
    out: dict[str, object] = {}
    for f in spec.fields:
        if f.type == "date":
            for suffix in ("", "_precision", "_approx"):
                key = f.name + suffix
                if key in columns:
                    out[key] = columns[key]
                elif suffix == "":
                    out[key] = pd.Series(pd.NaT, index=range(n), dtype="datetime64[us]")
                elif suffix == "_precision":
                    out[key] = categorical(np.full(n, -1), PRECISIONS, ordered=True)
                else:
                    out[key] = np.zeros(n, dtype=bool)
        elif f.name in columns:
            out[f.name] = columns[f.name]
        elif f.type == "list":
            out[f.name] = pd.Series([()] * n, dtype=object)
        elif f.type == "grade":
            out[f.name] = categorical(
                np.full(n, -1),
                f.vocabulary,
                ordered=f.vocabulary
                in ("reliability", "credibility", "presence", "consistency", "precision"),
            )
        elif f.type == "integer":
            out[f.name] = pd.array([pd.NA] * n, dtype="Int64")
        elif f.type == "boolean":
            out[f.name] = pd.array([pd.NA] * n, dtype="boolean")
        else:
            out[f.name] = strings([np.nan] * n)
    if citations is not None:
        out.update(citations.columns())
    frame = pd.DataFrame(out)
    frame.index = pd.RangeIndex(n)
    return frame
