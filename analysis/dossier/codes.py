"""Real code lists, not patterns: states by ISO 3166-1, languages by ISO 639, through pycountry.

A state's id must be an ISO 3166-1 alpha-3 code: a current one, or a historic one (pycountry's
``historic_countries``, ISO 3166-3: ``SUN`` for the Soviet Union, ``YUG``, ``DDR``) for a state
that no longer exists, or one of the codes ISO 3166-1 reserves as *user-assigned*
(``AAA``-``AAZ``, ``QMA``-``QZZ``, ``XAA``-``XZZ``, ``ZZA``-``ZZZ``: never given to a real
country), which test and teaching dossiers use for fictional states (``XFR`` for a made-up
Freedonia) so that no real country is put in an invented story. A language code is ISO 639:
two letters (639-1, ``fa``) or three (639-2 or 639-3, ``fas``, ``per``), lower case. A Wikidata
item id is ``Q`` and digits.
"""

from __future__ import annotations

import re
from functools import cache

import pandera.pandas as pa
import pycountry

from analysis.schema import Field

__all__ = [
    "STATE_ID_ERROR",
    "code_checks",
    "is_user_assigned",
    "current_state_codes",
    "is_language_code",
    "is_state_code",
    "is_wikidata",
]

STATE_ID_ERROR = (
    "a state's id must be an ISO 3166-1 alpha-3 code, current or historic (RUS, IRN, SUN), "
    "or user-assigned for a fictional state (AAA-AAZ, QMA-QZZ, XAA-XZZ, ZZA-ZZZ): "
    "this is none of them"
)
LANGUAGE_ERROR = "must be an ISO 639 language code: two letters (en, ru, fa) or three (fas)"
WIKIDATA_ERROR = "must be a Wikidata item id: Q followed by digits, such as Q159"
_WIKIDATA = re.compile(r"^Q[1-9][0-9]{0,12}$")
#: ISO 3166-1's user-assigned alpha-3 ranges (section 8.1.3): free for private use.
_USER_ASSIGNED = re.compile(r"^(AA[A-Z]|Q[M-Z][A-Z]|X[A-Z]{2}|ZZ[A-Z])$")


@cache
def _states() -> frozenset[str]:
    current = {c.alpha_3 for c in pycountry.countries}
    return frozenset(current | {c.alpha_3 for c in pycountry.historic_countries})


@cache
def _languages() -> frozenset[str]:
    codes = set()
    for lang in pycountry.languages:
        for attr in ("alpha_2", "alpha_3", "bibliographic"):
            codes.add(getattr(lang, attr, None))
    return frozenset(c for c in codes if c)


def current_state_codes() -> tuple[str, ...]:
    """Every current ISO 3166-1 alpha-3 code, sorted (for synthetic dossiers' states)."""
    return tuple(sorted(c.alpha_3 for c in pycountry.countries))


def is_user_assigned(value: object) -> bool:
    """Whether ``value`` is a user-assigned ISO 3166-1 alpha-3 code (for a fictional state).

    >>> [is_user_assigned(c) for c in ("XFR", "AAZ", "QMA", "ZZZ", "QLZ", "ZYA", "RUS", "xfr")]
    [True, True, True, True, False, False, False, False]
    """
    return isinstance(value, str) and bool(_USER_ASSIGNED.match(value))


def is_state_code(value: object) -> bool:
    """Whether ``value`` is a current, historic or user-assigned ISO 3166-1 alpha-3 code.

    >>> is_state_code("RUS"), is_state_code("SUN"), is_state_code("XFR"), is_state_code("RUZ")
    (True, True, True, False)
    >>> is_state_code("rus")
    False
    """
    return isinstance(value, str) and (value in _states() or is_user_assigned(value))


def is_language_code(value: object) -> bool:
    """Whether ``value`` is an ISO 639 code (two or three lower-case letters).

    >>> [is_language_code(c) for c in ("fa", "fas", "xx", "EN")]
    [True, True, False, False]
    """
    return isinstance(value, str) and value in _languages()


def is_wikidata(value: object) -> bool:
    """Whether ``value`` is a Wikidata item id.

    >>> is_wikidata("Q159"), is_wikidata("q159"), is_wikidata("Q0"), is_wikidata("P31")
    (True, False, False, False)
    """
    return isinstance(value, str) and bool(_WIKIDATA.match(value))


def code_checks(f: Field) -> list[pa.Check]:
    """The pandera checks of a field whose values come from a code list (none otherwise)."""
    if f.codes == "language":
        return [pa.Check(is_language_code, element_wise=True, error=LANGUAGE_ERROR)]
    if f.codes == "wikidata":
        return [pa.Check(is_wikidata, element_wise=True, error=WIKIDATA_ERROR)]
    return []
