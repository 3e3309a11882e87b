"""The second dossier (data/russia-china-2022) loads with no code change and holds its facts."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import allegation_status, load_dossier
from analysis.common.paths import DATA_DIR
from analysis.schema import VOCABULARIES

CATEGORIES = [c for c in VOCABULARIES["obligation_category"] if c != "other"]
PARTNERSHIPS = {"pt-rus-chn-2001", "pt-rus-chn-2022", "pt-rus-chn-2025"}


@pytest.fixture(scope="module")
def rc():
    return load_dossier(DATA_DIR / "russia-china-2022")


def test_loads_by_name_with_its_title_and_focus(rc):
    assert load_dossier("russia-china-2022").counts().equals(rc.counts())
    assert rc.title.startswith("Russia and China")
    assert rc.focus["partnership"] == "pt-rus-chn-2022"
    assert rc.focus["allegation"] == "al-chn-secret-annex"


def test_sizes(rc):
    counts = rc.counts()
    assert counts["actors"] >= 10
    assert counts["statements"] >= 6
    assert counts["events"] >= 8
    assert 1 <= counts["allegations"] <= 2
    assert set(rc.partnerships["partnership_id"]) == PARTNERSHIPS


@pytest.mark.parametrize("pid", sorted(PARTNERSHIPS))
def test_every_category_is_coded(rc, pid):
    ob = rc.obligations[rc.obligations["partnership_id"] == pid]
    assert set(ob["category"].astype(str)) >= set(CATEGORIES)


@pytest.mark.parametrize(
    "pid, category, presence, article",
    [
        ("pt-rus-chn-2001", "mutual_defence", "absent", None),
        ("pt-rus-chn-2001", "consultation_on_threat", "present", "9"),
        ("pt-rus-chn-2001", "duration_renewal", "present", "25"),
        ("pt-rus-chn-2001", "non_participation_in_hostile_alliances", "present", "8"),
        ("pt-rus-chn-2022", "mutual_defence", "absent", None),
        ("pt-rus-chn-2022", "non_participation_in_hostile_alliances", "partial", None),
    ],
    ids=["2001-no-defence", "2001-art9", "2001-art25", "2001-art8", "2022-no-defence", "2022-nato"],
)
def test_obligations(rc, pid, category, presence, article):
    ob = rc.obligations
    row = ob[(ob["partnership_id"] == pid) & (ob["category"] == category)].iloc[0]
    assert row["presence"] == presence
    assert (None if pd.isna(row["article"]) else row["article"]) == article


def test_secret_annex_is_an_allegation_not_an_obligation(rc):
    status = allegation_status(rc.allegations, rc.statements).loc["al-chn-secret-annex"]
    assert status["status"] == "alleged"
    assert status["first_alleged_by"] == "matthews"
    assert status["denied_by"] == ()
    snider = rc.statements.set_index("statement_id").loc["st-2022-12-13-snider"]
    assert (snider["stance"], snider["actor_id"]) == ("comments", "responsible-statecraft")
    assert not rc.obligations["paraphrase"].str.contains("secret annex").any()


def test_milestones_and_the_veto(rc):
    ev = rc.events.set_index("event_id")
    force = ev.loc["ev-2002-02-28-rus-chn-treaty-in-force"]
    assert (force["kind"], force["occurred"]) == ("entry_into_force", pd.Timestamp("2002-02-28"))
    extension = ev.loc["ev-2021-rus-chn-treaty-extended"]
    assert (extension["kind"], extension["occurred_precision"]) == ("other", "year")
    abstain = ev.loc["ev-2024-03-28-chn-abstains-prk-panel"]
    assert (abstain["kind"], abstain["actor_ids"]) == ("un_action", ("CHN",))


def test_the_article_numbering_conflict_is_recorded(rc):
    d = rc.disputes
    about = d[d["record_id"] == "ob-rus-chn-2001-non_participation_in_hostile_alliances"]
    assert set(about["alternative"]) == {"5", "7 and 22"}
    assert set(about["field"]) == {"article"}


@pytest.mark.slow
def test_the_report_builds_on_the_second_dossier(tmp_path):
    from analysis.common.paths import PROJECT_ROOT
    from analysis.report.build import build_report

    notebooks = [
        PROJECT_ROOT / "notebooks" / name
        for name in ("01-the-question.ipynb", "05-treaty-obligations.ipynb")
    ]
    lines: list[str] = []
    pages = build_report(
        notebooks, tmp_path / "site", dossier=DATA_DIR / "russia-china-2022", progress=lines.append
    )
    assert lines[0].startswith("dossier: Russia and China")
    assert [p.path.name for p in pages] == ["01-the-question.html", "05-treaty-obligations.html"]
    html = (tmp_path / "site" / "01-the-question.html").read_text(encoding="utf-8")
    assert "pt-rus-chn-2022" in html  # the outputs come from the second dossier
    assert '<script src="http' not in html
