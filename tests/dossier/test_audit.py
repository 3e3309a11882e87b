"""The audit (``python -m analysis audit``): one purpose-made bad dossier per check, each
asserting the exact finding (level, check, file, line, record, field, value, message), and a
near miss beside it that the check must let pass.

Every case starts from the mini dossier (``tests/conftest.py``), which the audit finds clean.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import MINI, write_tables

from analysis.cli import main
from analysis.common.paths import DATA_DIR
from analysis.dossier.across import audit_across, dossier_folders
from analysis.dossier.audit import Finding, audit_folder, read_for_audit
from analysis.schema.rules import AUDIT_CHECKS, REPORTED_MARGIN_DAYS


def audited(tmp_path: Path, tables) -> list[Finding]:
    return audit_folder(write_tables(tmp_path / "case", tables))


def test_the_mini_dossier_is_clean(mini_dir):
    assert audit_folder(mini_dir) == []


def test_every_check_is_declared_with_its_wording():
    """Each check the code can report is documented in AUDIT_CHECKS (and so in the docs)."""
    assert set(AUDIT_CHECKS) == {
        "reported_after_occurred",
        "reported_after_sources",
        "one_grade_per_publisher",
        "same_id_same_content",
        "one_utterance_one_statement",
        "source_cited",
        "takes_effect_dated",
        "readable",
    }
    assert "## Audit checks" in (DATA_DIR.parent / "docs" / "data-format.md").read_text()


# --- (a) reported before occurred: the validation rule, reused ------------------------------


def test_reported_before_occurred_is_an_error(tmp_path, mini_tables):
    mini_tables["statements"][2]["reported"] = "2025-04-25"
    assert audited(tmp_path, mini_tables) == [
        Finding(
            "error",
            "reported_after_occurred",
            "statements.csv",
            4,
            "st-3",
            "reported",
            "2025-04-25",
            "is before occurred (2025-04-26): nothing is reported before it happened",
        )
    ]


def test_reported_within_a_month_occurred_is_not_before_it(tmp_path, mini_tables):
    # st-1 occurred "2024-10" (the whole month) and is reported on 2024-10-01: not before
    mini_tables["statements"][0]["reported"] = "2024-10-01"
    assert audited(tmp_path, mini_tables) == []


# --- (b) reported long after every cited source ---------------------------------------------


def test_reported_long_after_its_sources_is_a_warning(tmp_path, mini_tables):
    # src-b is published 2024-10-10; the margin is 30 days
    mini_tables["statements"][1]["reported"] = "2024-11-10"
    assert REPORTED_MARGIN_DAYS == 30
    assert audited(tmp_path, mini_tables) == [
        Finding(
            "warning",
            "reported_after_sources",
            "statements.csv",
            3,
            "st-2",
            "reported",
            "2024-11-10",
            "starts more than 30 days after the latest of its sources (src-b, published "
            "2024-10-10): reported is when it first became public; confirm it or cite the "
            "earlier source",
        )
    ]


def test_reported_within_the_margin_passes(tmp_path, mini_tables):
    mini_tables["statements"][1]["reported"] = "2024-11-09"  # exactly 30 days after
    assert audited(tmp_path, mini_tables) == []


def test_an_event_a_source_announced_before_it_happened_passes(tmp_path, mini_tables):
    # src-a (2025-04-26) announces an entry into force of 2025-09-01, reported that day
    mini_tables["events"][1].update(occurred="2025-09-01", reported="2025-09-01")
    assert audited(tmp_path, mini_tables) == []


def test_a_record_whose_sources_are_undated_is_not_judged(tmp_path, mini_tables):
    mini_tables["sources"][1]["published"] = ""
    mini_tables["statements"][1]["reported"] = "2025-12-31"
    assert audited(tmp_path, mini_tables) == []


# --- (c) one publisher, different grades ----------------------------------------------------


def _same_publisher(tables, grade: str) -> None:
    tables["sources"].append({**tables["sources"][0], "source_id": "src-c", "reliability": grade})
    tables["sources"].append({**tables["sources"][0], "source_id": "src-d"})
    tables["statements"][2]["source_ids"] = "src-a;src-c;src-d"


def test_one_publisher_graded_two_ways_is_an_error(tmp_path, mini_tables):
    """Validation's rule (dossier/publishers.py), reported by the audit from the same home."""
    _same_publisher(mini_tables, "C")
    assert audited(tmp_path, mini_tables) == [
        Finding(
            "error",
            "one_grade_per_publisher",
            "sources.csv",
            4,
            "src-c",
            "reliability",
            "C",
            "NK News is graded B by its other sources: grade the source alike, or say why in "
            "reliability_reason",
        )
    ]


def test_a_grade_that_gives_its_reason_passes(tmp_path, mini_tables):
    _same_publisher(mini_tables, "C")
    mini_tables["sources"][2]["reliability_reason"] = "An op-ed page, not its newsroom."
    assert audited(tmp_path, mini_tables) == []


def test_one_publisher_graded_once_passes(tmp_path, mini_tables):
    _same_publisher(mini_tables, "B")
    assert audited(tmp_path, mini_tables) == []


# --- (e) one utterance recorded as several statements ---------------------------------------


def _second_statement(tables, **changes) -> None:
    tables["statements"].append({**tables["statements"][1], "statement_id": "st-2b", **changes})


def test_same_speaker_day_sources_and_stance_is_a_warning(tmp_path, mini_tables):
    # the shape the MSMT report had: one report, one row per allegation it bears on
    _second_statement(mini_tables, summary="Also fake.")
    assert audited(tmp_path, mini_tables) == [
        Finding(
            "warning",
            "one_utterance_one_statement",
            "statements.csv",
            5,
            "st-2b",
            "occurred",
            "2024-10-10",
            "looks like the same utterance as st-2 (same speaker, sources, stance and "
            "partnership): if it is one, record it once (one row naming all its allegations in "
            "allegation_ids)",
        )
    ]


def test_one_utterance_with_two_stances_is_two_statements(tmp_path, mini_tables):
    # a statement is one stance on one subject: a comment made while denying is its own row
    _second_statement(mini_tables, summary="Also fake.", stance="comments", allegation_ids="")
    assert audited(tmp_path, mini_tables) == []


def test_one_utterance_about_two_partnerships_is_two_statements(tmp_path, mini_tables):
    _second_statement(mini_tables, summary="Also fake.", partnership_id="pt-x")
    assert audited(tmp_path, mini_tables) == []


def test_one_row_naming_two_allegations_passes(tmp_path, mini_tables):
    mini_tables["allegations"].append(
        {**mini_tables["allegations"][0], "allegation_id": "al-shells", "topic": "munitions"}
    )
    mini_tables["statements"][1]["allegation_ids"] = "al-troops;al-shells"
    assert audited(tmp_path, mini_tables) == []


def test_same_quote_by_another_party_is_a_warning(tmp_path, mini_tables):
    mini_tables["statements"][1].update(quote="fake news", quote_language="en")
    _second_statement(
        mini_tables, actor_id="PRK", speaker_id="", summary="Pyongyang agrees.", source_ids="src-a"
    )
    found = audited(tmp_path, mini_tables)
    assert [(f.record_id, f.message) for f in found] == [
        (
            "st-2b",
            "looks like the same utterance as st-2 (same quote): if it is one, record it once",
        )
    ]


def test_near_identical_summaries_are_a_warning(tmp_path, mini_tables):
    mini_tables["statements"][1]["summary"] = "The Kremlin called the reports of troops fake news."
    _second_statement(
        mini_tables,
        actor_id="KOR",
        speaker_id="",
        summary="The Kremlin called the reports of troops fake news!",
        source_ids="src-a",
    )
    found = audited(tmp_path, mini_tables)
    assert [(f.record_id, f.message) for f in found] == [
        (
            "st-2b",
            "looks like the same utterance as st-2 (summaries 98% alike): if it is one, record "
            "it once",
        )
    ]


def test_the_same_words_on_another_day_pass(tmp_path, mini_tables):
    _second_statement(mini_tables, occurred="2024-10-11", reported="2024-10-11")
    assert audited(tmp_path, mini_tables) == []


def test_different_statements_of_one_day_pass(tmp_path, mini_tables):
    # same day, different speaker, sources and words
    _second_statement(mini_tables, actor_id="KOR", speaker_id="", summary="Seoul disagrees.")
    mini_tables["statements"][-1]["source_ids"] = "src-a"
    assert audited(tmp_path, mini_tables) == []


# --- (f) sources never cited ----------------------------------------------------------------


def test_a_source_no_record_cites_is_a_warning(tmp_path, mini_tables):
    mini_tables["sources"].append({**mini_tables["sources"][1], "source_id": "src-lost"})
    assert audited(tmp_path, mini_tables) == [
        Finding(
            "warning",
            "source_cited",
            "sources.csv",
            4,
            "src-lost",
            "source_id",
            "src-lost",
            "no record cites this source: cite it or drop it",
        )
    ]


def test_a_table_that_cannot_be_read_is_an_error(tmp_path, mini_tables):
    folder = write_tables(tmp_path / "case", mini_tables)
    (folder / "events.csv").write_bytes(b"\xff\xfe not utf-8")
    found = audit_folder(folder)
    assert [(f.level, f.rule, f.file) for f in found if f.rule == "readable"] == [
        ("error", "readable", "events.csv")
    ]


# --- (d) one id, two meanings across dossiers -----------------------------------------------


def _two(tmp_path: Path, change) -> list[Finding]:
    other = json.loads(json.dumps(MINI))
    change(other)
    first = read_for_audit(write_tables(tmp_path / "one", json.loads(json.dumps(MINI))))[0]
    second = read_for_audit(write_tables(tmp_path / "two", other))[0]
    return audit_across({"one": first, "two": second})


def test_one_source_id_graded_two_ways_across_dossiers_is_a_warning(tmp_path):
    def change(tables):
        tables["sources"][0].update(reliability="C", kind="aggregator", title="Another title")

    assert _two(tmp_path, change) == [
        Finding(
            "warning",
            "same_id_same_content",
            "two/sources.csv",
            2,
            "src-a",
            "kind, reliability",
            None,
            "differs from the record of the same id in one: kind 'aggregator' here, "
            "'wire_or_newspaper' in one; reliability 'C' here, 'B' in one",
        )
    ]


def test_one_event_id_with_other_actors_and_date_is_a_warning(tmp_path):
    def change(tables):
        tables["events"][0].update(actor_ids="RUS;KOR", occurred="2024-06-18")

    found = _two(tmp_path, change)
    assert [(f.file, f.record_id, f.field) for f in found] == [
        ("two/events.csv", "ev-sign", "occurred, actor_ids")
    ]


def test_one_id_in_two_tables_is_a_warning(tmp_path):
    def change(tables):
        tables["allegations"][0]["allegation_id"] = "pt-x"
        tables["allegations"][0]["proposition"] = "x"
        tables["partnerships"][0]["partnership_id"] = "pt-y"

    found = _two(tmp_path, change)
    assert [f.message for f in found if f.record_id == "pt-x"] == [
        "names a record of allegations.csv here but of partnerships.csv in one"
    ]


def test_wording_notes_and_overlapping_sources_may_differ(tmp_path):
    def change(tables):
        tables["sources"][0].update(title="[NK News report]", notes="Another caveat.")
        tables["statements"][2]["summary"] = "Moscow acknowledged it."
        tables["events"][0]["source_ids"] = "src-a;src-b"  # shares src-a
        tables["actors"][0]["source_ids"] = "src-b"  # who an actor is: any source shows it
        tables["actors"][2]["alignment"] = "neutral_or_mixed"  # each dossier's colouring

    assert _two(tmp_path, change) == []


def test_records_that_share_no_source_are_a_warning(tmp_path):
    def change(tables):
        tables["events"][0]["source_ids"] = "src-b"

    found = _two(tmp_path, change)
    assert [(f.record_id, f.field) for f in found] == [("ev-sign", "source_ids")]


# --- the command and the bundled dossiers ---------------------------------------------------


def test_cli_fails_on_an_error_and_names_it(tmp_path, mini_tables, capsys):
    mini_tables["statements"][2]["reported"] = "2025-04-25"
    folder = write_tables(tmp_path / "case", mini_tables)
    assert main(["audit", str(folder)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{folder}: 1 error, 0 warnings",
        "  error: statements.csv:4 [st-3] reported='2025-04-25': is before occurred "
        "(2025-04-26): nothing is reported before it happened (reported_after_occurred)",
        "audit failed: 1 error, 0 warnings",
    ]


def test_cli_passes_with_warnings_and_audits_across(tmp_path, mini_tables, capsys):
    write_tables(tmp_path / "one", json.loads(json.dumps(MINI)))
    mini_tables["sources"][1]["reliability"] = "E"
    write_tables(tmp_path / "two", mini_tables)
    assert main(["audit", str(tmp_path / "one"), str(tmp_path / "two"), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["passed"] is True
    assert [(r["scope"].rsplit("/", 1)[-1], len(r["findings"])) for r in report["reports"]] == [
        ("one", 0),
        ("two", 0),
        ("across 2 dossiers", 1),
    ]
    assert report["reports"][2]["findings"][0]["field"] == "reliability"


def test_default_is_every_dossier_under_data():
    assert [p.name for p in dossier_folders(DATA_DIR)] == ["russia-china-2022", "russia-iran-2025"]


@pytest.mark.parametrize("folder", dossier_folders(DATA_DIR), ids=lambda p: p.name)
def test_bundled_dossiers_have_no_audit_errors(folder):
    assert [str(f) for f in audit_folder(folder) if f.level == "error"] == []


def test_bundled_dossiers_agree_on_their_shared_ids():
    frames = {p.name: read_for_audit(p)[0] for p in dossier_folders(DATA_DIR)}
    assert [str(f) for f in audit_across(frames)] == []


# --- (g) a partnership in effect from its signing with no signing event ---------------------


def test_a_partnership_in_effect_on_signature_with_no_signing_is_a_warning(tmp_path, mini_tables):
    pact = {**mini_tables["partnerships"][0], "partnership_id": "pt-js", "kind": "joint_statement"}
    told = {
        **pact,
        "partnership_id": "pt-told",
        "kind": "treaty",
        "takes_effect": "on_announcement",
    }
    mini_tables["partnerships"] += [pact, told]
    assert audited(tmp_path, mini_tables) == [
        Finding(
            "warning",
            "takes_effect_dated",
            "partnerships.csv",
            3,
            "pt-js",
            "kind",
            "joint_statement",
            "takes effect on signature (as its kind does) but no signing event dates it: add one "
            "(kind signing, this partnership_id), or say when it takes effect",
        ),
        Finding(
            "warning",
            "takes_effect_dated",
            "partnerships.csv",
            4,
            "pt-told",
            "takes_effect",
            "on_announcement",
            "takes effect on announcement but no signing event dates it: add one (kind "
            "signing, this partnership_id), or say when it takes effect",
        ),
    ]
    # the treaty of the mini dossier takes effect on entry into force; a signing satisfies both
    sign = mini_tables["events"][0]
    mini_tables["events"] += [
        {**sign, "event_id": f"ev-{p}", "partnership_id": p} for p in ("pt-js", "pt-told")
    ]
    assert audited(tmp_path / "signed", mini_tables) == []
