"""PlotlyView's page side alone in chromium: ``plotly_view.js`` imported as anywidget imports it,
with a stand-in for the widget model (state, events, and a kernel that answers a request for
plotly.js with the bundle it names). What a real kernel and Voilà add is in the Voilà and
JupyterLab browser tests; this one checks which plotly.js a page asks for and draws with."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.interactive import plotly_view
from analysis.interactive.plotly_view import PlotlyView, plotly_js

ESM = Path(plotly_view.__file__).with_name("plotly_view.js")

pytestmark = pytest.mark.browser

ORIGIN = "http://plotly-view.test"

#: A stand-in for anywidget's model: ``get``/``on``/``off``/``send``, plus ``set`` (the kernel
#: changing a trait) and ``emit`` (a custom message from the kernel). A request for plotly.js
#: is answered with the bytes of the bundle it names.
FAKE = """
async () => {
  const view = (await import("%(origin)s/plotly_view.js")).default;
  window.__asked = [];
  window.makeView = (id, state) => {
    const on = {};
    const model = {
      get: (k) => state[k],
      on: (ev, f) => (on[ev] = on[ev] || []).push(f),
      off: (ev, f) => { on[ev] = (on[ev] || []).filter((g) => g !== f); },
      send: async (msg) => {
        if (msg.type !== "plotly.js") return;
        window.__asked.push(msg.bundle);
        const bytes = await (await fetch(`%(origin)s/${msg.bundle}.js`)).arrayBuffer();
        model.emit({ type: "plotly.js", bundle: msg.bundle }, [new DataView(bytes)]);
      },
      set: (k, v) => { state[k] = v; (on["change:" + k] || []).forEach((f) => f()); },
      emit: (msg, buffers) => (on["msg:custom"] || []).forEach((f) => f(msg, buffers || [])),
    };
    view.initialize({ model });
    const el = document.createElement("div");
    el.id = id;
    document.body.appendChild(el);
    view.render({ model, el });
    return model;
  };
}
"""


def state(figure) -> dict:
    """The widget state a page opens with, as the kernel's :class:`PlotlyView` sends it."""
    view = PlotlyView(figure)
    got = view.get_state()
    figure_state = {"rev": 0, **view.spec}
    return {"_key": got["_key"], "_bundle": got["_bundle"], "_figure": figure_state}


SCATTER = {"data": [{"type": "scatter", "x": [1, 2, 3], "y": [3, 1, 2]}], "layout": {}}
HEATMAP = {"data": [{"type": "heatmap", "z": [[1, 2], [3, 4]]}], "layout": {}}


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    files = {
        "/plotly_view.js": (ESM.read_bytes(), "text/javascript"),
        "/basic.js": (plotly_js("basic"), "text/javascript"),
        "/full.js": (plotly_js("full"), "text/javascript"),
        "/": (b"<!doctype html><title>t</title><body></body>", "text/html"),
    }

    def route(r):
        path = r.request.url[len(ORIGIN) :]
        body, kind = files.get(path, (b"", "text/plain"))
        r.fulfill(status=200 if path in files else 404, body=body, content_type=kind)

    context.route(f"{ORIGIN}/**", route)
    page.goto(f"{ORIGIN}/")
    page.evaluate(FAKE % {"origin": ORIGIN})
    yield page
    context.close()


def drawn(page, element: str, rev: int) -> None:
    page.wait_for_function(
        f"() => Number(document.getElementById('{element}')?.dataset.rev) === {rev}",
        timeout=30_000,
    )


def test_a_page_of_scatter_figures_loads_only_the_basic_bundle(page):
    page.evaluate(
        "s => { window.a = makeView('a', s); window.b = makeView('b', s); }", state(SCATTER)
    )
    drawn(page, "a", 0)
    drawn(page, "b", 0)
    assert page.evaluate("window.__asked") == ["basic"]  # once for the page, not per figure
    assert page.evaluate("window.__analysisPlotly.level") == 1
    assert page.locator("#a .scatterlayer .point").count() == 3


def test_a_figure_that_comes_to_need_more_gets_the_full_bundle_and_redraws(page):
    page.evaluate("s => { window.a = makeView('a', s); }", state(SCATTER))
    drawn(page, "a", 0)
    # the kernel turns the figure into a heatmap: the trait first, then the delta
    page.evaluate(
        "f => { a.set('_bundle', 'full'); a.emit({type: 'delta', base: 0, rev: 1, data: f}); }",
        HEATMAP["data"],
    )
    drawn(page, "a", 1)
    assert page.evaluate("window.__asked") == ["basic", "full"]
    assert page.evaluate("window.__analysisPlotly.level") == 2
    assert page.locator("#a .heatmaplayer image").count() == 1
    # a figure opened later on the same page needs no other bundle
    page.evaluate("s => { window.b = makeView('b', s); }", state(SCATTER))
    drawn(page, "b", 0)
    assert page.evaluate("window.__asked") == ["basic", "full"]


def test_a_heatmap_first_loads_the_full_bundle_only(page):
    page.evaluate("s => { window.a = makeView('a', s); }", state(HEATMAP))
    drawn(page, "a", 0)
    assert page.evaluate("window.__asked") == ["full"]
    assert page.locator("#a .heatmaplayer image").count() == 1
