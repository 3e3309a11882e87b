"""How many visitors one machine serves: K concurrent visitors of the Voilà explorer.

Run ``python benchmarks/load_voila.py`` (``make bench-load``; ``--visitors 1 2 4`` to stop
earlier, ``--changes 10`` per visitor). For each K it starts a fresh app
(``python -m analysis.app`` on a free 127.0.0.1 port, stopped by its process group) and one
headless chromium; K visitors, each in a browser context of its own (so a kernel of its own),
open the app at the same moment, wait for both figures, then toggle record kinds and
statuses ``--changes`` times each, all at once. It reports per K: the resident memory (RSS,
psutil) of each kernel process once every visitor's figures are drawn, the time to first
figure (median and worst visitor), and the p50/p95 of control change -> both figures
repainted over every visitor's changes (in each page's clock), and how many changes a figure
did not follow within 60 s (not timed; a frozen figure or an overloaded machine). It is
bounded: at most ``--visitors`` up to 8 by default, and every wait has a timeout.
Not part of ``make test``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from playwright.async_api import TimeoutError as PlaywrightTimeout  # noqa: E402
from support.browser import CHROMIUM_ARGS, chromium_executable  # noqa: E402
from support.explorer_page import _STATE, FIGURES, toggle_option  # noqa: E402
from voila_run import App, summary, table  # noqa: E402

_DRAWN = (
    f"() => {{ const s = ({_STATE})(null); return Object.values(s).every(f => f && "
    "(f.points > 0 || f.lines > 0)); }"
)
_NEWER = (
    f"before => {{ const s = ({_STATE})(null); return Object.entries(before).every("
    "([k, r]) => s[k] && s[k].rev > r); }"
)
_REVS = f"() => {{ const s = ({_STATE})(null); return Object.fromEntries("
_REVS += "Object.entries(s).map(([k, v]) => [k, v ? v.rev : -1])); }"
_LAST = (
    f"() => Math.max(...{list(FIGURES)}.map(c => "
    "Number(document.querySelector('.' + c).dataset.drawnAt))) - window.__changedAt"
)
#: What each visitor changes, in turn (each twice in a row, back where it began).
TOGGLES = (("record-kinds", 0), ("statuses", 2), ("record-kinds", 1), ("relations", 0))


async def visitor(browser, url: str, changes: int, drawn: asyncio.Event) -> dict:
    context = await browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = await context.new_page()
        started = time.perf_counter()
        await page.goto(url, wait_until="commit", timeout=300_000)
        await page.wait_for_function(_DRAWN, timeout=300_000, polling=100)
        first = time.perf_counter() - started
        await page.wait_for_selector("#rendered_cells", state="visible", timeout=60_000)
        drawn.set()
        repaint, stuck = [], 0
        for i in range(changes):
            control, index = TOGGLES[(i // 2) % len(TOGGLES)]
            before = await page.evaluate(_REVS)
            await page.evaluate(
                f"() => {{ window.__changedAt = performance.now(); "
                f"{toggle_option(control, index)}; }}"
            )
            try:
                await page.wait_for_function(_NEWER, arg=before, timeout=60_000, polling=50)
            except PlaywrightTimeout:
                stuck += 1  # a figure did not follow within 60 s: counted, not timed
                continue
            repaint.append(await page.evaluate(_LAST))
        return {"first": first, "repaint": repaint, "stuck": stuck}
    finally:
        await context.close()


async def run(k: int, url: str, app: App, changes: int) -> dict:
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(
            executable_path=chromium_executable(), args=CHROMIUM_ARGS
        )
        events = [asyncio.Event() for _ in range(k)]
        tasks = [asyncio.create_task(visitor(browser, url, changes, e)) for e in events]
        await asyncio.wait_for(asyncio.gather(*(e.wait() for e in events)), 600)
        rss = [p.memory_info().rss / 2**20 for p in app.kernels()]
        results = await asyncio.wait_for(asyncio.gather(*tasks), 900)
        await browser.close()
    first = [r["first"] for r in results]
    repaint = [ms for r in results for ms in r["repaint"]]
    return {
        "k": k,
        "kernels": len(rss),
        "rss": statistics.median(rss) if rss else float("nan"),
        "rss_total": sum(rss),
        "first_p50": statistics.median(first),
        "first_max": max(first),
        "repaint": summary(repaint),
        "stuck": sum(r["stuck"] for r in results),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visitors", type=int, nargs="+", default=[1, 2, 4, 8])
    parser.add_argument("--changes", type=int, default=8, help="changes per visitor")
    parser.add_argument("--dossier", default=None, help="dossier folder (default: bundled)")
    args = parser.parse_args(argv)
    dossier = Path(args.dossier).resolve() if args.dossier else None
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp:
        for k in args.visitors:
            print(f"{k} concurrent visitor(s) ...", file=sys.stderr, flush=True)
            with App(dossier, Path(tmp) / f"voila-{k}.log") as app:
                r = asyncio.run(run(k, app.url, app, args.changes))
            rows.append(
                [
                    r["k"], r["kernels"], r["rss"], r["rss_total"], r["first_p50"],
                    r["first_max"], r["repaint"]["n"], r["repaint"]["p50"],
                    r["repaint"]["p95"], r["stuck"],
                ]
            )  # fmt: skip
            print("  ", rows[-1], file=sys.stderr, flush=True)
    header = [
        "visitors", "kernels", "RSS/kernel MiB", "RSS total MiB", "first fig p50 s",
        "first fig max s", "changes", "repaint p50 ms", "repaint p95 ms", "not followed",
    ]  # fmt: skip
    print(table(header, rows))
    print(
        f"\nmachine: {os.cpu_count()} cores (os.cpu_count), "
        f"{len(os.sched_getaffinity(0))} usable by this process. RSS: resident memory of each "
        "kernel once every visitor's figures were drawn (shared pages counted in each)."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
