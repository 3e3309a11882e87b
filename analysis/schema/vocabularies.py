"""Every closed vocabulary of the format, both grade scales among them, declared once."""

from __future__ import annotations

__all__ = [
    "VOCABULARIES",
    "RELIABILITY_GRADES",
    "CREDIBILITY_GRADES",
    "DEFAULT_CAMPS",
    "EXTENSIBLE_VOCABULARIES",
]

#: Admiralty (NATO AJP-2.1) source reliability, best first.
RELIABILITY_GRADES: dict[str, str] = {
    "A": "Completely reliable: no doubt of authenticity, trustworthiness or competency.",
    "B": "Usually reliable: minor doubts; a history of valid information most of the time.",
    "C": "Fairly reliable: doubts; has provided valid information in the past.",
    "D": "Not usually reliable: significant doubts; provided valid information in the past.",
    "E": "Unreliable: lacking in authenticity, trustworthiness and competency.",
    "F": "Reliability cannot be judged.",
}

#: Admiralty (NATO AJP-2.1) credibility of a piece of information, best first.
CREDIBILITY_GRADES: dict[str, str] = {
    "1": "Confirmed by other independent sources; logical in itself; consistent with other information.",
    "2": "Probably true: not confirmed; logical in itself; consistent with other information.",
    "3": "Possibly true: not confirmed; reasonably logical; agrees with some other information.",
    "4": "Doubtful: not confirmed; possible but not logical; no other information on the subject.",
    "5": "Improbable: not confirmed; not logical in itself; contradicted by other information.",
    "6": "Truth cannot be judged.",
}

VOCABULARIES: dict[str, dict[str, str]] = {
    "actor_kind": {
        "state": "A sovereign state; its id is the ISO 3166-1 alpha-3 code (RUS, IRN, PRK).",
        "bloc": "A bloc or union of states (EU, SCO, BRICS, EAEU, Union State).",
        "organisation": "An organisation or body: a ministry, agency, company, UN body or monitoring team.",
        "person": "A named person; affiliation and role are those at the time of the records.",
        "media": "A news outlet or investigative group that is itself an actor in the record.",
        "think_tank": "A research institute or think tank whose analysts are quoted.",
    },
    "alignment": {
        "russia_and_partners": "Russia and the states and bodies that partner with it in this dossier.",
        "west_and_partners": "The United States, its European and Asian allies, the EU and G7 bodies.",
        "ukraine": "Ukraine and its institutions.",
        "neutral_or_mixed": "Others, or actors whose alignment the dossier does not judge.",
    },
    "source_kind": {
        "official_statement": "A government's or organisation's own statement, release or record.",
        "treaty_text": "The text of a treaty or joint statement, or a legal database reproducing it.",
        "wire_or_newspaper": "A news agency, newspaper, broadcaster or news site with editorial control.",
        "state_media": "A state-controlled outlet (TASS, IRNA, KCNA, Sputnik, RT, Mehr).",
        "think_tank": "A research institute, think tank or specialist analysis site.",
        "aggregator": "A repost, aggregation, spun copy or low-quality host: a pointer, not a witness.",
        "reference_work": "An encyclopaedia, codebook or data catalogue.",
        "blog_or_forum": "A personal blog or discussion forum.",
    },
    "fact_sheet_tier": {
        "A": "Fact sheet tier A: wire, major outlet, or official or state agency.",
        "B": "Fact sheet tier B: regional or secondary outlet.",
        "C": "Fact sheet tier C: aggregator, repost or spun copy; re-verify before citing.",
    },
    "partnership_kind": {
        "treaty": "A signed, ratifiable treaty between states.",
        "joint_statement": "A political declaration signed by leaders; not legally binding.",
        "membership": "A state's membership of a bloc or organisation.",
        "agreement": "Another formal agreement (for example a free-trade agreement).",
    },
    "takes_effect": {
        "on_signature": "Takes effect when signed or issued (a joint statement, most declarations).",
        "on_announcement": "Takes effect when announced (a partnership made by announcement).",
        "on_entry_into_force": "Takes effect on entry into force or accession (a treaty).",
    },
    "obligation_category": {
        "mutual_defence": "ATOP defence: a promise of active military support if a partner is attacked.",
        "consultation_on_threat": (
            "ATOP consultation: a promise to consult in crises that could become militarised, "
            "aimed at coordinating policy; a general promise to consult does not count."
        ),
        "no_aid_to_aggressor": (
            "ATOP neutrality-type pledge: give no help to a state that attacks the partner; "
            "it does not oblige help to the partner."
        ),
        "non_aggression": "ATOP non-aggression: a promise not to use or threaten force against the partner.",
        "military_cooperation": "Military and military-technical cooperation: exercises, training, arms, basing.",
        "intelligence_security_cooperation": "Exchange between intelligence and security services.",
        "sanctions_coordination": "Joint opposition to, or coordination against, unilateral sanctions.",
        "non_participation_in_hostile_alliances": (
            "No alliances or agreements with third states against the partner, and no use of "
            "one's territory against it."
        ),
        "duration_renewal": "The term of the agreement and how it is renewed or ended.",
        "other": "Any other provision worth recording (principles, framing, regional clauses).",
    },
    "presence": {
        "present": "The agreement carries this obligation (Y in treaty-articles.md).",
        "partial": "A partial or weak form of it (P).",
        "absent": "The agreement does not carry it; cite who says so (N).",
        "unverified": "Not verified from a source (?).",
    },
    "article_certainty": {
        "cited": "A source names the article number.",
        "recalled": "The content is sourced but the article number is recalled or inferred.",
        "unknown": "The content is sourced but the article number is unknown.",
        "not_applicable": "No article applies (an absent obligation, a non-binding statement).",
    },
    "allegation_topic": {
        "drones": "Uncrewed aerial vehicles, their parts, designs or production.",
        "missiles": "Ballistic or cruise missiles.",
        "munitions": "Artillery shells and other ammunition.",
        "troops": "Military personnel deployed to fight or train.",
        "technology": "Military, nuclear or space technology and know-how.",
        "sanctions_evasion": "Help to evade or undermine sanctions and their monitoring.",
        "defence_commitment": "An undeclared or secret promise to defend another state.",
    },
    "stance": {
        "alleges": "Asserts the allegation is true (an accuser, or a report carrying the claim).",
        "denies": "Says the allegation is false.",
        "confirms": "Says the allegation is true; from an accused or beneficiary party, an admission.",
        "partly_acknowledges": "Admits part of the allegation while denying the rest.",
        "declines_to_comment": "Refuses to confirm or deny.",
        "comments": "Speaks about the subject without taking a position on an allegation.",
    },
    "event_kind": {
        "signing": "A treaty, agreement or statement is signed.",
        "ratification": "A party's body ratifies or approves an agreement (one event per step).",
        "entry_into_force": "An agreement takes effect.",
        "termination": "An agreement ends or is superseded.",
        "accession": "A state becomes a member of a bloc or organisation.",
        "meeting": "A meeting or summit.",
        "capture": "Soldiers are captured.",
        "deployment": "Troops or units move into a theatre.",
        "military_operation": "An attack, strike or offensive.",
        "sanction": "Sanctions are imposed.",
        "un_action": "A vote, veto or other act at the United Nations.",
        "other": "Anything else worth a mark on the timeline.",
    },
    "consistency": {
        "CC": "Very consistent with the hypothesis.",
        "C": "Consistent with the hypothesis.",
        "N": "Neutral or not applicable.",
        "I": "Inconsistent with the hypothesis.",
        "II": "Very inconsistent with the hypothesis.",
    },
    "precision": {
        "day": "Known to the day.",
        "month": "Known to the month: drawn as the whole month.",
        "year": "Known to the year: drawn as the whole year.",
    },
    "reliability": RELIABILITY_GRADES,
    "credibility": CREDIBILITY_GRADES,
}


#: Vocabularies a dossier may add terms to, each with a definition, through its descriptor's
#: ``vocabularies`` key (``analysis.dossier.vocabulary``); the others are standards, closed.
EXTENSIBLE_VOCABULARIES = ("allegation_topic", "event_kind")

#: The camps of a dossier whose descriptor declares none (``camps``): the ``alignment`` terms
#: above, each with a label and the colour the network draws it in.
DEFAULT_CAMPS: tuple[dict[str, str], ...] = (
    {"id": "russia_and_partners", "label": "Russia and partners", "colour": "#C0392B"},
    {"id": "west_and_partners", "label": "West and partners", "colour": "#2E86C1"},
    {"id": "ukraine", "label": "Ukraine", "colour": "#F1C40F"},
    {"id": "neutral_or_mixed", "label": "Neutral or mixed", "colour": "#7F8C8D"},
)
assert [c["id"] for c in DEFAULT_CAMPS] == list(VOCABULARIES["alignment"])
