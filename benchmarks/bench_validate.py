"""How long validating a table at the 50 MiB limit takes: goal at most 15 s on a 2-core machine.

Run ``python benchmarks/bench_validate.py``. It copies the bundled dossier to a temporary
folder, grows its statements table with copies of its rows (fresh ids) until the file is just
under :data:`analysis.schema.MAX_FILE_BYTES`, then times :func:`analysis.load_dossier` on it
(read, validate, type) and prints the rows, the size and the time. It never fails: the number
is for reading. ``--table`` picks another table (``ach_ratings`` gives the most rows).
"""

from __future__ import annotations

import argparse
import csv
import io
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis import DEFAULT_DOSSIER, load_dossier  # noqa: E402
from analysis.schema import MAX_FILE_BYTES, table  # noqa: E402

GOAL_SECONDS = 15.0


def grow(folder: Path, name: str, limit: int) -> tuple[int, int]:
    """Grow table ``name`` of ``folder`` to just under ``limit`` bytes; its rows and bytes."""
    path = folder / f"{name}.csv"
    rows = list(csv.reader(path.open(newline="", encoding="utf-8")))
    key = rows[0].index(table(name).primary_key)
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    size, n = len(out.getvalue().encode("utf-8")), 0
    writer = csv.writer(out)
    while True:
        row = list(rows[1 + n % (len(rows) - 1)])
        row[key] = f"limit-{n}"  # fresh, short ids
        line = io.StringIO()
        csv.writer(line).writerow(row)
        cost = len(line.getvalue().encode("utf-8"))
        if size + cost > limit:
            break
        writer.writerow(row)
        size, n = size + cost, n + 1
    path.write_bytes(out.getvalue().encode("utf-8"))
    return len(rows) - 1 + n, path.stat().st_size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--table", default="statements", help="table to grow (default: statements)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "limit"
        shutil.copytree(DEFAULT_DOSSIER, folder)
        rows, size = grow(folder, args.table, MAX_FILE_BYTES)
        start = time.perf_counter()
        dossier = load_dossier(folder)
        seconds = time.perf_counter() - start
    assert len(dossier.table(args.table)) == rows
    verdict = "met" if seconds <= GOAL_SECONDS else "NOT met"
    print(f"validate a {args.table}.csv at the size limit")
    print(f"  {rows:,} rows, {size / 2**20:.1f} MiB (limit {MAX_FILE_BYTES / 2**20:.0f} MiB)")
    print(f"  load_dossier: {seconds:.1f} s   (goal <= {GOAL_SECONDS:.0f} s: {verdict})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
