"""The STIX 2.1 export, read back by the stix2 library with no custom content allowed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import stix2

from analysis import load_dossier
from analysis.cli import main
from analysis.exports import ExportError, export
from analysis.exports.stix import confidence, stix_id
from analysis.filtering import changes_between

HOSTILE = Path(__file__).parent.parent / "fixtures" / "hostile"


def _bundle(dossier, tmp_path, **kwargs):
    out = tmp_path / "dossier.stix.json"
    export(dossier, "stix", out, **kwargs)
    return stix2.parse(out.read_text(encoding="utf-8"), allow_custom=False), out


def _of(bundle, kind):
    return [o for o in bundle.objects if o.type == kind]


def test_bundle_parses_and_counts_match_the_dossier(dossier, tmp_path):
    bundle, _ = _bundle(dossier, tmp_path)
    assert len(_of(bundle, "identity")) == len(dossier.actors) == 105
    assert len(_of(bundle, "opinion")) == len(dossier.statements) == 99  # joint ones once
    # 12 partnerships with two parties each and 12 allegations with one accused and one
    # beneficiary: one relationship each
    assert len(_of(bundle, "relationship")) == 24
    people = {o.name for o in _of(bundle, "identity") if o.identity_class == "individual"}
    assert people == set(dossier.actors.loc[dossier.actors["kind"] == "person", "name"])


def test_a_known_statement_becomes_the_right_opinion(dossier, tmp_path):
    bundle, _ = _bundle(dossier, tmp_path)
    by_id = {o.id: o for o in bundle.objects}
    msmt = by_id[stix_id("opinion", "st-2025-05-29-msmt")]
    assert msmt.opinion == "agree"  # it alleges
    assert msmt.confidence == 90  # credibility 1
    assert str(msmt.created) == "2025-05-29 00:00:00+00:00"
    about = [by_id[r] for r in msmt.object_refs]
    assert [r.id for r in about] == [
        stix_id("relationship", a)
        for a in ("al-prk-shells", "al-prk-missiles", "al-rus-prk-airdefence")
    ]
    shells = dossier.allegations.set_index("allegation_id").loc["al-prk-shells"]
    assert about[0].description == shells["proposition"]
    assert about[0].relationship_type == "alleged-to-supply"
    assert about[0].source_ref == stix_id("identity", "PRK")
    assert about[0].target_ref == stix_id("identity", "RUS")
    denials = [o for o in _of(bundle, "opinion") if o.labels == ["denies"]]
    assert len(denials) == 12 and {o.opinion for o in denials} == {"strongly-disagree"}


def test_confidence_follows_the_stix_admiralty_table():
    assert [confidence(g) for g in ("1", "2", "3", "4", "5", "6")] == [90, 70, 50, 30, 10, None]


def test_external_references_are_the_dossiers_sources(dossier, tmp_path):
    bundle, _ = _bundle(dossier, tmp_path)
    urls = {
        ref["url"]
        for o in bundle.objects
        for ref in o.get("external_references", [])
        if "url" in ref
    }
    cited = set().union(
        *(
            {s for row in dossier.table(t)["source_ids"] for s in row}
            for t in ("actors", "partnerships", "allegations", "statements")
        )
    )
    sources = dossier.sources[dossier.sources["source_id"].isin(cited)]
    assert urls == set(sources["url"].dropna())


def test_two_exports_are_byte_identical(dossier, tmp_path):
    first = tmp_path / "a.json"
    second = tmp_path / "b.json"
    export(dossier, "stix", first)
    export(dossier, "stix", second)
    assert first.read_bytes() == second.read_bytes()


def test_hostile_text_survives_unchanged(tmp_path):
    hostile = load_dossier(HOSTILE)
    bundle, out = _bundle(hostile, tmp_path)
    explanations = {o.id: o.explanation for o in _of(bundle, "opinion")}
    for s in hostile.statements.itertuples():
        assert explanations[stix_id("opinion", s.statement_id)].startswith(s.summary)
    names = {o.name for o in _of(bundle, "identity")}
    assert names == set(hostile.actors["name"])
    json.loads(out.read_text(encoding="utf-8"))


def test_between_keeps_exactly_the_records_reported_in_the_window(dossier, tmp_path):
    bundle, _ = _bundle(dossier, tmp_path, between=("2024-10-01", "2025-05-01"))
    kept = {o.id for o in _of(bundle, "opinion")}
    records = changes_between(dossier, "2024-10-01", "2025-05-01").records
    expected = records.loc[records["record"] == "statement", "record_id"]
    assert kept == {stix_id("opinion", s) for s in expected}
    assert 0 < len(kept) < len(dossier.statements)


def test_between_for_csv_and_timelinejs(dossier, tmp_path):
    out = tmp_path / "csv"
    export(dossier, "csv", out, between=("2024-10-01", "2025-05-01"))
    import pandas as pd

    records = changes_between(dossier, "2024-10-01", "2025-05-01").records
    statements = pd.read_csv(out / "statements.csv")
    events = pd.read_csv(out / "events.csv")
    assert set(statements["statement_id"]) == set(
        records.loc[records["record"] == "statement", "record_id"]
    )
    assert set(events["event_id"]) == set(records.loc[records["record"] == "event", "record_id"])
    tl = tmp_path / "t.json"
    export(dossier, "timelinejs", tl, between=("2024-10-01", "2025-05-01"))
    assert len(json.loads(tl.read_text())["events"]) > 0


@pytest.mark.parametrize(
    ("between", "message"),
    [
        (("2024-13", "2025"), "between date '2024-13': not a real calendar date"),
        (
            ("2025-05", "2024-10"),
            "between: the first date (2025-05-31) must be before the second (2024-10-31)",
        ),
        (("2024",), "between must be two dates; got ('2024',)"),
    ],
)
def test_between_errors(dossier, tmp_path, between, message):
    with pytest.raises(ExportError) as info:
        export(dossier, "stix", tmp_path / "x.json", between=between)
    assert str(info.value) == message


def test_between_and_as_of_together_are_refused(dossier, tmp_path):
    with pytest.raises(ExportError, match="^give either an as-of date or a between window"):
        export(dossier, "csv", tmp_path / "x", as_of="2025", between=("2024", "2025"))


def test_cli_writes_stix_and_says_what(tmp_path, capsys):
    out = tmp_path / "dossier.stix.json"
    assert (
        main(
            [
                "export",
                "--format",
                "stix",
                "--out",
                str(out),
                "--between",
                "2024-10-01",
                "2025-05-01",
            ]
        )
        == 0
    )
    printed = capsys.readouterr().out.splitlines()
    n = len(stix2.parse(out.read_text(encoding="utf-8"), allow_custom=False).objects)
    assert printed[0].endswith(
        "reported after 2024-10-01 and by 2025-05-01: wrote STIX 2.1 bundle: identities, "
        f"relationships, opinions ({n} objects)"
    )
    assert printed[1] == f"  {out}"


def test_a_joint_statement_is_one_opinion_by_every_party_and_speaker(dossier, tmp_path):
    bundle, _ = _bundle(dossier, tmp_path)
    by_id = {o.id: o for o in _of(bundle, "opinion")}
    joint = by_id[stix_id("opinion", "st-2022-02-04-putin-xi")]
    assert joint.authors == [
        "Russian Federation",
        "People's Republic of China",
        "Vladimir Putin",
        "Xi Jinping",
    ]


def test_a_statement_known_to_the_month_is_created_when_it_was_known_by(tmp_path):
    # tri-pact: Marshovia's fuel claim is reported only to October 2031
    story = load_dossier(Path(__file__).parent.parent / "fixtures" / "stories" / "tri-pact")
    bundle, _ = _bundle(story, tmp_path)
    opinions = {o.id: o for o in _of(bundle, "opinion")}
    claim = opinions[stix_id("opinion", "st-2031-10-xma")]
    assert str(claim.created) == "2031-10-31 00:00:00+00:00"
    fuel = [r for r in _of(bundle, "relationship") if r.description.startswith("Sylvania")]
    assert fuel and {str(r.created) for r in fuel} == {"2031-10-31 00:00:00+00:00"}
