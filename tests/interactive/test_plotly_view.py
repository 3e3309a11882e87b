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


def test_a_page_asking_for_plotly_js_gets_the_plotly_packages_bundle_as_bytes(view):
    view._handle_custom_msg({"type": "plotly.js"}, [])
    [(content, buffers)] = view.wire.custom()
    assert content == {"type": "plotly.js"}
    assert bytes(buffers[0]) == plotly_js()
    assert b"window.Plotly = Plotly" in plotly_js()[-200:]


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
