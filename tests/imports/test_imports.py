"""Imports into a new folder: TimelineJS, GEXF, GraphML and Kumu, each with a report of what it
could not map; export -> import -> export gives the same content for the formats the project
writes."""

from __future__ import annotations

import csv
import json

import networkx as nx
import pytest
from curator import fill_in

from analysis import load_dossier
from analysis.cli import main
from analysis.common.paths import DATA_DIR
from analysis.exports import export
from analysis.imports import TEMPLATE_COLUMNS, ImportRefused, import_file, new_dossier

SECOND = DATA_DIR / "russia-china-2022"


def rows(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def report_lines(folder):
    return [
        line[2:]
        for line in (folder / "import-report.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("- ")
    ]


# --- graphs: round trips ----------------------------------------------------------------------

_ACTOR_KEYS = ("label", "kind", "alignment", "role", "affiliation_id")
_PARTNERSHIP_KEYS = ("label", "partnership_kind", "binding", "start", "in_force", "end")


def _graph_content(g: nx.MultiDiGraph):
    actors = {
        n: {k: d.get(k) for k in _ACTOR_KEYS}
        for n, d in g.nodes(data=True)
        if d.get("node_type") == "actor"
    }
    partnerships = {
        (d["record_id"], u, v): {k: d.get(k) for k in _PARTNERSHIP_KEYS}
        for u, v, d in g.edges(data=True)
        if d.get("relation") in ("partnership", "membership")
    }
    return actors, partnerships


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_graph_export_import_export_keeps_actors_and_partnerships(tmp_path, fmt):
    first = tmp_path / f"first.{fmt}"
    export(load_dossier(SECOND), fmt, first)
    result = import_file(fmt, first, tmp_path / "imported")
    assert result.counts == {"actors": 12, "partnerships": 3, "events": 4}
    fill_in(tmp_path / "imported")
    again = tmp_path / f"again.{fmt}"
    export(load_dossier(tmp_path / "imported"), fmt, again)
    read = nx.read_gexf if fmt == "gexf" else nx.read_graphml
    original, back = _graph_content(read(first)), _graph_content(read(again))
    assert back == original
    assert len(original[1]) == 3  # the partnerships really were compared


def test_a_graph_of_ones_own_with_dynamic_intervals(tmp_path):
    g = nx.Graph(mode="dynamic")
    g.add_node("RUS", label="Russia", kind="state")
    g.add_node("BLR", label="Belarus", kind="State")
    g.add_node("csto", label="CSTO")
    g.add_edge("RUS", "BLR", label="Union State", start="1999-12-08", end="2030-01-01")
    g.add_edge("RUS", "csto", label="Member", partnership_kind="membership", start="2002-10-07")
    nx.write_gexf(g, tmp_path / "mine.gexf")
    import_file("gexf", tmp_path / "mine.gexf", tmp_path / "d")
    actors = rows(tmp_path / "d" / "actors.csv")
    assert [(a["actor_id"], a["name"], a["kind"]) for a in actors] == [
        ("RUS", "Russia", "state"),
        ("BLR", "Belarus", "state"),
        ("csto", "CSTO", ""),
    ]
    events = {
        e["event_id"]: (e["kind"], e["occurred"]) for e in rows(tmp_path / "d" / "events.csv")
    }
    assert events == {
        "ev-pt-union-state-signing": ("signing", "1999-12-08"),
        "ev-pt-union-state-termination": ("termination", "2030-01-01"),
        "ev-pt-member-accession": ("accession", "2002-10-07"),
    }
    lines = report_lines(tmp_path / "d")
    assert "actors.csv csto kind: '': no actor_kind term given: left empty, choose one" in lines
    assert (
        "partnerships.csv pt-union-state kind: '': the graph does not give it: left empty, fill it in"
        in lines
    )


def test_an_unreadable_graph_is_refused(tmp_path):
    (tmp_path / "bad.gexf").write_text("<gexf><graph>", encoding="utf-8")
    with pytest.raises(ImportRefused, match=r"bad.gexf: cannot be read as GEXF"):
        import_file("gexf", tmp_path / "bad.gexf", tmp_path / "d")
    assert not (tmp_path / "d").exists()


# --- TimelineJS ------------------------------------------------------------------------------


def _slides(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    return {
        s["unique_id"]: (
            {k: s["start_date"].get(k) for k in ("year", "month", "day")},
            (s.get("media") or {}).get("url"),
        )
        for s in data["events"]
    }


def test_timelinejs_export_import_export_keeps_every_slide_date_and_media(tmp_path):
    first = tmp_path / "first.json"
    export(load_dossier(SECOND), "timelinejs", first)
    base = tmp_path / "base"
    new_dossier(base, "Base", from_dossier=SECOND)  # who is who, and the sources
    result = import_file("timelinejs", first, tmp_path / "imported", base=base)
    assert result.counts == {"events": len(json.loads(first.read_text())["events"])}
    fill_in(tmp_path / "imported", actors="RUS")
    again = tmp_path / "again.json"
    export(load_dossier(tmp_path / "imported"), "timelinejs", again)
    assert _slides(again) == _slides(first)


def _sheet(path, lines):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(TEMPLATE_COLUMNS)
        for line in lines:
            writer.writerow([line.get(c, "") for c in TEMPLATE_COLUMNS])


def test_a_timelinejs_sheet_becomes_events_and_sources(tmp_path):
    _sheet(
        tmp_path / "sheet.csv",
        [
            {"Headline": "Our timeline", "Type": "title"},
            {"Year": "2024", "Month": "6", "Day": "19", "Headline": "Treaty signed",
             "Text": "<p>In <b>Pyongyang</b>.</p>", "Media": "https://example.org/a",
             "Media Credit": "Example News", "Media Caption": "The signing", "Group": "RU-CN 2001"},
            {"Year": "2024", "Month": "10", "Headline": "Troops reported", "Time": "10:00"},
            {"Year": "2024", "Month": "13", "Headline": "A slip"},
            {"Year": "2020", "End Year": "2021", "Headline": "Years", "Type": "era"},
        ],
    )  # fmt: skip
    base = tmp_path / "base"
    new_dossier(base, "Base", from_dossier=SECOND)
    import_file("timelinejs", tmp_path / "sheet.csv", tmp_path / "d", base=base)
    events = rows(tmp_path / "d" / "events.csv")
    assert [(e["event_id"], e["occurred"], e["summary"], e["source_ids"]) for e in events] == [
        ("ev-2024-06-19-treaty-signed", "2024-06-19", "Treaty signed. In Pyongyang.", "src-example-org"),
        ("ev-2024-10-troops-reported", "2024-10", "Troops reported.", ""),
    ]  # fmt: skip
    assert events[0]["partnership_id"] == ""  # the group names no partnership of the base
    source = [
        s for s in rows(tmp_path / "d" / "sources.csv") if s["source_id"] == "src-example-org"
    ]
    assert [(s["url"], s["publisher"], s["title"], s["reliability"]) for s in source] == [
        ("https://example.org/a", "Example News", "The signing", "")
    ]
    lines = report_lines(tmp_path / "d")
    assert lines[:4] == [
        "sheet.csv row 3 Group: 'RU-CN 2001': names no partnership or allegation of the base dossier: not imported",
        "sheet.csv row 4 Time: '10:00': has no dossier field: not imported",
        "sheet.csv row 5: '2024-13-': not a real date: the slide was not imported",
        "sheet.csv row 6: 'Years': an era is not an event: not imported",
    ]
    assert (
        "events.csv ev-2024-10-troops-reported: 'kind, actor_ids, reported, credibility, source_ids': the timeline does not say: left empty, fill in"
        in lines
    )
    assert json.loads((tmp_path / "d" / "datapackage.json").read_text())["title"] == "Our timeline"


def test_a_sheet_without_the_template_columns_is_refused(tmp_path):
    (tmp_path / "x.csv").write_text("date,what\n2024,x\n", encoding="utf-8")
    with pytest.raises(ImportRefused, match="x.csv: not a TimelineJS sheet"):
        import_file("timelinejs", tmp_path / "x.csv", tmp_path / "d")


# --- Kumu --------------------------------------------------------------------------------------


KUMU = {
    "elements": [
        {"label": "Russia", "type": "State", "id": "RUS", "Wikidata": "Q159"},
        {"label": "Iran", "type": "State", "id": "IRN", "description": "A state"},
        {"label": "Valdai Club", "type": "Think tank"},
        {"label": "Someone", "type": "Hero"},
    ],
    "connections": [
        {"from": "Russia", "to": "Iran", "type": "Treaty", "label": "RU-IR 2025"},
        {"from": "Valdai Club", "to": "Russia", "type": "funds"},
        {"from": "Russia", "to": "Nobody"},
    ],
}


@pytest.mark.parametrize("form", ["json", "csv"])
def test_a_kumu_map_becomes_actors_and_partnerships(tmp_path, form):
    if form == "json":
        source = tmp_path / "map.json"
        source.write_text(json.dumps(KUMU), encoding="utf-8")
    else:
        source = tmp_path / "map"
        source.mkdir()
        for name, items in KUMU.items():
            keys = list(dict.fromkeys(k for item in items for k in item))
            with open(source / f"{name}.csv", "w", newline="", encoding="utf-8") as fh:
                writer = csv.DictWriter(fh, fieldnames=[k.title() for k in keys])
                writer.writeheader()
                writer.writerows({k.title(): v for k, v in item.items()} for item in items)
    import_file("kumu", source, tmp_path / "d")
    actors = rows(tmp_path / "d" / "actors.csv")
    assert [(a["actor_id"], a["name"], a["kind"], a["wikidata"]) for a in actors] == [
        ("RUS", "Russia", "state", "Q159"),
        ("IRN", "Iran", "state", ""),
        ("valdai-club", "Valdai Club", "think_tank", ""),
        ("someone", "Someone", "", ""),
    ]
    partnerships = rows(tmp_path / "d" / "partnerships.csv")
    assert [(p["partnership_id"], p["kind"], p["parties"]) for p in partnerships] == [
        ("pt-ru-ir-2025", "treaty", "RUS;IRN")
    ]
    lines = report_lines(tmp_path / "d")
    name = source.name
    assert f"{name} element Iran: 'description': fields with no actor field: not imported" in lines
    assert (
        f"{name} connection 1: 'funds': not a partnership kind (treaty, joint statement, membership, agreement): record it as a statement or event; not imported"
        in lines
    )
    assert (
        f"{name} connection 2: 'Russia -> Nobody': an end names no element: not imported" in lines
    )
    assert (
        "actors.csv someone kind: 'Hero': not an actor kind (state, bloc, organisation, person, media, think tank): left empty, choose one"
        in lines
    )


# --- the command -------------------------------------------------------------------------------


def test_import_never_writes_over_a_folder_and_says_so(tmp_path, capsys):
    (tmp_path / "d").mkdir()
    (tmp_path / "g.gexf").write_text("x")
    assert main(["import", "gexf", str(tmp_path / "g.gexf"), "--out", str(tmp_path / "d")]) == 2
    assert capsys.readouterr().err.startswith(
        f"python -m analysis import: error: {tmp_path / 'd'} exists (a folder)"
    )
    assert list((tmp_path / "d").iterdir()) == []


def test_wikidata_ids_travel_through_gexf_and_into_followthemoney(tmp_path, mini_tables):
    from conftest import write_tables

    mini_tables["actors"][0]["wikidata"] = "Q159"
    dossier = load_dossier(write_tables(tmp_path / "mini", mini_tables))
    export(dossier, "gexf", tmp_path / "g.gexf")
    import_file("gexf", tmp_path / "g.gexf", tmp_path / "d")
    actors = {a["actor_id"]: a["wikidata"] for a in rows(tmp_path / "d" / "actors.csv")}
    first = mini_tables["actors"][0]["actor_id"]
    assert actors[first] == "Q159" and set(actors.values()) == {"Q159", ""}
    export(dossier, "ftm", tmp_path / "e.ftm.json")
    entities = [json.loads(line) for line in (tmp_path / "e.ftm.json").read_text().splitlines()]
    assert [e["properties"]["wikidataId"] for e in entities if "wikidataId" in e["properties"]] == [
        ["Q159"]
    ]


def test_an_import_on_a_base_keeps_the_base_focus(mini_dir, tmp_path):
    path = mini_dir / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    focus = {"partnership": "pt-x", "allegation": "al-troops", "as_of": "2024-10-20"}
    path.write_text(json.dumps({**package, "focus": focus}), encoding="utf-8")
    _sheet(tmp_path / "sheet.csv", [{"Year": "2024", "Month": "6", "Headline": "Talks"}])
    import_file("timelinejs", tmp_path / "sheet.csv", tmp_path / "d", base=mini_dir)
    written = json.loads((tmp_path / "d" / "datapackage.json").read_text(encoding="utf-8"))
    assert written["focus"] == focus
