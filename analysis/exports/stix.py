"""The dossier as a STIX 2.1 bundle: who is linked to whom, who alleged what, who said so.

Mapping (every object is built by the ``stix2`` library, which checks it against STIX 2.1):

==========================  =================================================================
dossier record              STIX 2.1 object
==========================  =================================================================
actor                       ``identity``: ``identity_class`` ``individual`` for a person,
                            ``organization`` for a state, bloc, organisation, media outlet or
                            think tank; ``roles`` = its role; states get ``sectors``
                            ``government-national``
partnership                 ``relationship`` ``member-of`` (member -> bloc) for a membership,
                            else ``partners-with`` between its two parties;
                            ``start_time`` = its start, ``stop_time`` = its end; a
                            partnership of three or more parties is one ``grouping`` whose
                            ``object_refs`` are its parties (never pairwise relationships)
allegation                  ``relationship`` from each accused to each beneficiary (or to the
                            other accused when none is named), typed by topic
                            (:data:`ALLEGATION_TYPES`); ``description`` = the proposition
statement                   ``opinion`` (:data:`OPINIONS`) about the allegation relationships
                            it names (else its partnership's, else its actor's identity);
                            ``explanation`` = the summary (and the quote), ``authors`` = the
                            actor's name (and the speaker's), ``labels`` = the stance,
                            ``created`` = when it was known (the end of its reported
                            period: ``known_by``), ``confidence`` from its credibility
source                      ``external_references`` of the records that cite it
                            (``source_name`` = publisher, ``url``, ``description`` = title,
                            ``external_id`` = source id)
==========================  =================================================================

Ids are UUIDv5 of the record ids under :data:`NAMESPACE`, so two exports of one dossier are
byte-identical. Events, obligations, disputes and ACH ratings are not exported.
"""

from __future__ import annotations

import json
import uuid
from itertools import combinations, product
from pathlib import Path
from typing import Any

import pandas as pd
import stix2
from stix2.confidence.scales import admiralty_credibility_to_value

from analysis.common.dates import known_by
from analysis.dossier.model import Dossier, parties, speakers
from analysis.filtering.milestones import partnership_dates

__all__ = ["ALLEGATION_TYPES", "NAMESPACE", "OPINIONS", "confidence", "stix_bundle", "write_stix"]

#: Fixed namespace of every object id (a random UUID drawn once for this project).
NAMESPACE = uuid.UUID("5c5b988c-2534-4dbb-976b-9d3cc9650210")

#: Stance -> STIX ``opinion-enum``.
OPINIONS = {
    "alleges": "agree",
    "confirms": "strongly-agree",
    "denies": "strongly-disagree",
    "partly_acknowledges": "neutral",
    "declines_to_comment": "neutral",
    "comments": "neutral",
}

#: Allegation topic -> relationship type (custom types: lowercase ASCII words and hyphens, as
#: STIX 2.1 allows for ``relationship_type``).
ALLEGATION_TYPES = {
    "drones": "alleged-to-supply",
    "missiles": "alleged-to-supply",
    "munitions": "alleged-to-supply",
    "technology": "alleged-to-supply",
    "troops": "alleged-to-send-troops-to",
    "sanctions_evasion": "alleged-to-help-evade-sanctions",
    "defence_commitment": "alleged-to-pledge-defence-to",
}

# Admiralty information credibility -> STIX confidence, as in the STIX 2.1 specification's
# confidence scales appendix ("Admiralty Credibility": 1 -> 90, 2 -> 70, 3 -> 50, 4 -> 30,
# 5 -> 10, 6 "Truth cannot be judged" -> not present). The stix2 library implements that table
# in stix2.confidence.scales.admiralty_credibility_to_value, whose docstring cites "STIX
# Version 2.1. Part 1: STIX Core Concepts - Appendix B"; we call it rather than copy it.
_CREDIBILITY_TERMS = {
    "1": "1 - Confirmed by other sources",
    "2": "2 - Probably True",
    "3": "3 - Possibly True",
    "4": "4 - Doubtful",
    "5": "5 - Improbable",
}


def confidence(credibility: object) -> int | None:
    """STIX ``confidence`` for an Admiralty credibility grade; ``None`` for 6 (cannot be judged).

    >>> [confidence(g) for g in (1, 2, 3, 4, 5, 6)]
    [90, 70, 50, 30, 10, None]
    """
    term = _CREDIBILITY_TERMS.get(str(credibility))
    return None if term is None else admiralty_credibility_to_value(term)


def stix_id(kind: str, record_id: str) -> str:
    """The deterministic STIX id of a record: ``identity--<uuid5>`` and so on."""
    return f"{kind}--{uuid.uuid5(NAMESPACE, f'{kind}:{record_id}')}"


def _text(value: object) -> str | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return str(value) or None


def _when(value: object) -> pd.Timestamp | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).tz_localize("UTC")


def _refs(dossier: Dossier, source_ids: tuple[str, ...]) -> list[stix2.ExternalReference]:
    sources = dossier.sources.set_index("source_id")
    refs = []
    for sid in source_ids:
        if sid not in sources.index:
            continue
        s = sources.loc[sid]
        url = _text(s["url"])
        refs.append(
            stix2.ExternalReference(
                source_name=str(s["publisher"]),
                description=str(s["title"]),
                external_id=sid,
                **({"url": url} if url else {}),
            )
        )
    return refs


def _optional(**props: object) -> dict[str, object]:
    return {k: v for k, v in props.items() if v not in (None, [], "")}


def stix_bundle(dossier: Dossier) -> stix2.Bundle:
    """Every STIX object for ``dossier`` in one bundle (``stix2`` checks each, no custom content).

    Objects with no date of their own (identities; allegations nobody has spoken to yet) are
    ``created`` at the dossier's first known record. Dates are when a record was known by
    (:func:`analysis.common.dates.known_by`, the one rule of the as-of views): a statement
    reported ``2024-10`` is created on 31 October, never before what it answers.
    """
    reported = pd.concat([known_by(dossier.statements), known_by(dossier.events)]).dropna()
    first = _when(reported.min()) if len(reported) else pd.Timestamp("1970-01-01", tz="UTC")
    names = dict(zip(dossier.actors["actor_id"], dossier.actors["name"], strict=True))
    objects: list[Any] = []
    for a in dossier.actors.itertuples(index=False):
        objects.append(
            stix2.Identity(
                id=stix_id("identity", a.actor_id),
                created=first,
                modified=first,
                name=a.name,
                identity_class="individual" if a.kind == "person" else "organization",
                **_optional(
                    roles=[r] if (r := _text(a.role)) else None,
                    sectors=["government-national"] if a.kind == "state" else None,
                    description=_text(a.notes),
                    external_references=_refs(dossier, a.source_ids),
                ),
            )
        )
    about: dict[str, list[str]] = {}  # record id -> its relationship ids
    dates = partnership_dates(dossier)
    for p in dossier.partnerships.itertuples(index=False):
        when = dates.loc[p.partnership_id]
        start, end = _when(when["start"]), _when(when["ended"])
        if len(dict.fromkeys(p.parties)) > 2:  # one grouping of every party, not pairs
            group = stix2.Grouping(
                id=stix_id("grouping", p.partnership_id),
                created=start or first,
                modified=start or first,
                name=p.name,
                context="unspecified",
                object_refs=[stix_id("identity", x) for x in dict.fromkeys(p.parties)],
                description=f"{p.name} ({str(p.kind).replace('_', ' ')}, "
                f"{len(dict.fromkeys(p.parties))} parties)\n\n{p.summary}",
                **_optional(external_references=_refs(dossier, p.source_ids)),
            )
            objects.append(group)
            about.setdefault(p.partnership_id, []).append(group.id)
            continue
        if p.kind == "membership" and len(p.parties) == 2:
            pairs, rtype = [tuple(p.parties)], "member-of"
        else:
            pairs, rtype = list(combinations(dict.fromkeys(p.parties), 2)), "partners-with"
        for u, v in pairs:
            key = p.partnership_id if len(pairs) == 1 else f"{p.partnership_id}.{u}.{v}"
            rel = stix2.Relationship(
                id=stix_id("relationship", key),
                created=start or first,
                modified=start or first,
                relationship_type=rtype,
                source_ref=stix_id("identity", u),
                target_ref=stix_id("identity", v),
                description=f"{p.name}\n\n{p.summary}",
                **_optional(
                    start_time=start,
                    stop_time=end
                    if end is not None and start is not None and end > start
                    else None,
                    external_references=_refs(dossier, p.source_ids),
                ),
            )
            objects.append(rel)
            about.setdefault(p.partnership_id, []).append(rel.id)
    st = dossier.statements
    for al in dossier.allegations.itertuples(index=False):
        named = st[st["allegation_ids"].map(lambda ids, a=al.allegation_id: a in ids)]
        known = _when(known_by(named).min()) if len(named) else first
        accused = list(dict.fromkeys(al.accused_ids))
        if al.beneficiary_ids:
            pairs = list(product(accused, dict.fromkeys(al.beneficiary_ids)))
        else:
            pairs = list(combinations(accused, 2)) or [(accused[0], accused[0])]
        for u, v in pairs:
            key = al.allegation_id if len(pairs) == 1 else f"{al.allegation_id}.{u}.{v}"
            rel = stix2.Relationship(
                id=stix_id("relationship", key),
                created=known,
                modified=known,
                relationship_type=ALLEGATION_TYPES.get(
                    str(al.topic), "alleged-" + str(al.topic).replace("_", "-")
                ),  # a topic the dossier adds: alleged-<topic>
                source_ref=stix_id("identity", u),
                target_ref=stix_id("identity", v),
                description=al.proposition,
                labels=[str(al.topic)],
                **_optional(external_references=_refs(dossier, al.source_ids)),
            )
            objects.append(rel)
            about.setdefault(al.allegation_id, []).append(rel.id)
    st_known = known_by(st)
    for s, by, said_by, known_on in zip(
        st.itertuples(index=False), parties(st), speakers(st), st_known, strict=True
    ):
        refs = [r for a in s.allegation_ids for r in about.get(a, [])]
        if not refs and _text(s.partnership_id):
            refs = about.get(s.partnership_id, [])
        refs = refs or [stix_id("identity", s.actor_id)]
        quote = _text(s.quote)
        # every party and speaker of a joint statement
        authors = list(dict.fromkeys(names[a] for a in (*by, *said_by)))
        when = _when(known_on)
        objects.append(
            stix2.Opinion(
                id=stix_id("opinion", s.statement_id),
                created=when,
                modified=when,
                opinion=OPINIONS[str(s.stance)],
                explanation=s.summary + (f'\n\nQuote: "{quote}"' if quote else ""),
                authors=authors,
                object_refs=refs,
                labels=[str(s.stance)],
                **_optional(
                    confidence=confidence(s.credibility),
                    external_references=_refs(dossier, s.source_ids),
                ),
            )
        )
    ids = sorted(o.id for o in objects)
    bundle_id = f"bundle--{uuid.uuid5(NAMESPACE, 'bundle:' + ';'.join(ids))}"
    return stix2.Bundle(objects=objects, id=bundle_id, allow_custom=False)


def write_stix(dossier: Dossier, path: str | Path) -> stix2.Bundle:
    """Write :func:`stix_bundle` to ``path`` as UTF-8 JSON (keys sorted, so byte-stable)."""
    bundle = stix_bundle(dossier)
    data = json.loads(bundle.serialize())
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    Path(path).write_text(text, encoding="utf-8")
    return bundle
