"""How long a reader waits in a fresh kernel: importing the package, loading the bundled
dossier and ``explore(dossier)``, each timed inside a new IPython kernel (median of N kernels).

    .venv/bin/python benchmarks/bench_startup.py [--kernels 5]

Goal: ``explore(d)`` within 1 s. Printed, never failed; not part of ``make test``.
"""

from __future__ import annotations

import argparse
import json
import statistics

from jupyter_client.manager import start_new_kernel

CELL = """
import json, sys, time
t0 = time.perf_counter()
from analysis import explore, load_dossier
t1 = time.perf_counter()
d = load_dossier()
t2 = time.perf_counter()
ex = explore(d)
t3 = time.perf_counter()
names = {m.split('.')[0] for m in sys.modules}
heavy = sorted(names & {'nbformat', 'jsonschema', 'rfc3987_syntax'})
print(json.dumps({"import": t1 - t0, "load": t2 - t1, "explore": t3 - t2, "heavy": heavy}))
"""


def one_kernel() -> dict:
    km, kc = start_new_kernel(kernel_name="python3")
    try:
        msg_id = kc.execute(CELL)
        out = None
        while True:
            msg = kc.get_iopub_msg(timeout=120)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "stream":
                out = json.loads(msg["content"]["text"])
            if msg["msg_type"] == "error":
                raise RuntimeError(msg["content"]["evalue"])
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                return out
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kernels", type=int, default=5)
    args = parser.parse_args()
    runs = [one_kernel() for _ in range(args.kernels)]
    print(f"Fresh kernels: {args.kernels} (median seconds)")
    print("| import analysis | load_dossier() | explore(d) | total |")
    print("|---|---|---|---|")
    med = {k: statistics.median(r[k] for r in runs) for k in ("import", "load", "explore")}
    print(
        f"| {med['import']:.2f} | {med['load']:.2f} | {med['explore']:.2f} | "
        f"{sum(med.values()):.2f} |"
    )
    heavy = sorted({m for r in runs for m in r["heavy"]})
    print(f"explore(d) within 1 s: {'met' if med['explore'] <= 1 else 'not met'}")
    print(f"nbformat/jsonschema chain imported: {', '.join(heavy) or 'no'}")


if __name__ == "__main__":
    main()
