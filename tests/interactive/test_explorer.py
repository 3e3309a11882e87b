"""The explorer: every control drives both figures and the table; clicks, empty state, scale."""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go
import pytest
from conftest import MINI, write_tables
from plotly.callbacks import Points
from support.figures import role

from analysis import load_dossier
from analysis.figures.network.positions import layout_cache_info
from analysis.interactive.explorer import LATEST, Explorer, explore
from analysis.synthetic.dossiers import synthetic_dossier


def edge_names(ex: Explorer) -> list[str]:
    return [t.name for t in role(ex.network, "edges")]


def shown(ex: Explorer) -> list[str]:
    return list(ex.table["record_id"])


def option(widget, text: str):
    """The value of the option whose label is ``text``."""
    return dict(widget.options)[text]


@pytest.fixture(scope="module")
def mini_dossier(tmp_path_factory):
    return load_dossier(write_tables(tmp_path_factory.mktemp("mini") / "mini", MINI))


@pytest.fixture
def ex(mini_dossier):
    return explore(mini_dossier)


def test_figure_widgets_are_built_with_their_data(ex):
    assert isinstance(ex.timeline, go.FigureWidget) and isinstance(ex.network, go.FigureWidget)
    # the saved widget state (what Voila renders) already holds the traces
    assert len(ex.timeline._widget_data) == len(ex.timeline.data) > 0
    assert len(ex.network._widget_data) == len(ex.network.data) > 0
    assert shown(ex) == ["st-3", "ev-force", "st-2", "st-1", "ev-sign"]
    assert "Russia confirms." in ex.table_html.value and "3 statements" in ex.summary.value


def test_controls_offer_the_dossier(ex):
    c = ex.controls
    assert (c.date_range.options[0][0], c.date_range.options[-1][0]) == ("Jun 2024", "Apr 2025")
    assert [label for label, _ in c.as_of.options] == [
        "19 Jun 2024",
        "10 Oct 2024",
        "05 Dec 2024",
        "26 Apr 2025",
        "latest",
    ]
    assert c.as_of.value == LATEST
    assert [v for _, v in c.actors.options] == ["PRK", "RUS", "peskov", "KOR"]  # most active
    assert ex.filters.as_of is None and ex.filters.relations is None


CASES = {
    "date range": (
        lambda c: setattr(
            c.date_range,
            "value",
            (option(c.date_range, "Oct 2024"), option(c.date_range, "Oct 2024")),
        ),
        lambda ex: shown(ex) == ["st-2", "st-1"] and ex.timeline.layout.meta["records"] == 2,
    ),
    "as of": (
        lambda c: setattr(c.as_of, "value", option(c.as_of, "10 Oct 2024")),
        lambda ex: (
            "alleged transfer (disputed)" in edge_names(ex)
            and set(ex.table["status"]) == {"disputed", ""}
            and "as known on 10 Oct 2024" in ex.timeline.layout.annotations[0].text
        ),
    ),
    "actors": (
        lambda c: setattr(c.actors, "value", ("KOR",)),
        lambda ex: (
            shown(ex) == ["st-1"]
            and list(ex.timeline.layout.yaxis.ticktext) == ["South Korea"]
            and edge_names(ex) == ["alleges against"]
        ),
    ),
    "neighbourhood": (
        lambda c: setattr(c.neighbourhood, "value", "peskov"),
        lambda ex: shown(ex) == ["st-2"] and ex.filters.neighbourhood_of == "peskov",
    ),
    "relations": (
        lambda c: setattr(c.relations, "value", ("partnership",)),
        lambda ex: (
            edge_names(ex) == ["partnership (in force)"] and ex.timeline.layout.meta["records"] == 5
        ),
    ),
    "record kinds": (
        lambda c: setattr(c.record_kinds, "value", ("signing",)),
        lambda ex: (
            shown(ex) == ["ev-sign"]
            and [t.name for t in role(ex.timeline, "records")] == ["signing"]
        ),
    ),
    "statuses": (
        lambda c: setattr(c.statuses, "value", ("disputed",)),
        lambda ex: shown(ex) == ["ev-force", "ev-sign"],
    ),
    "reliability": (
        lambda c: setattr(c.min_reliability, "value", "B"),
        lambda ex: shown(ex) == ["st-3", "ev-force", "ev-sign"],
    ),
    "credibility": (
        lambda c: setattr(c.max_credibility, "value", 1),
        lambda ex: shown(ex) == ["st-3", "ev-force", "ev-sign"],
    ),
    "lanes": (
        lambda c: setattr(c.lanes, "value", "allegation"),
        lambda ex: "al-troops: PRK sent troops to RUS" in ex.timeline.layout.yaxis.ticktext,
    ),
    "colour": (
        lambda c: setattr(c.colour_by, "value", "status"),
        lambda ex: (
            {t.meta["category"] for t in role(ex.timeline, "records")}
            == {"confirmed", "not about an allegation"}
        ),
    ),
    "node size": (
        lambda c: setattr(c.node_size, "value", "degree"),
        lambda ex: ex.network.layout.meta["size_by"] == "degree",
    ),
    "node colour": (
        lambda c: setattr(c.node_colour, "value", "bloc"),
        lambda ex: (
            [t.name for t in role(ex.network, "nodes")]
            == ["russia and partners", "west and partners"]
        ),
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_every_control_drives_the_views(ex, name):
    drive, check = CASES[name]
    assert not check(ex)  # not true before the change...
    drive(ex.controls)
    assert check(ex)  # ...and true after it
    assert ex.last_update["bytes"] > 0


def test_clicking_a_node_focuses_timeline_and_table(ex):
    nodes = role(ex.network, "nodes")[0]
    i = list(nodes.customdata).index("KOR")
    nodes._dispatch_on_click(Points([i], [nodes.x[i]], [nodes.y[i]], nodes.name, 0), None)
    assert ex.controls.focus.value == "KOR"
    assert ex.timeline.layout.title.text == "Timeline of mini, focused on South Korea"
    assert shown(ex) == ["st-1"]
    assert [list(t.customdata) for t in role(ex.network, "selected")] == [["KOR"]]
    assert ex.network.layout.meta["nodes"] == 3  # the network keeps its context
    ex.select_node(None)
    assert ex.controls.focus.value == "" and len(shown(ex)) == 5


def test_clicking_a_mark_shows_its_sources(ex):
    mark = role(ex.timeline, "records", category="confirms")[0]
    mark._dispatch_on_click(Points([0], [mark.x[0]], [mark.y[0]], mark.name, 0), None)
    assert ex.detail.value.startswith("<b>st-3</b> \u00b7 26 Apr 2025<br>Russia confirms.")
    assert '<a href="https://www.nknews.org/2025/04/' in ex.detail.value


def test_a_filter_that_leaves_nothing_says_so(ex):
    ex.controls.relations.value = ()
    ex.controls.record_kinds.value = ()
    for fig in (ex.timeline, ex.network):
        assert fig.layout.meta == {"empty": True} and len(fig.data) == 0
        assert fig.layout.annotations[0].text == "No records match these filters"
        assert fig.layout.xaxis.visible is False
    assert "No records match these filters" in ex.table_html.value
    assert ex.summary.value.startswith("<b>No records match these filters</b>")
    ex.controls.record_kinds.value = ("denies",)  # and back to a drawn state
    assert ex.timeline.layout.xaxis.visible is True and shown(ex) == ["st-2"]
    assert ex.timeline.layout.meta["aggregated"] is False


def test_updates_are_batched(ex):
    messages = []
    for name in ("_py2js_update", "_py2js_relayout", "_py2js_restyle"):
        ex.timeline.observe(
            lambda change, name=name: messages.append(name) if change["new"] is not None else None,
            names=name,
        )
    ex.controls.min_reliability.value = "B"
    assert messages == ["_py2js_update"]  # layout and style changes go in one batch


def test_the_layout_is_computed_once(mini_dossier, monkeypatch):
    ex = explore(mini_dossier)
    positions = dict(ex.positions)
    misses = layout_cache_info()["misses"]

    def refuse(*args, **kwargs):
        raise AssertionError("layout recomputed inside a callback")

    monkeypatch.setattr("analysis.figures.network.positions.nx.spring_layout", refuse)
    ex.controls.as_of.value = option(ex.controls.as_of, "10 Oct 2024")
    ex.controls.actors.value = ("KOR",)
    ex.controls.node_size.value = "betweenness"
    assert ex.positions == positions and layout_cache_info()["misses"] == misses


def test_reset_brings_everything_back(ex):
    ex.controls.actors.value = ("KOR",)
    ex.controls.min_reliability.value = "A"
    ex.controls.as_of.value = option(ex.controls.as_of, "19 Jun 2024")
    ex.controls.reset.click()
    assert ex.controls.actors.value == () and ex.controls.as_of.value == LATEST
    assert len(shown(ex)) == 5 and ex.filters.min_reliability == "F"


def test_play_steps_the_as_of_date(ex):
    ex.controls.play.value = 1
    assert ex.controls.as_of.value == pd.Timestamp("2024-10-10")
    assert ex.view.filters.as_of == pd.Timestamp("2024-10-10")
    assert ex.view.status["al-troops"] == "disputed"


def test_explorers_do_not_share_state(mini_dossier):
    a, b = explore(mini_dossier), explore(mini_dossier)
    a.controls.actors.value = ("KOR",)
    assert shown(a) == ["st-1"] and len(shown(b)) == 5


def test_one_call_shows_the_panel(ex):
    panel = ex.show()
    assert isinstance(panel, widgets.VBox) and panel is ex.widget
    assert "application/vnd.jupyter.widget-view+json" in ex._repr_mimebundle_()


# --- the bundled dossier --------------------------------------------------------------------------


def as_of_on_or_before(ex: Explorer, date: str):
    dates = [v for _, v in ex.controls.as_of.options if v != LATEST]
    return max(d for d in dates if d <= pd.Timestamp(date))


@pytest.fixture(scope="module")
def bundled_explorer(dossier):
    return explore(dossier)


def test_troops_allegation_as_of_in_the_explorer(bundled_explorer):
    ex = bundled_explorer
    ex.controls.as_of.value = as_of_on_or_before(ex, "2024-10-20")
    assert ex.view.status["al-prk-troops"] == "disputed"
    assert (
        "al-prk-troops"
        in ex.view.edges.set_index("relation").loc["alleged transfer", "labels"].sum()
    )
    ex.controls.as_of.value = as_of_on_or_before(ex, "2025-04-30")
    assert ex.view.status["al-prk-troops"] == "confirmed"
    confirmed = ex.view.edges[ex.view.edges["relation"] == "confirmed transfer"]
    assert any("al-prk-troops" in labels for labels in confirmed["labels"])
    assert any(t.name == "confirmed transfer (confirmed)" for t in role(ex.network, "edges"))
    ex.controls.as_of.value = LATEST


def test_russia_iran_treaty_appears_on_signing(bundled_explorer):
    ex = bundled_explorer
    lane = "Partnership RU\u2013IR 2025"
    ex.controls.as_of.value = as_of_on_or_before(ex, "2025-01-16")
    assert lane not in ex.timeline.layout.yaxis.ticktext
    ex.controls.as_of.value = pd.Timestamp("2025-01-17")
    assert lane in ex.timeline.layout.yaxis.ticktext
    ex.controls.as_of.value = LATEST


# --- scale ---------------------------------------------------------------------------------------


def test_big_dossiers_aggregate_and_stay_small_on_the_wire():
    ex = explore(synthetic_dossier(20_000, seed=5))
    assert ex.timeline.layout.meta["aggregated"] is True
    assert ex.timeline.layout.title.text.startswith("Timeline of ")
    assert "aggregated: 20,000 records" in ex.timeline.layout.title.text
    assert ex.network.layout.meta["pruned"] is True
    assert len(ex.table) == 100 and "the latest 100 of 20,000 records" in ex.table_html.value
    ex.controls.min_reliability.value = "C"
    assert 0 < ex.last_update["bytes"] < 1_000_000
    # a narrow filter draws each record again
    activity = ex.view.activity
    quiet = activity[(activity > 20) & (activity < 1_000)].index[0]
    ex.controls.actors.value = (quiet,)
    assert ex.timeline.layout.meta["aggregated"] is False


@pytest.mark.parametrize(
    "control, value, untouched",
    [
        ("node_size", "degree", "timeline"),
        ("node_colour", "bloc", "timeline"),
        ("lanes", "allegation", "network"),
        ("colour_by", "status", "network"),
    ],
    ids=["node size", "node colour", "lanes", "timeline colour"],
)
def test_a_drawing_option_redraws_only_its_figure(ex, control, value, untouched):
    sent = []
    getattr(ex, untouched).observe(
        lambda change: sent.append(change["name"]),
        names=["_py2js_addTraces", "_py2js_deleteTraces", "_py2js_update"],
    )
    table = ex.table_html.value
    getattr(ex.controls, control).value = value
    assert sent == [] and ex.table_html.value == table
    assert ex.last_update["bytes"] > 0


def test_network_measures_of_the_current_view(ex):
    assert set(ex.measures().index) == {"KOR", "PRK", "RUS"}
    ex.controls.actors.value = ("KOR",)
    measures = ex.measures()
    assert set(measures.index) == {"KOR", "PRK"} and measures.loc["KOR", "degree"] == 1
