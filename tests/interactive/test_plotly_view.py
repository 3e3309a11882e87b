"""PlotlyView, the explorer's live figure: what it puts on the wire (whole state once, then only
what changed, arrays as binary buffers), how it answers a page (plotly.js, a resync, a drawn
acknowledgement, a click), and its read-only figure. The page side runs in the browser tests."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import pytest
from support.wire import Wire

from analysis.interactive.plotly_view import PlotlyView, plotly_js


def spec(y, name="a", title="T"):
    return {
        "data": [
            {"type": "scatter", "x": np.arange(3.0), "y": np.asarray(y, float), "name": name},
            {"type": "bar", "x": ["p", "q"], "y": [1, 2]},
        ],
        "layout": {"title": {"text": title}, "height": 300},
    }


@pytest.fixture
def view():
    v = PlotlyView(spec([1, 2, 3]))
    v.comm = wire = Wire()
    v.wire = wire
    return v


def test_the_state_a_page_opens_with_is_the_current_whole_figure_with_arrays_as_buffers(view):
    view.update(spec([1, 2, 4], title="U"))
    state = view.get_state()["_figure"]
    assert state["rev"] == 1
    assert state["layout"] == {"title": {"text": "U"}, "height": 300}
    y = state["data"][0]["y"]
    assert y["dtype"] == "float64"
    assert np.frombuffer(y["$buf"], "float64").tolist() == [1, 2, 4]
    assert state["data"][1]["x"] == ["p", "q"]


def test_an_update_sends_only_the_changed_properties_and_layout_keys(view):
    new = spec([1, 2, 5], name="b")
    new["layout"] = {"title": {"text": "T"}, "width": 500}
    view.update(new)
    [(content, buffers)] = view.wire.custom()
    assert content == {
        "type": "delta",
        "base": 0,
        "rev": 1,
        "traces": [{"y": {"$buf": 0, "dtype": "float64"}, "name": "b"}, {}],
        "layout": {"width": 500},
        "unset": ["height"],
    }
    assert np.frombuffer(buffers[0], "float64").tolist() == [1, 2, 5]
    assert view.last_delta < 200


def test_new_trace_types_send_all_traces(view):
    view.update({"data": [{"type": "bar", "x": ["p"], "y": [1]}], "layout": {}})
    [(content, _)] = view.wire.custom()
    assert content["data"] == [{"type": "bar", "x": ["p"], "y": [1]}]
    assert content["unset"] == ["height", "title"]
    assert "traces" not in content


def test_a_page_asking_for_plotly_js_gets_the_bundle_it_names_as_bytes(view):
    view._handle_custom_msg({"type": "plotly.js", "bundle": "basic"}, [])
    view._handle_custom_msg({"type": "plotly.js", "bundle": "full"}, [])
    view._handle_custom_msg({"type": "plotly.js"}, [])  # a page that names none gets all
    view._handle_custom_msg({"type": "plotly.js", "bundle": "../etc"}, [])
    sent = view.wire.custom()
    assert [content for content, _ in sent] == [
        {"type": "plotly.js", "bundle": name} for name in ("basic", "full", "full", "full")
    ]
    assert [bytes(buffers[0]) for _, buffers in sent] == [
        plotly_js("basic"),
        *[plotly_js("full")] * 3,
    ]
    assert len(plotly_js("basic")) < len(plotly_js("full")) / 3
    for name in ("basic", "full"):
        assert b"window.Plotly = Plotly" in plotly_js(name)[-200:]


def test_the_basic_bundle_is_the_plotly_js_version_of_the_installed_plotly():
    from plotly.offline import get_plotlyjs_version

    header = plotly_js("basic")[:200].decode()
    assert f"plotly.js (basic - minified) v{get_plotlyjs_version()}\n" in header


def test_an_unknown_bundle_is_refused_by_name():
    with pytest.raises(ValueError, match=r"^plotly.js bundle 'gl3d': expected one of basic, full$"):
        plotly_js("gl3d")


def test_the_view_names_the_smallest_bundle_its_figure_needs_and_follows_updates(view):
    assert view._bundle == "basic"
    view.update({"data": [{"type": "heatmap", "z": [[1, 2]]}], "layout": {}})
    assert view._bundle == "full"
    updates = [d["state"] for d, _ in view.wire.sent if d.get("method") == "update"]
    assert updates == [{"_bundle": "full"}]
    # the page hears that it needs the full bundle before the delta that needs it
    methods = [d["method"] for d, _ in view.wire.sent]
    assert methods == ["update", "custom"]
    view.update({"data": [{"type": "bar", "x": ["a"], "y": [1]}, {"y": [2]}], "layout": {}})
    assert view._bundle == "basic"


def test_a_page_that_missed_an_update_gets_the_whole_figure(view):
    view.update(spec([7, 8, 9]))
    view._handle_custom_msg({"type": "resync", "have": 0}, [])
    content, buffers = view.wire.custom()[-1]
    assert content["type"] == "full" and content["rev"] == 1
    assert content["layout"] == {"title": {"text": "T"}, "height": 300}
    assert np.frombuffer(buffers[content["data"][0]["y"]["$buf"]], "float64").tolist() == [7, 8, 9]


def test_drawn_and_clicks_come_back_from_the_page(view):
    clicked = []
    view.on_click(clicked.append)
    view._handle_custom_msg({"type": "drawn", "rev": 3}, [])
    view._handle_custom_msg({"type": "drawn", "rev": 2}, [])
    view._handle_custom_msg(
        {"type": "click", "points": [{"trace": 0, "point": 2, "customdata": "st-1"}]}, []
    )
    assert view.drawn == 3
    assert clicked == [[{"trace": 0, "point": 2, "customdata": "st-1"}]]


def test_the_figure_is_a_read_only_mirror_of_what_is_shown(view):
    assert list(view.data[0].y) == [1, 2, 3] and view.layout.title.text == "T"
    view.update(go.Figure(go.Scatter(x=[1], y=[9], meta={"role": "records"})))
    assert [t.type for t in view.data] == ["scatter"]
    assert view.data[0].meta == {"role": "records"} and list(view.data[0].y) == [9]
    view.figure.data[0].y = [0]  # a copy: the view keeps what it shows
    assert list(view.spec["data"][0]["y"]) == [9]


def test_the_module_anywidget_must_initialise_in_2_s_is_small_and_imports_nothing():
    esm = str(PlotlyView._esm)
    assert len(esm.encode()) < 16_000
    assert "import " not in esm and "http" not in esm


def test_tick_labels_are_never_hidden_so_plotly_need_not_measure_each_on_a_redraw(dossier):
    """plotly's default for a non-category axis ("hide past div") measures every tick label's
    box on every redraw, about 40 ms of a timeline repaint in Chromium; the margins already fit
    the labels, so both live figures' axes allow them, through the template or their own
    setting."""
    from analysis.interactive.explorer import Explorer

    ex = Explorer(dossier)
    for view in (ex.timeline, ex.network):
        layout = view.spec["layout"]
        template = layout["template"]["layout"]
        for name in ("xaxis", "yaxis"):
            own = layout.get(name, {}).get("ticklabeloverflow")
            assert (own or template[name]["ticklabeloverflow"]) == "allow"
    assert len(ex.timeline.spec["layout"]["yaxis"]["ticktext"]) > 20  # the labels this is about
