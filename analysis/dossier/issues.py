"""The problems validation finds: :class:`Issue`, the error that carries them, and how a list
cell splits into ids."""

from __future__ import annotations

from dataclasses import asdict, dataclass

import pandas as pd

from analysis.schema import LIST_SEPARATOR

__all__ = ["Issue", "DossierValidationError", "split_list"]


@dataclass(frozen=True)
class Issue:
    """One problem found in a dossier.

    ``line`` is the line of the CSV file as a spreadsheet or editor shows it (the header is
    line 1); ``None`` when the problem is with the file or a column as a whole.
    """

    file: str
    line: int | None
    record_id: str | None
    field: str | None
    value: str | None
    rule: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        parts = [where]
        if self.record_id:
            parts.append(f"[{self.record_id}]")
        if self.field:
            value = "" if self.value is None else self.value
            if len(value) > 80:
                value = value[:77] + "..."
            parts.append(f"{self.field}={value!r}")
        return " ".join(parts) + f": {self.rule}"

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


class DossierValidationError(ValueError):
    """Raised when a dossier has problems; ``issues`` lists every one of them."""

    def __init__(self, path: object, issues: list[Issue]):
        self.path = str(path)
        self.issues = list(issues)
        noun = "problem" if len(self.issues) == 1 else "problems"
        lines = [f"{len(self.issues)} {noun} in dossier {self.path}:"]
        lines += [f"  {issue}" for issue in self.issues]
        super().__init__("\n".join(lines))


def split_list(value: object) -> tuple[str, ...]:
    """Split a list cell into its ids: ``"a;b"`` -> ``("a", "b")``; empty -> ``()``."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return ()
    return tuple(item.strip() for item in str(value).split(LIST_SEPARATOR) if item.strip())
