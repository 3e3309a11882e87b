"""Command-line interface: ``python -m analysis validate [DOSSIER_DIR] [--json]``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from .loading import load_dossier
from .paths import resolve_dossier
from .validation import DossierValidationError

__all__ = ["main"]


def _validate(args: argparse.Namespace) -> int:
    folder = resolve_dossier(args.dossier)
    try:
        dossier = load_dossier(folder)
    except DossierValidationError as exc:
        if args.json:
            print(json.dumps({"dossier": str(folder), "valid": False,
                              "errors": [i.to_dict() for i in exc.issues]}, indent=2,
                             ensure_ascii=False))
        else:
            print(str(exc), file=sys.stderr)
        return 1
    counts = dossier.counts()
    if args.json:
        print(json.dumps({"dossier": str(folder), "valid": True, "title": dossier.title,
                          "counts": {k: int(v) for k, v in counts.items()}}, indent=2))
    else:
        print(f"{dossier.title} ({folder})")
        width = max(len(k) for k in counts.index)
        for name, n in counts.items():
            print(f"  {name:<{width}}  {n:>6}")
        print("valid: no problems found")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="Work with partnership dossiers from the command line.")
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser(
        "validate", help="check a dossier and print its counts, or every problem found",
        description="Validate a dossier: exit 0 and print counts per table, or exit 1 and "
        "print every problem (file, line, record, field, value, rule).")
    validate.add_argument("dossier", nargs="?", default=None,
                          help="dossier folder (default: the bundled dossier)")
    validate.add_argument("--json", action="store_true", help="print the result as JSON")
    validate.set_defaults(run=_validate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.run(args)
