"""Consistency checks a curator sees before a reader does (``python -m analysis audit``).

Validation (:mod:`analysis.dossier.validate`) refuses what breaks the format; the audit looks
for what the format allows but is probably a slip: a ``reported`` date long after the sources
that document it, one publisher graded two ways, one utterance recorded twice, a source nobody
cites, an id meaning two things in two dossiers. Each check is a pure function of the raw
tables (:func:`~analysis.dossier.loading.read_raw_tables`: strings, index = CSV line), so it
runs on any folder that parses. The checks are declared, with their wording, in
:data:`analysis.schema.rules.AUDIT_CHECKS`; a :class:`Finding` is an error (the audit fails)
or a warning (the curator confirms it).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from difflib import SequenceMatcher
from pathlib import Path

import pandas as pd

from analysis.common.dates import parse_partial_date
from analysis.dossier.checks import reported_not_before
from analysis.dossier.issues import shown, split_list
from analysis.dossier.loading import read_raw_tables
from analysis.dossier.publishers import publisher_issues
from analysis.schema import TABLES, table
from analysis.schema.rules import (
    MILESTONE_STATES,
    REPORTED_MARGIN_DAYS,
    SAME_UTTERANCE_SIMILARITY,
    takes_effect_of,
)

__all__ = ["CHECKS", "Finding", "audit_folder", "audit_tables", "count", "read_for_audit"]

Frames = Mapping[str, pd.DataFrame]


@dataclass(frozen=True)
class Finding:
    """One thing the audit found: ``level`` is ``"error"`` or ``"warning"``, ``rule`` a key of
    :data:`~analysis.schema.rules.AUDIT_CHECKS`; ``line`` is the CSV line (header = 1)."""

    level: str
    rule: str
    file: str
    line: int | None
    record_id: str | None
    field: str | None
    value: str | None
    message: str

    def __str__(self) -> str:
        parts = [shown(self.file if self.line is None else f"{self.file}:{self.line}")]
        if self.record_id:
            parts.append(f"[{shown(self.record_id)}]")
        if self.field and self.value is not None:
            value = self.value if len(self.value) <= 80 else self.value[:77] + "..."
            parts.append(f"{shown(self.field)}={shown(repr(value))}")
        elif self.field:
            parts.append(shown(self.field))
        return f"{self.level}: {' '.join(parts)}: {shown(self.message)} ({self.rule})"

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _date(value: object):
    try:
        return parse_partial_date(value) if _text(value) else None
    except ValueError:
        return None


def _finding(level, rule, name, frame, index, field, message, value=None) -> Finding:
    key = table(name).primary_key
    rid = _text(frame.at[index, key]) if key in frame.columns else ""
    if value is None and field in frame.columns:
        value = _text(frame.at[index, field])
    return Finding(level, rule, f"{name}.csv", int(index), rid or None, field, value, message)


def reported_after_occurred(frames: Frames) -> list[Finding]:
    """Error: the validation rule ``reported_after_occurred``, from its one home."""
    out = []
    for name, frame in frames.items():
        if not {"occurred", "reported"} <= set(frame.columns):
            continue
        for index in frame.index[~reported_not_before(frame)]:
            occurred = _text(frame.at[index, "occurred"])
            message = f"is before occurred ({occurred}): nothing is reported before it happened"
            out.append(
                _finding(
                    "error", "reported_after_occurred", name, frame, index, "reported", message
                )
            )
    return out


def reported_after_sources(frames: Frames) -> list[Finding]:
    """Warning: ``reported`` starts more than :data:`REPORTED_MARGIN_DAYS` after the latest
    publication of the record's dated sources and after it occurred (a source may announce an
    event before it happens; then ``reported`` is when it happened). Undated sources are left
    out; a record citing none with a date is not judged."""
    sources = frames.get("sources")
    if sources is None or not {"source_id", "published"} <= set(sources.columns):
        return []
    published = {
        _text(s): _date(p) for s, p in zip(sources["source_id"], sources["published"], strict=True)
    }
    margin = pd.Timedelta(days=REPORTED_MARGIN_DAYS)
    out = []
    for name, frame in frames.items():
        if not {"occurred", "reported", "source_ids"} <= set(frame.columns):
            continue
        rows = zip(
            frame.index, frame["occurred"], frame["reported"], frame["source_ids"], strict=True
        )
        for index, occurred, reported, cited in rows:
            start, happened = _date(reported), _date(occurred)
            dated = [(published[s].end, s) for s in split_list(cited) if published.get(s)]
            if start is None or not dated:
                continue
            latest, source = max(dated)
            if happened is not None and happened.end > latest:
                continue  # announced before it happened: reported >= occurred decides
            if start.start > latest + margin:
                message = (
                    f"starts more than {REPORTED_MARGIN_DAYS} days after the latest of its "
                    f"sources ({source}, published {latest.date()}): reported is when it first "
                    "became public; confirm it or cite the earlier source"
                )
                out.append(
                    _finding(
                        "warning", "reported_after_sources", name, frame, index, "reported", message
                    )
                )
    return out


def one_grade_per_publisher(frames: Frames) -> list[Finding]:
    """Error: validation's rules on publishers' grades and kinds, from their one home
    (:func:`~analysis.dossier.publishers.publisher_issues`)."""
    return [
        Finding(
            "error",
            "one_grade_per_publisher",
            i.file,
            i.line,
            i.record_id,
            i.field,
            i.value,
            i.rule,
        )
        for i in publisher_issues(frames)
    ]


def _who(row: pd.Series) -> str:
    """Who said it: the speaker, or the body on whose behalf it was said when none is named."""
    return _text(row.get("speaker_id")) or _text(row.get("actor_id"))


SAME_SPEAKER = "same speaker, sources, stance and partnership"


def _same_utterance(a: pd.Series, b: pd.Series) -> str:
    """Why statements ``a`` and ``b`` (said on the same day) look like one utterance, or ''."""
    same_sources = set(split_list(a.get("source_ids"))) == set(split_list(b.get("source_ids")))
    # one stance on one subject: an utterance that takes two stances, or speaks of two
    # partnerships, is two statements by design; otherwise one row names all its allegations
    same_subject = all(_text(a.get(f)) == _text(b.get(f)) for f in ("stance", "partnership_id"))
    if _who(a) and _who(a) == _who(b) and same_sources and same_subject:
        return SAME_SPEAKER
    if _text(a.get("quote")) and _text(a.get("quote")) == _text(b.get("quote")):
        return "same quote"
    left, right = _text(a.get("summary")).lower(), _text(b.get("summary")).lower()
    if left and right:
        ratio = SequenceMatcher(None, left, right, autojunk=False).ratio()
        if ratio >= SAME_UTTERANCE_SIMILARITY:
            return f"summaries {ratio:.0%} alike"
    return ""


def _confirmed_distinct(a: pd.Series, b: pd.Series) -> bool:
    """Whether the curator has said in either's notes that the two are distinct utterances:
    ``distinct from <the other's statement_id>``."""
    return any(
        f"distinct from {_text(y.get('statement_id'))}".lower() in _text(x.get("notes")).lower()
        for x, y in ((a, b), (b, a))
    )


def one_utterance_one_statement(frames: Frames) -> list[Finding]:
    """Warning on each statement that looks like an earlier one of the same day."""
    statements = frames.get("statements")
    if statements is None or "occurred" not in statements.columns:
        return []
    out = []
    days = statements["occurred"].map(_text)
    for day, group in statements.groupby(days, sort=False):
        if not day or len(group) < 2:
            continue
        rows = list(group.iterrows())
        for j, (index, row) in enumerate(rows):
            like = [
                (_text(other.get("statement_id")), why)
                for _, other in rows[:j]
                if not _confirmed_distinct(other, row) and (why := _same_utterance(other, row))
            ]
            if like:
                named = "; ".join(f"{rid} ({why})" for rid, why in like)
                how = (
                    " (one row naming all its allegations in allegation_ids)"
                    if any(why == SAME_SPEAKER for _, why in like)
                    else ""
                )
                message = (
                    f"looks like the same utterance as {named}: if it is one, record it once{how}"
                )
                out.append(
                    _finding(
                        "warning",
                        "one_utterance_one_statement",
                        "statements",
                        statements,
                        index,
                        "occurred",
                        message,
                    )
                )
    return out


def source_cited(frames: Frames) -> list[Finding]:
    """Warning: a source that no record's sources field names."""
    sources = frames.get("sources")
    if sources is None or "source_id" not in sources.columns:
        return []
    cited: set[str] = set()
    for t in TABLES:
        frame = frames.get(t.name)
        for f in t.fields:
            if frame is not None and "sources" in f.references and f.name in frame.columns:
                for cell in frame[f.name]:
                    cited.update(split_list(cell))
    return [
        _finding(
            "warning",
            "source_cited",
            "sources",
            sources,
            index,
            "source_id",
            "no record cites this source: cite it or drop it",
        )
        for index, sid in zip(sources.index, sources["source_id"], strict=True)
        if _text(sid) and _text(sid) not in cited
    ]


def takes_effect_dated(frames: Frames) -> list[Finding]:
    """Warning: a partnership in effect from its signing (or announcement) with no signing
    event, so that nothing dates when it took effect."""
    partnerships, events = frames.get("partnerships"), frames.get("events")
    if partnerships is None or "partnership_id" not in partnerships.columns:
        return []
    signed: set[str] = set()
    if events is not None and {"kind", "partnership_id"} <= set(events.columns):
        signing = events["kind"].map(_text).isin(MILESTONE_STATES["signed"])
        signed = {_text(p) for p in events.loc[signing, "partnership_id"]}
    out = []
    for index, row in partnerships.iterrows():
        stated = _text(row.get("takes_effect"))
        when = takes_effect_of(_text(row.get("kind")), stated)
        if (
            when in ("on_signature", "on_announcement")
            and _text(row["partnership_id"]) not in signed
        ):
            message = (
                f"takes effect {when.replace('_', ' ')}"
                f"{'' if stated else ' (as its kind does)'} but no signing event dates it: add "
                "one (kind signing, this partnership_id), or say when it takes effect"
            )
            field = "takes_effect" if stated else "kind"
            out.append(
                _finding(
                    "warning",
                    "takes_effect_dated",
                    "partnerships",
                    partnerships,
                    index,
                    field,
                    message,
                )
            )
    return out


#: The checks of one dossier, in the order they are reported.
CHECKS = (
    reported_after_occurred,
    reported_after_sources,
    one_grade_per_publisher,
    one_utterance_one_statement,
    source_cited,
    takes_effect_dated,
)


def audit_tables(frames: Frames) -> list[Finding]:
    """Every finding of :data:`CHECKS` on one dossier's raw tables, errors first."""
    found = [f for check in CHECKS for f in check(frames)]
    return sorted(found, key=lambda f: f.level != "error")


def read_for_audit(folder: str | Path) -> tuple[dict[str, pd.DataFrame], list[Finding]]:
    """The raw tables of ``folder``, and an error for each problem found reading them."""
    frames, _metadata, issues = read_raw_tables(Path(folder))
    errors = [
        Finding("error", "readable", i.file, i.line, i.record_id, i.field, i.value, i.rule)
        for i in issues
    ]
    return frames, errors


def audit_folder(folder: str | Path) -> list[Finding]:
    """Read ``folder`` and audit it: reading problems, then :func:`audit_tables`."""
    frames, errors = read_for_audit(folder)
    return errors + audit_tables(frames)


def count(findings: Iterable[Finding]) -> Counter:
    """How many findings of each level: ``Counter({'warning': 3})``."""
    return Counter(f.level for f in findings)
