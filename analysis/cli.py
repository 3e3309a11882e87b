"""Command-line interface.

``python -m analysis validate [DOSSIER_DIR] [--json]`` checks a dossier;
``python -m analysis export --format FORMAT --out PATH [--dossier DIR] [--as-of DATE]
[--between D1 D2] [--force]``
writes it for Gephi, TimelineJS, spreadsheets or Aleph (see :mod:`analysis.exports`);
``python -m analysis audit [DOSSIER_DIR...] [--json]`` prints the consistency checks of
:mod:`analysis.dossier.audit` for each dossier and across them;
``python -m analysis new DIR --title TITLE [--from-dossier D]`` writes a dossier skeleton and
``python -m analysis import FORMAT INPUT --out DIR`` a new dossier from TimelineJS, GEXF,
GraphML or Kumu (see :mod:`analysis.imports`). The ``partnership-dossiers`` command is the same.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from analysis.dossier.issues import DossierValidationError, shown
from analysis.dossier.loading import load_dossier

__all__ = ["main"]


def _dump(data: dict) -> str:
    """JSON in ASCII: valid whatever the terminal's encoding, and with every invisible or
    control character written as an escape."""
    return json.dumps(data, indent=2, ensure_ascii=True)


def _validate(args: argparse.Namespace) -> int:
    try:
        dossier = load_dossier(args.dossier)
    except DossierValidationError as exc:
        if args.json:
            errors = [i.to_dict() for i in exc.issues]
            print(_dump({"dossier": exc.path, "valid": False, "errors": errors}))
        else:
            print(str(exc), file=sys.stderr)
        return 1
    counts = dossier.counts()
    folder = str(dossier.path)
    if args.json:
        counts = {k: int(v) for k, v in counts.items()}
        print(_dump({"dossier": folder, "valid": True, "title": dossier.title, "counts": counts}))
    else:
        print(f"{shown(dossier.title)} ({shown(folder)})")
        width = max(len(k) for k in counts.index)
        for name, n in counts.items():
            print(f"  {name:<{width}}  {n:>6}")
        print("valid: no problems found")
    return 0


def _audit(args: argparse.Namespace) -> int:
    from analysis.common.paths import DATA_DIR, PROJECT_ROOT, resolve_dossier
    from analysis.dossier.across import audit_across, dossier_folders
    from analysis.dossier.audit import audit_tables, count, read_for_audit

    folders = [resolve_dossier(d) for d in args.dossiers] or dossier_folders(DATA_DIR)

    def label(folder: Path) -> str:
        return str(
            folder.relative_to(PROJECT_ROOT) if folder.is_relative_to(PROJECT_ROOT) else folder
        )

    reports: list[tuple[str, list]] = []
    tables = {}
    for folder in folders:
        frames, errors = read_for_audit(folder)
        reports.append((label(folder), errors + audit_tables(frames)))
        tables[folder.name] = frames
    if len(folders) > 1:
        reports.append((f"across {len(folders)} dossiers", audit_across(tables)))
    total = count(f for _, found in reports for f in found)
    if args.json:
        print(
            _dump(
                {
                    "passed": not total["error"],
                    "reports": [
                        {"scope": s, "findings": [f.to_dict() for f in found]}
                        for s, found in reports
                    ],
                }
            )
        )
    else:
        for scope, found in reports:
            n = count(found)
            tally = f"{_plural(n['error'], 'error')}, {_plural(n['warning'], 'warning')}"
            print(f"{shown(scope)}: {tally}")
            for finding in found:
                print(f"  {finding}")
        verdict = "failed" if total["error"] else "passed (warnings are for the curator to confirm)"
        print(
            f"audit {verdict}: {_plural(total['error'], 'error')}, "
            f"{_plural(total['warning'], 'warning')}"
        )
    return 1 if total["error"] else 0


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _docs(args: argparse.Namespace) -> int:
    from analysis.common.paths import PROJECT_ROOT
    from analysis.schema.docs import data_format_markdown

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


_EXPORT_FORMATS = ("gexf", "graphml", "timelinejs", "csv", "ftm", "stix")


def _export(args: argparse.Namespace) -> int:
    from analysis.exports import FORMATS, ExportError, export, refuse_protected

    def refuse(message: str) -> int:
        print(f"python -m analysis export: error: {message}", file=sys.stderr)
        return 2

    out = Path(args.out)
    try:
        refuse_protected(out)
    except ExportError as exc:
        return refuse(str(exc))
    if args.format == "csv":
        if out.exists() and not out.is_dir():
            return refuse(f"{out} is a file; the csv format writes a folder")
        if out.is_dir() and any(out.iterdir()) and not args.force:
            return refuse(
                f"{out} exists and is not empty; pass --force to overwrite the tables in it"
            )
    else:
        if out.is_dir():
            example = out / f"dossier.{args.format}"
            return refuse(f"{out} is a folder; give a file name such as {example}")
        if out.exists() and not args.force:
            return refuse(f"{out} exists; pass --force to overwrite it")
    try:
        dossier = load_dossier(args.dossier)
    except DossierValidationError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    try:
        result = export(dossier, args.format, out, as_of=args.as_of, between=args.between)
    except ExportError as exc:
        return refuse(str(exc))
    scope = f" as of {args.as_of}" if args.as_of else ""
    if args.between:
        scope = f" reported after {args.between[0]} and by {args.between[1]}"
    print(f"{shown(dossier.title)}{scope}: wrote {FORMATS[args.format]} ({result.summary})")
    for path in result.paths:
        print(f"  {path}")
    return 0


def _new(args: argparse.Namespace) -> int:
    from analysis.imports import ImportRefused, new_dossier

    try:
        written = new_dossier(args.dir, args.title, from_dossier=args.from_dossier)
    except ImportRefused as exc:
        print(f"python -m analysis new: error: {exc}", file=sys.stderr)
        return 2
    except DossierValidationError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(f"wrote a new dossier in {shown(str(written[0].parent))} ({len(written)} files)")
    print(f"next: fill in its tables, then python -m analysis validate {shown(args.dir)}")
    return 0


def _import(args: argparse.Namespace) -> int:
    from analysis.imports import IMPORTERS, ImportRefused, import_file

    try:
        result = import_file(args.format, args.input, args.out, base=args.base)
    except ImportRefused as exc:
        print(f"python -m analysis import: error: {exc}", file=sys.stderr)
        return 2
    except DossierValidationError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    counts = ", ".join(f"{n} {name}" for name, n in result.counts.items())
    print(f"imported {IMPORTERS[args.format]} into {shown(str(args.out))}: {counts}")
    print(f"  {len(result.unmapped)} thing(s) not mapped: see {shown(str(result.report))}")
    print(f"next: python -m analysis validate {shown(str(args.out))}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="Work with partnership dossiers from the command line.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser(
        "validate",
        help="check a dossier and print its counts, or every problem found",
        description="Validate a dossier: exit 0 and print counts per table, or exit 1 and "
        "print every problem (file, line, record, field, value, rule).",
    )
    validate.add_argument(
        "dossier", nargs="?", default=None, help="dossier folder (default: the bundled dossier)"
    )
    validate.add_argument("--json", action="store_true", help="print the result as JSON")
    validate.set_defaults(run=_validate)
    exporter = commands.add_parser(
        "export",
        help="write a dossier for Gephi, TimelineJS, spreadsheets or Aleph",
        description="Export a dossier: gexf (Gephi, with time intervals), graphml, timelinejs "
        "(TimelineJS3 JSON), csv (a folder of tables with a Frictionless datapackage.json) or "
        "ftm (FollowTheMoney entities for Aleph) or stix (a STIX 2.1 bundle). Exit 0 when "
        "written, 1 when the dossier is "
        "invalid, 2 when the request is refused (unknown format, output inside data/, output "
        "exists without --force).",
    )
    exporter.add_argument("--format", required=True, choices=_EXPORT_FORMATS, help="what to write")
    exporter.add_argument(
        "--dossier",
        default=None,
        help="dossier folder or name under data/ (default: the bundled dossier)",
    )
    when = exporter.add_mutually_exclusive_group()
    when.add_argument(
        "--as-of",
        default=None,
        metavar="DATE",
        help="only what was known then: YYYY, YYYY-MM or YYYY-MM-DD",
    )
    when.add_argument(
        "--between",
        nargs=2,
        default=None,
        metavar=("D1", "D2"),
        help="only statements and events reported after D1 and by D2",
    )
    exporter.add_argument(
        "--out",
        required=True,
        metavar="PATH",
        help="file to write (a folder for csv); never inside data/",
    )
    exporter.add_argument(
        "--force",
        action="store_true",
        help="overwrite an existing file (for csv: the tables in the folder)",
    )
    exporter.set_defaults(run=_export)
    audit = commands.add_parser(
        "audit",
        help="print consistency checks for the curator: dates, grades, repeats, shared ids",
        description="Audit dossiers: reported dates long after their sources, one publisher "
        "graded two ways, one utterance recorded twice, sources never cited, and (with several "
        "dossiers) one id with different content in two of them. Exit 1 when an error is found; "
        "warnings are printed for the curator to confirm and do not fail the audit.",
    )
    audit.add_argument(
        "dossiers",
        nargs="*",
        metavar="DOSSIER",
        help="dossier folders or names under data/ (default: every dossier under data/)",
    )
    audit.add_argument("--json", action="store_true", help="print the findings as JSON")
    audit.set_defaults(run=_audit)
    new = commands.add_parser(
        "new",
        help="write a new, valid dossier skeleton to fill in",
        description="Write a new dossier folder: every table with its header, a "
        "datapackage.json with the title and an empty focus, and a README for curators. "
        "Refuses a folder that exists (exit 2).",
    )
    new.add_argument("dir", metavar="DIR", help="the new dossier folder (must not exist)")
    new.add_argument("--title", required=True, help="the dossier's title")
    new.add_argument(
        "--from-dossier",
        default=None,
        metavar="D",
        help="copy the actors, sources and publishers of dossier D",
    )
    new.set_defaults(run=_new)
    importer = commands.add_parser(
        "import",
        help="make a new dossier from a TimelineJS sheet, a GEXF/GraphML graph or a Kumu map",
        description="Import into a new folder (never over an existing one): timelinejs (the "
        "template's CSV, or its JSON) -> events and sources; gexf, graphml -> actors, "
        "partnerships and their dated milestones; kumu (JSON, or a folder of elements.csv "
        "and connections.csv) -> actors and partnerships. What cannot be mapped is listed in "
        "import-report.md, never guessed. Exit 0 when written, 2 when refused.",
    )
    importer.add_argument("format", choices=("timelinejs", "gexf", "graphml", "kumu"))
    importer.add_argument("input", metavar="INPUT", help="the file (or Kumu folder) to read")
    importer.add_argument("--out", required=True, metavar="DIR", help="the new dossier folder")
    importer.add_argument(
        "--base",
        default=None,
        metavar="D",
        help="start from dossier D's tables (e.g. a skeleton, or an earlier import)",
    )
    importer.set_defaults(run=_import)
    docs = commands.add_parser(
        "docs",
        help="write docs/data-format.md from the schema (or --check it)",
        description="Regenerate docs/data-format.md from analysis/schema.py.",
    )
    docs.add_argument(
        "--check", action="store_true", help="exit 1 if the committed file differs from the schema"
    )
    docs.set_defaults(run=_docs)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        # a terminal that cannot show a character gets an escape, never a traceback
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    args = build_parser().parse_args(argv)
    try:
        code = args.run(args)
        sys.stdout.flush()
    except BrokenPipeError:
        # the reader (``| head``) has gone: stop quietly, as other command-line tools do
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    return code
