"""Publishers graded once (rules ``publisher_registered`` and ``one_grade_per_publisher``):
each bad dossier asserts its exact issues, each near miss that it loads."""

from __future__ import annotations

import pytest
from conftest import write_tables

from analysis import DossierValidationError, Issue, load_dossier

REGISTER = [
    {
        "publisher": "NK News",
        "kind": "wire_or_newspaper",
        "reliability": "B",
        "reason": "Specialist outlet on North Korea.",
    },
    {
        "publisher": "Business Recorder",
        "kind": "aggregator",
        "reliability": "D",
        "reason": "Reprints wire copy.",
    },
]


def issues_of(folder) -> list[Issue]:
    with pytest.raises(DossierValidationError) as info:
        load_dossier(folder)
    return info.value.issues


def with_register(tables, rows=REGISTER):
    tables["publishers"] = [dict(r) for r in rows]
    return tables


def test_a_dossier_with_its_register_loads(tmp_path, mini_tables):
    dossier = load_dossier(write_tables(tmp_path / "d", with_register(mini_tables)))
    assert list(dossier.publishers["publisher"]) == ["NK News", "Business Recorder"]
    assert list(dossier.publishers["reliability"]) == ["B", "D"]


def test_a_publisher_missing_from_the_register(tmp_path, mini_tables):
    folder = write_tables(tmp_path / "d", with_register(mini_tables, REGISTER[:1]))
    assert issues_of(folder) == [
        Issue(
            "sources.csv",
            3,
            "src-b",
            "publisher",
            "Business Recorder",
            "publisher is not in publishers.csv: add it there",
        )
    ]


def test_a_source_graded_otherwise_than_the_register_needs_a_reason(tmp_path, mini_tables):
    mini_tables["sources"][0]["reliability"] = "C"
    folder = write_tables(tmp_path / "d", with_register(mini_tables))
    assert issues_of(folder) == [
        Issue(
            "sources.csv",
            2,
            "src-a",
            "reliability",
            "C",
            "NK News is graded B in publishers.csv: grade the source alike, or say why in "
            "reliability_reason",
        )
    ]
    mini_tables["sources"][0]["reliability_reason"] = "An unsigned column, not reporting."
    assert load_dossier(write_tables(tmp_path / "e", mini_tables)).sources.loc[0, "reliability"]


def test_a_source_of_another_kind_than_its_publisher(tmp_path, mini_tables):
    mini_tables["sources"][1]["kind"] = "blog_or_forum"
    folder = write_tables(tmp_path / "d", with_register(mini_tables))
    assert issues_of(folder) == [
        Issue(
            "sources.csv",
            3,
            "src-b",
            "kind",
            "blog_or_forum",
            "Business Recorder is aggregator in publishers.csv",
        )
    ]


def test_without_a_register_one_publisher_graded_two_ways(tmp_path, mini_tables):
    mini_tables["sources"].append({**mini_tables["sources"][1], "source_id": "src-c"})
    mini_tables["sources"].append(
        {**mini_tables["sources"][1], "source_id": "src-d", "reliability": "F"}
    )
    mini_tables["statements"][0]["source_ids"] = "src-b;src-c;src-d"
    assert issues_of(write_tables(tmp_path / "d", mini_tables)) == [
        Issue(
            "sources.csv",
            5,
            "src-d",
            "reliability",
            "F",
            "Business Recorder is graded D by its other sources: grade the source alike, or "
            "say why in reliability_reason",
        )
    ]


def test_a_bad_grade_is_reported_once_by_its_own_check(tmp_path, mini_tables):
    mini_tables["sources"][0]["reliability"] = "Z"
    folder = write_tables(tmp_path / "d", with_register(mini_tables))
    assert [(i.field, i.rule) for i in issues_of(folder)] == [
        ("reliability", "must be one of: A, B, C, D, E, F")
    ]


def test_an_empty_register_is_no_register(tmp_path, mini_tables):
    """An export of a dossier without a register writes the header alone."""
    assert load_dossier(write_tables(tmp_path / "d", with_register(mini_tables, [])))


def test_the_register_names_each_publisher_once(tmp_path, mini_tables):
    folder = write_tables(tmp_path / "d", with_register(mini_tables, REGISTER + REGISTER[:1]))
    assert [(i.file, i.line, i.field) for i in issues_of(folder)] == [
        ("publishers.csv", 2, "publisher"),
        ("publishers.csv", 4, "publisher"),
    ]


@pytest.mark.parametrize("name", ["russia-china-2022", "russia-iran-2025"])
def test_each_bundled_dossier_registers_every_publisher(name):
    dossier = load_dossier(name)
    assert set(dossier.sources["publisher"]) == set(dossier.publishers["publisher"])
    graded = dossier.sources.merge(dossier.publishers, on="publisher", suffixes=("", "_register"))
    assert (graded["reliability"].astype(str) == graded["reliability_register"].astype(str)).all()
    inforos = dossier.publishers[dossier.publishers["publisher"] == "Inforos"]
    assert list(inforos["reliability"].astype(str)) == (["B"] if name == "russia-iran-2025" else [])
