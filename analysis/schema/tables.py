"""The tables of a dossier, field by field: a pure declaration, long by nature."""

from __future__ import annotations

from analysis.schema.fields import Field, Table

__all__ = ["TABLES", "table"]


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
                "reliability_reason",
                "text",
                "Why this source is graded otherwise than its publisher (the register's grade, or "
                "the grade of the publisher's other sources); required for such a grade.",
                max_length=500,
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
                "ISO 639 code of the text read: two letters (en, ru, fa) or three (fas).",
                max_length=8,
                codes="language",
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
                "The actor's camp: one of the camps the descriptor declares (`camps` in "
                "datapackage.json), or of the four default camps when it declares none; the "
                "network colours actors by it.",
                True,
                vocabulary="alignment",
            ),
            Field(
                "wikidata",
                "id",
                "The actor's Wikidata item (Q159 for Russia), to match records with other data sets; optional, and the column may be left out.",
                codes="wikidata",
                may_be_absent=True,
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
            Field(
                "takes_effect",
                "grade",
                "When it takes effect: on_signature, on_announcement or on_entry_into_force; "
                "empty: by kind (a joint statement on signature, anything else on entry into "
                "force).",
                vocabulary="takes_effect",
                may_be_absent=True,
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
                "What the allegation is about (the descriptor may add topics).",
                True,
                vocabulary="allegation_topic",
            ),
            Field(
                "alleges_transfer",
                "boolean",
                "true when what is alleged is a transfer from the accused to the beneficiaries "
                "(arms, munitions, technology supplied): the network then draws a transfer edge; "
                "false or empty when the transfer is not what is disputed (a secret commitment, a "
                "deployment). Needs beneficiary_ids; the column may be left out (all false).",
                may_be_absent=True,
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
                "joint_actor_ids",
                "list",
                "The other states or bodies that made the same utterance with actor_id (a joint "
                "statement is one row): each is credited with it as actor_id is.",
                references=("actors",),
            ),
            Field(
                "joint_speaker_ids",
                "list",
                "The other persons who made the same utterance with speaker_id (which it then "
                "needs).",
                references=("actors",),
            ),
            Field(
                "allegation_ids",
                "list",
                "The allegations it is about: one utterance is one statement, naming every "
                "allegation it takes this stance on.",
                references=("allegations",),
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
                "quote_language",
                "text",
                "ISO 639 code of the quote's language: two letters (en, ru, fa) or three (fas).",
                max_length=8,
                codes="language",
            ),
            _date("occurred", "When it was said, at its precision."),
            _date(
                "reported",
                "When it first became public, at its precision; may be earlier than the "
                "publication of the sources that document it.",
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
        primary_key="statement_id",
    ),
    Table(
        "events",
        "Dated happenings: signings, ratifications, entries into force, meetings, captures, sanctions.",
        (
            Field("event_id", "id", "Unique id, conventionally ev-<yyyy-mm-dd>-<what>.", True),
            Field(
                "kind",
                "grade",
                "What happened (the descriptor may add event kinds).",
                True,
                vocabulary="event_kind",
            ),
            _date("occurred", "When it happened, at its precision."),
            _date(
                "reported",
                "When it first became public, at its precision; may be earlier than the "
                "publication of the sources that document it.",
            ),
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
    Table(
        "publishers",
        "The publisher register: each outlet, agency or site graded once, with the reason for its "
        "grade. Every source's publisher is listed; a source graded otherwise gives its "
        "reliability_reason.",
        (
            Field(
                "publisher",
                "text",
                "The publisher exactly as sources.csv names it.",
                True,
                max_length=200,
            ),
            Field(
                "kind", "grade", "What kind of source it publishes.", True, vocabulary="source_kind"
            ),
            Field(
                "reliability",
                "grade",
                "Default Admiralty reliability of its sources, A (best) to F.",
                True,
                vocabulary="reliability",
            ),
            Field(
                "reason",
                "text",
                "Why this grade: what it rests on, in the compiler's words.",
                True,
                max_length=1000,
            ),
            _sources(
                "Sources that support the grade (e.g. a report on who runs the outlet), where any "
                "are recorded.",
                required=False,
            ),
            _notes(),
        ),
        primary_key="publisher",
        required=False,
        global_ids=False,
    ),
)


_BY_NAME = {t.name: t for t in TABLES}


def table(name: str) -> Table:
    """Return the declaration of table ``name``."""
    try:
        return _BY_NAME[name]
    except KeyError:
        raise KeyError(f"no table {name!r}; tables are {', '.join(_BY_NAME)}") from None
