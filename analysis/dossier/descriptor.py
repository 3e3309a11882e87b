"""The dossier's ``datapackage.json``, parsed strictly and checked against the schema.

The descriptor is a Frictionless data package: its ``resources`` are exactly the tables in the
folder, each at its plain file name (``actors.csv``: no folder, no ``..``, no URL); ``title``
and ``description`` are text; ``focus`` names what the notebooks centre on, by id. The shape is
a pydantic model (strict: no number passes for text); what refers to the tables and ids is
checked here, and every problem becomes an :class:`~analysis.dossier.issues.Issue`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from analysis.common.dates import parse_partial_date
from analysis.dossier.issues import Issue
from analysis.schema import DATE_PATTERN, TABLES

__all__ = ["DESCRIPTOR", "FOCUS_REFERENCES", "parse_descriptor", "resource_issues", "focus_issues"]

#: The dossier's Frictionless descriptor: title, description, focus and the tables it holds.
DESCRIPTOR = "datapackage.json"

#: Each ``focus`` key that names a record -> the table whose ids it names.
FOCUS_REFERENCES = {
    "partnership": "partnerships",
    "comparison": "partnerships",
    "allegation": "allegations",
    "second_allegation": "allegations",
}


class Resource(BaseModel):
    """One table of the package (Frictionless keeps other keys: schema, format...)."""

    model_config = ConfigDict(strict=True, extra="allow")
    name: str
    path: str


class Focus(BaseModel):
    """What the narrative notebooks centre on (see :attr:`analysis.dossier.Dossier.focus`)."""

    model_config = ConfigDict(strict=True, extra="forbid")
    partnership: str | None = None
    comparison: str | None = None
    allegation: str | None = None
    second_allegation: str | None = None
    as_of: str | None = None
    question: str | None = None


class Package(BaseModel):
    model_config = ConfigDict(strict=True, extra="allow")
    resources: list[Resource]
    name: str | None = None
    title: str | None = None
    description: str | None = None
    focus: Focus | None = None


def _issue(rule: str, field: str | None = None, value: object = None, line=None) -> Issue:
    text = None if value is None else (value if isinstance(value, str) else json.dumps(value))
    return Issue(DESCRIPTOR, line, None, field, text, rule)


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value (write a number, or null)")


def _strings(value: object, where: str = ""):
    """Every string in a JSON value, keys too, with where it is."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield f"{where}.{k}".lstrip("."), k
            yield from _strings(v, f"{where}.{k}".lstrip("."))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, f"{where}.{i}".lstrip("."))


def parse_descriptor(text: str) -> tuple[dict, list[Issue]]:
    """Parse the descriptor's text; its metadata (empty if unusable) and its problems."""
    try:
        data = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        return {}, [_issue(f"is not valid JSON: {exc.msg} (column {exc.colno})", line=exc.lineno)]
    except RecursionError:
        return {}, [_issue("is not valid JSON: nested too deeply")]
    except ValueError as exc:  # NaN/Infinity, or an integer of more than 4300 digits
        return {}, [_issue(f"is not valid JSON: {_plain(str(exc))}")]
    if not isinstance(data, dict):
        return {}, [_issue("must be a JSON object")]
    issues = [
        _issue("holds a lone surrogate escape (\\ud800-\\udfff), which is not a character", k, v)
        for k, v in _strings(data)
        if any(0xD800 <= ord(c) <= 0xDFFF for c in v)
    ]
    if issues:
        return {}, issues
    try:
        json.dumps(data, allow_nan=False)
    except ValueError:  # 1e999 reads as infinity
        return {}, [_issue("is not valid JSON: a number too large to represent")]
    try:
        Package.model_validate(data)
    except ValidationError as exc:
        return {}, [_pydantic_issue(e) for e in exc.errors(include_url=False)]
    return data, []


def _plain(message: str) -> str:
    if "integer string conversion" in message:
        return "a number with more than 4300 digits"
    return message


def _pydantic_issue(error: Mapping[str, Any]) -> Issue:
    where = ".".join(str(p) for p in error["loc"]) or None
    rule = str(error["msg"])
    if error["type"] == "missing":
        rule = "is missing: the descriptor must have it"
    elif error["type"] == "extra_forbidden":
        rule = "is not a key of focus (keys: " + ", ".join(Focus.model_fields) + ")"
    value = None if error["type"] == "missing" else error.get("input")
    if isinstance(value, dict | list):
        value = json.dumps(value)[:200]
    return _issue(rule, where, value)


def resource_issues(data: Mapping[str, Any], present: set[str], required_missing: set[str]):
    """Problems with ``resources``: each names a table once, at its plain file name, and the
    tables listed are exactly those in the folder (``present``: table names with a file)."""
    issues: list[Issue] = []
    names = {t.name for t in TABLES}
    listed: set[str] = set()
    for i, resource in enumerate(data.get("resources", [])):
        name, path = resource["name"], resource["path"]
        if name not in names:
            issues.append(
                _issue(
                    "names no table of a dossier (tables: " + ", ".join(sorted(names)) + ")",
                    f"resources.{i}.name",
                    name,
                )
            )
            continue
        if name in listed:
            issues.append(_issue("lists this table twice", f"resources.{i}.name", name))
        listed.add(name)
        if path != f"{name}.csv":
            issues.append(
                _issue(
                    f"must be the plain file name {name}.csv, inside the dossier folder",
                    f"resources.{i}.path",
                    path,
                )
            )
        elif name not in present and name not in required_missing:
            issues.append(
                _issue("lists a table whose file is not in the folder", f"resources.{i}.path", path)
            )
    for name in sorted(present - listed, key=[t.name for t in TABLES].index):
        issues.append(_issue(f"does not list {name}.csv, which is in the folder", "resources"))
    return issues


def focus_issues(data: Mapping[str, Any], known: Mapping[str, set[str]]) -> list[Issue]:
    """Problems with ``focus``: each id it names exists in its table; ``as_of`` is a date."""
    focus = data.get("focus") or {}
    issues: list[Issue] = []
    for key, target in FOCUS_REFERENCES.items():
        value = focus.get(key)
        if value is not None and target in known and value not in known[target]:
            issues.append(
                _issue(f"names an id that is not in {target}.csv: {value!r}", f"focus.{key}", value)
            )
    as_of = focus.get("as_of")
    if as_of is not None:
        try:
            parse_partial_date(as_of)
        except ValueError:
            issues.append(
                _issue(f"must be a real date matching {DATE_PATTERN}", "focus.as_of", as_of)
            )
    return issues
