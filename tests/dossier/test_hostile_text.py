"""Hostile text: a valid dossier whose every text field carries a payload loads intact, and
:mod:`analysis.common.markup` turns every one of its strings into inert text and every link into a
plain http(s) link.

The dossier is committed under ``tests/fixtures/hostile/`` and written by
``tests/fixtures/make_hostile.py``; its payloads are in ``tests/fixtures/hostile_payloads.py``
for the figure, report, export and browser tests to reuse.
"""

from __future__ import annotations

import html
import re
import unicodedata
from html.parser import HTMLParser

import pandas as pd
import pytest
from conftest import MINI, write_tables
from fixtures.hostile_payloads import HOSTILE_URLS, PAYLOADS, REFUSED_URLS, live_markup
from fixtures.make_hostile import HOSTILE_DIR, hostile_metadata, hostile_tables, write_hostile

from analysis import DossierValidationError, Issue, load_dossier
from analysis.common import markup
from analysis.schema import TABLES

# Free text: fields with a code list (languages, Wikidata ids) only take real codes.
TEXT_FIELDS = [
    (t.name, f.name, f.max_length)
    for t in TABLES
    for f in t.fields
    if f.type == "text" and f.codes is None
]
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
URL_RULE = "must be an http:// or https:// address with no spaces or quotes"


@pytest.fixture(scope="module")
def hostile_dossier():
    """The committed hostile dossier, loaded."""
    return load_dossier(HOSTILE_DIR)


def text_cells(dossier) -> list[tuple[str, str, int, str]]:
    """(table, field, row, value) of every non-empty text cell of ``dossier``."""
    cells = []
    for name, field, _ in TEXT_FIELDS:
        for i, value in enumerate(dossier.table(name)[field]):
            if isinstance(value, str):
                cells.append((name, field, i, value))
    return cells


class Tags(HTMLParser):
    """Collects the start tags (with attributes) an HTML parser finds in a string."""

    def __init__(self, source: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(source)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def shown(value: str) -> str:
    """What :func:`markup.text` should show for ``value``: bidi controls made visible, other
    control characters (but newline and tab) dropped."""
    value = BIDI.sub("\N{REPLACEMENT CHARACTER}", value)
    return "".join(ch for ch in value if ch in "\n\t" or unicodedata.category(ch) != "Cc")


# --- the fixture itself --------------------------------------------------------------------------


def test_committed_fixture_is_what_the_generator_writes(tmp_path):
    fresh = write_hostile(tmp_path / "hostile")
    committed = sorted(p.name for p in HOSTILE_DIR.iterdir())
    assert committed == sorted(p.name for p in fresh.iterdir())
    for name in committed:
        assert (HOSTILE_DIR / name).read_bytes() == (fresh / name).read_bytes(), (
            f"{name} is stale: run python tests/fixtures/make_hostile.py"
        )


def test_every_text_field_of_every_table_carries_a_payload(hostile_dossier):
    filled = {(name, field) for name, field, _, _ in text_cells(hostile_dossier)}
    assert filled == {(name, field) for name, field, _ in TEXT_FIELDS}


def test_every_payload_is_a_whole_cell_somewhere(hostile_dossier):
    values = {value for *_, value in text_cells(hostile_dossier)}
    assert [name for name, p in PAYLOADS.items() if p not in values] == []


@pytest.mark.parametrize(
    ("name", "field", "length"), TEXT_FIELDS, ids=[f"{t}.{f}" for t, f, _ in TEXT_FIELDS]
)
def test_last_row_is_at_max_length(hostile_dossier, name, field, length):
    assert len(hostile_dossier.table(name)[field].iloc[-1]) == length


# --- loading -------------------------------------------------------------------------------------


def test_hostile_dossier_loads_every_value_intact(hostile_dossier):
    expected = hostile_tables()
    for name, field, i, value in text_cells(hostile_dossier):
        assert value == expected[name][i][field], (name, field, i)
    assert hostile_dossier.title == hostile_metadata()["title"]
    assert list(hostile_dossier.sources["url"]) == list(HOSTILE_URLS)


@pytest.mark.parametrize("url", REFUSED_URLS)
def test_refused_urls_are_rejected_by_validation(tmp_path, url):
    tables = {name: [dict(row) for row in rows] for name, rows in MINI.items()}
    tables["sources"][0]["url"] = url
    with pytest.raises(DossierValidationError) as info:
        load_dossier(write_tables(tmp_path / "d", tables))
    assert info.value.issues == [Issue("sources.csv", 2, "src-a", "url", url.strip(), URL_RULE)]


@pytest.mark.parametrize("url", REFUSED_URLS)
def test_refused_urls_are_refused_by_safe_url(url):
    assert markup.safe_url(url) is None


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_hostile_but_valid_urls_pass_safe_url_unchanged(url):
    assert markup.safe_url(url) == url


# --- markup ---------------------------------------------------------------------------------------


def test_text_of_every_cell_is_inert(hostile_dossier):
    for name, field, i, value in text_cells(hostile_dossier):
        out = str(markup.text(value, limit=None))
        where = f"{name}.{field}[{i}]"
        assert live_markup(out) == [], where
        assert "<" not in out and ">" not in out, where
        assert "$" not in out, where
        assert "%{" not in out, where
        assert not BIDI.search(out), where
        assert Tags(out).tags == [], where
        assert html.unescape(out) == shown(value), where


def test_text_cuts_long_cells_to_the_label_limit(hostile_dossier):
    value = hostile_dossier.statements["summary"].iloc[-1]
    assert len(value) == 2000
    out = html.unescape(str(markup.text(value)))
    assert len(out) == markup.MAX_LABEL
    assert out == shown(value)[: markup.MAX_LABEL - 1] + "\N{HORIZONTAL ELLIPSIS}"


@pytest.mark.parametrize("payload", list(PAYLOADS.values()), ids=list(PAYLOADS))
def test_text_escapes_each_payload(payload):
    out = str(markup.text(payload))
    assert Tags(out).tags == []
    assert live_markup(out) == []
    assert html.unescape(out) == shown(payload)


def test_link_never_yields_a_non_http_href(hostile_dossier):
    labels = list(hostile_dossier.sources["title"])
    candidates = list(hostile_dossier.sources["url"]) + list(REFUSED_URLS) + list(PAYLOADS.values())
    for k, url in enumerate(candidates):
        out = str(markup.link(url, labels[k % len(labels)]))
        tags = Tags(out).tags
        assert [tag for tag, _ in tags] in ([], ["a"]), out
        for _, attrs in tags:
            assert set(attrs) == {"href", "target", "rel"}
            assert re.match(r"https?://", attrs["href"]), attrs["href"]
            assert attrs["href"] == url  # the parser decodes &amp; back to &
        if markup.safe_url(url) is None:
            assert tags == []


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_link_to_a_hostile_url_is_one_plain_anchor(url):
    out = str(markup.link(url, PAYLOADS["script"]))
    assert Tags(out).tags == [
        ("a", {"href": url, "target": "_blank", "rel": "noopener noreferrer"})
    ]
    assert live_markup(out) == []


def test_lines_adds_only_line_breaks():
    out = str(markup.lines(*PAYLOADS.values()))
    assert {tag for tag, _ in Tags(out).tags} == {"br"}
    assert out.count("<br>") == len(PAYLOADS) - 1
    assert live_markup(out) == []


def test_lines_keeps_markup_built_by_the_package():
    bold = markup.Markup("<b>{}</b>").format(PAYLOADS["script"])
    out = str(markup.lines(bold, PAYLOADS["img_onerror"]))
    assert [tag for tag, _ in Tags(out).tags] == ["b", "br"]


@pytest.mark.parametrize("missing", [None, float("nan"), pd.NA, pd.NaT], ids=repr)
def test_text_of_a_missing_value_is_empty(missing):
    assert str(markup.text(missing)) == ""


def test_formula_prefixes_survive_as_text(hostile_dossier):
    """Spreadsheet formulas stay what they are in the data; defusing them is the exports' job."""
    values = {value for *_, value in text_cells(hostile_dossier)}
    for name in ("formula_hyperlink", "formula_plus", "formula_minus", "formula_at"):
        assert PAYLOADS[name] in values
    assert html.unescape(str(markup.text(PAYLOADS["formula_plus"]))) == "+1"
