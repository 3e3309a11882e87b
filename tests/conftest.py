"""Shared fixtures: the bundled dossier, and a small valid dossier written to a temp folder."""

from __future__ import annotations

import copy
import csv
import json
from pathlib import Path

import pytest

from analysis import load_dossier
from analysis.schema import TABLES

# Fails the session if any file under data/ is added, changed or removed by the tests.
pytest_plugins = ["plugins.data_guard"]

# A tiny dossier drawn from the bundled one's facts, small enough to read in a test.
MINI: dict[str, list[dict[str, str]]] = {
    "sources": [
        {
            "source_id": "src-a",
            "publisher": "NK News",
            "title": "Russia confirms",
            "url": "https://www.nknews.org/2025/04/in-a-first-russia-confirms-north-koreas-involvement-in-ukraine-war/",
            "published": "2025-04-26",
            "kind": "wire_or_newspaper",
            "reliability": "B",
            "fact_sheet_tier": "A",
            "language": "en",
        },
        {
            "source_id": "src-b",
            "publisher": "Business Recorder",
            "title": "Kremlin dismisses reports",
            "published": "2024-10-10",
            "kind": "aggregator",
            "reliability": "D",
            "language": "en",
        },
    ],
    "actors": [
        {
            "actor_id": "RUS",
            "name": "Russia",
            "kind": "state",
            "alignment": "russia_and_partners",
            "source_ids": "src-a",
        },
        {
            "actor_id": "PRK",
            "name": "North Korea",
            "kind": "state",
            "alignment": "russia_and_partners",
            "source_ids": "src-a",
        },
        {
            "actor_id": "KOR",
            "name": "South Korea",
            "kind": "state",
            "alignment": "west_and_partners",
            "source_ids": "src-b",
        },
        {
            "actor_id": "peskov",
            "name": "Dmitry Peskov",
            "kind": "person",
            "affiliation_id": "RUS",
            "role": "Kremlin spokesman",
            "alignment": "russia_and_partners",
            "source_ids": "src-b",
        },
    ],
    "partnerships": [
        {
            "partnership_id": "pt-x",
            "name": "Treaty X",
            "short_name": "X",
            "kind": "treaty",
            "parties": "RUS;PRK",
            "binding": "true",
            "articles": "23",
            "summary": "A treaty.",
            "source_ids": "src-a",
        },
    ],
    "obligations": [
        {
            "obligation_id": "ob-x-1",
            "partnership_id": "pt-x",
            "category": "mutual_defence",
            "presence": "present",
            "article": "4",
            "article_certainty": "cited",
            "paraphrase": "Aid if attacked.",
            "source_ids": "src-a",
        },
    ],
    "allegations": [
        {
            "allegation_id": "al-troops",
            "proposition": "PRK sent troops to RUS",
            "accused_ids": "PRK",
            "beneficiary_ids": "RUS",
            "topic": "troops",
            # declared a transfer (of troops), so that the mini network has a transfer edge
            "alleges_transfer": "true",
            "source_ids": "src-b",
        },
    ],
    "statements": [
        {
            "statement_id": "st-1",
            "actor_id": "KOR",
            "allegation_ids": "al-troops",
            "stance": "alleges",
            "summary": "Seoul says troops may join.",
            "occurred": "2024-10",
            "reported": "2024-10-10",
            "credibility": "3",
            "source_ids": "src-b",
        },
        {
            "statement_id": "st-2",
            "actor_id": "RUS",
            "speaker_id": "peskov",
            "allegation_ids": "al-troops",
            "stance": "denies",
            "summary": "Fake news.",
            "occurred": "2024-10-10",
            "reported": "2024-10-10",
            "credibility": "2",
            "source_ids": "src-b",
        },
        {
            "statement_id": "st-3",
            "actor_id": "RUS",
            "allegation_ids": "al-troops",
            "stance": "confirms",
            "summary": "Russia confirms.",
            "occurred": "2025-04-26",
            "reported": "2025-04-26",
            "credibility": "1",
            "source_ids": "src-a",
        },
    ],
    "events": [
        {
            "event_id": "ev-sign",
            "kind": "signing",
            "occurred": "2024-06-19",
            "reported": "2024-06-19",
            "actor_ids": "RUS;PRK",
            "partnership_id": "pt-x",
            "summary": "Signed.",
            "credibility": "1",
            "source_ids": "src-a",
        },
        {
            "event_id": "ev-force",
            "kind": "entry_into_force",
            "occurred": "2024-12-04",
            "reported": "2024-12-05",
            "actor_ids": "RUS;PRK",
            "partnership_id": "pt-x",
            "summary": "In force.",
            "credibility": "1",
            "source_ids": "src-a",
        },
    ],
}


def descriptor_for(tables, **metadata) -> dict:
    """The least ``datapackage.json`` a dossier of ``tables`` needs: its resources."""
    resources = [{"name": t.name, "path": t.filename} for t in TABLES if t.name in tables]
    return {**metadata, "resources": resources}


def write_tables(folder: Path, tables: dict[str, list[dict[str, str]]]) -> Path:
    """Write ``tables`` as a dossier in ``folder``, with every declared column in order (a
    column that may be absent only when a row fills it), and a ``datapackage.json`` listing
    them (no title: the dossier is named after its folder)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "datapackage.json").write_text(json.dumps(descriptor_for(tables), indent=2))
    for table in TABLES:
        if table.name not in tables:
            continue
        rows = tables[table.name]
        names = [
            f.name for f in table.fields if not f.may_be_absent or any(r.get(f.name) for r in rows)
        ]
        with open(folder / table.filename, "w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=names)
            writer.writeheader()
            for row in rows:
                writer.writerow({k: row.get(k, "") for k in names})
    return folder


@pytest.fixture
def mini_tables() -> dict[str, list[dict[str, str]]]:
    """A fresh, mutable copy of the mini dossier's rows."""
    return copy.deepcopy(MINI)


@pytest.fixture
def mini_dir(tmp_path, mini_tables) -> Path:
    return write_tables(tmp_path / "mini", mini_tables)


@pytest.fixture(scope="session")
def browser():
    """A headless Debian chromium driven by Playwright (fails under CI if missing)."""
    from playwright.sync_api import sync_playwright
    from support.browser import CHROMIUM_ARGS, chromium_executable

    executable = chromium_executable()
    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="module")
def mini(tmp_path_factory):
    """The mini dossier, loaded once per test module (tests that change it write their own)."""
    return load_dossier(write_tables(tmp_path_factory.mktemp("mini") / "mini", copy.deepcopy(MINI)))


@pytest.fixture(scope="session")
def dossier():
    """The bundled dossier, loaded once per test session."""
    return load_dossier()


# --- background work of the browser tests: report sites and servers ------------------------------
# Report sites of the real notebooks (support/sites.py) build, and servers (support/apps.py)
# start, as soon as tests that need them are collected; tests that wait for a site run last.


def _needing(items, fixtures) -> list:
    return [i for i in items if set(getattr(i, "fixturenames", ())) & set(fixtures)]


def pytest_collection_modifyitems(session, config, items):
    """Tests that wait for a report site run last: the sites build while the others run."""
    from support.sites import SITE_FIXTURES

    waiting = set(map(id, _needing(items, SITE_FIXTURES)))
    items.sort(key=lambda item: id(item) in waiting)  # stable: order kept otherwise


def pytest_collection_finish(session):
    """Start the report builds and the servers the selected tests need, in the background."""
    import os
    import shutil

    from support import apps, sites

    if session.config.option.collectonly:
        return
    has_browser = (
        os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    )
    if not has_browser and not os.environ.get("CI"):
        return  # the browser tests will skip; building and serving would be wasted
    wanted_sites = {
        sites.SITE_FIXTURES[f]
        for item in _needing(session.items, sites.SITE_FIXTURES)
        for f in item.fixturenames
        if f in sites.SITE_FIXTURES
    }
    wanted_apps = {
        name
        for item in _needing(session.items, apps.APP_FIXTURES)
        for f in item.fixturenames
        if f in apps.APP_FIXTURES
        for name in apps.APP_FIXTURES[f]
    }
    if wanted_sites:
        sites.start(wanted_sites)
        session.config.add_cleanup(sites.stop)
    if wanted_apps:
        apps.start(sorted(wanted_apps))
        session.config.add_cleanup(apps.stop)


@pytest.fixture(scope="session")
def real_site():
    """The report of every real notebook against the bundled dossier (built in the
    background; see support/sites.py)."""
    from support.sites import site

    return site("real")


@pytest.fixture(scope="session")
def skeleton_site():
    """The report of the notebooks on a fresh skeleton (``python -m analysis new``)."""
    from support.sites import site

    return site("skeleton")


@pytest.fixture(scope="session")
def hostile_site():
    """The report of the notebooks that run on the hostile dossier."""
    from support.sites import site

    return site("hostile")


@pytest.fixture(scope="session")
def voila_apps():
    """The live app on the bundled dossier, the hostile one and a fresh skeleton: name -> App."""
    from support.apps import APP_FIXTURES, app

    return {name: app(name) for name in APP_FIXTURES["voila_apps"]}


@pytest.fixture(scope="session")
def lab_server():
    """JupyterLab on a temporary copy of the timeline explorer notebook."""
    from support.apps import app

    return app("lab")
