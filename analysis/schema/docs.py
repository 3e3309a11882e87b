"""The data-format documentation, generated from :mod:`analysis.schema`.

``docs/data-format.md`` is this module's output; ``python -m analysis docs`` rewrites it and a
test fails when the committed file and the schema disagree.
"""

from __future__ import annotations

from analysis.schema import (
    DATE_PATTERN,
    ID_PATTERN,
    LIST_SEPARATOR,
    MAX_FILE_BYTES,
    TABLES,
    VOCABULARIES,
    Field,
)
from analysis.schema.rules import AUDIT_CHECKS, DECISIONS, REPORTED_MARGIN_DAYS, RULES
from analysis.schema.vocabularies import DEFAULT_CAMPS, EXTENSIBLE_VOCABULARIES

__all__ = ["data_format_markdown"]

_TYPES = {
    "id": "id",
    "text": "text",
    "url": "http(s) URL",
    "date": "date (YYYY, YYYY-MM or YYYY-MM-DD, optional ~)",
    "integer": "whole number",
    "boolean": "true / false",
    "grade": "one term of a vocabulary",
    "list": f"ids separated by `{LIST_SEPARATOR}`",
}


def _open_vocabularies() -> list[str]:
    """How a dossier declares its camps and adds topics and event kinds (the descriptor keys)."""
    opened = ", ".join(f"`{v}`" for v in EXTENSIBLE_VOCABULARIES)
    return [
        "Most vocabularies are closed: they are standards (the Admiralty grades, stances,",
        "presence, precision) or the format's own. Where stories differ, a dossier's",
        "`datapackage.json` says its own terms:",
        "",
        '- **`camps`**: the dossier\'s camps, a list of `{"id", "label", "colour"}` with',
        '  an optional `"definition"`. An actor\'s `alignment` must name one; the network',
        "  colours and labels actors by them, and the exports carry them. `colour` is a CSS",
        "  colour: `#rgb`, `#rrggbb` or a CSS colour name (`steelblue`). A descriptor that",
        "  declares no camps has the four of [`alignment`](#vocabulary-alignment), coloured "
        + ", ".join(f"`{c['id']}` {c['colour']}" for c in DEFAULT_CAMPS)
        + ".",
        f"- **`vocabularies`**: terms added to {opened}, each with its definition, after the",
        '  built-in ones: `{"event_kind": {"announcement": "A partnership or policy is',
        '  announced."}, "allegation_topic": {"arms_race": "..."}}`. A term is lower-case',
        "  letters, digits and `_`; it needs a definition and may not repeat a built-in term.",
        "  An added event kind is a record kind like the built-in ones: the explorer's filter",
        "  offers it and the timeline draws it under its own name, in a colour of its own.",
        "",
        "```json",
        '"camps": [',
        '  {"id": "axis", "label": "Axis", "colour": "darkred"},',
        '  {"id": "coalition", "label": "Coalition", "colour": "#4682b4",',
        '   "definition": "The states allied against the axis."}',
        "],",
        '"vocabularies": {"event_kind": {"diplomatic_act": "An ambassador recalled, a call."}}',
        "```",
        "",
    ]


def _constraints(f: Field) -> str:
    parts = []
    if f.vocabulary:
        parts.append(f"vocabulary [`{f.vocabulary}`](#vocabulary-{f.vocabulary.replace('_', '-')})")
    if f.references:
        targets = (
            "any record" if "*" in f.references else " or ".join(f"`{t}`" for t in f.references)
        )
        parts.append(f"must name {targets}")
    if f.max_length:
        parts.append(f"at most {f.max_length} characters")
    if f.type == "list" and f.min_items > 1:
        parts.append(f"at least {f.min_items} ids")
    if f.minimum is not None or f.maximum is not None:
        parts.append(f"between {f.minimum} and {f.maximum}")
    return "; ".join(parts)


def _cell(s: str) -> str:
    return s.replace("|", "\\|").replace("\n", " ")


def data_format_markdown() -> str:
    """The whole data-format document as Markdown."""
    out = [
        "# Dossier data format",
        "",
        "<!-- Generated from analysis/schema/ by `python -m analysis docs`. "
        "Do not edit by hand. -->",
        "",
        "A dossier is a folder under `data/` holding one CSV file per table "
        "(UTF-8, comma-separated,",
        "a header row naming the columns in any order) and a `datapackage.json` with its title,",
        "description and the list of its tables (`resources`). Every record cites its sources",
        "by id in `source_ids`.",
        "",
        "## Conventions",
        "",
        f"- **Ids** match `{ID_PATTERN}` and are unique across the whole dossier.",
        f"- **Lists** join ids with `{LIST_SEPARATOR}` and no spaces: "
        "`src-tass-2025-04-08;src-irna-2025-04-21`.",
        f"- **Dates** are written at their true precision and match `{DATE_PATTERN}`: `2024`,",
        "  `2024-06`, `2024-06-19`; a trailing `~` marks an approximate or inferred date.",
        "  Statements and events keep two dates: `occurred` (when it happened) and `reported`",
        "  (when the claim or event first became public, at the precision that is known). The",
        "  two differ from a source's `published`, the date of the copy we cite, which may be",
        "  later: a record of the 2022 invasion cited from a 2023 article is still reported in",
        '  February 2022. Views "as of" a date use `reported`; `reported` is never before',
        "  `occurred`, and `make audit` asks the curator to confirm a `reported` more than",
        f"  {REPORTED_MARGIN_DAYS} days after every cited source's publication.",
        "- **Partial dates** are periods. A record reported only to the month or the year is",
        "  known by the end of its period (`2024-10` from 31 October 2024) in every as-of view,",
        "  status and export. Readers see a date at its precision (`Oct 2024 (month)`, never",
        "  `01 Oct 2024`). Tables and timelines list records by one rule: by the end of the",
        "  period, then by its start (of a year, a month and a day ending on the same day, the",
        "  year first), then by id (`analysis.common.dates.chronological`).",
        "- **One utterance, one statement.** A statement is one act of saying (a speech, a",
        "  release, a report, an interview answer) and the one stance it takes on one subject.",
        "  When it bears on several allegations it names them all in `allegation_ids`",
        "  (`al-prk-shells;al-prk-missiles`) rather than being recorded once per allegation.",
        "  Counts of statements, tallies of who alleges what and ACH evidence take it once; the",
        "  status and lifecycle of each allegation it names see it",
        "  (`analysis.dossier.per_allegation` gives that per-allegation view). One utterance",
        "  that takes two stances (a denial and a comment) or speaks of two partnerships is two",
        "  statements. A joint statement (one text made by several parties, or one claim given",
        "  to several speakers together) is one row too: `actor_id` and `speaker_id` name the",
        "  first, `joint_actor_ids` and `joint_speaker_ids` the others. It counts once; each",
        "  party is credited with it (filtering by actor, the network's relations, who alleges",
        "  whom, one export edge per party: `analysis.dossier.per_actor` gives that per-party",
        "  view), it sits once on each party's timeline lane, and the records table names every",
        "  party and speaker.",
        "- **Empty cells** mean no value. Whitespace around a value is ignored.",
        f"- **Files** above {MAX_FILE_BYTES // (1024 * 1024)} MiB are refused.",
        "- An allegation's **status** is never stored: it is derived from its statements (see",
        "  `analysis.filtering.status`).",
        "",
        "## Tables",
        "",
    ]
    for t in TABLES:
        need = "required" if t.required else "optional"
        out += [
            f"### `{t.filename}` ({need})",
            "",
            t.description,
            "",
            f"Primary key: `{t.primary_key}`.",
            "",
            "| field | type | required | description | constraints |",
            "|---|---|---|---|---|",
        ]
        for f in t.fields:
            out.append(
                f"| `{f.name}` | {_TYPES[f.type]} | {'yes' if f.required else ''} | "
                f"{_cell(f.description)} | {_cell(_constraints(f))} |"
            )
        out.append("")
    out += ["## Rules across fields and tables", ""]
    out += [f"- **{name}**: {text}" for name, text in RULES.items()]
    out += [
        "",
        "## Audit checks",
        "",
        "`make audit` (`python -m analysis audit [DOSSIER...]`, default every dossier under",
        "`data/`) looks for what the format allows but is probably a slip. It prints each finding",
        "with file, line, record, field, value and check; errors fail it, warnings are for the",
        "curator to confirm. Run it after `make validate`.",
        "",
    ]
    out += [f"- **{name}** {text}" for name, text in AUDIT_CHECKS.items()]
    out += ["", "## Decisions on input that could be read either way", ""]
    out += [f"- **{name}** {text}" for name, text in DECISIONS.items()]
    out += ["", "## Vocabularies", ""]
    out += _open_vocabularies()
    for name, terms in VOCABULARIES.items():
        out += [f"### Vocabulary `{name}`", "", "| term | meaning |", "|---|---|"]
        out += [f"| `{term}` | {_cell(meaning)} |" for term, meaning in terms.items()]
        out.append("")
    out += [
        "## Adding a record",
        "",
        "1. Add the source first: a row in `sources.csv` with publisher, title, the URL you read",
        "   (leave it empty rather than guess), the publication date and an Admiralty grade.",
        "2. Add the record (a statement, event, ...) in its table, citing the source's id.",
        "   Paraphrase in your own words; a `quote` is short, exact and only what you read.",
        "3. Where sources disagree, keep the value you trust in the record and add a row to",
        "   `disputes.csv` with the alternative and the sources that give it.",
        "4. Run `make validate` (or `python -m analysis validate data/<dossier>`): it lists every",
        "   problem with file, line, record, field, value and rule, or prints the counts.",
        "5. Run `make audit` and confirm or fix each warning it prints.",
        "",
    ]
    return "\n".join(out)
