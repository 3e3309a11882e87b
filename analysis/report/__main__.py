"""``python -m analysis.report [--dossier DIR] [--out DIR] [--show-code] [--single-file] [--pdf]
[NOTEBOOK ...]``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from functools import partial
from pathlib import Path

from analysis.dossier.issues import DossierValidationError
from analysis.report.build import DEFAULT_OUT, build_report, default_notebooks
from analysis.report.errors import ReportError
from analysis.report.pdf import print_pdfs


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analysis.report",
        description="Execute the notebooks against a dossier and write a static site that "
        "works offline: index.html and one page per notebook.",
    )
    parser.add_argument(
        "notebooks",
        nargs="*",
        metavar="NOTEBOOK",
        help="notebooks to build (default: every notebook under notebooks/)",
    )
    parser.add_argument(
        "--dossier", default=None, help="dossier folder (default: the bundled dossier)"
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        help=f"output folder, replaced on success (default: {DEFAULT_OUT})",
    )
    parser.add_argument(
        "--show-code",
        action="store_true",
        help="show code cells when a page opens (a button toggles them anyway)",
    )
    parser.add_argument(
        "--single-file",
        action="store_true",
        help="inline plotly.js in every page, so that one page can be sent on its own "
        "(default: a light site whose pages share one plotly.min.js)",
    )
    parser.add_argument(
        "--pdf",
        action="store_true",
        help="also print every page to a PDF next to it, with Debian's headless chromium",
    )
    parser.add_argument(
        "--timeout", type=float, default=600, help="seconds any one cell may run (default: 600)"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    notebooks = [Path(p) for p in args.notebooks] or default_notebooks()
    try:
        pages = build_report(
            notebooks,
            args.out,
            dossier=args.dossier or None,
            show_code=args.show_code,
            timeout=args.timeout,
            single_file=args.single_file,
            progress=partial(print, flush=True),
        )
    except (ReportError, DossierValidationError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.pdf:
        try:
            pdfs = print_pdfs(page.path for page in pages)
        except ReportError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        total = sum(p.stat().st_size for p in pdfs)
        print(f"printed {len(pdfs)} PDFs next to the pages ({total / 1e6:.1f} MB)", flush=True)
    largest = max(pages, key=lambda p: p.size)
    print(
        f"largest page: {largest.href} ({largest.size / 1e6:.1f} MB); "
        f"open {args.out / 'index.html'}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
