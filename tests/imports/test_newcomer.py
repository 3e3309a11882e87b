"""The newcomer's afternoon, step by step with the commands a curator types: make a skeleton,
import a GEXF file and a TimelineJS sheet of one's own, fill in what each import report lists,
validate, and open the notebooks on the result."""

from __future__ import annotations

import csv

import networkx as nx
import papermill
import pytest
from curator import fill_in

from analysis import load_dossier
from analysis.cli import main
from analysis.common.paths import PROJECT_ROOT
from analysis.imports import TEMPLATE_COLUMNS


def _own_graph(path):
    g = nx.Graph(mode="dynamic")
    g.add_node("RUS", label="Russia", kind="state", alignment="russia_and_partners")
    g.add_node("BLR", label="Belarus", kind="state", alignment="russia_and_partners")
    g.add_node("csto", label="CSTO", kind="bloc")
    g.add_edge("RUS", "BLR", label="Union State", partnership_kind="treaty", binding=True,
               start="1999-12-08", in_force="2000-01-26")  # fmt: skip
    g.add_edge("RUS", "csto", label="CSTO", partnership_kind="membership", start="2002-10-07")
    nx.write_gexf(g, path)


def _own_sheet(path):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=TEMPLATE_COLUMNS)
        writer.writeheader()
        writer.writerow({"Year": "2024", "Month": "12", "Day": "6", "Group": "Union State",
                         "Headline": "Security guarantees treaty signed",
                         "Media": "https://example.org/guarantees", "Media Credit": "Example",
                         "Media Caption": "The signing"})  # fmt: skip
        writer.writerow({"Year": "2023", "Headline": "Weapons deployed"})


@pytest.fixture(scope="module")
def story(tmp_path_factory):
    """The dossier at the end of the afternoon, each step checked on the way."""
    root = tmp_path_factory.mktemp("afternoon")
    _own_graph(root / "network.gexf")
    _own_sheet(root / "timeline.csv")
    s1, s2, s3 = root / "story", root / "story-2", root / "story-3"
    assert main(["new", str(s1), "--title", "Russia and Belarus"]) == 0
    assert main(["validate", str(s1)]) == 0
    assert main(["import", "gexf", str(root / "network.gexf"), "--base", str(s1),
                 "--out", str(s2)]) == 0  # fmt: skip
    assert main(["validate", str(s2)]) == 1  # the report's blanks are still empty
    fill_in(s2)
    assert main(["validate", str(s2)]) == 0
    assert main(["import", "timelinejs", str(root / "timeline.csv"), "--base", str(s2),
                 "--out", str(s3)]) == 0  # fmt: skip
    fill_in(s3, actors="RUS;BLR")
    assert main(["validate", str(s3)]) == 0
    assert main(["audit", str(s3)]) == 0
    return s3


def test_the_story_holds_both_imports(story):
    d = load_dossier(story)
    assert set(d.actors["actor_id"]) == {"RUS", "BLR", "csto"}
    assert list(d.partnerships["short_name"]) == ["Union State", "CSTO"]
    events = d.events.set_index("event_id")
    assert events.at["ev-2024-12-06-security-guarantees-treaty-signed", "partnership_id"] == (
        "pt-union-state"
    )
    assert events.at["ev-pt-union-state-entry-into-force", "kind"] == "entry_into_force"
    assert d.focus["partnership"] == "pt-union-state"


def test_the_failed_validation_names_the_cells_the_report_lists(tmp_path, capsys):
    _own_graph(tmp_path / "g.gexf")
    main(["new", str(tmp_path / "s"), "--title", "T"])
    main(["import", "gexf", str(tmp_path / "g.gexf"), "--base", str(tmp_path / "s"),
          "--out", str(tmp_path / "d")])  # fmt: skip
    capsys.readouterr()
    assert main(["validate", str(tmp_path / "d")]) == 1
    err = capsys.readouterr().err
    assert "actors.csv:2 [RUS] source_ids='': a value is required" in err
    assert "actors.csv:4 [csto] alignment='': a value is required" in err
    report = (tmp_path / "d" / "import-report.md").read_text(encoding="utf-8")
    assert "actors.csv csto alignment: '': no alignment term given: left empty, choose one" in (
        report
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    "name", ["00-start-here.ipynb", "03-network-explorer.ipynb", "05-treaty-obligations.ipynb"]
)
def test_the_notebooks_open_on_it(story, tmp_path, name):
    path = PROJECT_ROOT / "notebooks" / name
    papermill.execute_notebook(
        str(path),
        str(tmp_path / name),
        parameters={"DOSSIER": str(story)},
        kernel_name="python3",
        cwd=str(path.parent),
        progress_bar=False,
        execution_timeout=300,
    )
