"""Rules of the format that span fields, rows or tables, and the vocabulary subsets they name.

Field rules are documented per field in :mod:`analysis.schema.tables`; the rules here are
enforced by :mod:`analysis.dossier` and read by the filters, the figures and the exports, so
each has this one home.
"""

from __future__ import annotations

__all__ = [
    "RULES",
    "AUDIT_CHECKS",
    "REPORTED_MARGIN_DAYS",
    "SAME_UTTERANCE_SIMILARITY",
    "DECISIONS",
    "STANCES_NEEDING_ALLEGATION",
    "MILESTONE_STATES",
    "TAKES_EFFECT_BY_KIND",
    "MILESTONE_EVENT_KINDS",
    "takes_effect_of",
]

#: Stances that take a position on an allegation, and so must name it.
STANCES_NEEDING_ALLEGATION = ("alleges", "denies", "confirms", "partly_acknowledges")

#: Which milestone event kinds date which step of a partnership: it is signed by a signing,
#: in force from an entry into force or an accession, ended by a termination. (A partnership
#: replaced by one that has entered into force also ends then; see
#: :func:`analysis.filtering.partnerships_as_of`.)
MILESTONE_STATES: dict[str, tuple[str, ...]] = {
    "signed": ("signing",),
    "in_force": ("entry_into_force", "accession"),
    "ended": ("termination",),
}

#: When a partnership of each kind takes effect, unless its ``takes_effect`` says otherwise: a
#: joint statement when it is signed or issued (its signing event), anything else on entry into
#: force or accession. One that takes effect on signature or announcement is in force from its
#: signing event (see :func:`analysis.filtering.takes_effect`).
TAKES_EFFECT_BY_KIND: dict[str, str] = {
    "joint_statement": "on_signature",
    "treaty": "on_entry_into_force",
    "agreement": "on_entry_into_force",
    "membership": "on_entry_into_force",
}


def takes_effect_of(kind: str, stated: str | None = None) -> str:
    """When a partnership of ``kind`` takes effect: ``stated`` (its ``takes_effect``) when
    given, else by its kind, else on entry into force.

    >>> takes_effect_of("joint_statement"), takes_effect_of("treaty", "on_signature")
    ('on_signature', 'on_signature')
    """
    return stated or TAKES_EFFECT_BY_KIND.get(kind, "on_entry_into_force")


#: Event kinds that are a step of a partnership, and so must name it.
MILESTONE_EVENT_KINDS = ("signing", "ratification", "entry_into_force", "termination", "accession")

#: Rules that span fields, rows or tables; field rules are documented per field.
RULES: dict[str, str] = {
    "unique_id": "Every record id is unique within its table and across the dossier.",
    "reference": "An id that names another record must exist in the table it points to.",
    "state_id": (
        "A state's id is its ISO 3166-1 alpha-3 code (RUS, IRN, PRK), current or, for a state "
        "that no longer exists, historic (SUN for the Soviet Union, YUG, DDR), as listed by "
        "pycountry; a fictional state (in test or teaching dossiers) takes one of the codes "
        "ISO 3166-1 reserves as user-assigned (AAA-AAZ, QMA-QZZ, XAA-XZZ, ZZA-ZZZ), such as XFR."
    ),
    "stance_needs_allegation": (
        "A statement that alleges, denies, confirms or partly acknowledges names at least one "
        "allegation in allegation_ids."
    ),
    "joint_names_others": (
        "A joint statement's joint_actor_ids name parties other than its actor_id, and its "
        "joint_speaker_ids persons other than its speaker_id, which it then needs."
    ),
    "transfer_needs_beneficiary": (
        "An allegation whose alleges_transfer is true names its beneficiary_ids: a transfer has "
        "a recipient."
    ),
    "open_vocabularies": (
        "`datapackage.json` may declare the dossier's `camps` (each an `id`, a `label` and a "
        "CSS `colour`), which an actor's `alignment` must then name, and add terms to "
        "`vocabularies.allegation_topic` and `vocabularies.event_kind`, each with a "
        "definition and none clashing with a built-in term."
    ),
    "milestone_needs_partnership": (
        "A signing, ratification, entry-into-force, termination or accession event names a "
        "partnership_id."
    ),
    "reported_after_occurred": "Nothing is reported before it happened (reported >= occurred).",
    "milestone_order": (
        "A partnership is not ratified, in force or ended before it was signed, nor ended before "
        "it entered into force."
    ),
    "required_table": "Every required table is present, with a header row.",
    "descriptor": (
        "`datapackage.json` is present and lists exactly the tables in the folder, each as "
        "`resources: [{name, path}]` with the plain file name (`actors.csv`: no folder, `..` or "
        "URL); `title` and `description` are text; `focus` names existing ids."
    ),
    "list_items": (
        "A list has no empty item (`a;;b`, `a;`, `;`) and names no id twice; a partnership has "
        "at least two different parties."
    ),
    "visible_text": "A text cell holds at least one visible character.",
    "no_self_reference": (
        "A record does not name itself: an actor is not its own affiliation, a partnership "
        "does not replace itself, a dispute is not about itself."
    ),
    "no_replacement_cycle": "Following replaces_id from a partnership never leads back to it.",
    "publisher_registered": (
        "With a publisher register (`publishers.csv`), every source's publisher is in it, and a "
        "source's kind is its publisher's."
    ),
    "one_grade_per_publisher": (
        "A source carries its publisher's grade: the register's, or without a register the most "
        "common grade of the publisher's sources (the better one on a tie); a source graded "
        "otherwise says why in `reliability_reason`."
    ),
}

#: How many days ``reported`` may fall after the latest publication date of the sources a record
#: cites before the audit asks the curator to confirm it. ``reported`` is when a claim or event
#: first became public, so it is normally no later than the sources that document it; a month
#: leaves room for a source dated by its print edition or its last update.
REPORTED_MARGIN_DAYS = 30

#: How alike two statements' summaries must be (difflib's ratio, 0 to 1) on the same day for the
#: audit to ask whether they record one utterance; 0.85 catches one summary copied with a
#: changed name or party, not two statements that share a few phrases.
SAME_UTTERANCE_SIMILARITY = 0.85

#: Consistency checks ``python -m analysis audit`` runs (:mod:`analysis.dossier.audit`): errors
#: fail the audit, warnings are for the curator to confirm.
AUDIT_CHECKS: dict[str, str] = {
    "reported_after_occurred": "(error) the validation rule above: nothing is reported before "
    "it happened.",
    "reported_after_sources": (
        f"(warning) `reported` starts more than {REPORTED_MARGIN_DAYS} days after the latest "
        "publication date of the dated sources the record cites: `reported` is when the claim or "
        "event first became public, so confirm it or cite the earlier source."
    ),
    "one_grade_per_publisher": "(error) the validation rules above `one_grade_per_publisher` "
    "and `publisher_registered`.",
    "same_id_same_content": (
        "(warning) with several dossiers, an id used in two of them names a record of the same "
        "table with the same content (every field but `notes`); the differing fields are listed."
    ),
    "one_utterance_one_statement": (
        "(warning) two statements on the same day look like one utterance: the same speaker, "
        "sources, stance and partnership (one row can name all its allegations), the same "
        f"quote, or summaries at least {SAME_UTTERANCE_SIMILARITY:.0%} alike. A joint statement "
        "is one row naming every party (`joint_actor_ids`, `joint_speaker_ids`); two remarks "
        "the curator has checked are distinct pass when either's notes say `distinct from "
        "<the other's statement_id>`."
    ),
    "source_cited": "(warning) a source no record cites: cite it or drop it.",
    "takes_effect_dated": (
        "(warning) a partnership that takes effect on signature or announcement (by its "
        "`takes_effect`, or by its kind: a joint statement) has no signing event to date that: "
        "without one it is drawn undated, never in effect. Add the event (kind `signing`, this "
        "`partnership_id`), or say when it takes effect."
    ),
    "readable": "(error) a table that cannot be read (the audit needs every table parsed).",
}

#: How input that could be read either way is treated (docs/data-format.md lists these).
DECISIONS: dict[str, str] = {
    "NaN, None, null": (
        "are text like any other in a text or required field: only an empty cell means no value."
    ),
    "years 0001 to 9999": (
        "are real dates (the format has four-digit years; 0000 is refused as no calendar has it)."
    ),
    "an allegation with no statements": (
        "is valid: it is recorded from its sources before anyone speaks to it; its status is "
        "then `unreported`."
    ),
    "a record naming itself, a replacement cycle": "are refused (no_self_reference, "
    "no_replacement_cycle).",
    "text that is only invisible characters": (
        "is refused (visible_text): a zero-width space or byte-order mark is not a summary."
    ),
    "a byte-order mark": (
        "at the very start of a file is allowed (spreadsheets write one); anywhere else, it is a "
        "character like others, and messages name it (U+FEFF ZERO WIDTH NO-BREAK SPACE)."
    ),
    "a file with more than one name (a hard link)": (
        "is refused, as a symbolic link out of the folder is: it may live outside the dossier."
    ),
}
