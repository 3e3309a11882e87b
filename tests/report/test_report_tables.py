"""Reader tables in a built report: a long table sorts and searches in chromium with the network
blocked, from the shared ``reader-tables.js`` of a light site or the copy a single-file page
inlines; short tables and pages without tables load no DataTables."""

from __future__ import annotations

import copy
import re

import nbformat
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
from support.pages import each_page, offline_tab
from support.reports import mini_dossier

from analysis.figures import reader_table
from analysis.figures.datatables import BUNDLE_FILE, bundle_script
from analysis.report import build as build_module
from analysis.report import build_report

ROWS = 24
#: Chronological order differs from the order of the written dates ("02 Jan 2025" < "10 Mar 2024").
LONG = pd.DataFrame(
    {
        "statement_id": [f"st-{n}" for n in range(ROWS)],
        "reported": pd.to_datetime(
            [f"{2024 - (n % 3)}-{1 + (n * 5) % 12:02d}-{1 + (n * 7) % 27:02d}" for n in range(ROWS)]
        ),
        "summary": [
            "Meeting in Pyongyang" if n == 7 else f"Statement number {n}" for n in range(ROWS)
        ],
        "low_tier_only": [n % 2 == 0 for n in range(ROWS)],
    }
)


def table_output(table) -> nbformat.NotebookNode:
    return new_output("display_data", data={"text/html": table._repr_html_()})


def page(*tables) -> nbformat.NotebookNode:
    cells = [new_markdown_cell("# Tables")]
    for table in tables:
        cell = new_code_cell("reader_table(frame)")
        cell.outputs = [table_output(table)]
        cells.append(cell)
    nb = new_notebook(cells=cells, metadata={"language_info": {"name": "python"}})
    for number, cell in enumerate(nb.cells):
        cell.id = f"c{number}"
    return nb


@pytest.fixture
def notebooks(monkeypatch, tmp_path):
    folder = tmp_path / "notebooks"
    (folder / "classroom").mkdir(parents=True)
    paths = [
        folder / "01-long.ipynb",
        folder / "classroom" / "c1-long.ipynb",
        folder / "02-short.ipynb",
    ]
    for path in paths:
        nbformat.write(new_notebook(), path)
    outputs = {
        "01-long": page(reader_table(LONG), reader_table(LONG.head(3))),
        "c1-long": page(reader_table(LONG)),
        "02-short": page(reader_table(LONG.head(3))),
    }
    monkeypatch.setattr(
        build_module,
        "execute_notebook",
        lambda path, dossier, timeout: copy.deepcopy(outputs[path.stem]),
    )
    return paths


@pytest.fixture
def mini(tmp_path_factory):
    return mini_dossier(tmp_path_factory)


def test_a_light_site_shares_one_datatables_file_and_single_file_pages_inline_it(
    notebooks, tmp_path, mini
):
    bundle = bundle_script()
    light, single = tmp_path / "light", tmp_path / "single"
    build_report(notebooks, light, dossier=mini, single_file=False, progress=lambda _: None)
    build_report(notebooks, single, dossier=mini, single_file=True, progress=lambda _: None)
    assert (light / BUNDLE_FILE).read_text() == bundle
    top, nested, short = (
        (light / n).read_text() for n in ("01-long.html", "classroom/c1-long.html", "02-short.html")
    )
    assert re.search(rf'<script [^>]*src="{BUNDLE_FILE}"', top)
    assert re.search(rf'<script [^>]*src="\.\./{BUNDLE_FILE}"', nested)
    assert bundle[:5000] not in top + nested
    assert BUNDLE_FILE not in short and "reader-sortable" not in short  # 3 rows: plain table
    assert not (single / BUNDLE_FILE).exists()
    alone = (single / "01-long.html").read_text()
    assert alone.count(bundle) == 1 and BUNDLE_FILE not in alone
    assert BUNDLE_FILE not in (single / "02-short.html").read_text()


ROWS_SHOWN = """() => Array.from(document.querySelectorAll('table.reader-sortable tbody tr'))
  .map(tr => Array.from(tr.cells).map(td => td.innerText.trim()))"""


@pytest.mark.browser
@pytest.mark.parametrize("single_file", [False, True], ids=["light", "single-file"])
def test_a_long_table_sorts_and_searches_offline(browser, notebooks, tmp_path, mini, single_file):
    site = tmp_path / "site"
    build_report(notebooks, site, dossier=mini, single_file=single_file, progress=lambda _: None)
    tab = offline_tab(browser)

    def sorted_by(direction: str) -> None:  # DataTables orders rows just after the event
        tab.page.wait_for_selector(f'th[aria-sort="{direction}"]', timeout=10_000)

    try:
        tab.page.goto((site / "classroom" / "c1-long.html").as_uri(), wait_until="load")
        tab.page.wait_for_selector("table.reader-sortable.dataTable", timeout=30_000)
        before = tab.page.evaluate(ROWS_SHOWN)
        assert [row[0] for row in before] == list(LONG["statement_id"])  # as given until sorted

        tab.page.get_by_role("columnheader", name="Reported").click()
        sorted_by("ascending")
        ascending = tab.page.evaluate(ROWS_SHOWN)
        order = LONG.sort_values("reported", kind="stable")["statement_id"].tolist()
        assert [row[0] for row in ascending] == order
        assert ascending[0][1] == LONG["reported"].min().strftime("%d %b %Y")
        # the keyboard: the header's sort button takes focus and Enter inverts the order
        tab.page.locator("th", has_text="Reported").get_by_role("button").focus()
        tab.page.keyboard.press("Enter")
        sorted_by("descending")
        assert [row[0] for row in tab.page.evaluate(ROWS_SHOWN)] == order[::-1]

        search = tab.page.get_by_label("Search this table:")
        search.fill("pyongyang")
        found = tab.page.evaluate(ROWS_SHOWN)
        assert found == [["st-7", found[0][1], "Meeting in Pyongyang", "no"]]
        search.fill("")
        assert len(tab.page.evaluate(ROWS_SHOWN)) == ROWS
        assert tab.errors == [] and tab.blocked == []
    finally:
        tab.close()


READER_CELLS = """() => {
  const text = (selector) => Array.from(document.querySelectorAll(selector))
    .map(cell => cell.innerText.trim());
  return {sortable: document.querySelectorAll('table.reader-sortable').length,
          headers: text('table.reader-table th'), cells: text('table.reader-table td')};
}"""
ALL_SORTABLE = """() => Array.from(document.querySelectorAll('table.reader-sortable'))
  .every(t => t.classList.contains('dataTable'))"""


@pytest.mark.browser
@pytest.mark.slow
def test_the_real_reports_tables_read_as_text_and_the_long_ones_sort(browser, real_site):
    sortable = tables = 0
    for tab, built in each_page(browser, real_site.pages):
        found = tab.page.evaluate(READER_CELLS)
        tables += tab.page.locator("table.reader-table").count()
        if found["sortable"]:
            tab.page.wait_for_function(ALL_SORTABLE, timeout=30_000)
            sortable += found["sortable"]
        assert all(found["headers"]), built.href  # no empty header
        raw = {"NaN", "nan", "None", "True", "False", "<NA>", "NaT"} & set(found["cells"])
        assert not raw, (built.href, raw)
        assert not [c for c in found["cells"] if c.startswith("('")], built.href  # no tuples
        assert tab.blocked == [] and tab.errors == [], built.href
    assert sortable >= 3 and tables >= 40
