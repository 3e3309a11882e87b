"""The dossier as FollowTheMoney entities (line-delimited JSON) for Aleph and OpenSanctions tools.

Mapping (FtM has schemata for parties, links, events and documents, but none for a treaty,
an allegation or a stance, so those are carried as links and events):

========================  =====================================================================
dossier record            FtM entity
========================  =====================================================================
state                     ``PublicBody`` (the state acting as a public authority), with
                          ``country``/``jurisdiction`` = its ISO 3166-1 alpha-2 code
bloc, media, think tank   ``Organization`` (``sector`` says which)
organisation              ``PublicBody`` when it belongs to a state (a ministry, a
                          parliament, a state agency or company), else ``Organization``
                          (a UN body, a monitoring team)
person                    ``Person`` with ``position`` (role) and ``country``
affiliation               ``Membership`` (member -> the body or state it belongs to, ``role``)
membership (of a bloc)    ``Membership`` (state -> bloc), from its signing or accession
treaty, statement, deal   ``UnknownLink`` ("other link") between its two parties, with
                          ``role`` (treaty, joint statement, agreement), ``startDate``
                          (signing), ``endDate`` (termination), ``description`` and ``summary``
... of 3 or more parties   one ``Event`` (``involved`` = every party, ``name`` its kind and
                          short name, its dates and summary), never pairwise links
event, statement (record) ``Event`` with ``involved`` (actors, targets, speaker), ``date``
source                    ``Article`` with ``title``, ``publisher``, ``sourceUrl``,
                          ``publishedAt``, ``language``
record cites source       ``Documentation`` (document = the source, entity = the record)
========================  =====================================================================

Why these: ``Associate`` links two *people* only; ``Membership`` needs an organisation as its
target, which fits bloc membership but not a treaty between two states; ``Contract`` is a
procurement asset with an authority and awardees. ``UnknownLink`` is FtM's link between any two
entities that carries dates, a role and a description, so a treaty's parties, name and
signing-to-termination interval survive intact. Sources are ``Article`` rather than
``Document`` because FtM's ``Document`` describes a stored file (it requires a ``fileName``)
and these are pages read on the web. Allegations, obligations, disputes and ACH ratings have
no FtM counterpart and are not exported; statements are exported as events.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import combinations
from pathlib import Path

import pandas as pd
from followthemoney import model
from followthemoney.proxy import EntityProxy
from followthemoney.types import registry

from analysis.common.dates import period_end
from analysis.dossier.model import Dossier, parties, speakers
from analysis.exports.scope import partial_date_text
from analysis.filtering.milestones import partnership_dates

__all__ = ["ftm_entities", "write_ftm", "FtMExportError"]


class FtMExportError(ValueError):
    """An entity did not pass FollowTheMoney's own validation."""


def _text(value: object) -> str | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return str(value)


def _date(start: object, precision: object) -> str | None:
    """An FtM date at its precision (FtM dates may be ``YYYY`` or ``YYYY-MM``)."""
    return partial_date_text(start, precision) or None


def _entity(schema: str, entity_id: str, **props: object) -> EntityProxy:
    """An entity whose every value FtM's property types accept as given (or raise)."""
    proxy = model.make_entity(schema)
    proxy.id = entity_id
    for name, value in props.items():
        prop = proxy.schema.get(name)
        if prop is None:
            raise FtMExportError(f"{entity_id}: schema {schema} has no property {name!r}")
        for v in value if isinstance(value, list | tuple) else [value]:
            if v is None or v == "":
                continue
            cleaned = prop.type.clean(v, proxy=proxy)
            if cleaned is None:
                raise FtMExportError(f"{entity_id}: {schema}.{name} refused value {v!r}")
            proxy.add(prop, cleaned, cleaned=True)
    return proxy


class _Actors:
    def __init__(self, dossier: Dossier):
        self.rows = dossier.actors.set_index("actor_id")

    def country(self, actor_id: object, depth: int = 0) -> str | None:
        if actor_id not in self.rows.index or depth > 5:
            return None
        row = self.rows.loc[actor_id]
        if row["kind"] == "state":
            return registry.country.clean(actor_id)
        return self.country(row["affiliation_id"], depth + 1)

    def schema(self, actor_id: str) -> str:
        row = self.rows.loc[actor_id]
        kind = row["kind"]
        if kind == "person":
            return "Person"
        if kind == "state" or (kind == "organisation" and self.country(actor_id)):
            return "PublicBody"
        return "Organization"


_SECTOR = {"bloc": "bloc of states", "media": "media", "think_tank": "think tank"}


def _actor_entities(dossier: Dossier, actors: _Actors) -> Iterator[EntityProxy]:
    for a in dossier.actors.itertuples(index=False):
        schema = actors.schema(a.actor_id)
        country = actors.country(a.actor_id)
        props: dict[str, object] = {"name": a.name, "country": country, "notes": _text(a.notes)}
        props["wikidataId"] = _text(a.wikidata)  # matches the entity with other data sets
        if schema == "Person":
            props["position"] = _text(a.role)
        else:
            props["description"] = _text(a.role)
            props["sector"] = _SECTOR.get(str(a.kind))
        if a.kind == "state":
            props["jurisdiction"] = country
        yield _entity(schema, a.actor_id, **props)
        parent = _text(a.affiliation_id)
        if parent and actors.schema(parent) != "Person":
            yield _entity(
                "Membership",
                f"{a.actor_id}.affiliation",
                member=a.actor_id,
                organization=parent,
                role=_text(a.role),
            )


def _partnership_entities(dossier: Dossier) -> Iterator[EntityProxy]:
    dates = partnership_dates(dossier)
    sources = dossier.sources.set_index("source_id")
    for p in dossier.partnerships.itertuples(index=False):
        when = dates.loc[p.partnership_id]
        start = _date(when["start"], when["start_precision"])
        cited = [sources.loc[s] for s in p.source_ids if s in sources.index]
        common = {
            "startDate": start,
            "date": start,
            "endDate": _date(when["ended"], when["ended_precision"]),
            "description": p.name,
            "summary": p.summary,
            "recordId": p.partnership_id,
            "status": "legally binding" if p.binding else "not legally binding",
            "sourceUrl": [u for u in (_text(s["url"]) for s in cited) if u],
            "publisher": list(dict.fromkeys(str(s["publisher"]) for s in cited)),
        }
        if p.kind == "membership" and len(p.parties) == 2:
            member, org = p.parties
            yield _entity(
                "Membership",
                p.partnership_id,
                member=member,
                organization=org,
                role=p.short_name,
                **common,
            )
            continue
        pairs = list(combinations(dict.fromkeys(p.parties), 2))
        if len(pairs) > 1:  # three or more parties: one Event involving every party
            yield _entity(
                "Event",
                p.partnership_id,
                name=f"{str(p.kind).replace('_', ' ').capitalize()}: {p.short_name}",
                involved=list(dict.fromkeys(p.parties)),
                **{k: v for k, v in common.items() if k != "status"},
            )
            continue
        for u, v in pairs:
            key = p.partnership_id if len(pairs) == 1 else f"{p.partnership_id}.{u}.{v}"
            yield _entity(
                "UnknownLink",
                key,
                subject=u,
                object=v,
                role=f"{str(p.kind).replace('_', ' ')}: {p.short_name}",
                **common,
            )


def _event_entities(dossier: Dossier, actors: _Actors) -> Iterator[EntityProxy]:
    for e in dossier.events.itertuples(index=False):
        involved = list(dict.fromkeys(e.actor_ids + e.target_ids))
        end = (
            _date(period_end(e.occurred, str(e.occurred_precision)), "day")
            if e.occurred_precision != "day"
            else None
        )
        yield _entity(
            "Event",
            e.event_id,
            name=f"{str(e.kind).replace('_', ' ').capitalize()}: "
            + ", ".join(actors.rows.loc[a, "name"] for a in e.actor_ids),
            summary=e.summary,
            date=_date(e.occurred, e.occurred_precision),
            startDate=_date(e.occurred, e.occurred_precision),
            endDate=end,
            involved=involved,
            country=list(dict.fromkeys(c for c in map(actors.country, involved) if c)),
            notes=_text(e.notes),
            recordId=e.event_id,
        )
    st = dossier.statements
    for s, by, said_by in zip(st.itertuples(index=False), parties(st), speakers(st), strict=True):
        who = [*by, *said_by]  # every party and speaker of a joint statement
        speaker = ", ".join(actors.rows.loc[a, "name"] for a in (said_by or by))
        yield _entity(
            "Event",
            s.statement_id,
            name=f"Statement ({str(s.stance).replace('_', ' ')}) by {speaker}",
            summary=s.summary,
            description=_text(s.quote),
            date=_date(s.occurred, s.occurred_precision),
            involved=who,
            country=list(dict.fromkeys(c for c in map(actors.country, who) if c)),
            notes=_text(s.notes),
            recordId=s.statement_id,
        )


def _source_entities(dossier: Dossier) -> Iterator[EntityProxy]:
    for s in dossier.sources.itertuples(index=False):
        language = _text(s.language)
        yield _entity(
            "Article",
            s.source_id,
            title=s.title,
            publisher=s.publisher,
            sourceUrl=_text(s.url),
            publishedAt=_date(s.published, s.published_precision),
            language=registry.language.clean(language) if language else None,
            notes=_text(s.notes),
        )


def _documentation(dossier: Dossier) -> Iterator[EntityProxy]:
    for table, pk in (
        ("actors", "actor_id"),
        ("events", "event_id"),
        ("statements", "statement_id"),
    ):
        for record_id, source_ids in zip(
            dossier.table(table)[pk], dossier.table(table)["source_ids"], strict=True
        ):
            for sid in source_ids:
                yield _entity(
                    "Documentation",
                    f"{sid}.{record_id}",
                    document=sid,
                    entity=record_id,
                    role="source",
                )


def ftm_entities(dossier: Dossier) -> list[EntityProxy]:
    """Every FtM entity for ``dossier``, each checked by FollowTheMoney's own validation.

    Raises
    ------
    FtMExportError
        When a value is refused by its property type or an entity fails ``Schema.validate``.
    """
    actors = _Actors(dossier)
    entities = [
        *_source_entities(dossier),
        *_actor_entities(dossier, actors),
        *_partnership_entities(dossier),
        *_event_entities(dossier, actors),
        *_documentation(dossier),
    ]
    for proxy in entities:
        try:
            proxy.schema.validate(proxy.to_dict())
        except Exception as exc:  # followthemoney raises InvalidData with details
            raise FtMExportError(f"{proxy.id}: {exc}") from exc
    return entities


def write_ftm(dossier: Dossier, path: str | Path) -> list[EntityProxy]:
    """Write :func:`ftm_entities` to ``path``, one JSON entity per line (UTF-8)."""
    entities = ftm_entities(dossier)
    with open(path, "w", encoding="utf-8") as fh:
        for proxy in entities:
            fh.write(json.dumps(proxy.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
    return entities
