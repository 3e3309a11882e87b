// Show or hide the code cells of a report page; fit figures to the paper when printing
// (no network, no libraries).
(function () {
  var button = document.getElementById("report-code-toggle");
  if (!button) { return; }
  function sync() {
    var hidden = document.body.classList.contains("report-hide-code");
    button.textContent = hidden ? "Show code" : "Hide code";
    button.setAttribute("aria-pressed", hidden ? "false" : "true");
  }
  button.addEventListener("click", function () {
    document.body.classList.toggle("report-hide-code");
    sync();
    window.dispatchEvent(new Event("resize"));
  });
  sync();
}());

// Printing lays the page out at the paper's width: redraw every plotly figure to fit it, and
// back to the window's width afterwards (plotly's own resize follows the window only).
(function () {
  if (!window.Plotly || !window.matchMedia) { return; }
  function fit() {
    document.querySelectorAll(".js-plotly-plot").forEach(function (plot) {
      window.Plotly.Plots.resize(plot);
    });
  }
  window.matchMedia("print").addEventListener("change", fit);
  window.addEventListener("beforeprint", fit);
  window.addEventListener("afterprint", fit);
}());
