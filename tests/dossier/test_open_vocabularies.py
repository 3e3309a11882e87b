"""Open vocabularies: a dossier's camps, and topics and event kinds it adds, in its descriptor."""

from __future__ import annotations

import pytest
from conftest import MINI, write_tables
from support.open_story import CAMPS, VOCABULARIES, open_story_tables, write_open_story

from analysis import load_dossier
from analysis.dossier import DossierValidationError
from analysis.schema import VOCABULARIES as BUILT_IN


@pytest.fixture
def story(tmp_path):
    return load_dossier(write_open_story(tmp_path / "story", open_story_tables(MINI), write_tables))


def problems(folder) -> list[str]:
    with pytest.raises(DossierValidationError) as caught:
        load_dossier(folder)
    return [str(i) for i in caught.value.issues]


def test_a_dossier_declares_its_camps_topics_and_event_kinds(story):
    assert [(c.id, c.label, c.colour) for c in story.camps] == [
        ("axis", "Axis", "#8b0000"),
        ("coalition", "Coalition", "#4682b4"),
        ("swing", "Swing states", "#999999"),
    ]
    assert list(story.actors["alignment"].cat.categories) == ["axis", "coalition", "swing"]
    kinds = story.vocabularies["event_kind"]
    assert list(kinds)[-2:] == ["announcement", "diplomatic_act"]
    assert list(story.events["kind"].cat.categories) == list(kinds)
    assert set(story.events["kind"].astype(str)) >= {"announcement", "diplomatic_act"}
    al = story.allegations.set_index("allegation_id")
    assert al.at["al-deceit", "topic"] == "diplomatic_deception"
    assert al["alleges_transfer"].fillna(False).to_dict() == {
        "al-troops": True,
        "al-secret": False,
        "al-deceit": False,
    }


def test_without_camps_the_four_default_camps_and_built_in_terms(mini):
    assert [c.id for c in mini.camps] == list(BUILT_IN["alignment"])
    assert mini.camps[0].label == "Russia and partners" and mini.camps[0].colour == "#C0392B"
    assert mini.vocabularies["event_kind"] == BUILT_IN["event_kind"]


def test_every_problem_with_the_declared_vocabularies_at_once(tmp_path):
    tables = open_story_tables(MINI)
    bad = {
        "camps": [
            {"id": "axis", "label": "Axis", "colour": "bleu"},
            {"id": "axis", "label": "Axis again", "colour": "red"},
            {"id": "coalition", "colour": "#4682b4", "flag": "x"},
        ],
        "vocabularies": {
            "allegation_topic": {"drones": "Again.", "arms_race": ""},
            "event_kind": {"Diplomatic Act": "A call."},
            "stance": {"hedges": "Neither yes nor no."},
        },
    }
    assert problems(write_open_story(tmp_path / "bad", tables, write_tables, **bad)) == [
        "datapackage.json camps.0.colour='bleu': must be a CSS colour: #rgb or #rrggbb, or a "
        "CSS colour name (steelblue, darkred...)",
        "datapackage.json camps.1.id='axis': names a camp declared before: ids are unique",
        "datapackage.json camps.2.flag='x': is not a key of a camp (keys: id, label, colour, "
        "definition)",
        "datapackage.json camps.2.label='': is required: a camp needs a text label",
        "datapackage.json vocabularies.allegation_topic.arms_race='': needs a definition: the "
        "term's meaning as text",
        "datapackage.json vocabularies.allegation_topic.drones='drones': clashes with the "
        "built-in term 'drones' of allegation_topic: use it as it is, or choose another name",
        "datapackage.json vocabularies.event_kind.Diplomatic Act='Diplomatic Act': must be a "
        "term: lower-case letters, digits and '_', starting with a letter, at most 40 characters",
        "datapackage.json vocabularies.stance='': is a closed vocabulary (a standard or the "
        "format's own): terms cannot be added (open: allegation_topic, event_kind)",
        # what the valid part (one camp, axis; no added term) does not declare
        "actors.csv:4 [KOR] alignment='coalition': must be one of: axis (the dossier's camps: "
        "declare others in datapackage.json camps)",
        "actors.csv:7 [IND] alignment='swing': must be one of: axis (the dossier's camps: "
        "declare others in datapackage.json camps)",
        "actors.csv:8 [UKR] alignment='coalition': must be one of: axis (the dossier's camps: "
        "declare others in datapackage.json camps)",
        "allegations.csv:4 [al-deceit] topic='diplomatic_deception': must be one of: "
        + ", ".join(BUILT_IN["allegation_topic"])
        + " (add a topic in datapackage.json vocabularies.allegation_topic)",
        "events.csv:5 [ev-announce] kind='announcement': must be one of: "
        + ", ".join(BUILT_IN["event_kind"])
        + " (add a kind in datapackage.json vocabularies.event_kind)",
        "events.csv:6 [ev-recall] kind='diplomatic_act': must be one of: "
        + ", ".join(BUILT_IN["event_kind"])
        + " (add a kind in datapackage.json vocabularies.event_kind)",
    ]


def test_an_actor_must_name_a_declared_camp_and_a_transfer_a_recipient(tmp_path):
    tables = open_story_tables(MINI)
    tables["actors"][2]["alignment"] = "west_and_partners"  # a default camp, not declared here
    tables["allegations"][0]["beneficiary_ids"] = ""
    folder = write_open_story(tmp_path / "story", tables, write_tables)
    assert problems(folder) == [
        "actors.csv:4 [KOR] alignment='west_and_partners': must be one of: axis, coalition, "
        "swing (the dossier's camps: declare others in datapackage.json camps)",
        "allegations.csv:2 [al-troops] alleges_transfer='true': an allegation that alleges a "
        "transfer names its beneficiary_ids (who received it)",
    ]


def test_the_declared_terms_are_those_of_the_fixture():
    assert list(VOCABULARIES) == ["allegation_topic", "event_kind"] and len(CAMPS) == 3
