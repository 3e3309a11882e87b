"""``python -m analysis new``: a valid skeleton in a new folder, never over an existing one."""

from __future__ import annotations

import csv
import json

import pytest

from analysis import load_dossier
from analysis.cli import main
from analysis.common.paths import DATA_DIR
from analysis.imports import ImportRefused, new_dossier
from analysis.schema import TABLES


def test_the_skeleton_has_every_table_with_its_header_and_validates(tmp_path, capsys):
    folder = tmp_path / "my-story"
    assert main(["new", str(folder), "--title", "Russia and Belarus: a union state"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"wrote a new dossier in {folder} (13 files)",
        f"next: fill in its tables, then python -m analysis validate {folder}",
    ]
    for table in TABLES:
        with open(folder / table.filename, newline="", encoding="utf-8") as fh:
            assert list(csv.reader(fh)) == [table.field_names]
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert package["title"] == "Russia and Belarus: a union state"
    assert package["name"] == "my-story" and package["focus"] == {}
    assert [r["name"] for r in package["resources"]] == [t.name for t in TABLES]
    dossier = load_dossier(folder)
    assert dossier.title == "Russia and Belarus: a union state"
    assert dossier.counts().sum() == 0 and dossier.focus == {}
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert "python -m analysis validate THIS_FOLDER" in readme
    assert "docs/curators-checklist.md" in readme


def test_the_skeleton_passes_validate_and_audit(tmp_path, capsys):
    folder = tmp_path / "s"
    new_dossier(folder, "T")
    assert main(["validate", str(folder)]) == 0
    assert capsys.readouterr().out.endswith("valid: no problems found\n")
    assert main(["audit", str(folder)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"{folder}: 0 errors, 0 warnings",
        "audit passed (warnings are for the curator to confirm): 0 errors, 0 warnings",
    ]


@pytest.mark.parametrize("existing", ["empty folder", "folder with a file", "file"])
def test_it_refuses_to_write_over_anything(tmp_path, capsys, existing):
    folder = tmp_path / "taken"
    if existing == "file":
        folder.write_text("mine")
    else:
        folder.mkdir()
        if existing == "folder with a file":
            (folder / "actors.csv").write_text("mine")
    assert main(["new", str(folder), "--title", "T"]) == 2
    kind = "a file" if existing == "file" else "a folder"
    assert capsys.readouterr().err == (
        f"python -m analysis new: error: {folder} exists ({kind}); a new dossier is written "
        "into a new folder only: choose another name or move it away\n"
    )
    if existing == "folder with a file":
        assert [p.name for p in folder.iterdir()] == ["actors.csv"]
        assert (folder / "actors.csv").read_text() == "mine"


def test_a_title_is_required(tmp_path):
    with pytest.raises(ImportRefused, match="a new dossier needs a title"):
        new_dossier(tmp_path / "s", "  ")
    assert not (tmp_path / "s").exists()


def test_from_dossier_copies_who_is_who(tmp_path):
    folder = tmp_path / "s"
    new_dossier(folder, "T", from_dossier="russia-china-2022")
    original = load_dossier(DATA_DIR / "russia-china-2022")
    copy = load_dossier(folder)
    for name in ("actors", "sources", "publishers"):
        assert len(copy.table(name)) == len(original.table(name)) > 0
    assert set(copy.actors["actor_id"]) == set(original.actors["actor_id"])
    assert copy.partnerships.empty and copy.statements.empty and copy.focus == {}
    assert "from the actors, sources and publishers of russia-china-2022" in (
        (folder / "README.md").read_text(encoding="utf-8")
    )


@pytest.mark.slow
def test_the_report_builds_on_a_fresh_skeleton(tmp_path):
    from analysis.common.paths import PROJECT_ROOT
    from analysis.report.build import build_report

    folder = tmp_path / "s"
    assert main(["new", str(folder), "--title", "A new story"]) == 0
    notebooks = [PROJECT_ROOT / "notebooks" / n for n in ("00-start-here.ipynb",)]
    lines: list[str] = []
    pages = build_report(notebooks, tmp_path / "site", dossier=folder, progress=lines.append)
    assert lines[0].startswith("dossier: A new story")
    html = pages[0].path.read_text(encoding="utf-8")
    assert "This dossier has no partnership yet, so there is nothing to show here" in html
