"""Exports of another story: a three-party pact is one node, object or entity, never pairwise;
the descriptor keeps the dossier's camps and vocabularies."""

from __future__ import annotations

import json

import pytest
from conftest import MINI, write_tables
from support.open_story import CAMPS, VOCABULARIES, open_story_tables, write_open_story

from analysis import load_dossier
from analysis.exports.ftm import ftm_entities
from analysis.exports.graph_formats import dossier_graph, write_gexf
from analysis.exports.stix import stix_bundle, stix_id
from analysis.exports.tables import write_tables as export_tables
from analysis.imports.graphs import read_graph


@pytest.fixture(scope="module")
def story(tmp_path_factory):
    folder = tmp_path_factory.mktemp("open") / "story"
    return load_dossier(write_open_story(folder, open_story_tables(MINI), write_tables))


def test_graph_formats_draw_the_pact_as_one_node(story, tmp_path):
    g = dossier_graph(story)
    assert g.nodes["pt-tri"]["node_type"] == "partnership"
    assert g.nodes["pt-tri"]["label"] == "Tri-pact"
    into = sorted(u for u, v, d in g.edges(data=True) if d.get("record_id") == "pt-tri")
    assert into == ["CHN", "PRK", "RUS"]
    assert all(v == "pt-tri" for u, v, d in g.edges(data=True) if d.get("record_id") == "pt-tri")
    assert g.nodes["RUS"]["alignment_label"] == "Axis" and g.nodes["RUS"]["colour"] == "#8b0000"
    assert g.nodes["al-troops"]["alleges_transfer"] is True
    assert g.nodes["al-secret"]["alleges_transfer"] is False
    path = tmp_path / "story.gexf"
    write_gexf(story, path)
    back = read_graph(path, {}, "gexf")
    parties = {r["partnership_id"]: r["parties"] for r in back.rows["partnerships"]}
    odd = [str(u) for u in back.unmapped if "not an actor" in str(u) or "joins a node" in str(u)]
    assert not [u for u in odd if "pt-tri" in u or "Tri-pact" in u]
    assert parties == {"pt-x": "RUS;PRK", "pt-tri": "RUS;PRK;CHN"}


def test_ftm_has_one_event_for_the_pact(story):
    entities = {e.id: e for e in ftm_entities(story)}
    pact = [
        e
        for e in entities.values()
        if "recordId" in e.schema.properties and "pt-tri" in e.get("recordId")
    ]
    assert [(e.schema.name, sorted(e.get("involved"))) for e in pact] == [
        ("Event", sorted(entities[x].id for x in ("RUS", "PRK", "CHN")))
    ]


def test_stix_has_one_grouping_for_the_pact(story):
    bundle = json.loads(stix_bundle(story).serialize())
    groupings = [o for o in bundle["objects"] if o["type"] == "grouping"]
    assert [(g["name"], sorted(g["object_refs"])) for g in groupings] == [
        ("Tripartite declaration", sorted(stix_id("identity", x) for x in ("RUS", "PRK", "CHN")))
    ]
    partners = [o for o in bundle["objects"] if o.get("relationship_type") == "partners-with"]
    assert [(o["source_ref"], o["target_ref"]) for o in partners] == [
        (stix_id("identity", "RUS"), stix_id("identity", "PRK"))
    ]
    comment = next(o for o in bundle["objects"] if "Delhi" in o.get("explanation", ""))
    assert comment["object_refs"] == [groupings[0]["id"]]
    deceit = next(o for o in bundle["objects"] if o.get("labels") == ["diplomatic_deception"])
    assert deceit["relationship_type"] == "alleged-diplomatic-deception"


def test_the_csv_export_keeps_camps_and_vocabularies(story, tmp_path):
    export_tables(story, tmp_path / "out")
    package = json.loads((tmp_path / "out" / "datapackage.json").read_text())
    assert package["camps"] == CAMPS and package["vocabularies"] == VOCABULARIES
    fields = {
        f["name"]: f
        for r in package["resources"]
        if r["name"] in ("actors", "events")
        for f in r["schema"]["fields"]
    }
    assert fields["alignment"]["constraints"]["enum"] == ["axis", "coalition", "swing"]
    assert fields["kind"]["constraints"]["enum"][-2:] == ["announcement", "diplomatic_act"]
    again = load_dossier(tmp_path / "out")
    assert [c.label for c in again.camps] == ["Axis", "Coalition", "Swing states"]
