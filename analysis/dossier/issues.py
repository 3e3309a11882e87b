"""The problems validation finds: :class:`Issue`, the error that carries them, and how a list
cell splits into ids."""

from __future__ import annotations

import unicodedata
from dataclasses import asdict, dataclass

import pandas as pd

from analysis.schema import LIST_SEPARATOR

__all__ = ["Issue", "DossierValidationError", "split_list", "list_items", "shown", "char_names"]

# Invisible or look-alike characters are named after the value; at most this many per value.
_MAX_NAMED = 3


def shown(text: str) -> str:
    """``text`` with every character that does not print as itself escaped (``\\x1b``,
    ``\\u200b``, ``\\n``, a lone surrogate as ``\\ud800``): safe to write to a terminal.

    >>> shown("RUS\\x1b[31m summ\\u200bary")
    'RUS\\\\x1b[31m summ\\\\u200bary'
    """
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def char_names(text: str) -> str:
    """Name the characters of ``text`` a reader cannot tell apart from others: invisible ones
    always, other non-ASCII ones when the text is otherwise ASCII (a Cyrillic ``Ѕ`` in ``RUЅ``).

    >>> char_names("RU\\u0405")
    'U+0405 CYRILLIC CAPITAL LETTER DZE'
    >>> char_names("Москва"), char_names("plain")
    ('', '')
    """
    odd = dict.fromkeys(c for c in text if not (c.isascii() and c.isprintable()))
    if not odd:
        return ""
    foreign = [c for c in odd if c.isprintable() and not c.isspace()]
    if len(foreign) > _MAX_NAMED:  # text in another script: only what cannot be seen
        odd = dict.fromkeys(c for c in odd if c not in foreign)
    names = [_name(c) for c in list(odd)[:_MAX_NAMED]]
    if len(odd) > _MAX_NAMED:
        names.append(f"and {len(odd) - _MAX_NAMED} more")
    return ", ".join(names)


def _name(c: str) -> str:
    kind = unicodedata.category(c)
    fallback = {"Cc": "a control character", "Cs": "a lone surrogate"}.get(kind, "unassigned")
    return f"U+{ord(c):04X} {unicodedata.name(c, '') or fallback}"


@dataclass(frozen=True)
class Issue:
    """One problem found in a dossier.

    ``line`` is the line of the CSV file as a spreadsheet or editor shows it (the header is
    line 1); ``None`` when the problem is with the file or a column as a whole. ``str()`` shows
    every invisible or control character as an escape and names look-alike characters.
    """

    file: str
    line: int | None
    record_id: str | None
    field: str | None
    value: str | None
    rule: str

    def __str__(self) -> str:
        where = shown(self.file if self.line is None else f"{self.file}:{self.line}")
        parts = [where]
        if self.record_id:
            parts.append(f"[{shown(self.record_id)}]")
        if self.field:
            value = "" if self.value is None else self.value
            if len(value) > 80:
                value = value[:77] + "..."
            parts.append(f"{shown(self.field)}={_quoted(value)}")
        names = [n for n in map(char_names, (self.record_id or "", self.field or "")) if n]
        names += [char_names(self.value)] if self.value and char_names(self.value) else []
        if names:
            parts.append(f"({'; '.join(dict.fromkeys(names))})")
        return " ".join(parts) + f": {shown(self.rule)}"

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def _quoted(value: str) -> str:
    text = repr(value)
    return shown(text)  # repr leaves a lone surrogate raw in some builds; never print one


class DossierValidationError(ValueError):
    """Raised when a dossier has problems; ``issues`` lists every one of them."""

    def __init__(self, path: object, issues: list[Issue]):
        self.path = str(path)
        self.issues = list(issues)
        noun = "problem" if len(self.issues) == 1 else "problems"
        lines = [f"{len(self.issues)} {noun} in dossier {shown(self.path)}:"]
        lines += [f"  {issue}" for issue in self.issues]
        super().__init__("\n".join(lines))


def list_items(value: object) -> list[str]:
    """Every item of a list cell, empty ones included: ``"a;;b"`` -> ``["a", "", "b"]``."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return []
    return [item.strip() for item in str(value).split(LIST_SEPARATOR)]


def split_list(value: object) -> tuple[str, ...]:
    """Split a list cell into its ids: ``"a;b"`` -> ``("a", "b")``; empty -> ``()``."""
    return tuple(item for item in list_items(value) if item)
