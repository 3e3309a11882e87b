"""Partnerships that take effect on signature or announcement (issue 18 item 3): in force (in
effect) from their signing, in the milestones, the timeline, the prose and the graph exports."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest
from conftest import MINI, write_tables

from analysis import load_dossier
from analysis.common.paths import PROJECT_ROOT
from analysis.dossier import DossierValidationError
from analysis.evidence.narrative import focus_prose
from analysis.exports import export
from analysis.figures.timeline import timeline_figure
from analysis.filtering import apply_filters, partnership_dates, partnerships_as_of
from analysis.imports import import_file

STORIES_DIR = PROJECT_ROOT / "tests" / "fixtures" / "stories"
TRI = "pt-xfr-xsy-xto-2031"
OLD = "pt-xfr-xsy-1998"


@pytest.fixture(scope="module")
def tri():
    return load_dossier(STORIES_DIR / "tri-pact")


def test_a_declaration_announced_is_in_effect_from_then_and_a_treaty_from_entry(tri):
    dates = partnership_dates(tri)
    assert dates.at[TRI, "takes_effect"] == "on_announcement"
    assert dates.at[TRI, "in_force"] == dates.at[TRI, "signed"] == pd.Timestamp("2031-03-14")
    assert dates.at[TRI, "in_force_precision"] == "day"
    assert dates.at[OLD, "takes_effect"] == "on_entry_into_force"  # empty: by kind
    assert dates.at[OLD, "in_force"] == pd.Timestamp("1999-02-01")
    before = partnerships_as_of(tri, pd.Timestamp("2031-03-13")).set_index("partnership_id")
    assert TRI not in before.index
    on = partnerships_as_of(tri, pd.Timestamp("2031-03-14")).set_index("partnership_id")
    assert on.at[TRI, "state"] == "in_force"
    # the old treaty, signed in 1998 and in force only from February 1999
    assert (
        partnerships_as_of(tri, pd.Timestamp("1998-12-31"))
        .set_index("partnership_id")
        .at[OLD, "state"]
        == "signed"
    )


def test_bundled_joint_statements_take_effect_by_kind_and_treaties_on_entry(dossier):
    dates = partnership_dates(dossier)
    assert dates.at["pt-rus-chn-2022", "takes_effect"] == "on_signature"
    assert dates.at["pt-rus-chn-2022", "in_force"] == pd.Timestamp("2022-02-04")
    treaty = dates.loc["pt-rus-irn-2025"]
    assert treaty["takes_effect"] == "on_entry_into_force"
    assert treaty["in_force"] > treaty["signed"]


def test_prose_says_announced_and_in_effect_not_awaiting_entry_into_force(tri):
    text = "\n".join(focus_prose(tri).paragraphs)
    assert "announced on 14 Mar 2031, in effect since it was announced." in text
    assert "entry into force in the dossier's records" not in text
    assert "signed in 1998, in force since Feb 1999." in text


def test_timeline_ticks_say_in_effect_since_announced(tri):
    fig = timeline_figure(apply_filters(tri))
    ticks = next(t for t in fig.data if t.name == "partnership milestones")
    hovers = [h for h in ticks.hovertext if "Trilateral" in h]
    assert [h.split("<br>")[1] for h in hovers] == [
        "announced: 14 Mar 2031",
        "in effect (since announced): 14 Mar 2031",
    ]
    spans = {t.name for t in fig.data if (t.meta or {}).get("state") == "in_force"}
    assert spans == {"partnership in force or in effect"}


def test_graph_exports_carry_takes_effect_and_only_recorded_entries(tri, tmp_path):
    path = tmp_path / "tri.graphml"
    export(tri, "graphml", path)
    edges = [d for *_, d in nx.read_graphml(path).edges(data=True) if d.get("record_id") == TRI]
    assert edges and {d.get("takes_effect") for d in edges} == {"on_announcement"}
    assert not any("in_force" in d for d in edges)
    back = import_file("graphml", path, tmp_path / "back").folder  # a draft to fill in
    rows = pd.read_csv(back / "partnerships.csv", dtype=str).set_index("partnership_id")
    assert rows.at[TRI, "takes_effect"] == "on_announcement"
    events = pd.read_csv(back / "events.csv", dtype=str)
    assert events.loc[events["partnership_id"] == TRI, "kind"].tolist() == ["signing"]


def test_a_bad_takes_effect_is_named_with_its_file_row_field_value_and_rule(mini_tables, tmp_path):
    mini_tables["partnerships"][0]["takes_effect"] = "on_a_whim"
    folder = write_tables(tmp_path / "bad", mini_tables)
    with pytest.raises(DossierValidationError) as caught:
        load_dossier(folder)
    messages = [str(i) for i in caught.value.issues]
    pid = MINI["partnerships"][0]["partnership_id"]
    assert messages == [
        f"partnerships.csv:2 [{pid}] takes_effect='on_a_whim': must be one of: "
        "on_signature, on_announcement, on_entry_into_force"
    ]
