// A live plotly figure. The module is small and has no imports, so anywidget initialises it at
// once; plotly.js itself is fetched from the kernel once per page (a binary message holding the
// bytes of a plotly.js bundle) and shared by every view. There are two bundles: "basic" (scatter,
// bar and pie traces, a quarter of the size) and "full"; a view asks for the one its figure
// needs (the `_bundle` trait), and keeps the plotly.js it first drew with unless it comes to
// need more. A full plotly.js already on the page (JupyterLab's plotly extension) is used as is.
const G = globalThis;
const WAIT = 30000; // give up on plotly.js after this long and say so
const ASK_AGAIN = 8000; // ask again, through another figure, if nothing came back by then
const LEVEL = { basic: 1, full: 2 };

function shared() {
  if (!G.__analysisPlotly) {
    const s = { level: 0, Plotly: null, asked: {}, loading: {}, waiting: [] };
    if (G.Plotly && G.Plotly.react) Object.assign(s, { level: LEVEL.full, Plotly: G.Plotly });
    G.__analysisPlotly = s;
  }
  return G.__analysisPlotly;
}

function levelOf(model) {
  return LEVEL[model.get("_bundle")] || LEVEL.full;
}

function whenLoaded(level) {
  const s = shared();
  if (s.level >= level) return Promise.resolve(s.Plotly);
  return new Promise((resolve) => s.waiting.push({ level, resolve }));
}

function ask(model) {
  const s = shared();
  const level = levelOf(model);
  const name = level === LEVEL.full ? "full" : "basic";
  if (s.level >= level || s.loading[name]) return;
  const t = s.asked[name];
  if (t && performance.now() - t < ASK_AGAIN) return;
  if (!s.marked) { s.marked = true; performance.mark("analysis:plotly-asked"); }
  s.asked[name] = performance.now();
  model.send({ type: "plotly.js", bundle: name });
}

function load(name, buffer) {
  const s = shared();
  const level = LEVEL[name] || LEVEL.full;
  if (s.level >= level || s.loading[name]) return;
  s.loading[name] = true;
  performance.mark("analysis:plotly-arrived");
  const url = URL.createObjectURL(new Blob([buffer], { type: "text/javascript" }));
  const script = document.createElement("script");
  script.src = url;
  script.onload = () => {
    URL.revokeObjectURL(url);
    const P = G.Plotly;
    if (!P || !P.react) return console.error("[analysis] plotly.js ran but set no Plotly");
    if (level > s.level) Object.assign(s, { level, Plotly: P });
    else G.Plotly = s.Plotly; // a bigger bundle came first: keep it as the page's Plotly
    performance.mark("analysis:plotly-ready");
    const ready = s.waiting.filter((w) => w.level <= s.level);
    s.waiting = s.waiting.filter((w) => w.level > s.level);
    for (const w of ready) w.resolve(s.Plotly);
  };
  script.onerror = () => { s.loading[name] = false; };
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
  performance.mark("analysis:initialize");
  const first = decode(model.get("_figure"), []);
  const store = { rev: first.rev, data: first.data, layout: first.layout, views: new Set() };
  const stores = (G.__analysisStores = G.__analysisStores || new Map());
  stores.set(model.get("_key"), store);
  const onMessage = (msg, buffers) => {
    if (msg.type === "plotly.js") return load(msg.bundle || "full", buffers[0]);
    store.receivedAt = performance.now(); // for timing: kernel + wire vs decoding + drawing
    if (msg.type === "full") apply(store, msg, buffers);
    else if (msg.type === "delta") {
      if (msg.base !== store.rev) return model.send({ type: "resync", have: store.rev });
      apply(store, msg, buffers);
    } else return;
    for (const draw of store.views) draw();
  };
  model.on("msg:custom", onMessage);
  ask(model); // start plotly.js on its way before the first view renders
  return () => {
    model.off("msg:custom", onMessage);
    stores.delete(model.get("_key"));
  };
}

function render({ model, el }) {
  performance.mark("analysis:render");
  const store = G.__analysisStores.get(model.get("_key"));
  el.classList.add("analysis-plotly-view");
  el.style.width = "100%";
  const plot = document.createElement("div");
  plot.className = "analysis-plot";
  plot.textContent = "Loading the figure\u2026";
  el.appendChild(plot);
  let Plotly = null;
  let level = 0; // of the plotly.js this view draws with
  let drawing = Promise.resolve();
  let drawn = false;
  const draw = () => {
    if (!Plotly || level < levelOf(model)) return; // follow() redraws once the bundle is in
    const rev = store.rev;
    const received = store.receivedAt;
    let began = 0;
    drawing = drawing
      .then(() => {
        began = performance.now();
        return Plotly.react(plot, store.data.map((t) => ({ ...t })),
          structuredClone(store.layout), { responsive: true, displaylogo: false });
      })
      .then(() => {
        el.dataset.drawMs = String(performance.now() - began); // for timing: plotly.js alone
        if (received !== undefined) el.dataset.receivedAt = String(received);
        el.dataset.rev = String(rev);
        el.dataset.drawnAt = String(performance.now());
        if (!drawn) { drawn = true; performance.mark("analysis:first-draw"); }
        model.send({ type: "drawn", rev });
      })
      .catch((e) => console.error("[analysis] drawing a figure failed", e));
  };
  store.views.add(draw);
  const again = setInterval(() => ask(model), ASK_AGAIN);
  const giveUp = setTimeout(() => {
    if (Plotly) return;
    plot.className = "analysis-plot analysis-plot-missing";
    plot.textContent = "This figure cannot be drawn: its plotting library (plotly.js) did not " +
      `arrive from the kernel within ${WAIT / 1000} s. Reload the page to try again.`;
  }, WAIT);
  const follow = () => {
    const need = levelOf(model);
    if (level >= need) return;
    ask(model);
    whenLoaded(need).then((P) => {
      if (level >= need) return;
      clearTimeout(giveUp);
      if (Plotly) Plotly.purge(plot); // drawn with a smaller bundle: start again with this one
      Plotly = P;
      level = shared().level;
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
  };
  model.on("change:_bundle", follow);
  follow();
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
    model.off("change:_bundle", follow);
    clearTimeout(resized);
    clearInterval(again);
    clearTimeout(giveUp);
    store.views.delete(draw);
    if (Plotly) Plotly.purge(plot);
  };
}

export default { initialize, render };
