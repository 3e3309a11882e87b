"""One rule for partnership dates: the timeline, the network and every export agree.

Before the rule had one home, the timeline and the exports gave different signing or
entry-into-force dates for four bundled partnerships (SCO, BRICS, Belarus in the SCO, the
Iran-EAEU FTA): the exports ignored accessions and replacements.
"""

from __future__ import annotations

import json

import networkx as nx
import pandas as pd
import pytest

from analysis import load_dossier
from analysis.common import DATA_DIR
from analysis.exports import export
from analysis.figures import TraceRole, traces
from analysis.figures.timeline import timeline_spec
from analysis.filtering import apply_filters, partnership_dates

DOSSIERS = sorted(p.name for p in DATA_DIR.iterdir() if (p / "datapackage.json").exists())


def _iso(value) -> str | None:
    return None if pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


@pytest.fixture(scope="module", params=DOSSIERS)
def dossier(request):
    return load_dossier(DATA_DIR / request.param)


def test_the_view_and_the_rule_give_the_same_dates(dossier):
    dates = partnership_dates(dossier)
    view = apply_filters(dossier).partnerships.set_index("partnership_id")
    for pid, row in view.iterrows():
        for col in ("signed", "in_force", "ended"):
            assert _iso(row[col]) == _iso(dates.at[pid, col]), (pid, col)


def test_the_timeline_draws_each_span_from_those_dates(dossier):
    dates = partnership_dates(dossier)
    spec = timeline_spec(apply_filters(dossier))
    spans = traces(spec, TraceRole.PARTNERSHIP)
    drawn = {
        pd.Timestamp(x, unit="ms").strftime("%Y-%m-%d")
        for t in spans
        for x in t["x"]
        if x is not None and x == x
    }
    starts = {_iso(v) for v in dates["start"] if pd.notna(v)}
    assert starts <= drawn


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_exports_carry_those_dates(dossier, fmt, tmp_path):
    dates = partnership_dates(dossier)
    out = tmp_path / f"d.{fmt}"
    export(dossier, fmt, out)
    graph = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
    seen = 0
    for _, _, attrs in graph.edges(data=True):
        pid = attrs.get("record_id")
        if attrs.get("relation") not in ("partnership", "membership"):
            continue
        seen += 1
        # a recorded entry into force only: one in effect from its signing carries none
        by_signing = dates.at[pid, "takes_effect"] != "on_entry_into_force"
        in_force = None if by_signing else _iso(dates.at[pid, "in_force"])
        if fmt == "graphml":
            assert attrs.get("start") == _iso(dates.at[pid, "start"]), pid
        assert attrs.get("in_force") == in_force, pid
    assert seen >= len(dossier.partnerships)


def test_ftm_export_carries_those_dates(dossier, tmp_path):
    dates = partnership_dates(dossier)
    out = tmp_path / "d.ftm.json"
    export(dossier, "ftm", out)
    starts = {}
    for line in out.read_text().splitlines():
        entity = json.loads(line)
        for pid in dossier.partnerships["partnership_id"]:
            if entity["id"].endswith(pid) and "startDate" in entity["properties"]:
                starts[pid] = entity["properties"]["startDate"][0]
    assert starts
    for pid, start in starts.items():
        assert _iso(dates.at[pid, "start"]).startswith(start), pid


def test_an_accession_counts_as_entry_into_force():
    d = load_dossier(DATA_DIR / "russia-iran-2025")
    dates = partnership_dates(d)
    accessions = d.events[d.events["kind"] == "accession"]
    assert len(accessions)
    for pid, when in zip(accessions["partnership_id"], accessions["occurred"], strict=True):
        if pd.isna(dates.at[pid, "in_force"]) or dates.at[pid, "in_force"] > when:
            pytest.fail(f"{pid}: accession on {when.date()} is not its entry into force")
