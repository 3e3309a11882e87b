"""The explorer: every control drives both figures and the table; clicks, empty state, scale."""

from __future__ import annotations

import subprocess
import sys

import ipywidgets as widgets
import pandas as pd
import pytest
from conftest import MINI, write_tables
from support.figures import role
from support.wire import listen

from analysis import load_dossier
from analysis.figures.network.positions import layout_cache_info
from analysis.interactive.explorer import LATEST, Explorer, explore
from analysis.interactive.plotly_view import PlotlyView, same
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


def test_live_figures_are_built_with_their_data(ex):
    assert isinstance(ex.timeline, PlotlyView) and isinstance(ex.network, PlotlyView)
    # the widget state a page opens with (what Voila renders) already holds the traces
    for view in (ex.timeline, ex.network):
        state = view.get_state()["_figure"]
        assert len(state["data"]) == len(view.data) > 0 and state["rev"] == 0
    assert ex.timeline.get_state()["_dom_classes"] == ("explorer-timeline",)
    assert ex.network.get_state()["_dom_classes"] == ("explorer-network",)
    # newest first by the one order of partial dates (the end of the period: "Oct 2024" after
    # 10 Oct 2024)
    assert shown(ex) == ["st-3", "ev-force", "st-1", "st-2", "ev-sign"]
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
        lambda ex: shown(ex) == ["st-1", "st-2"] and ex.timeline.layout.meta["records"] == 2,
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
            edge_names(ex) == ["partnership (in force or in effect)"]
            and ex.timeline.layout.meta["records"] == 5
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
            == ["Russia and partners", "West and partners"]  # the camps' labels
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
    ex.network.click([{"trace": list(ex.network.data).index(nodes), "point": i}])
    assert ex.controls.focus.value == "KOR"
    assert ex.timeline.layout.title.text == "Timeline of mini, focused on South Korea"
    assert shown(ex) == ["st-1"]
    assert [list(t.customdata) for t in role(ex.network, "selected")] == [["KOR"]]
    assert ex.network.layout.meta["nodes"] == 3  # the network keeps its context
    ex.select_node(None)
    assert ex.controls.focus.value == "" and len(shown(ex)) == 5


def test_clicking_a_mark_shows_its_sources(ex):
    mark = role(ex.timeline, "records", category="confirms")[0]
    ex.timeline.click([{"trace": list(ex.timeline.data).index(mark), "point": 0}])
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


def test_clicks_elsewhere_or_out_of_range_change_nothing(ex):
    focus, detail = ex.controls.focus.value, ex.detail.value
    edges = role(ex.network, "edges")[0]
    ex.network.click([{"trace": list(ex.network.data).index(edges), "point": 0}])
    ex.network.click([{"trace": 99, "point": 0}, {"trace": "0", "point": None}])
    ex.timeline.click([{"trace": 0, "point": 10_000}])
    assert (ex.controls.focus.value, ex.detail.value) == (focus, detail)


def test_an_update_is_one_message_per_figure_with_only_what_changed(ex):
    wires = {name: listen(getattr(ex, name)) for name in ("timeline", "network")}
    before = {name: getattr(ex, name).spec["layout"] for name in wires}
    ex.controls.min_reliability.value = "B"
    for name, wire in wires.items():
        (message, _buffers), *more = wire.custom()
        assert more == [] and message["type"] == "delta" and message["base"] == 0
        assert message["rev"] == getattr(ex, name).rev == 1
        after = getattr(ex, name).spec["layout"]
        moved = {k for k in after if not same(before[name].get(k), after[k])}
        assert set(message.get("layout", {})) == moved  # only the layout keys that changed
    assert ex.last_update["bytes"] == ex.timeline.last_delta + ex.network.last_delta > 0


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
    # it opens on the dense period: most records, not all
    n = ex.view.n_records
    assert 0.95 * 20_000 <= n < 20_000 and ex.summary.value.startswith(f"Showing {n:,} of 20,000")
    assert f"aggregated: {n:,} records" in ex.timeline.layout.title.text
    assert ex.network.layout.meta["pruned"] is True
    assert len(ex.table) == 100 and f"the latest 100 of {n:,} records" in ex.table_html.value
    ex.controls.all_years.click()
    assert "aggregated: 20,000 records" in ex.timeline.layout.title.text
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
    wire = listen(getattr(ex, untouched))
    table = ex.table_html.value
    getattr(ex.controls, control).value = value
    assert wire.custom() == [] and ex.table_html.value == table
    assert ex.last_update["bytes"] > 0


def test_network_measures_of_the_current_view(ex):
    assert set(ex.measures().index) == {"KOR", "PRK", "RUS"}
    ex.controls.actors.value = ("KOR",)
    measures = ex.measures()
    assert set(measures.index) == {"KOR", "PRK"} and measures.loc["KOR", "degree"] == 1


def test_opening_the_explorer_imports_no_notebook_validator():
    """plotly's FigureWidget pulled in nbformat -> jsonschema -> rfc3987-syntax, which builds a
    grammar at import (about 3.6 s of the 2.7 s explore() in a fresh kernel); PlotlyView does
    not. The time itself is in benchmarks/bench_startup.py."""
    code = (
        "import sys; from analysis import explore, load_dossier; ex = explore(load_dossier()); "
        "print(sorted({m.split('.')[0] for m in sys.modules} "
        "& {'nbformat', 'jsonschema', 'rfc3987_syntax'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_lane_labels_margin_fits_the_widest_label_and_never_shrinks(dossier):
    from analysis.figures.base import label_margin

    ex = explore(dossier)
    opened = ex.timeline.layout.margin.l
    assert opened == label_margin(ex.timeline.layout.yaxis.ticktext) > 200  # the MSMT's name
    ex.controls.actors.value = ("UKR",)  # short names only: the plot area stays where it was
    assert label_margin(ex.timeline.layout.yaxis.ticktext) < opened
    assert ex.timeline.layout.margin.l == opened
    ex.controls.lanes.value = "allegation"  # another kind of lane has margins of its own
    assert ex.timeline.layout.margin.l == label_margin(ex.timeline.layout.yaxis.ticktext)
    ex.reset()
    ex.controls.lanes.value = "actor"
    assert ex.timeline.layout.margin.l == opened


def test_a_link_opens_the_view_it_names_and_the_explorer_links_what_it_shows(dossier):
    ex = explore(dossier)
    notes = ex.open_link("?as_of=2024-10-20&actors=RUS,PRK&min_reliability=B")
    c = ex.controls
    assert c.actors.value == ("RUS", "PRK") and c.min_reliability.value == "B"
    shown_as_of = c.as_of.value
    assert shown_as_of <= pd.Timestamp("2024-10-20")
    assert ex.view.filters.as_of == shown_as_of
    if shown_as_of != pd.Timestamp("2024-10-20"):  # the slider's steps are reported days
        assert notes == (
            f"as of 20 Oct 2024 is shown as of {shown_as_of:%d %b %Y}, the last day before it "
            "on which something was reported",
        )
    assert f"as known on {shown_as_of:%d %b %Y}" in ex.summary.value
    # the explorer's own link reproduces the view in another explorer
    again = explore(dossier)
    assert again.open_link(ex.link) == ()
    assert again.filters == ex.filters
    assert f'href="?{ex.link.replace("&", "&amp;")}"' in ex.link_line.value


def test_a_bad_link_shows_what_it_left_out_and_the_rest_of_its_view(dossier):
    ex = explore(dossier)
    notes = ex.open_link("#actors=IRN,XYZ&max_credibility=seven&colour=red")
    assert ex.controls.actors.value == ("IRN",)
    assert ex.controls.max_credibility.value == 6
    assert notes == (
        "max_credibility=seven ignored: max_credibility must be a whole number 1-6; got 'seven'",
        "colour=red ignored: not a parameter of this view (dates, as_of, actors, neighbourhood, "
        "relations, kinds, statuses, min_reliability, max_credibility, since)",
        "actors not in this dossier left out: XYZ",
    )
    assert "The link&#39;s actors not in this dossier left out: XYZ" in ex.link_line.value
    ex.controls.record_kinds.value = ("denies",)  # the next change clears the notes
    assert "The link" not in ex.link_line.value and "kinds=denies" in ex.link_line.value
    assert ex.open_link("") == () and ex.controls.record_kinds.value == ("denies",)


def test_a_fresh_skeleton_says_it_has_nothing_yet_instead_of_no_match(tmp_path):
    from analysis.cli import main
    from analysis.interactive.summary import BLANK

    assert main(["new", str(tmp_path / "story"), "--title", "A new story"]) == 0
    ex = explore(load_dossier(tmp_path / "story"))
    for _ in range(2):  # as opened, and after a filter change
        assert BLANK in ex.summary.value.replace("&#39;", "'")
        for view in (ex.timeline, ex.network):
            assert [a.text for a in view.layout.annotations] == [BLANK]
        ex.controls.record_kinds.value = ("denies",)
    assert "No records match" not in ex.summary.value
