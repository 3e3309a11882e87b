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


def _docs(args: argparse.Namespace) -> int:
    from .datadocs import data_format_markdown
    from .paths import PROJECT_ROOT

    target = PROJECT_ROOT / "docs" / "data-format.md"
    text = data_format_markdown()
    if args.check:
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if current != text:
            print(f"{target} is out of date: run python -m analysis docs", file=sys.stderr)
            return 1
        print(f"{target} is up to date")
        return 0
    target.parent.mkdir(exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target}")
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
    docs = commands.add_parser(
        "docs", help="write docs/data-format.md from the schema (or --check it)",
        description="Regenerate docs/data-format.md from analysis/schema.py.")
    docs.add_argument("--check", action="store_true",
                      help="exit 1 if the committed file differs from the schema")
    docs.set_defaults(run=_docs)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.run(args)
