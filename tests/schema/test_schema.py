"""The schema is the one declaration: complete, consistent, and the docs derive from it."""

from __future__ import annotations

import re

import pytest

from analysis.common.paths import PROJECT_ROOT
from analysis.schema import ID_PATTERN, TABLES, VOCABULARIES, table
from analysis.schema.docs import data_format_markdown

FIELDS = [(t, f) for t in TABLES for f in t.fields]


@pytest.mark.parametrize("tbl,fld", FIELDS, ids=[f"{t.name}.{f.name}" for t, f in FIELDS])
def test_every_field_is_described_and_well_formed(tbl, fld):
    assert fld.description.strip(), "every field needs a description"
    assert re.match(r"^[a-z][a-z_]*$", fld.name)
    if fld.type == "grade":
        assert fld.vocabulary in VOCABULARIES
    if fld.references:
        names = {t.name for t in TABLES}
        assert all(r == "*" or r in names for r in fld.references)


def test_every_vocabulary_is_used_and_every_term_defined():
    used = {f.vocabulary for _, f in FIELDS if f.vocabulary}
    derived = {"precision"}  # the precision of every date field, derived when loading
    assert set(VOCABULARIES) == used | derived, "a vocabulary no field uses"
    for name, terms in VOCABULARIES.items():
        assert terms and all(m.strip() for m in terms.values()), name


def test_every_table_has_its_primary_key_first_and_required():
    for t in TABLES:
        assert t.fields[0].name == t.primary_key
        # the publisher register is keyed by the name sources.csv already writes, outside the
        # dossier's id space, so a source needs no second id for its publisher
        kind = "text" if t.name == "publishers" else "id"
        assert t.fields[0].required and t.fields[0].type == kind
        assert t.global_ids == (t.name != "publishers"), t.name


def test_table_lookup_names_the_known_tables_when_wrong():
    with pytest.raises(KeyError, match="no table 'treaties'; tables are sources, actors"):
        table("treaties")


def test_id_pattern_accepts_iso3_and_slugs_and_rejects_markup():
    assert re.match(ID_PATTERN, "RUS") and re.match(ID_PATTERN, "src-tass-2025-04-08")
    assert not re.match(ID_PATTERN, "<script>") and not re.match(ID_PATTERN, " RUS")


def test_data_format_doc_is_generated_from_the_schema():
    committed = (PROJECT_ROOT / "docs" / "data-format.md").read_text(encoding="utf-8")
    assert committed == data_format_markdown(), "run: python -m analysis docs"


def test_data_format_doc_documents_every_field_and_term():
    doc = data_format_markdown()
    for _table, f in FIELDS:
        assert f"| `{f.name}` |" in doc
    for name, terms in VOCABULARIES.items():
        assert f"### Vocabulary `{name}`" in doc
        for term in terms:
            assert f"| `{term}` |" in doc
