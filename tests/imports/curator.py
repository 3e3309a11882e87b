"""What a curator does after an import, done by a test: fill every required cell the import
left empty (listed in import-report.md), citing one source of the curator's own."""

from __future__ import annotations

import csv
from pathlib import Path

from analysis.schema import TABLES

SOURCE = {
    "source_id": "src-curator-notes",
    "publisher": "The curator",
    "title": "[Notes checked against the imported file]",
    "kind": "reference_work",
    "reliability": "C",
}
#: (table, field) -> the value the test's curator types in.
FILL = {
    ("actors", "kind"): "organisation",
    ("actors", "alignment"): "neutral_or_mixed",
    ("actors", "source_ids"): SOURCE["source_id"],
    ("partnerships", "name"): "A partnership",
    ("partnerships", "short_name"): "A partnership",
    ("partnerships", "kind"): "agreement",
    ("partnerships", "binding"): "false",
    ("partnerships", "summary"): "Imported; summary to be written.",
    ("partnerships", "source_ids"): SOURCE["source_id"],
    ("events", "kind"): "other",
    ("events", "credibility"): "6",
    ("events", "source_ids"): SOURCE["source_id"],
    ("sources", "kind"): "wire_or_newspaper",
    ("sources", "reliability"): "F",
    ("sources", "publisher"): "Unknown publisher",
    ("sources", "title"): "[untitled]",
}


def rows_of(folder: Path, name: str) -> list[dict[str, str]]:
    with open(folder / f"{name}.csv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def fill_in(folder: Path, actors: str = "") -> None:
    """Fill the empty required cells of the dossier in ``folder`` (events' actors: ``actors``,
    reported: when they occurred) and add the curator's source."""
    for table in TABLES:
        path = folder / table.filename
        with open(path, newline="", encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            header, rows = list(reader.fieldnames or []), list(reader)
        if table.name == "sources" and not any(r["source_id"] == SOURCE["source_id"] for r in rows):
            rows.append({k: SOURCE.get(k, "") for k in header})
        if table.name == "publishers" and rows:  # a register lists every publisher
            for publisher in {r["publisher"] for r in rows_of(folder, "sources")} | {
                SOURCE["publisher"]
            }:
                if not any(r["publisher"] == publisher for r in rows):
                    rows.append(
                        {"publisher": publisher, "kind": "reference_work", "reliability": "C",
                         "reason": "Graded by the test's curator."}
                    )  # fmt: skip
        for row in rows:
            for f in table.fields:
                if f.required and not row.get(f.name):
                    if (table.name, f.name) == ("events", "actor_ids"):
                        row[f.name] = actors
                    elif (table.name, f.name) == ("events", "reported"):
                        row[f.name] = row["occurred"]
                    else:
                        row[f.name] = FILL.get((table.name, f.name), "")
        with open(path, "w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=header, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
