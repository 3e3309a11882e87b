"""The live explorer in a browser page: when its figures are drawn, and how long a control
change takes to repaint them, read from the page itself.

Each live figure is a ``PlotlyView`` whose element carries the class ``explorer-timeline`` or
``explorer-network`` and, once plotly.js has drawn it, ``data-rev`` (the kernel's update number
it shows) and ``data-drawn-at`` (``performance.now()`` when that drawing finished). A change is
timed in the page's own clock: from just before the control's DOM event is dispatched to the
moment the last figure finished drawing the update the change caused. Used by the browser tests
(tests/test_voila_browser.py, tests/test_lab_browser.py) and by ``make bench-browser``.
"""

from __future__ import annotations

import time

__all__ = [
    "FIGURES",
    "figure_revs",
    "first_figures",
    "shown",
    "time_change",
    "pick_actor",
    "received_after",
    "toggle_option",
]

#: The live figures of the explorer, by the CSS class of their element.
FIGURES = ("explorer-timeline", "explorer-network")

# Per figure: the update drawn, when, and what is drawn (markers, length of lines, y tick labels).
_STATE = """(scope) => Object.fromEntries(FIGURES.map(cls => {
  const el = (scope || document).querySelector('.' + cls);
  if (!el || !el.dataset.rev) return [cls, null];
  const plot = el.querySelector('.js-plotly-plot');
  return [cls, {rev: Number(el.dataset.rev), at: Number(el.dataset.drawnAt),
    points: plot ? plot.querySelectorAll('.scatterlayer .point').length : 0,
    lines: plot ? Array.from(plot.querySelectorAll('.scatterlayer .js-line'))
      .reduce((n, p) => n + (p.getAttribute('d') || '').length, 0) : 0,
    ticks: plot ? Array.from(plot.querySelectorAll('.ytick text'))
      .map(t => t.textContent).join('|') : ''}];
}))""".replace("FIGURES", str(list(FIGURES)))


def shown(page, scope: str | None = None) -> dict:
    """What each live figure shows now: ``{class: {rev, at, points, lines, ticks} or None}``."""
    if scope is None:
        return page.evaluate(f"() => ({_STATE})(null)")
    return page.evaluate(f"() => ({_STATE})(document.querySelector({scope!r}))")


def figure_revs(page) -> dict:
    return {k: (v or {}).get("rev", -1) for k, v in shown(page).items()}


def first_figures(page, started: float, timeout: float = 180.0) -> float:
    """Wait until both live figures are drawn with marks; seconds since ``started``
    (``time.perf_counter()`` when the page was asked for)."""
    page.wait_for_function(
        f"() => {{ const s = ({_STATE})(null); return Object.values(s).every(f => f && "
        "(f.points > 0 || f.lines > 0)); }",
        timeout=timeout * 1000,
        polling=50,
    )
    return time.perf_counter() - started


def time_change(page, act, timeout: float = 30.0) -> float:
    """Run ``act`` (which changes a control) and wait until every live figure has drawn a newer
    update than before; milliseconds from ``act`` to the last figure repainted, in the page's
    clock. ``act`` is a JavaScript expression run in the page, or a Python callable (a
    Playwright action such as a key press; the clock starts just before it). Raises
    AssertionError naming the figures that did not follow."""
    before = figure_revs(page)
    if callable(act):
        page.evaluate("() => { window.__changedAt = performance.now(); }")
        act()
    else:
        page.evaluate(f"() => {{ window.__changedAt = performance.now(); {act}; }}")
    try:
        page.wait_for_function(
            f"before => {{ const s = ({_STATE})(null); return Object.entries(before).every("
            "([k, r]) => s[k] && s[k].rev > r); }",
            arg=before,
            timeout=timeout * 1000,
            polling="raf",
        )
    except Exception as exc:  # noqa: BLE001 -- say which figure did not follow
        now = figure_revs(page)
        stuck = sorted(k for k in before if now[k] <= before[k])
        raise AssertionError(
            f"{', '.join(stuck)} did not follow the change within {timeout:.0f} s "
            f"(update drawn before {before}, now {now})"
        ) from exc
    return page.evaluate(
        f"() => Math.max(...{list(FIGURES)}.map(c => "
        "Number(document.querySelector('.' + c).dataset.drawnAt))) - window.__changedAt"
    )


def received_after(page) -> float:
    """Milliseconds from the latest timed change to the moment the first of its figure updates
    reached the page (``data-received-at``): the kernel's and the wire's share of the repaint.
    The rest is the page's: decoding and drawing every figure, one after the other (a later
    figure's update, sent by the kernel a few ms after the first, waits in the page's queue
    while plotly.js draws the first, so the last update's arrival is no measure of the wire)."""
    return page.evaluate(
        f"() => Math.min(...{list(FIGURES)}.map(c => "
        "Number(document.querySelector('.' + c).dataset.receivedAt))) - window.__changedAt"
    )


def toggle_option(control: str, index: int) -> str:
    """JavaScript that toggles option ``index`` of the ``<select multiple>`` inside the control
    with class ``explorer-<control>`` and tells the widget."""
    return (
        f"const s = document.querySelector('.explorer-{control} select');"
        f"s.options[{index}].selected = !s.options[{index}].selected;"
        "s.dispatchEvent(new Event('change', {bubbles: true}))"
    )


def pick_actor(page, text: str) -> None:
    """Type ``text`` into the actor picker and press Enter, as a reader would."""
    box = page.locator(".explorer-actors input").first
    box.click()
    box.fill(text)
    box.press("Enter")
