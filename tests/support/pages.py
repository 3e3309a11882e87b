"""Browser helpers shared by the report, Voilà and JupyterLab tests: offline pages, plotly
figures read from the page, and the checks that hostile text stayed text."""

from __future__ import annotations

from dataclasses import dataclass, field

from fixtures.hostile_payloads import PWNED

__all__ = [
    "Tab",
    "offline_tab",
    "open_page",
    "each_page",
    "hover_points",
    "hostile_problems",
    "POINTS",
]

#: Number of markers plotly drew in an element (hidden points are not drawn).
POINTS = "el => el.querySelectorAll('.scatterlayer .point').length"

# What data turned into markup would leave in a page. Legit scripts hold figure JSON (with the
# payloads escaped in it), so a script counts only when its whole text is a payload's; an
# attribute when it is an event handler or a source that carries the payload's global (plotly
# keeps escaped text in ``data-unformatted``, which is inert); a link when it is not http(s),
# file or a fragment (hostile https addresses are valid and stay inert).
_HOSTILE_DOM = """() => {
  const flag = 'PWNED';
  const problems = [];
  if (window[flag] !== undefined) problems.push('window.' + flag + ' is set');
  for (const s of document.querySelectorAll('script')) {
    if ((s.textContent || '').trim() === 'window.' + flag + '=1') {
      problems.push('script from data: ' + s.outerHTML.slice(0, 120));
    }
  }
  for (const tag of ['iframe', 'object', 'embed']) {
    for (const el of document.querySelectorAll(tag)) {
      problems.push(tag + ': ' + el.outerHTML.slice(0, 120));
    }
  }
  const ACTIVE = ['src', 'srcdoc', 'action', 'formaction', 'data', 'style'];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      const link = el.localName === 'a' && (a.name === 'href' || a.name === 'xlink:href');
      if (link) {
        const protocol = new URL(a.value, document.baseURI).protocol;
        if (!['http:', 'https:', 'file:'].includes(protocol) && !a.value.startsWith('#')) {
          problems.push('link to ' + a.value.slice(0, 80));
        }
      } else if ((/^on/i.test(a.name) || ACTIVE.includes(a.name)) && a.value.includes(flag)) {
        problems.push(el.localName + '[' + a.name + ']=' + a.value.slice(0, 80));
      }
    }
  }
  return problems;
}""".replace("PWNED", PWNED)


@dataclass
class Tab:
    """A page in its own browser context, with what it logged and what it tried to fetch."""

    context: object
    page: object
    errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)

    closed: bool = False

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            self.context.close()


def offline_tab(browser, allow: str = "file:") -> Tab:
    """A fresh page that may only load URLs starting with ``allow``; console errors and
    uncaught exceptions are recorded, every other request is aborted and recorded."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    tab = Tab(context, context.new_page())

    def route(route):
        if route.request.url.startswith(allow):
            route.continue_()
        else:
            tab.blocked.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    tab.page.on("console", lambda m: tab.errors.append(m.text) if m.type == "error" else None)
    tab.page.on("pageerror", lambda exc: tab.errors.append(f"uncaught: {exc}"))
    return tab


def open_page(page, path, figures: int) -> None:
    """Open a report page from disk and wait until ``figures`` plotly figures are drawn."""
    page.goto(path.as_uri(), wait_until="load", timeout=60_000)
    drawn(page, figures)


def drawn(page, figures: int) -> None:
    """Wait until the page has loaded and drawn ``figures`` plotly figures."""
    page.wait_for_load_state("load", timeout=60_000)
    if figures:
        page.wait_for_function(
            f"document.querySelectorAll('.js-plotly-plot .main-svg').length >= {figures}",
            timeout=30_000,
        )


def each_page(browser, pages):
    """Yield ``(tab, page)`` for report pages, each loaded and drawn: two tabs take turns, so
    that the next page loads while the test looks at this one."""
    tabs = [offline_tab(browser), offline_tab(browser)]
    pages = list(pages)
    try:
        if pages:
            tabs[0].page.goto(pages[0].path.as_uri(), wait_until="commit", timeout=60_000)
        for i, built in enumerate(pages):
            if i + 1 < len(pages):
                following = tabs[(i + 1) % 2].page
                following.goto(pages[i + 1].path.as_uri(), wait_until="commit", timeout=60_000)
            tab = tabs[i % 2]
            drawn(tab.page, built.figure_outputs)
            yield tab, built
    finally:
        for tab in tabs:
            tab.close()


def hover_points(page, selector: str = ".js-plotly-plot", per_figure: int = 3) -> int:
    """Hover the first few markers of each figure, so that plotly renders their hover labels
    (where hover text becomes DOM); return how many were hovered."""
    hovered = 0
    for figure in page.locator(selector).all():
        points = figure.locator(".scatterlayer .point, .heatmaplayer .hm image, .barlayer .point")
        for k in range(min(points.count(), per_figure)):
            try:
                points.nth(k).hover(timeout=2_000, force=True)
            except Exception:  # noqa: BLE001 -- a point outside the view cannot be hovered
                continue
            hovered += 1
    return hovered


def hostile_problems(page) -> list[str]:
    """Everything in the page that shows hostile text became live markup (empty when inert)."""
    return page.evaluate(_HOSTILE_DOM)
