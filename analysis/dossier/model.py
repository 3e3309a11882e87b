"""The dossier: one validated case file held as typed pandas frames."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from analysis.dossier.provenance import attach_provenance
from analysis.dossier.vocabulary import Camp, camps, dossier_vocabularies
from analysis.schema import RELIABILITY_GRADES, TABLES

__all__ = [
    "Dossier",
    "CITING_TABLES",
    "per_allegation",
    "allegations_named",
    "per_actor",
    "parties",
    "speakers",
    "who_said",
]

#: Tables whose records cite sources and so carry derived provenance columns.
CITING_TABLES = (
    "actors",
    "partnerships",
    "obligations",
    "allegations",
    "statements",
    "events",
    "disputes",
    "hypotheses",
)


def per_allegation(statements: pd.DataFrame) -> pd.DataFrame:
    """The per-allegation view of ``statements``: one row per (statement, allegation) pair.

    A statement is one utterance and may name several allegations (``allegation_ids``). Rules
    that follow one allegation (its status, its lifecycle) read this view, in which such a
    statement appears once under each allegation it names, with the scalar ``allegation_id``.
    A statement naming none appears once, with ``allegation_id`` missing. Counts of statements
    and tallies of who said what count ``statement_id`` once (``nunique``), or read
    ``statements`` itself. A frame that is already per allegation (it has ``allegation_id``)
    is returned as it is; each of its rows keeps its statement's ``allegation_ids``.

    >>> from analysis import load_dossier
    >>> st = load_dossier().statements
    >>> msmt = st[st["statement_id"] == "st-2025-05-29-msmt"]
    >>> len(msmt), list(per_allegation(msmt)["allegation_id"])
    (1, ['al-prk-shells', 'al-prk-missiles', 'al-rus-prk-airdefence'])
    """
    if "allegation_id" in statements.columns:  # already per allegation
        return statements
    ids = statements["allegation_ids"].map(lambda t: list(t) if t else [None])
    out = statements.assign(allegation_id=ids).explode("allegation_id", ignore_index=True)
    out["allegation_id"] = out["allegation_id"].astype(object).where(out["allegation_id"].notna())
    return out


def allegations_named(frame: pd.DataFrame) -> list[tuple[str, ...]]:
    """The allegation ids each record names, in order: a statement's ``allegation_ids``, an
    event's ``allegation_id`` (one or none), or those of a per-allegation view's row.

    >>> import pandas as pd
    >>> allegations_named(pd.DataFrame({"allegation_id": ["al-a", None]}))
    [('al-a',), ()]
    """
    if "allegation_ids" in frame.columns:
        return [tuple(t) for t in frame["allegation_ids"]]
    return [(a,) if isinstance(a, str) else () for a in frame["allegation_id"]]


def _joint(first: pd.Series, joint: pd.Series | None) -> list[tuple[str, ...]]:
    others = joint if joint is not None else [()] * len(first)
    return [
        ((f,) if isinstance(f, str) else ()) + tuple(o or ())
        for f, o in zip(first, others, strict=True)
    ]


def parties(statements: pd.DataFrame) -> list[tuple[str, ...]]:
    """Who made each statement: its ``actor_id``, then its ``joint_actor_ids`` (a joint
    statement is one row naming every party)."""
    return _joint(statements["actor_id"], statements.get("joint_actor_ids"))


def speakers(statements: pd.DataFrame) -> list[tuple[str, ...]]:
    """Who spoke each statement: its ``speaker_id``, then its ``joint_speaker_ids``."""
    return _joint(statements["speaker_id"], statements.get("joint_speaker_ids"))


def per_actor(statements: pd.DataFrame) -> pd.DataFrame:
    """The per-party view of ``statements``: one row per (statement, party), ``actor_id`` the
    party. Rules that credit every party to a joint statement read it (relations, who alleges
    whom, exports' edges); counts of statements read ``statements``, or count ``statement_id``
    once. The other columns (speakers included) describe the utterance and are repeated.

    >>> from analysis import load_dossier
    >>> st = load_dossier("russia-china-2022").statements
    >>> joint = st[st["statement_id"] == "st-2022-02-04-putin-xi"]
    >>> len(joint), list(per_actor(joint)["actor_id"])
    (1, ['RUS', 'CHN'])
    """
    if "joint_actor_ids" not in statements.columns:
        return statements
    out = statements.assign(actor_id=parties(statements)).explode("actor_id", ignore_index=True)
    out["actor_id"] = out["actor_id"].astype(object).where(out["actor_id"].notna())
    return out


def who_said(actors: tuple[str, ...], said_by: tuple[str, ...], names: dict) -> str:
    """A statement's "who" in words: its parties, then its speakers in brackets.

    >>> who_said(("RUS", "CHN"), ("putin", "xi"), {"RUS": "Russia", "putin": "Putin"})
    'Russia, CHN (Putin, xi)'
    """
    who = ", ".join(str(names.get(a, a)) for a in actors)
    by = ", ".join(str(names.get(s, s)) for s in said_by)
    return who + (f" ({by})" if by else "")


@dataclass(frozen=True, eq=False)
class Dossier:
    """A validated dossier. Build one with :func:`analysis.load_dossier`.

    Each table is a typed frame. Records that cite sources carry derived columns:
    ``reliability`` (best Admiralty grade of their sources), ``low_tier_only``,
    ``publishers`` and ``source_count``.
    """

    name: str
    path: Path | None
    title: str
    description: str
    sources: pd.DataFrame
    actors: pd.DataFrame
    partnerships: pd.DataFrame
    obligations: pd.DataFrame
    allegations: pd.DataFrame
    statements: pd.DataFrame
    events: pd.DataFrame
    disputes: pd.DataFrame
    hypotheses: pd.DataFrame
    ach_ratings: pd.DataFrame
    #: The publisher register (empty when the dossier has none).
    publishers: pd.DataFrame
    #: The descriptor's other properties, e.g. ``focus`` (see :attr:`focus`).
    metadata: dict = field(default_factory=dict)

    @property
    def focus(self) -> dict[str, str]:
        """What the dossier's notebooks centre on, from ``datapackage.json``'s ``focus``.

        Keys: ``partnership``, ``comparison`` (a second partnership), ``allegation``,
        ``second_allegation`` and ``as_of`` (a date to look back from). Missing keys fall back
        to the dossier's first and second partnership and allegation, and to the date of the
        first statement about the focus allegation.
        """
        focus = dict(self.metadata.get("focus") or {})
        partnerships = list(self.partnerships["partnership_id"])
        allegations = list(self.allegations["allegation_id"])
        if partnerships:
            focus.setdefault("partnership", partnerships[0])
            others = [p for p in partnerships if p != focus["partnership"]]
            focus.setdefault("comparison", others[0] if others else focus["partnership"])
        if allegations:
            focus.setdefault("allegation", allegations[0])
            others = [a for a in allegations if a != focus["allegation"]]
            focus.setdefault("second_allegation", others[0] if others else focus["allegation"])
            st = self.statements
            named = st["allegation_ids"].map(lambda t: focus["allegation"] in t)
            about = st.loc[named.astype(bool), "reported"].dropna()
            if len(about):
                focus.setdefault("as_of", str(about.min().date()))
        return focus

    @property
    def camps(self) -> tuple[Camp, ...]:
        """The dossier's camps (``camps`` in ``datapackage.json``; the default four when it
        declares none): what an actor's ``alignment`` names and the network colours by."""
        return camps(self.metadata)

    @property
    def vocabularies(self) -> dict[str, dict[str, str]]:
        """Every vocabulary as this dossier has it: its camps and its added topics and event
        kinds after the built-in terms (see :mod:`analysis.dossier.vocabulary`)."""
        return dossier_vocabularies(self.metadata)

    def __post_init__(self) -> None:
        for name in CITING_TABLES:
            frame = getattr(self, name)
            if "reliability" not in frame.columns:
                object.__setattr__(self, name, attach_provenance(frame, self.sources))

    def table(self, name: str) -> pd.DataFrame:
        """The typed frame of table ``name``."""
        if name not in {t.name for t in TABLES}:
            raise KeyError(f"no table {name!r}; tables are {', '.join(t.name for t in TABLES)}")
        return getattr(self, name)

    def actor_names(self) -> dict[str, str]:
        """Display name of every actor id (the one place names are looked up)."""
        return dict(zip(self.actors["actor_id"], self.actors["name"], strict=True))

    def actor_name(self, actor_id: str) -> str:
        """Display name of ``actor_id``, or the id itself when the dossier has no such actor."""
        return str(self.actor_names().get(actor_id, actor_id))

    def counts(self) -> pd.Series:
        """Number of records per table."""
        return pd.Series({t.name: len(self.table(t.name)) for t in TABLES}, name="records")

    def regrade(self, **grades: str) -> Dossier:
        """A copy with some sources re-graded, every derived column recomputed.

        Source ids with dashes cannot be keyword names; pass a dict with ``**{...}``.

        >>> from analysis import load_dossier
        >>> d = load_dossier()
        >>> sid = d.sources["source_id"].iloc[0]
        >>> d.regrade(**{sid: "E"}).sources.set_index("source_id").at[sid, "reliability"]
        'E'
        """
        unknown = sorted(set(grades) - set(self.sources["source_id"]))
        if unknown:
            raise KeyError(f"no source with id {', '.join(map(repr, unknown))}")
        bad = {k: v for k, v in grades.items() if v not in RELIABILITY_GRADES}
        if bad:
            grades_known = ", ".join(RELIABILITY_GRADES)
            raise ValueError(f"reliability must be one of {grades_known}; got {bad}")
        sources = self.sources.copy()
        new = sources["source_id"].map(grades)
        sources["reliability"] = new.fillna(sources["reliability"].astype(str)).astype(
            sources["reliability"].dtype
        )
        stripped = {
            name: getattr(self, name).drop(
                columns=["reliability", "low_tier_only", "publishers", "source_count"]
            )
            for name in CITING_TABLES
        }
        return replace(self, sources=sources, **stripped)

    def __repr__(self) -> str:
        counts = ", ".join(f"{k}={v}" for k, v in self.counts().items() if v)
        return f"<Dossier {self.name!r}: {counts}>"
