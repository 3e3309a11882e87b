"""Exports, each checked by the receiving tool's own reader or validator.

GEXF and GraphML are read back by networkx; FollowTheMoney entities are validated by the
followthemoney library's model; the TimelineJS JSON is checked against a JSON Schema written
from TimelineJS's documented data format; the CSV data package is validated by frictionless.
Every export runs on both bundled dossiers. Output goes to ``tmp_path`` only.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import frictionless
import jsonschema
import networkx as nx
import pandas as pd
import pytest
from conftest import write_tables
from followthemoney import model

from analysis import load_dossier
from analysis.cli import _EXPORT_FORMATS, main
from analysis.common.paths import DATA_DIR, PROJECT_ROOT
from analysis.exports import FORMATS, ExportError, export, refuse_protected
from analysis.exports.graph_formats import dossier_graph
from analysis.exports.scope import scoped
from analysis.exports.tables import NEUTRALISED_NOTE, descriptor, neutralise
from analysis.exports.timelinejs import timeline_json
from analysis.filtering.filters import Filters
from analysis.schema import TABLES

SECOND = DATA_DIR / "russia-china-2022"
DOSSIERS = ["russia-iran-2025", "russia-china-2022"]


@pytest.fixture(scope="session")
def second():
    return load_dossier(SECOND)


@pytest.fixture(params=DOSSIERS)
def each(request, dossier, second):
    """Both bundled dossiers, one per test run."""
    return dossier if request.param == "russia-iran-2025" else second


@pytest.fixture
def hostile(tmp_path, mini_tables):
    """The mini dossier with text a spreadsheet would run and markup a browser would render."""
    mini_tables["statements"][0]["summary"] = '=HYPERLINK("http://evil.example","click")'
    mini_tables["statements"][1]["notes"] = "@SUM(A1:A9)"
    mini_tables["statements"][2]["summary"] = "-2+3 <script>alert(1)</script>"
    mini_tables["events"][0]["summary"] = "+cmd|' /C calc'!A0"
    mini_tables["actors"][3]["role"] = "<b>spokesman</b>"
    return load_dossier(write_tables(tmp_path / "hostile", mini_tables))


def _record_ids(d) -> set[str]:
    return set(d.statements["statement_id"]) | set(d.events["event_id"])


# --- GEXF and GraphML, read back by networkx -------------------------------------------------


@pytest.mark.parametrize(
    "fmt, reader", [("gexf", nx.read_gexf), ("graphml", nx.read_graphml)], ids=["gexf", "graphml"]
)
def test_graph_reads_back_with_same_nodes_edges_and_times(each, tmp_path, fmt, reader):
    path = tmp_path / f"d.{fmt}"
    result = export(each, fmt, path)
    expected = dossier_graph(each)
    back = reader(path)
    assert (
        set(back.nodes)
        == set(expected.nodes)
        == set(each.actors["actor_id"]) | set(each.allegations["allegation_id"])
    )
    assert back.number_of_edges() == expected.number_of_edges()
    assert (
        result.summary == f"{expected.number_of_nodes()} nodes, {expected.number_of_edges()} edges"
    )
    got = {
        k: (u, v, d.get("start"), d.get("end")) for u, v, k, d in back.edges(keys=True, data=True)
    }
    want = {
        k: (u, v, d.get("start"), d.get("end"))
        for u, v, k, d in expected.edges(keys=True, data=True)
    }
    assert got == want
    assert {n: d.get("start") for n, d in back.nodes(data=True)} == {
        n: d.get("start") for n, d in expected.nodes(data=True)
    }


def test_gexf_is_dynamic_with_dates(second, tmp_path):
    path = tmp_path / "d.gexf"
    export(second, "gexf", path)
    text = path.read_text(encoding="utf-8")
    assert 'mode="dynamic"' in text and 'timeformat="date"' in text
    g = nx.read_gexf(path)
    assert g.graph["mode"] == "dynamic"
    edges = {k: d for *_, k, d in g.edges(keys=True, data=True)}
    treaty = edges["pt-rus-chn-2001"]
    assert (treaty["start"], treaty.get("end"), treaty["in_force"]) == (
        "2001-07-16",
        None,
        "2002-02-28",
    )
    assert treaty["binding"] is True and treaty["relation"] == "partnership"
    # a month-precision statement spans its month; a year-precision event its year
    assert (edges["st-2022-11-matthews"]["start"], edges["st-2022-11-matthews"]["end"]) == (
        "2022-11-01",
        "2022-11-30",
    )
    extension = edges["ev-2021-rus-chn-treaty-extended"]
    assert (extension["start"], extension["end"]) == ("2021-01-01", "2021-12-31")
    assert g.nodes["RUS"]["start"] == "2001-07-16"
    assert g.nodes["al-chn-secret-annex"]["start"] == "2022-11-01"


def test_gexf_ended_partnership_has_an_end(dossier, tmp_path):
    path = tmp_path / "d.gexf"
    export(dossier, "gexf", path)
    edges = {k: d for *_, k, d in nx.read_gexf(path).edges(keys=True, data=True)}
    assert (edges["pt-rus-prk-2000"]["start"], edges["pt-rus-prk-2000"]["end"]) == (
        "2000-02-09",
        "2024-12-04",
    )


# --- FollowTheMoney, validated by the followthemoney model ------------------------------------


def _entities(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_ftm_every_entity_passes_the_model(each, tmp_path):
    path = tmp_path / "d.ftm.json"
    result = export(each, "ftm", path)
    entities = _entities(path)
    assert result.summary == f"{len(entities)} entities"
    ids = [e["id"] for e in entities]
    assert len(ids) == len(set(ids))
    for data in entities:
        proxy = model.get_proxy(data)
        assert proxy.schema.validate(data) is None
        # FtM's own cleaning keeps every value: nothing we wrote is invalid for its type
        assert model.get_proxy(data, cleaned=False).to_dict()["properties"] == data["properties"]
        for prop, values in data["properties"].items():
            if proxy.schema.get(prop).type.name == "entity":
                assert set(values) <= set(ids), (data["id"], prop)


def test_ftm_mapping(dossier, second, tmp_path):
    export(second, "ftm", tmp_path / "rc.json")
    export(dossier, "ftm", tmp_path / "ri.json")
    rc = {e["id"]: e for e in _entities(tmp_path / "rc.json")}
    ri = {e["id"]: e for e in _entities(tmp_path / "ri.json")}
    assert rc["RUS"]["schema"] == "PublicBody"
    assert rc["RUS"]["properties"]["country"] == ["ru"]
    assert rc["putin"]["schema"] == "Person"
    assert rc["putin"]["properties"]["country"] == ["ru"]
    assert rc["nato"]["schema"] == "Organization"
    assert rc["un-panel-1718"]["schema"] == "Organization"  # a UN body, not a state's
    assert ri["state-duma"]["schema"] == "PublicBody"
    assert ri["state-duma"]["properties"]["country"] == ["ru"]
    assert ri["kcna"]["schema"] == "Organization"
    assert ri["kcna"]["properties"]["sector"] == ["media"]
    treaty = rc["pt-rus-chn-2001"]
    assert treaty["schema"] == "UnknownLink"
    assert treaty["properties"]["subject"] == ["RUS"] and treaty["properties"]["object"] == ["CHN"]
    assert treaty["properties"]["startDate"] == ["2001-07-16"]
    assert rc["ev-2021-rus-chn-treaty-extended"]["properties"]["date"] == ["2021"]
    assert rc["st-2022-11-matthews"]["schema"] == "Event"
    assert rc["src-kvia-2025-05-08"]["schema"] == "Article"
    doc = rc["src-kvia-2025-05-08.ev-2025-05-08-putin-xi-moscow"]
    assert doc["schema"] == "Documentation"
    member = ri["pt-irn-sco"]
    assert member["schema"] == "Membership"
    assert (member["properties"]["member"], member["properties"]["organization"]) == (
        ["IRN"],
        ["sco"],
    )
    assert ri["pt-rus-irn-2001"]["properties"]["endDate"] == ["2025-10-02"]


# --- TimelineJS3, checked against its documented format --------------------------------------

# Written from the TimelineJS documentation's "TimelineJS JSON data format" page (Knight Lab,
# timeline.knightlab.com/docs/json-format.html): a timeline needs "events", a list of slides;
# a slide needs "start_date" (except the title slide); a date object needs "year"; a media
# object needs "url". Only the properties that page documents are allowed here.
_DATE = {
    "type": "object",
    "required": ["year"],
    "properties": {
        "year": {"type": "integer"},
        "month": {"type": "integer", "minimum": 1, "maximum": 12},
        "day": {"type": "integer", "minimum": 1, "maximum": 31},
        "hour": {"type": "integer"},
        "minute": {"type": "integer"},
        "second": {"type": "integer"},
        "millisecond": {"type": "integer"},
        "display_date": {"type": "string"},
    },
    "dependentRequired": {"day": ["month"]},
    "additionalProperties": False,
}
_SLIDE_PROPERTIES = {
    "start_date": _DATE,
    "end_date": _DATE,
    "text": {
        "type": "object",
        "properties": {"headline": {"type": "string"}, "text": {"type": "string"}},
        "additionalProperties": False,
    },
    "media": {
        "type": "object",
        "required": ["url"],
        "properties": {
            k: {"type": "string"}
            for k in (
                "url",
                "caption",
                "credit",
                "thumbnail",
                "alt",
                "title",
                "link",
                "link_target",
            )
        },
        "additionalProperties": False,
    },
    "group": {"type": "string"},
    "display_date": {"type": "string"},
    "background": {"type": "object"},
    "autolink": {"type": "boolean"},
    "unique_id": {"type": "string"},
}
TIMELINEJS_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["events"],
    "properties": {
        "events": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["start_date"],
                "properties": _SLIDE_PROPERTIES,
                "additionalProperties": False,
            },
        },
        "title": {"type": "object", "properties": _SLIDE_PROPERTIES, "additionalProperties": False},
        "eras": {"type": "array"},
        "scale": {"enum": ["human", "cosmological"]},
    },
    "additionalProperties": False,
}


def test_timelinejs_schema_rejects_what_timelinejs_cannot_read():
    validator = jsonschema.Draft202012Validator(TIMELINEJS_SCHEMA)
    assert not validator.is_valid({"title": {}})  # no events
    assert not validator.is_valid({"events": [{"text": {"headline": "x"}}]})  # no start_date
    assert not validator.is_valid({"events": [{"start_date": {"month": 2}}]})  # no year
    assert not validator.is_valid(
        {"events": [{"start_date": {"year": 2024}, "media": {"caption": "x"}}]}
    )  # no url


def test_timelinejs_follows_the_documented_format(each, tmp_path):
    path = tmp_path / "d.json"
    result = export(each, "timelinejs", path)
    data = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(TIMELINEJS_SCHEMA).validate(data)
    assert result.summary == f"{len(data['events'])} slides"
    assert {s["unique_id"] for s in data["events"]} == _record_ids(each)
    assert all(
        s["media"]["url"].startswith(("http://", "https://"))
        for s in data["events"]
        if "media" in s
    )


def test_timelinejs_dates_carry_only_their_precision(each):
    slides = {s["unique_id"]: s for s in timeline_json(each)["events"]}
    parts = {"year": {"year"}, "month": {"year", "month"}, "day": {"year", "month", "day"}}
    for frame, key in ((each.events, "event_id"), (each.statements, "statement_id")):
        for rid, start, precision, approx in zip(
            frame[key],
            frame["occurred"],
            frame["occurred_precision"],
            frame["occurred_approx"],
            strict=True,
        ):
            date = slides[rid]["start_date"]
            assert set(date) - {"display_date"} == parts[precision], rid
            assert date["year"] == start.year
            assert ("display_date" in date) == bool(approx), rid


def test_timelinejs_values(second):
    slides = {s["unique_id"]: s for s in timeline_json(second)["events"]}
    assert slides["ev-2021-rus-chn-treaty-extended"]["start_date"] == {"year": 2021}
    assert slides["st-2022-11-matthews"]["start_date"] == {"year": 2022, "month": 11}
    assert slides["ev-2002-02-28-rus-chn-treaty-in-force"]["group"] == "RU-CN 2001"
    assert slides["ev-2024-03-28-chn-abstains-prk-panel"]["text"]["headline"] == (
        "UN action: China"
    )
    assert slides["st-2022-12-13-snider"]["text"]["headline"] == (
        "Ted Snider (Responsible Statecraft) comments"
    )
    assert slides["st-2022-02-04-putin-xi"]["text"]["headline"] == (
        "Vladimir Putin, Xi Jinping (Russia, China) comments"
    )
    assert slides["st-2022-02-04-putin-xi"]["media"]["url"] == (
        "https://www.channelnewsasia.com/world/russia-china-no-limits-strategic-partnership-us-2480691"
    )


def test_timelinejs_escapes_markup(hostile):
    data = timeline_json(hostile)
    text = json.dumps(data)
    assert "<script>" not in text and "<b>" not in text
    by_id = {s["unique_id"]: s for s in data["events"]}
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in by_id["st-3"]["text"]["text"]


# --- CSV tables and the Frictionless data package ---------------------------------------------


def test_csv_package_validates_with_frictionless_and_loads_back(each, tmp_path):
    folder = tmp_path / "tables"
    result = export(each, "csv", folder)
    assert {p.name for p in result.paths} == {t.filename for t in TABLES} | {
        "datapackage.json",
        "README.md",
    }
    report = frictionless.validate(folder / "datapackage.json")
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "note"])[:5]
    back = load_dossier(folder)
    assert back.counts().to_dict() == each.counts().to_dict()
    assert back.title == each.title


def test_frictionless_catches_a_broken_reference_in_an_export(second, tmp_path):
    folder = tmp_path / "tables"
    export(second, "csv", folder)
    path = folder / "statements.csv"
    rows = list(csv.reader(path.open(encoding="utf-8")))
    rows[1][1] = "NOBODY"  # actor_id
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    report = frictionless.validate(folder / "datapackage.json")
    assert not report.valid
    assert "foreign-key" in {row[0] for row in report.flatten(["type"])}


def test_csv_neutralises_formula_prefixes(hostile, tmp_path):
    folder = tmp_path / "tables"
    export(hostile, "csv", folder)
    statements = {
        r["statement_id"]: r
        for r in csv.DictReader((folder / "statements.csv").open(encoding="utf-8"))
    }
    assert statements["st-1"]["summary"] == '\'=HYPERLINK("http://evil.example","click")'
    assert statements["st-2"]["notes"] == "'@SUM(A1:A9)"
    assert statements["st-3"]["summary"].startswith("'-2+3")
    assert statements["st-2"]["summary"] == "Fake news."  # untouched
    events = list(csv.DictReader((folder / "events.csv").open(encoding="utf-8")))
    assert events[0]["summary"] == "'+cmd|' /C calc'!A0"
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert NEUTRALISED_NOTE in package["description"]
    assert NEUTRALISED_NOTE in (folder / "README.md").read_text(encoding="utf-8")
    assert frictionless.validate(folder / "datapackage.json").valid


@pytest.mark.parametrize(
    "value, expected",
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@A1", "'@A1"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Russia", "Russia"),
        ("a=b", "a=b"),
        ("", ""),
    ],
    ids=["equals", "plus", "minus", "at", "tab", "cr", "plain", "inner-equals", "empty"],
)
def test_neutralise(value, expected):
    assert neutralise(value) == expected


@pytest.mark.parametrize(
    "folder", sorted(p.parent for p in DATA_DIR.glob("*/datapackage.json")), ids=lambda p: p.name
)
def test_every_dossier_descriptor_is_generated_from_the_schema(folder):
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    present = {p.stem for p in folder.glob("*.csv")}
    generated = [
        r
        for r in descriptor(package["name"], package["title"])["resources"]
        if r["name"] in present
    ]
    assert package["resources"] == generated
    assert frictionless.validate(folder / "datapackage.json").valid


# --- as-of dates and filters ------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["gexf", "graphml", "timelinejs", "csv", "ftm"])
def test_exports_respect_the_as_of_date(second, tmp_path, fmt):
    out = tmp_path / ("tables" if fmt == "csv" else f"d.{fmt}")
    export(second, fmt, out, as_of="2021-12-31")
    kept = {
        "st-2021-03-22-lavrov",
        "ev-2001-07-16-rus-chn-treaty-signed",
        "ev-2002-02-28-rus-chn-treaty-in-force",
        "ev-2021-rus-chn-treaty-extended",
    }
    if fmt in ("gexf", "graphml"):
        g = (nx.read_gexf if fmt == "gexf" else nx.read_graphml)(out)
        records = {d["record_id"] for *_, d in g.edges(data=True)}
        assert records == {
            "pt-rus-chn-2001",
            "un-panel-1718",
            "putin",
            "xi",
            "lavrov",
            "snider",
            *(kept - {"st-2021-03-22-lavrov"}),
        }
    elif fmt == "timelinejs":
        data = json.loads(out.read_text(encoding="utf-8"))
        assert {s["unique_id"] for s in data["events"]} == kept
    elif fmt == "csv":
        back = load_dossier(out)
        assert _record_ids(back) == kept
        assert set(back.partnerships["partnership_id"]) == {"pt-rus-chn-2001"}
        assert back.allegations.empty
    else:
        ids = {e["id"] for e in _entities(out)}
        assert kept <= ids
        assert not {"pt-rus-chn-2022", "st-2022-11-matthews", "al-chn-secret-annex"} & ids


def test_as_of_partial_date_means_the_end_of_its_period(second):
    assert _record_ids(scoped(second, "2022")) == _record_ids(scoped(second, "2022-12-31"))
    assert "st-2022-12-13-snider" in _record_ids(scoped(second, "2022-12"))
    assert "st-2022-12-13-snider" not in _record_ids(scoped(second, "2022-12-12"))


def test_as_of_on_the_bundled_dossier(dossier):
    cut = scoped(dossier, "2024-10-20")
    assert cut.statements["reported"].max() <= pd.Timestamp("2024-10-20")
    assert "pt-rus-irn-2025" not in set(cut.partnerships["partnership_id"])
    assert "pt-rus-prk-2024" in set(cut.partnerships["partnership_id"])
    assert not {"pt-rus-irn-2025"} & set(cut.statements["partnership_id"].dropna())
    cited = {
        s
        for f in (cut.actors, cut.statements, cut.events, cut.obligations)
        for row in f["source_ids"]
        for s in row
    }
    assert cited <= set(cut.sources["source_id"])


def test_exports_respect_filters(second, tmp_path):
    path = tmp_path / "d.json"
    export(second, "timelinejs", path, filters=Filters(actors=("snider",)))
    data = json.loads(path.read_text(encoding="utf-8"))
    assert [s["unique_id"] for s in data["events"]] == ["st-2022-12-13-snider"]
    strict = scoped(second, filters=Filters(min_reliability="B"))
    assert "st-2022-11-matthews" not in _record_ids(strict)  # its only source is graded D
    assert strict.allegations.empty


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"fmt": "pdf"}, "unknown format 'pdf'; choose one of gexf, graphml, timelinejs, csv, ftm"),
        ({"fmt": "gexf", "as_of": "2024-13"}, "as-of date '2024-13': not a real calendar date"),
        (
            {"fmt": "gexf", "filters": {"actors": ["RUS"]}},
            "filters must be an analysis.filtering.Filters",
        ),
    ],
    ids=["format", "as-of", "filters"],
)
def test_export_errors(second, tmp_path, kwargs, message):
    fmt = kwargs.pop("fmt")
    with pytest.raises(ExportError, match=message.replace("(", r"\(").replace(")", r"\)")):
        export(second, fmt, tmp_path / "x", **kwargs)


@pytest.mark.parametrize("where", ["data", "dossier"], ids=["data-dir", "dossier-dir"])
def test_nothing_is_written_inside_data(mini_dir, where):
    d = load_dossier(mini_dir)
    out = DATA_DIR / "export.gexf" if where == "data" else mini_dir / "export.gexf"
    with pytest.raises(ExportError, match="refusing to write"):
        export(d, "gexf", out)
    assert not out.exists()


def test_formats_match_the_cli():
    assert tuple(FORMATS) == _EXPORT_FORMATS


# --- the command line -------------------------------------------------------------------------


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "analysis", "export", *args],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        timeout=120,
    )


def test_cli_writes_and_says_what(tmp_path):
    out = tmp_path / "rc.gexf"
    done = _cli(
        "--format",
        "gexf",
        "--dossier",
        "russia-china-2022",
        "--as-of",
        "2022-12-31",
        "--out",
        str(out),
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "Russia and China: a partnership without an alliance (2001-2025) as of 2022-12-31: "
        "wrote GEXF 1.2 graph with time intervals (Gephi) (13 nodes, 15 edges)",
        f"  {out}",
    ]
    assert nx.read_gexf(out).number_of_edges() == 15


def test_cli_unknown_format(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["export", "--format", "pdf", "--out", str(tmp_path / "x.pdf")])
    assert exit_.value.code == 2
    assert "argument --format: invalid choice: 'pdf'" in capsys.readouterr().err


def test_cli_refuses_data_dir(capsys):
    out = DATA_DIR / "exported"
    assert main(["export", "--format", "csv", "--out", str(out)]) == 2
    assert f"error: refusing to write {out}: it is inside" in capsys.readouterr().err
    assert not out.exists()


def test_cli_overwrites_only_with_force(tmp_path, capsys):
    out = tmp_path / "rc.json"
    out.write_text("keep me", encoding="utf-8")
    args = ["export", "--format", "timelinejs", "--dossier", str(SECOND), "--out", str(out)]
    assert main(args) == 2
    assert f"error: {out} exists; pass --force to overwrite it" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "keep me"
    assert main([*args, "--force"]) == 0
    assert "wrote TimelineJS3 JSON (15 slides)" in capsys.readouterr().out
    assert json.loads(out.read_text(encoding="utf-8"))["events"]


def test_cli_csv_folder_rules(tmp_path, capsys):
    folder = tmp_path / "tables"
    args = ["export", "--format", "csv", "--dossier", str(SECOND), "--out", str(folder)]
    assert main(args) == 0
    capsys.readouterr()
    (folder / "mine.txt").write_text("not ours", encoding="utf-8")
    assert main(args) == 2
    assert "exists and is not empty; pass --force" in capsys.readouterr().err
    assert main([*args, "--force"]) == 0
    assert (folder / "mine.txt").read_text(encoding="utf-8") == "not ours"


def test_cli_invalid_dossier_and_bad_date(tmp_path, mini_tables, capsys):
    mini_tables["statements"][0]["actor_id"] = "NOBODY"
    bad = write_tables(tmp_path / "bad", mini_tables)
    assert (
        main(
            ["export", "--format", "ftm", "--dossier", str(bad), "--out", str(tmp_path / "x.json")]
        )
        == 1
    )
    assert "names an id that is not in actors.csv: 'NOBODY'" in capsys.readouterr().err
    assert (
        main(
            [
                "export",
                "--format",
                "ftm",
                "--dossier",
                str(SECOND),
                "--as-of",
                "2024-13",
                "--out",
                str(tmp_path / "y.json"),
            ]
        )
        == 2
    )
    assert "as-of date '2024-13': not a real calendar date" in capsys.readouterr().err
    assert not (tmp_path / "y.json").exists()


def test_refuse_protected_allows_build(tmp_path):
    refuse_protected(PROJECT_ROOT / "build" / "x.gexf")
    refuse_protected(tmp_path / "x.gexf")
    with pytest.raises(ExportError):
        refuse_protected(SECOND / "x.gexf")


def test_a_statement_naming_several_allegations_exports_one_edge_to_each(dossier):
    g = dossier_graph(dossier)
    edges = {(u, v, k) for u, v, k, d in g.edges(keys=True, data=True) if d["record_id"] == MSMT}
    assert edges == {
        ("msmt", a, f"{MSMT}.{a}")
        for a in ("al-prk-shells", "al-prk-missiles", "al-rus-prk-airdefence")
    }
    # a statement naming one allegation keeps its own id as the edge's key
    assert g.has_edge("PRK", "al-prk-troops", "st-2025-04-28-prk-wpk-cmc-troops")


def test_a_scoped_export_keeps_only_the_allegations_in_scope(dossier):
    # a status filter that keeps the air-defence allegation (alleged) but not the disputed two
    cut = scoped(dossier, filters=Filters(statuses=("alleged",)))
    st = cut.statements.set_index("statement_id")
    assert st.at[MSMT, "allegation_ids"] == ("al-rus-prk-airdefence",)
    assert {"al-prk-shells", "al-prk-missiles"}.isdisjoint(cut.allegations["allegation_id"])


MSMT = "st-2025-05-29-msmt"


def _with_focus(folder, **focus):
    path = folder / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({**package, "focus": focus}), encoding="utf-8")
    return folder


def test_csv_export_keeps_the_focus(mini_dir, tmp_path):
    _with_focus(mini_dir, partnership="pt-x", allegation="al-troops", as_of="2024-10-20")
    export(load_dossier(mini_dir), "csv", tmp_path / "tables")
    package = json.loads((tmp_path / "tables" / "datapackage.json").read_text(encoding="utf-8"))
    assert package["focus"] == {
        "partnership": "pt-x",
        "allegation": "al-troops",
        "as_of": "2024-10-20",
    }
    assert load_dossier(tmp_path / "tables").focus["partnership"] == "pt-x"


def test_a_scoped_csv_export_keeps_only_the_focus_ids_it_holds(mini_dir, tmp_path):
    # On 1 July 2024 Treaty X was signed, but nothing of the allegation was reported yet
    # (first alleged on 10 Oct 2024); before the signing neither is in the export.
    _with_focus(mini_dir, partnership="pt-x", allegation="al-troops")
    found = {}
    for as_of in ("2024-01-01", "2024-07-01", "2024-10-20"):
        export(load_dossier(mini_dir), "csv", tmp_path / as_of, as_of=as_of)
        found[as_of] = load_dossier(tmp_path / as_of).metadata["focus"]  # and it loads
    assert found == {
        "2024-01-01": {},
        "2024-07-01": {"partnership": "pt-x"},
        "2024-10-20": {"partnership": "pt-x", "allegation": "al-troops"},
    }
