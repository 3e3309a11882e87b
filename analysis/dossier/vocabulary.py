"""A dossier's own vocabularies, declared in its ``datapackage.json``.

Stories differ in their camps, topics and kinds of event, so three vocabularies are data:

* ``camps``: the dossier's camps, each ``{"id", "label", "colour"}`` (and an optional
  ``definition``); an actor's ``alignment`` names one, and the network colours it so. A
  descriptor that declares none has the four default camps
  (:data:`analysis.schema.DEFAULT_CAMPS`).
* ``vocabularies``: terms added to ``allegation_topic`` and ``event_kind``
  (:data:`analysis.schema.EXTENSIBLE_VOCABULARIES`), each with its definition:
  ``{"event_kind": {"announcement": "A partnership or policy is announced."}}``.

The standards (Admiralty grades, stances, presence, precision...) stay closed. Every problem
becomes an :class:`~analysis.dossier.issues.Issue` naming the key, the value and the rule.

>>> meta = {"camps": [{"id": "north", "label": "The North", "colour": "steelblue"}]}
>>> [(c.id, c.colour) for c in camps(meta)]
[('north', '#4682b4')]
>>> vocabulary_issues({"camps": [{"id": "north", "label": "N", "colour": "bleu"}]})[0].rule
'must be a CSS colour: #rgb or #rrggbb, or a CSS colour name (steelblue, darkred...)'
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import webcolors

from analysis.dossier.issues import Issue
from analysis.schema import DEFAULT_CAMPS, EXTENSIBLE_VOCABULARIES, ID_PATTERN, VOCABULARIES

__all__ = [
    "Camp",
    "camps",
    "dossier_vocabularies",
    "vocabulary_issues",
    "css_colour",
    "is_term",
]

_DESCRIPTOR = "datapackage.json"
_ID = re.compile(ID_PATTERN)
_TERM = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
_CAMP_KEYS = ("id", "label", "colour", "definition")


def is_term(text: str) -> bool:
    """Whether ``text`` has the form of a vocabulary term a dossier may add: lower-case
    letters, digits and ``_``, starting with a letter, at most 40 characters."""
    return bool(_TERM.fullmatch(text))


@dataclass(frozen=True)
class Camp:
    """One camp: its id (an actor's ``alignment``), label, colour (``#rrggbb``), definition."""

    id: str
    label: str
    colour: str
    definition: str = ""


def css_colour(value: object) -> str | None:
    """``value`` as ``#rrggbb`` if it is a CSS colour (hex or a CSS colour name), else ``None``.

    >>> css_colour("#ABC"), css_colour("DarkRed"), css_colour("rouge")
    ('#aabbcc', '#8b0000', None)
    """
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        return (
            webcolors.normalize_hex(text) if text.startswith("#") else webcolors.name_to_hex(text)
        )
    except ValueError:
        return None


def _issue(field: str, value: object, rule: str) -> Issue:
    text = None if value is None else value if isinstance(value, str) else json.dumps(value)
    return Issue(_DESCRIPTOR, None, None, field, text, rule)


def _camp_issues(declared: object) -> list[Issue]:
    if not isinstance(declared, list) or not declared:
        return [_issue("camps", declared, "must be a list of camps, each {id, label, colour}")]
    issues: list[Issue] = []
    seen: set[str] = set()
    for i, camp in enumerate(declared):
        at = f"camps.{i}"
        if not isinstance(camp, dict):
            issues.append(_issue(at, camp, "must be an object {id, label, colour}"))
            continue
        for key in camp:
            if key not in _CAMP_KEYS:
                issues.append(
                    _issue(
                        f"{at}.{key}",
                        camp[key],
                        "is not a key of a camp (keys: " + ", ".join(_CAMP_KEYS) + ")",
                    )
                )
        for key in ("id", "label", "colour"):
            value = camp.get(key)
            if not isinstance(value, str) or not value.strip():
                issues.append(
                    _issue(f"{at}.{key}", value, "is required: a camp needs a text " + key)
                )
        cid, colour, definition = camp.get("id"), camp.get("colour"), camp.get("definition")
        if isinstance(cid, str) and cid.strip():
            if not _ID.match(cid):
                issues.append(
                    _issue(
                        f"{at}.id",
                        cid,
                        "must be an id: letters, digits, '_', '.' "
                        "or '-', starting with a letter or digit",
                    )
                )
            elif cid in seen:
                issues.append(
                    _issue(f"{at}.id", cid, "names a camp declared before: ids are unique")
                )
            seen.add(cid)
        if isinstance(colour, str) and colour.strip() and css_colour(colour) is None:
            issues.append(
                _issue(
                    f"{at}.colour",
                    colour,
                    "must be a CSS colour: #rgb or #rrggbb, "
                    "or a CSS colour name (steelblue, darkred...)",
                )
            )
        if definition is not None and not (isinstance(definition, str) and definition.strip()):
            issues.append(_issue(f"{at}.definition", definition, "must be text when given"))
    return issues


def _term_issues(declared: object) -> list[Issue]:
    if not isinstance(declared, dict):
        return [
            _issue("vocabularies", declared, "must be an object: vocabulary -> {term: definition}")
        ]
    issues: list[Issue] = []
    for name, terms in declared.items():
        at = f"vocabularies.{name}"
        if name not in EXTENSIBLE_VOCABULARIES:
            rule = (
                "is a closed vocabulary (a standard or the format's own): terms cannot be added"
                if name in VOCABULARIES
                else "is not a vocabulary of the format"
            )
            if name == "alignment":
                rule = "is declared by camps, not here: list the dossier's camps in camps"
            issues.append(
                _issue(at, None, rule + " (open: " + ", ".join(EXTENSIBLE_VOCABULARIES) + ")")
            )
            continue
        if not isinstance(terms, dict) or not terms:
            issues.append(_issue(at, terms, "must be an object {term: definition}"))
            continue
        for term, definition in terms.items():
            where = f"{at}.{term}"
            if not _TERM.match(term):
                issues.append(
                    _issue(
                        where,
                        term,
                        "must be a term: lower-case letters, digits "
                        "and '_', starting with a letter, at most 40 characters",
                    )
                )
            elif term in VOCABULARIES[name]:
                issues.append(
                    _issue(
                        where,
                        term,
                        f"clashes with the built-in term {term!r} of "
                        f"{name}: use it as it is, or choose another name",
                    )
                )
            if not isinstance(definition, str) or not definition.strip():
                issues.append(
                    _issue(where, definition, "needs a definition: the term's meaning as text")
                )
    return issues


def vocabulary_issues(metadata: Mapping[str, Any]) -> list[Issue]:
    """Problems with the descriptor's ``camps`` and ``vocabularies`` (none when absent)."""
    issues: list[Issue] = []
    if "camps" in metadata:
        issues += _camp_issues(metadata["camps"])
    if "vocabularies" in metadata:
        issues += _term_issues(metadata["vocabularies"])
    return issues


def camps(metadata: Mapping[str, Any]) -> tuple[Camp, ...]:
    """The dossier's camps, in the order declared; the default four when none are declared.
    (Camps with problems are left out: validation reports them.)"""
    declared = metadata.get("camps")
    if not isinstance(declared, list) or not declared:
        return tuple(Camp(c["id"], c["label"], c["colour"]) for c in DEFAULT_CAMPS)
    out: dict[str, Camp] = {}
    for camp in declared:
        if not isinstance(camp, dict):
            continue
        cid, label, colour = camp.get("id"), camp.get("label"), css_colour(camp.get("colour"))
        if isinstance(cid, str) and _ID.match(cid) and isinstance(label, str) and colour:
            definition = camp.get("definition")
            out.setdefault(
                cid, Camp(cid, label, colour, definition if isinstance(definition, str) else "")
            )
    return tuple(out.values())


def dossier_vocabularies(metadata: Mapping[str, Any]) -> dict[str, dict[str, str]]:
    """Every vocabulary as this dossier has it: ``alignment`` its camps (id -> definition or
    label), ``allegation_topic`` and ``event_kind`` with its added terms after the built-in."""
    out = {name: dict(terms) for name, terms in VOCABULARIES.items()}
    out["alignment"] = {c.id: c.definition or c.label for c in camps(metadata)}
    if "camps" not in metadata:
        out["alignment"] = dict(VOCABULARIES["alignment"])
    added = metadata.get("vocabularies")
    if isinstance(added, dict):
        for name in EXTENSIBLE_VOCABULARIES:
            terms = added.get(name)
            if isinstance(terms, dict):
                out[name].update(
                    (t, d)
                    for t, d in terms.items()
                    if _TERM.match(t)
                    and t not in VOCABULARIES[name]
                    and isinstance(d, str)
                    and d.strip()
                )
    return out
