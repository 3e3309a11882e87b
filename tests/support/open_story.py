"""A dossier on another story, for the open vocabularies and the network: its own camps, an
added topic and event kinds, a three-party pact, an actor who only comments and one who is
only a target (built on the mini dossier's rows, written in a test's tmp_path)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

CAMPS = [
    {"id": "axis", "label": "Axis", "colour": "darkred"},
    {"id": "coalition", "label": "Coalition", "colour": "#4682B4", "definition": "The allies."},
    {"id": "swing", "label": "Swing states", "colour": "#999"},
]
VOCABULARIES = {
    "allegation_topic": {"diplomatic_deception": "A government misleads others on purpose."},
    "event_kind": {
        "announcement": "A partnership or policy is announced.",
        "diplomatic_act": "An ambassador recalled, a call, a note verbale.",
    },
}
_CAMP_OF = {"RUS": "axis", "PRK": "axis", "peskov": "axis", "KOR": "coalition"}


def open_story_tables(mini: dict) -> dict:
    """The mini dossier's rows re-told: camps axis/coalition/swing, CHN, IND and UKR added."""
    t = copy.deepcopy(mini)
    for a in t["actors"]:
        a["alignment"] = _CAMP_OF[a["actor_id"]]
    t["actors"] += [
        {"actor_id": "CHN", "name": "China", "kind": "state", "alignment": "axis",
         "source_ids": "src-a"},
        {"actor_id": "IND", "name": "India", "kind": "state", "alignment": "swing",
         "source_ids": "src-a"},
        {"actor_id": "UKR", "name": "Ukraine", "kind": "state", "alignment": "coalition",
         "source_ids": "src-a"},
    ]  # fmt: skip
    t["partnerships"].append(
        {"partnership_id": "pt-tri", "name": "Tripartite declaration", "short_name": "Tri-pact",
         "kind": "joint_statement", "parties": "RUS;PRK;CHN", "binding": "false",
         "summary": "Three states declare a partnership.", "source_ids": "src-a"}
    )  # fmt: skip
    t["allegations"] += [
        {"allegation_id": "al-secret", "proposition": "RUS and PRK promised to defend CHN",
         "accused_ids": "RUS;PRK", "beneficiary_ids": "CHN", "topic": "defence_commitment",
         "alleges_transfer": "false", "source_ids": "src-b"},
        {"allegation_id": "al-deceit", "proposition": "CHN misled IND about the pact",
         "accused_ids": "CHN", "beneficiary_ids": "RUS", "topic": "diplomatic_deception",
         "source_ids": "src-b"},
    ]  # fmt: skip
    t["statements"] += [
        {"statement_id": "st-4", "actor_id": "KOR", "allegation_ids": "al-secret;al-deceit",
         "stance": "alleges", "summary": "Seoul speaks of a secret pledge.",
         "occurred": "2025-01-11", "reported": "2025-01-11", "credibility": "4",
         "source_ids": "src-b"},
        {"statement_id": "st-5", "actor_id": "IND", "partnership_id": "pt-tri",
         "stance": "comments", "summary": "Delhi takes note of the declaration.",
         "occurred": "2025-01-12", "reported": "2025-01-12", "credibility": "2",
         "source_ids": "src-a"},
    ]  # fmt: skip
    t["events"] += [
        {"event_id": "ev-tri", "kind": "signing", "occurred": "2025-01-10",
         "reported": "2025-01-10", "actor_ids": "RUS;PRK;CHN", "partnership_id": "pt-tri",
         "summary": "Declared.", "credibility": "1", "source_ids": "src-a"},
        {"event_id": "ev-announce", "kind": "announcement", "occurred": "2025-01-09",
         "reported": "2025-01-09", "actor_ids": "CHN", "partnership_id": "pt-tri",
         "summary": "China announces the declaration.", "credibility": "2",
         "source_ids": "src-a"},
        {"event_id": "ev-recall", "kind": "diplomatic_act", "occurred": "2025-02-01",
         "reported": "2025-02-01", "actor_ids": "KOR", "target_ids": "UKR",
         "summary": "Seoul calls Kyiv.", "credibility": "2", "source_ids": "src-a"},
    ]  # fmt: skip
    return t


def write_open_story(folder: Path, tables: dict, write_tables, **descriptor) -> Path:
    """Write ``tables`` with ``write_tables`` (the tests' helper) and add the descriptor's
    camps and vocabularies (or ``descriptor``'s keys instead)."""
    folder = write_tables(folder, tables)
    path = folder / "datapackage.json"
    data = json.loads(path.read_text())
    data.update(descriptor or {"camps": CAMPS, "vocabularies": VOCABULARIES})
    path.write_text(json.dumps(data, indent=2))
    return folder
