"""How the live explorer feels in a browser: Chromium drives the real Voilà app.

Run ``python benchmarks/bench_browser.py`` (``make bench-browser``; ``--sizes bundled 10000``
for a quicker look, ``--loads 3`` for fewer page loads). For each dossier size (the bundled
dossier, then seeded synthetic dossiers of 10^4 and 10^5 records written as tables to a temp
folder and served with ``--dossier``) it starts ``python -m analysis.app`` on a free 127.0.0.1
port and, in headless Debian chromium:

* opens the app page (``notebooks/app.ipynb`` in the notebooks folder, as ``make app`` serves
  it) ``--loads`` times, each in a fresh browser context and ``--pause`` s after the last, so
  that each finds the preheated kernel voila.json keeps, and times open -> both figures drawn
  with marks (median); for the bundled dossier also ``--cold`` loads with preheat off;
* in one page, makes ``2 x --rounds x 12`` control changes (record kinds, relations, statuses
  toggled; an actor typed into the picker + Enter, then its chip removed) and times each from
  the control's DOM event to every figure repainted, in the page's clock (``performance.now``),
  and how much of that passed before the first figure's update reached the page (after a pause, so
  that the refill of the preheated pool the page took its kernel from is over);

then makes the same changes in this process on an ``Explorer`` of the same dossier and reads
``Explorer.last_update`` (the kernel side: filter, build both figures and the table, diff and
send). It prints one table and the goals; it never fails and is not part of ``make test``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from voila_run import (  # noqa: E402
    CHANGES,
    App,
    dossier_folder,
    kernel_times,
    launch,
    summary,
    table,
    verdict,
)

SIZES = ("bundled", "10000", "100000")
GOALS = {"bundled": 100.0, "100000": 250.0}  # repaint p50, ms
FIRST_FIGURE_GOAL = 3.0  # s, median of the loads


def open_page(browser, url: str):
    from support.explorer_page import first_figures

    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    started = time.perf_counter()
    page.goto(url, wait_until="commit", timeout=180_000)
    seconds = first_figures(page, started, timeout=120)
    return context, page, seconds


def browser_changes(page, actor_labels: list[str], rounds: int) -> tuple[list, list]:
    """Repaint and message-arrival times (ms) of the changes, in the page's clock."""
    from support.explorer_page import received_after, time_change, toggle_option

    page.wait_for_selector("#rendered_cells", state="visible", timeout=60_000)
    repaint, arrived = [], []
    box = page.locator(".explorer-actors input").first
    remove = (
        "document.querySelector('.explorer-actors .jupyter-widget-tag-close')"
        ".dispatchEvent(new MouseEvent('mousedown', {bubbles: true}))"
    )
    for _ in range(rounds):
        for control, index in CHANGES:
            if control == "actors":
                box.click()
                box.fill(actor_labels[index])
                acts = [lambda: box.press("Enter"), remove]
            else:
                acts = [toggle_option(control, index)] * 2
            for act in acts:
                repaint.append(time_change(page, act, timeout=60))
                arrived.append(received_after(page))
    return repaint, arrived


def first_figures_of(app: App, browser, loads: int, pause: float) -> tuple[list, int, object]:
    """Open ``app`` ``loads`` times, ``pause`` s apart (time for Voilà to refill its preheated
    pool); returns the seconds to both figures drawn, the loads that never drew (each replaced
    by another, at most 3) and the last load's page, still open, with its context."""
    first: list[float] = []
    failed = 0
    last = None
    for _ in range(loads + 3):
        if len(first) == loads:
            break
        if last is not None:
            last[0].close()
            time.sleep(pause)
        try:
            context, page, seconds = open_page(browser, app.url)
        except Exception:  # noqa: BLE001 -- a load whose figures never drew: counted
            failed += 1
            browser.contexts[-1].close()
            last = None
            continue
        first.append(seconds)
        last = (context, page)
    return first, failed, last


def measure(size: str, workdir: Path, loads: int, rounds: int, pause: float, cold: int) -> dict:
    from playwright.sync_api import sync_playwright

    folder = dossier_folder(size, workdir)
    kernel_ms, sent = kernel_times(folder, rounds)
    from analysis.dossier.loading import load_dossier
    from analysis.interactive.controls import make_controls

    labels = [label for label, _ in make_controls(load_dossier(folder)).actors.options[:2]]
    repaint: list[float] = []
    arrived: list[float] = []
    cold_first: list[float] = []
    with sync_playwright() as pw:
        browser = launch(pw)
        with App(folder, workdir / f"voila-{size}.log") as app:
            time.sleep(pause)  # the pool's kernel runs the app notebook
            first, failed, last = first_figures_of(app, browser, loads, pause)
            if last is not None:
                # the visitor took the preheated kernel, and Voilà refills the pool by running
                # the notebook in a new one: let it finish, so the changes time the explorer,
                # not the refill (which is measured as the first figure's cold case)
                time.sleep(pause)
                repaint, arrived = browser_changes(last[1], labels, rounds)
                last[0].close()
        if cold:  # the same app with no preheated kernel: each visitor's kernel runs it first
            off = ["--VoilaConfiguration.preheat_kernel=False"]
            with App(folder, workdir / f"voila-{size}-cold.log", off) as app:
                cold_first, cold_failed, last = first_figures_of(app, browser, cold, 1.0)
                failed += cold_failed
                if last is not None:
                    last[0].close()
        browser.close()
    return {
        "size": size,
        "first": statistics.median(first) if first else float("nan"),
        "cold": statistics.median(cold_first) if cold_first else float("nan"),
        "failed": failed,
        "repaint": summary(repaint),
        "arrived": summary(arrived),
        "drawing": summary([r - a for r, a in zip(repaint, arrived, strict=True)]),
        "kernel": summary(kernel_ms),
        "kB": max(sent) / 1000,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", default=list(SIZES))
    parser.add_argument("--loads", type=int, default=5, help="page loads per size (default 5)")
    parser.add_argument("--rounds", type=int, default=1, help="rounds of the 24 changes")
    parser.add_argument(
        "--pause", type=float, default=8.0, help="seconds between loads (pool refill; 8)"
    )
    parser.add_argument(
        "--cold", type=int, default=3, help="loads of the bundled app without preheat (3)"
    )
    args = parser.parse_args(argv)
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-browser-") as tmp:
        for size in args.sizes:
            print(f"measuring {size} ...", file=sys.stderr, flush=True)
            cold = args.cold if size == "bundled" else 0
            results.append(measure(size, Path(tmp), args.loads, args.rounds, args.pause, cold))
    header = [
        "dossier", "changes", "repaint p50 ms", "repaint p95 ms", "to page p50 ms",
        "page work p50 ms", "kernel p50 ms", "kernel p95 ms", "max kB/update",
        "first figure s", "cold first s", "loads not drawn",
    ]  # fmt: skip
    rows = [
        [
            r["size"], r["repaint"]["n"], r["repaint"]["p50"], r["repaint"]["p95"],
            r["arrived"]["p50"], r["drawing"]["p50"], r["kernel"]["p50"], r["kernel"]["p95"],
            r["kB"], r["first"], r["cold"], r["failed"],
        ]
        for r in results
    ]  # fmt: skip
    print(table(header, rows))
    print(
        "\nrepaint: control event -> every figure redrawn, in Chromium's clock; to page: until "
        "the first figure's update reached the page (kernel + wire); page work: the rest "
        "(decoding and drawing every figure in turn, with the page's layout between). "
        "kernel: Explorer.last_update of the same changes made "
        f"in-process on the same dossier. first figure: open -> both figures drawn, median of "
        f"{args.loads} loads of the app page {args.pause:g} s apart (each finds the preheated "
        f"kernel voila.json keeps); cold first: median of {args.cold} loads with preheat off "
        "(the visitor's kernel runs the notebook first: what a visitor gets while the pool "
        "refills); loads not drawn: loads whose figures were not drawn within 120 s (each "
        "replaced by another load, at most 3)."
    )
    by_size = {r["size"]: r for r in results}
    for size, goal in GOALS.items():
        value = by_size[size]["repaint"]["p50"] if size in by_size else float("nan")
        print(verdict(f"repaint p50 at {size}", value, goal, "ms"))
    first = by_size["bundled"]["first"] if "bundled" in by_size else float("nan")
    print(verdict("open -> first figure, bundled", first, FIRST_FIGURE_GOAL, "s"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
