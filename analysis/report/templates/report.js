// Show or hide the code cells of a report page (no network, no libraries).
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
