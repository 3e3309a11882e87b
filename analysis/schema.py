"""The one declaration of every dossier table, field and vocabulary.

Validation (:mod:`analysis.validation`), the typed frames (:mod:`analysis.loading`),
the data-format documentation (``docs/data-format.md``) and the Frictionless
descriptor (``datapackage.json``) are all derived from what is declared here.
Change a field here and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

__all__ = [
    "Field",
    "Table",
    "TABLES",
    "VOCABULARIES",
    "RELIABILITY_GRADES",
    "CREDIBILITY_GRADES",
    "DATE_PATTERN",
    "ID_PATTERN",
    "LIST_SEPARATOR",
    "MAX_FILE_BYTES",
    "table",
]

#: Separator between the ids of a list cell, e.g. ``src-tass-2025-04-08;src-irna-2025-04-21``.
LIST_SEPARATOR = ";"

#: Files larger than this are refused before they are read.
MAX_FILE_BYTES = 50 * 1024 * 1024

#: Record ids: letters, digits, ``_ . -``; at most 64 characters.
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$"

#: A date at its true precision: ``2024``, ``2024-06`` or ``2024-06-19``; a trailing ``~``
#: marks it as approximate (for example inferred from a weekday).
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?~?$"

FieldType = Literal["id", "text", "url", "date", "integer", "boolean", "grade", "list"]

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
}


@dataclass(frozen=True)
class Field:
    """One column of a dossier table.

    Attributes
    ----------
    name : column name in the CSV header.
    type : ``id``, ``text``, ``url``, ``date`` (partial ISO date, see
        :data:`DATE_PATTERN`), ``integer``, ``boolean`` (``true``/``false``),
        ``grade`` (a closed vocabulary) or ``list`` (ids joined by ``;``).
    description : what the column holds; shown in the data-format docs.
    required : whether every row must have a value.
    vocabulary : name of the closed vocabulary in :data:`VOCABULARIES` the values come from.
    references : table(s) whose ids the value (or each list item) must name;
        ``"*"`` means any record id in the dossier.
    max_length : longest allowed text, in characters.
    min_items : for lists, the fewest items allowed when a value is present.
    """

    name: str
    type: FieldType
    description: str
    required: bool = False
    vocabulary: str | None = None
    references: tuple[str, ...] = ()
    max_length: int | None = None
    min_items: int = 1
    minimum: int | None = None
    maximum: int | None = None


@dataclass(frozen=True)
class Table:
    """A table of a dossier: one CSV file, one record per row."""

    name: str
    description: str
    fields: tuple[Field, ...]
    primary_key: str
    required: bool = True
    #: Tables whose ids share the dossier's one id space (all but join tables).
    global_ids: bool = True
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"table {self.name!r} has no field {name!r}")


def _sources(description: str = "Ids of the sources that carry this record.", required=True):
    return Field("source_ids", "list", description, required=required, references=("sources",))


def _notes():
    return Field(
        "notes",
        "text",
        "Caveats in the compiler's own words: discrepancies, inferred dates, tier-C warnings.",
        max_length=2000,
    )


def _date(name: str, description: str, required: bool = True) -> Field:
    return Field(name, "date", description, required=required)


TABLES: tuple[Table, ...] = (
    Table(
        "sources",
        "Where every fact comes from. Each record elsewhere cites one or more of these.",
        (
            Field(
                "source_id",
                "id",
                "Unique id, conventionally src-<publisher>-<date>.",
                required=True,
            ),
            Field(
                "publisher",
                "text",
                "Who published it (outlet, agency or site).",
                True,
                max_length=200,
            ),
            Field(
                "title",
                "text",
                "Headline or title as published; a description in [brackets] if none.",
                True,
                max_length=500,
            ),
            Field(
                "url",
                "url",
                "Address of the copy that was read. Optional: never guessed.",
                max_length=2000,
            ),
            _date(
                "published",
                "Publication date at its precision; empty if the page shows none.",
                required=False,
            ),
            Field("kind", "grade", "What kind of source this is.", True, vocabulary="source_kind"),
            Field(
                "reliability",
                "grade",
                "Admiralty source reliability, A (best) to F (cannot be judged).",
                True,
                vocabulary="reliability",
            ),
            Field(
                "fact_sheet_tier",
                "grade",
                "Tier given by the project's fact sheet, where it gives one.",
                vocabulary="fact_sheet_tier",
            ),
            Field(
                "via",
                "text",
                "Original publisher when this is a copy (e.g. Reuters, AP, TASS).",
                max_length=200,
            ),
            Field(
                "language",
                "text",
                "ISO 639-1 code of the text read (en, ru, fa, ...).",
                max_length=8,
            ),
            _notes(),
        ),
        primary_key="source_id",
    ),
    Table(
        "actors",
        "States, blocs, organisations, people, media and think tanks.",
        (
            Field(
                "actor_id",
                "id",
                "Unique id: the ISO 3166-1 alpha-3 code for a state, a short slug otherwise.",
                True,
            ),
            Field("name", "text", "Display name.", True, max_length=200),
            Field("kind", "grade", "What kind of actor.", True, vocabulary="actor_kind"),
            Field(
                "affiliation_id",
                "id",
                "The state or body a person or organisation belongs to, at the time of the records.",
                references=("actors",),
            ),
            Field(
                "role",
                "text",
                "Role at the time of the records (e.g. Foreign Minister, 2024-).",
                max_length=300,
            ),
            Field(
                "alignment",
                "grade",
                "Editorial grouping used to colour the network.",
                True,
                vocabulary="alignment",
            ),
            _sources("Sources that establish who this actor is and its role."),
            _notes(),
        ),
        primary_key="actor_id",
    ),
    Table(
        "partnerships",
        "Treaties, pacts, joint statements and memberships. Their milestones are events.",
        (
            Field("partnership_id", "id", "Unique id, conventionally pt-<parties>-<year>.", True),
            Field("name", "text", "Full name.", True, max_length=300),
            Field(
                "short_name",
                "text",
                "Short label for charts (e.g. RU-IR 2025).",
                True,
                max_length=40,
            ),
            Field(
                "kind", "grade", "What kind of partnership.", True, vocabulary="partnership_kind"
            ),
            Field(
                "parties",
                "list",
                "Ids of the parties (two or more).",
                True,
                references=("actors",),
                min_items=2,
            ),
            Field(
                "binding",
                "boolean",
                "true if legally binding (a treaty), false if political.",
                True,
            ),
            Field(
                "articles", "integer", "Number of articles, where known.", minimum=1, maximum=1000
            ),
            Field("term", "text", "Duration and renewal in brief.", max_length=300),
            Field("summary", "text", "What it is, in the compiler's words.", True, max_length=2000),
            Field(
                "replaces_id",
                "id",
                "The partnership this one replaces.",
                references=("partnerships",),
            ),
            _sources(),
            _notes(),
        ),
        primary_key="partnership_id",
    ),
    Table(
        "obligations",
        "What each partnership obliges, coded article by article (ATOP-style categories).",
        (
            Field(
                "obligation_id",
                "id",
                "Unique id, conventionally ob-<partnership>-<category>[-n].",
                True,
            ),
            Field("partnership_id", "id", "The partnership.", True, references=("partnerships",)),
            Field(
                "category", "grade", "Obligation category.", True, vocabulary="obligation_category"
            ),
            Field(
                "presence",
                "grade",
                "Whether the partnership carries it.",
                True,
                vocabulary="presence",
            ),
            Field(
                "article",
                "text",
                "Article cited (4, 3(3), preamble); empty when none applies.",
                max_length=60,
            ),
            Field(
                "article_certainty",
                "grade",
                "How sure the article number is.",
                True,
                vocabulary="article_certainty",
            ),
            Field(
                "paraphrase",
                "text",
                "What the article says, in the compiler's words.",
                True,
                max_length=2000,
            ),
            _sources(),
            _notes(),
        ),
        primary_key="obligation_id",
    ),
    Table(
        "allegations",
        "Propositions that someone alleges about someone else.",
        (
            Field("allegation_id", "id", "Unique id, conventionally al-<accused>-<topic>.", True),
            Field(
                "proposition", "text", "The claim, as a plain proposition.", True, max_length=500
            ),
            Field(
                "accused_ids", "list", "Who is accused of doing it.", True, references=("actors",)
            ),
            Field(
                "beneficiary_ids",
                "list",
                "Who is said to benefit (the recipient).",
                references=("actors",),
            ),
            Field(
                "topic",
                "grade",
                "What the allegation is about.",
                True,
                vocabulary="allegation_topic",
            ),
            _sources("Sources that first state the allegation."),
            _notes(),
        ),
        primary_key="allegation_id",
    ),
    Table(
        "statements",
        "Who said what, when, about an allegation or a partnership, and with what stance.",
        (
            Field(
                "statement_id", "id", "Unique id, conventionally st-<yyyy-mm-dd>-<speaker>.", True
            ),
            Field(
                "actor_id",
                "id",
                "The state or body on whose behalf it was said.",
                True,
                references=("actors",),
            ),
            Field(
                "speaker_id", "id", "The person who said it, where known.", references=("actors",)
            ),
            Field(
                "allegation_id", "id", "The allegation it is about.", references=("allegations",)
            ),
            Field(
                "partnership_id", "id", "The partnership it is about.", references=("partnerships",)
            ),
            Field("stance", "grade", "The stance taken.", True, vocabulary="stance"),
            Field(
                "summary",
                "text",
                "What was said, paraphrased in the compiler's words.",
                True,
                max_length=2000,
            ),
            Field(
                "quote",
                "text",
                "A short exact quote, where one was read; never invented.",
                max_length=300,
            ),
            Field(
                "quote_language", "text", "ISO 639-1 code of the quote's language.", max_length=8
            ),
            _date("occurred", "When it was said, at its precision."),
            _date("reported", "When it was first reported, at its precision."),
            Field(
                "credibility",
                "grade",
                "Admiralty credibility of the report, 1 (confirmed) to 6.",
                True,
                vocabulary="credibility",
            ),
            _sources(),
            _notes(),
        ),
        primary_key="statement_id",
    ),
    Table(
        "events",
        "Dated happenings: signings, ratifications, entries into force, meetings, captures, sanctions.",
        (
            Field("event_id", "id", "Unique id, conventionally ev-<yyyy-mm-dd>-<what>.", True),
            Field("kind", "grade", "What happened.", True, vocabulary="event_kind"),
            _date("occurred", "When it happened, at its precision."),
            _date("reported", "When it was first reported, at its precision."),
            Field(
                "actor_ids",
                "list",
                "Who acted (for a ratification, the ratifying party).",
                True,
                references=("actors",),
            ),
            Field(
                "target_ids",
                "list",
                "Who it was aimed at or concerned, where that applies.",
                references=("actors",),
            ),
            Field(
                "partnership_id",
                "id",
                "The partnership this is a milestone of.",
                references=("partnerships",),
            ),
            Field(
                "allegation_id",
                "id",
                "The allegation this event bears on as evidence.",
                references=("allegations",),
            ),
            Field(
                "summary", "text", "What happened, in the compiler's words.", True, max_length=2000
            ),
            Field(
                "credibility",
                "grade",
                "Admiralty credibility of the report, 1 (confirmed) to 6.",
                True,
                vocabulary="credibility",
            ),
            _sources(),
            _notes(),
        ),
        primary_key="event_id",
    ),
    Table(
        "disputes",
        "Where sources disagree: the value recorded, the alternative, and who gives it.",
        (
            Field("dispute_id", "id", "Unique id, conventionally dp-<record>-<field>.", True),
            Field(
                "record_id", "id", "The record whose value is disputed.", True, references=("*",)
            ),
            Field("field", "text", "The disputed field (e.g. occurred).", True, max_length=60),
            Field("alternative", "text", "The value other sources give.", True, max_length=500),
            _sources("Sources that give the alternative."),
            _notes(),
        ),
        primary_key="dispute_id",
        required=False,
    ),
    Table(
        "hypotheses",
        "Competing hypotheses (Heuer's ACH) about a partnership.",
        (
            Field("hypothesis_id", "id", "Unique id, conventionally hy-<n>.", True),
            Field(
                "partnership_id",
                "id",
                "The partnership the hypotheses explain.",
                True,
                references=("partnerships",),
            ),
            Field("label", "text", "Short label.", True, max_length=80),
            Field(
                "statement",
                "text",
                "The hypothesis, stated so evidence can bear on it.",
                True,
                max_length=1000,
            ),
            _sources("Sources where this reading is put forward."),
            _notes(),
        ),
        primary_key="hypothesis_id",
        required=False,
    ),
    Table(
        "ach_ratings",
        "How consistent each piece of evidence is with each hypothesis, and why.",
        (
            Field(
                "rating_id", "id", "Unique id, conventionally ach-<hypothesis>-<evidence>.", True
            ),
            Field("hypothesis_id", "id", "The hypothesis.", True, references=("hypotheses",)),
            Field(
                "evidence_id",
                "id",
                "A statement, event or obligation id.",
                True,
                references=("statements", "events", "obligations"),
            ),
            Field(
                "consistency",
                "grade",
                "Consistency of the evidence with the hypothesis.",
                True,
                vocabulary="consistency",
            ),
            Field("rationale", "text", "Why, in a sentence.", True, max_length=1000),
        ),
        primary_key="rating_id",
        required=False,
    ),
)

VOCABULARIES["credibility"] = CREDIBILITY_GRADES

_BY_NAME = {t.name: t for t in TABLES}


def table(name: str) -> Table:
    """Return the declaration of table ``name``."""
    try:
        return _BY_NAME[name]
    except KeyError:
        raise KeyError(f"no table {name!r}; tables are {', '.join(_BY_NAME)}") from None
