"""Event kinds a dossier adds in its descriptor (``vocabularies.event_kind``) are record kinds
like the built-in ones: filtered, drawn on the timeline and offered by the explorer under their
own name, never lumped into ``other`` nor dropped."""

from __future__ import annotations

import copy
import json

import pytest
from conftest import MINI, write_tables
from support.figures import role

from analysis import load_dossier
from analysis.figures import timeline_figure
from analysis.figures.style import ADDED_KIND_COLOURS, COLOURS
from analysis.filtering import KINDS, Filters, apply_filters, record_kinds


@pytest.fixture(scope="module")
def announced(tmp_path_factory):
    """The mini dossier with two added event kinds and one event of each, and one 'other'."""
    tables = copy.deepcopy(MINI)
    base = tables["events"][0]
    for i, kind in enumerate(("announcement", "ambassador_recalled", "other")):
        tables["events"].append(
            {
                **base,
                "event_id": f"ev-{kind}",
                "kind": kind,
                "partnership_id": "",
                "occurred": f"2024-0{7 + i}-01",
                "reported": f"2024-0{7 + i}-01",
            }
        )
    folder = write_tables(tmp_path_factory.mktemp("added") / "added", tables)
    meta = json.loads((folder / "datapackage.json").read_text())
    meta["vocabularies"] = {
        "event_kind": {
            "announcement": "A partnership or policy is announced.",
            "ambassador_recalled": "A state recalls its ambassador.",
        }
    }
    (folder / "datapackage.json").write_text(json.dumps(meta))
    return load_dossier(folder)


def kept(view) -> list[str]:
    return sorted(view.events["event_id"])


def test_a_dossier_s_kinds_are_the_built_in_ones_then_its_own_in_declared_order(announced):
    assert record_kinds(announced.vocabularies) == (*KINDS, "announcement", "ambassador_recalled")
    assert record_kinds({}) == KINDS


def test_an_added_kind_is_filtered_as_itself_not_as_other(announced):
    only = apply_filters(announced, Filters(record_kinds=("announcement",)))
    assert kept(only) == ["ev-announcement"]
    assert kept(apply_filters(announced, Filters(record_kinds=("other",)))) == ["ev-other"]
    both = apply_filters(announced, Filters(record_kinds=("ambassador_recalled", "signing")))
    assert kept(both) == ["ev-ambassador_recalled", "ev-sign"]


def test_a_kind_the_dossier_lacks_is_an_error_naming_the_dossier_s_kinds(announced, mini):
    with pytest.raises(ValueError) as caught:
        apply_filters(mini, Filters(record_kinds=("announcement",)))
    assert str(caught.value) == (
        "unknown record kind 'announcement'; choose from " + ", ".join(KINDS)
    )
    with pytest.raises(
        ValueError,
        match="unknown record kind 'chat'; choose from .*, other, "
        "announcement, ambassador_recalled$",
    ):
        apply_filters(announced, Filters(record_kinds=("chat",)))


def test_the_timeline_draws_an_added_kind_under_its_name_in_a_colour_of_its_own(announced):
    fig = timeline_figure(apply_filters(announced))
    legend = {t.name: t.marker.color for t in role(fig, "records") if t.showlegend is not False}
    assert legend["announcement"] == ADDED_KIND_COLOURS[0]
    assert legend["ambassador recalled"] == ADDED_KIND_COLOURS[1]
    assert legend["other"] == COLOURS["event_kind"]["other"]
    assert not set(ADDED_KIND_COLOURS) & set(COLOURS["event_kind"].values())
    drawn = [list(t.customdata) for t in role(fig, "records") if t.name == "announcement"]
    assert drawn == [["ev-announcement", "ev-announcement"]]  # on each actor's lane (RUS, PRK)


def test_the_explorer_offers_added_kinds_and_a_link_from_elsewhere_is_noted(announced, mini):
    from analysis.interactive.explorer import Explorer

    ex = Explorer(announced)
    offered = [k for _, k in ex.controls.record_kinds.options]
    assert offered[-2:] == ["announcement", "ambassador_recalled"]
    ex.controls.record_kinds.value = ("announcement",)
    assert ex.filters.record_kinds == ("announcement",)
    assert "kinds=announcement" in ex.link
    assert kept(ex.view) == ["ev-announcement"]
    ex.reset()
    assert ex.filters.record_kinds is None

    other = Explorer(mini)
    notes = other.open_link("?kinds=announcement,signing")
    assert other.filters.record_kinds == ("signing",)
    assert "record kinds not in this dossier left out: announcement" in " ".join(notes)
