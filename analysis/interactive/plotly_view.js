// A live plotly figure. The module is small and has no imports, so anywidget initialises it at
// once; plotly.js itself is fetched from the kernel once per page (a binary message holding the
// bytes of the plotly package's plotly.min.js) and shared by every view through one promise.
const G = globalThis;
const WAIT = 30000; // give up on plotly.js after this long and say so
const ASK_AGAIN = 8000; // ask again, through another figure, if nothing came back by then

function shared() {
  if (!G.__analysisPlotly) {
    const s = { asked: 0 };
    s.promise = new Promise((resolve, reject) => Object.assign(s, { resolve, reject }));
    if (G.Plotly && G.Plotly.react) s.resolve(G.Plotly);
    G.__analysisPlotly = s;
  }
  return G.__analysisPlotly;
}

function ask(model) {
  const s = shared();
  if (s.done || (s.asked && performance.now() - s.asked < ASK_AGAIN)) return;
  s.asked = performance.now();
  model.send({ type: "plotly.js" });
}

function load(buffer) {
  const s = shared();
  if (s.done || s.loading) return;
  s.loading = true;
  const url = URL.createObjectURL(new Blob([buffer], { type: "text/javascript" }));
  const script = document.createElement("script");
  script.src = url;
  script.onload = () => {
    URL.revokeObjectURL(url);
    s.done = true;
    G.Plotly ? s.resolve(G.Plotly) : s.reject(new Error("plotly.js ran but set no Plotly"));
  };
  script.onerror = () => { s.loading = false; };
  document.head.appendChild(script);
}

function decode(value, buffers) {
  if (Array.isArray(value)) return value.map((v) => decode(v, buffers));
  if (value === null || typeof value !== "object") return value;
  if ("$buf" in value) {
    const b = typeof value.$buf === "number" ? buffers[value.$buf] : value.$buf;
    const bytes = b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
    const Kind = { float64: Float64Array, float32: Float32Array, int32: Int32Array,
      int16: Int16Array, int8: Int8Array, uint32: Uint32Array, uint16: Uint16Array,
      uint8: Uint8Array }[value.dtype];
    return new Kind(bytes);
  }
  const out = {};
  for (const [k, v] of Object.entries(value)) out[k] = decode(v, buffers);
  return out;
}

function apply(store, msg, buffers) {
  const d = decode(msg, buffers);
  if (d.data) {
    store.data = d.data;
  } else if (d.traces) {
    store.data = store.data.map((trace, i) => {
      const change = d.traces[i];
      if (!change || !Object.keys(change).length) return trace;
      const next = { ...trace };
      for (const [k, v] of Object.entries(change)) (v === null ? delete next[k] : (next[k] = v));
      return next;
    });
  }
  if (d.layout || d.unset) {
    const next = { ...store.layout };
    for (const [k, v] of Object.entries(d.layout || {})) next[k] = v;
    for (const k of d.unset || []) delete next[k];
    store.layout = next;
  }
  store.rev = d.rev;
}

function initialize({ model }) {
  const first = decode(model.get("_figure"), []);
  const store = { rev: first.rev, data: first.data, layout: first.layout, views: new Set() };
  const stores = (G.__analysisStores = G.__analysisStores || new Map());
  stores.set(model.get("_key"), store);
  const onMessage = (msg, buffers) => {
    if (msg.type === "plotly.js") return load(buffers[0]);
    store.receivedAt = performance.now(); // for timing: kernel + wire vs decoding + drawing
    if (msg.type === "full") apply(store, msg, buffers);
    else if (msg.type === "delta") {
      if (msg.base !== store.rev) return model.send({ type: "resync", have: store.rev });
      apply(store, msg, buffers);
    } else return;
    for (const draw of store.views) draw();
  };
  model.on("msg:custom", onMessage);
  return () => {
    model.off("msg:custom", onMessage);
    stores.delete(model.get("_key"));
  };
}

function render({ model, el }) {
  const store = G.__analysisStores.get(model.get("_key"));
  el.classList.add("analysis-plotly-view");
  el.style.width = "100%";
  const plot = document.createElement("div");
  plot.className = "analysis-plot";
  plot.textContent = "Loading the figure\u2026";
  el.appendChild(plot);
  let Plotly = null;
  let drawing = Promise.resolve();
  const draw = () => {
    if (!Plotly) return;
    const rev = store.rev;
    const received = store.receivedAt;
    drawing = drawing
      .then(() => Plotly.react(plot, store.data.map((t) => ({ ...t })),
        structuredClone(store.layout), { responsive: true, displaylogo: false }))
      .then(() => {
        if (received !== undefined) el.dataset.receivedAt = String(received);
        el.dataset.rev = String(rev);
        el.dataset.drawnAt = String(performance.now());
        model.send({ type: "drawn", rev });
      })
      .catch((e) => console.error("[analysis] drawing a figure failed", e));
  };
  store.views.add(draw);
  const s = shared();
  ask(model);
  const again = setInterval(() => ask(model), ASK_AGAIN);
  const giveUp = setTimeout(() => {
    if (Plotly) return;
    plot.className = "analysis-plot analysis-plot-missing";
    plot.textContent = "This figure cannot be drawn: its plotting library (plotly.js) did not " +
      `arrive from the kernel within ${WAIT / 1000} s. Reload the page to try again.`;
  }, WAIT);
  s.promise.then((P) => {
    clearInterval(again);
    clearTimeout(giveUp);
    Plotly = P;
    plot.textContent = "";
    plot.className = "analysis-plot";
    draw();
    // plotly.js gives the div its event methods when it first draws it
    drawing.then(() => plot.on && plot.on("plotly_click", (ev) => model.send({
      type: "click",
      points: ev.points.map((p) => ({
        trace: p.curveNumber, point: p.pointNumber ?? p.pointIndex,
        customdata: p.customdata ?? null })),
    })));
  });
  // a figure drawn before its panel was laid out takes plotly's default width: follow the
  // element's real width whenever it changes
  let resized = null;
  const watch = new ResizeObserver(() => {
    if (!Plotly || !plot.layout) return;
    clearTimeout(resized);
    resized = setTimeout(() => Plotly.Plots.resize(plot), 50);
  });
  watch.observe(el);
  return () => {
    watch.disconnect();
    clearTimeout(resized);
    clearInterval(again);
    clearTimeout(giveUp);
    store.views.delete(draw);
    if (Plotly) Plotly.purge(plot);
  };
}

export default { initialize, render };
