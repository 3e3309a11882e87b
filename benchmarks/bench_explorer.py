"""How fast the explorer answers a filter change, against a naive baseline, at 10^3..10^6 records.

Run ``python benchmarks/bench_explorer.py`` (``--sizes 1000 10000`` for a quicker run). For each
size it builds a seeded synthetic dossier and an :class:`~analysis.interactive.explorer.Explorer`,
then changes one filter at a time, in a fixed cycle of changes, and measures:

* the wall time from setting the control until both figures and the table are updated in the
  kernel (the explorer updates synchronously inside the control's callback);
* the bytes of figure data the two live figures send per update (the deltas they emit);

and the same for a naive baseline measured in the same run on the same changes: filter the
frames with pandas and rebuild plotly.express figures (a scatter of every filtered record, a
network drawn from every filtered relation, freshly laid out) and the table from all the
filtered rows. It prints a table with p50 and p95 and the speed-up, and the goals. It never
fails: the numbers are for reading.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.dossier import per_allegation  # noqa: E402
from analysis.filtering.filters import Filters  # noqa: E402
from analysis.interactive.explorer import LATEST, Explorer  # noqa: E402
from analysis.synthetic.dossiers import synthetic_dossier  # noqa: E402

SIZES = (1_000, 10_000, 100_000, 1_000_000)
GOALS = {100_000: 100.0, 1_000_000: 500.0}  # p50 goals in ms
MAX_BYTES = 1_000_000


# --- the changes ---------------------------------------------------------------------------------


def changes(ex: Explorer) -> list[tuple[str, Callable[[], None]]]:
    """A cycle of filter changes that touches every filter control and ends where it began."""
    c = ex.controls
    months = [v for _, v in c.date_range.options]
    as_of = [v for _, v in c.as_of.options]
    busy = [v for _, v in c.actors.options[:3]]

    def setter(widget, value):
        return lambda: setattr(widget, "value", value)

    third = max(len(months) // 3, 1)
    return [
        ("reliability C", setter(c.min_reliability, "C")),
        ("reliability B", setter(c.min_reliability, "B")),
        ("reliability any", setter(c.min_reliability, "F")),
        ("credibility 3", setter(c.max_credibility, 3)),
        ("credibility any", setter(c.max_credibility, 6)),
        ("as of middle", setter(c.as_of, as_of[len(as_of) // 2])),
        ("as of later", setter(c.as_of, as_of[(3 * len(as_of)) // 4])),
        ("as of latest", setter(c.as_of, LATEST)),
        ("dates: middle third", setter(c.date_range, (months[third], months[2 * third]))),
        ("dates: all", setter(c.date_range, (months[0], months[-1]))),
        (
            "kinds: statements",
            setter(c.record_kinds, tuple(k for _, k in c.record_kinds.options[:6])),
        ),
        ("kinds: all", setter(c.record_kinds, tuple(k for _, k in c.record_kinds.options))),
        ("status: disputed", setter(c.statuses, ("disputed", "alleged"))),
        ("status: all", setter(c.statuses, tuple(s for _, s in c.statuses.options))),
        ("relations: transfers", setter(c.relations, ("alleged transfer", "confirmed transfer"))),
        ("relations: all", setter(c.relations, tuple(c.relations.options))),
        ("actors: three busiest", setter(c.actors, tuple(busy))),
        ("actors: all", setter(c.actors, ())),
        ("neighbourhood", setter(c.neighbourhood, busy[0])),
        ("neighbourhood off", setter(c.neighbourhood, "")),
    ]


# --- the naive baseline --------------------------------------------------------------------------

_GRADES = "ABCDEF"


def naive_update(dossier, filters: Filters) -> int:
    """Filter with pandas and rebuild plotly.express figures and the table from every row.

    Returns the bytes of figure data the two figures would send.
    """
    st, ev = dossier.statements, dossier.events
    names = dossier.actors.set_index("actor_id")["name"]
    keep_st = (st["reliability"].cat.codes <= _GRADES.index(filters.min_reliability)) & (
        st["credibility"].cat.codes < filters.max_credibility
    )
    keep_ev = (ev["reliability"].cat.codes <= _GRADES.index(filters.min_reliability)) & (
        ev["credibility"].cat.codes < filters.max_credibility
    )
    if filters.as_of is not None:
        keep_st &= st["reported"] <= filters.as_of
        keep_ev &= ev["reported"] <= filters.as_of
    lo, hi = filters.date_range
    if lo is not None:
        keep_st &= st["occurred"] >= lo
        keep_ev &= ev["occurred"] >= lo
    if hi is not None:
        keep_st &= st["occurred"] <= hi
        keep_ev &= ev["occurred"] <= hi
    if filters.record_kinds is not None:
        keep_st &= st["stance"].isin(filters.record_kinds)
        keep_ev &= ev["kind"].isin(filters.record_kinds)
    wanted = set(filters.actors) | (
        {filters.neighbourhood_of} if filters.neighbourhood_of else set()
    )
    if wanted:
        keep_st &= st["actor_id"].isin(wanted)
        keep_ev &= ev["actor_ids"].map(lambda ids: bool(wanted & set(ids)))
    s, e = st[keep_st], ev[keep_ev]
    rows = pd.concat(
        [
            pd.DataFrame(
                {
                    "date": s["occurred"],
                    "actor": s["actor_id"].map(names),
                    "kind": s["stance"].astype(str),
                    "summary": s["summary"],
                    "publishers": s["publishers"].map(", ".join),
                    "id": s["statement_id"],
                }
            ),
            pd.DataFrame(
                {
                    "date": e["occurred"],
                    "actor": e["actor_ids"].map(lambda ids: names.get(ids[0], ids[0])),
                    "kind": e["kind"].astype(str),
                    "summary": e["summary"],
                    "publishers": e["publishers"].map(", ".join),
                    "id": e["event_id"],
                }
            ),
        ],
        ignore_index=True,
    )
    timeline = px.scatter(
        rows,
        x="date",
        y="actor",
        color="kind",
        hover_data=["summary", "publishers"],
        custom_data=["id"],
    )
    # the network, from every filtered statement, laid out again
    accused = dossier.allegations.set_index("allegation_id")["accused_ids"]
    s = per_allegation(s)
    pairs = s.loc[s["allegation_id"].notna(), ["actor_id", "allegation_id", "stance"]]
    pairs = pairs.assign(target=pairs["allegation_id"].map(accused)).explode("target")
    weights = pairs.groupby(["actor_id", "target", "stance"], observed=True).size()
    graph = nx.Graph()
    for (a, b, _), w in weights.items():
        if a != b:
            graph.add_edge(a, b, weight=w)
    pos = nx.spring_layout(graph, seed=0) if graph.number_of_nodes() else {}
    ex_, ey_ = [], []
    for a, b in graph.edges():
        ex_ += [pos[a][0], pos[b][0], None]
        ey_ += [pos[a][1], pos[b][1], None]
    nodes = pd.DataFrame(
        [(n, x, y, graph.degree(n)) for n, (x, y) in pos.items()],
        columns=["actor", "x", "y", "degree"],
    )
    network = px.scatter(nodes, x="x", y="y", size="degree", hover_name="actor")
    network.add_trace(go.Scatter(x=ex_, y=ey_, mode="lines", line=dict(width=0.5)))
    rows.sort_values("date", ascending=False).head(100).to_html()
    return len(timeline.to_json()) + len(network.to_json())


# --- measuring -----------------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(np.asarray(values), q))


def measure(n: int, rounds: int, baseline_rounds: int, seed: int) -> dict:
    started = time.perf_counter()
    dossier = synthetic_dossier(n, seed=seed)
    made = time.perf_counter()
    ex = Explorer(dossier)
    ready = time.perf_counter()
    times, sizes, filters_seen = [], [], []
    steps = changes(ex)
    for i in range(rounds * len(steps)):
        name, change = steps[i % len(steps)]
        gc.collect()
        t0 = time.perf_counter()
        change()
        times.append((time.perf_counter() - t0) * 1000)
        sizes.append(ex.last_update["bytes"])
        filters_seen.append(ex.filters)
    base_times, base_sizes = [], []
    for filters in filters_seen[:baseline_rounds]:
        gc.collect()
        t0 = time.perf_counter()
        base_sizes.append(naive_update(dossier, filters))
        base_times.append((time.perf_counter() - t0) * 1000)
    return {
        "records": n,
        "generate_s": made - started,
        "explorer_init_s": ready - made,
        "p50": percentile(times, 50),
        "p95": percentile(times, 95),
        "bytes": max(sizes),
        "bytes_p50": statistics.median(sizes),
        "changes": len(times),
        "base_p50": percentile(base_times, 50),
        "base_p95": percentile(base_times, 95),
        "base_bytes": max(base_sizes),
        "base_changes": len(base_times),
    }


def _size(b: float) -> str:
    return f"{b / 1e6:.2f} MB" if b >= 1e6 else f"{b / 1e3:.0f} kB"


def report(results: list[dict]) -> str:
    head = (
        "| records | explorer p50 | explorer p95 | figure data / update (max) | "
        "baseline p50 | baseline p95 | baseline figure data | speed-up (p50) |"
    )
    rule = "|" + "---|" * 8
    lines = [head, rule]
    for r in results:
        lines.append(
            f"| {r['records']:,} | {r['p50']:.0f} ms | {r['p95']:.0f} ms | {_size(r['bytes'])} | "
            f"{r['base_p50']:.0f} ms | {r['base_p95']:.0f} ms | {_size(r['base_bytes'])} | "
            f"{r['base_p50'] / r['p50']:.1f}x |"
        )
    lines.append("")
    lines.append(
        "Explorer: "
        + ", ".join(
            f"{r['records']:,}: {r['changes']} changes, built in {r['explorer_init_s']:.1f} s "
            f"(dossier generated in {r['generate_s']:.1f} s)"
            for r in results
        )
    )
    lines.append(
        "Baseline: " + ", ".join(f"{r['records']:,}: {r['base_changes']} changes" for r in results)
    )
    lines.append("")
    lines.append("Goals:")
    by_size = {r["records"]: r for r in results}
    for n, goal in GOALS.items():
        if n in by_size:
            r = by_size[n]
            lines.append(
                f"- p50 at {n:,} records <= {goal:.0f} ms: {r['p50']:.0f} ms "
                f"({'met' if r['p50'] <= goal else 'NOT met'})"
            )
    if 100_000 in by_size:
        r = by_size[100_000]
        ratio = r["base_p50"] / r["p50"]
        lines.append(
            f"- at least 10x faster than the baseline at 100,000 records: {ratio:.1f}x "
            f"({'met' if ratio >= 10 else 'NOT met'})"
        )
    worst = max(r["bytes"] for r in results)
    lines.append(
        f"- at most 1 MB of figure data per update at any size: largest {_size(worst)} "
        f"({'met' if worst <= MAX_BYTES else 'NOT met'})"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument(
        "--rounds", type=int, default=2, help="times the cycle of 20 filter changes is run per size"
    )
    parser.add_argument(
        "--baseline-changes",
        type=int,
        default=20,
        help="baseline changes per size (fewer at 10^6, where each is slow)",
    )
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    results = []
    for n in args.sizes:
        baseline = args.baseline_changes if n < 1_000_000 else min(args.baseline_changes, 5)
        print(f"measuring {n:,} records ...", file=sys.stderr, flush=True)
        results.append(measure(n, args.rounds, baseline, args.seed))
    print(report(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
