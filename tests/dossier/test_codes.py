"""Code lists, not patterns: states against ISO 3166-1 (historic codes too), languages against
ISO 639, Wikidata item ids; each bad value gives its exact issue (file, line, record, field,
value, rule), and the optional ``wikidata`` column may be left out of actors.csv."""

from __future__ import annotations

import pytest
from conftest import write_tables

from analysis import DossierValidationError, Issue, load_dossier
from analysis.cli import main

STATE = (
    "a state's id must be an ISO 3166-1 alpha-3 code, current or historic (RUS, IRN, SUN), "
    "or user-assigned for a fictional state (AAA-AAZ, QMA-QZZ, XAA-XZZ, ZZA-ZZZ): "
    "this is none of them"
)
LANGUAGE = "must be an ISO 639 language code: two letters (en, ru, fa) or three (fas)"
WIKIDATA = "must be a Wikidata item id: Q followed by digits, such as Q159"


def issues_of(folder):
    with pytest.raises(DossierValidationError) as info:
        load_dossier(folder)
    return sorted(info.value.issues, key=str)


def _state(actor_id: str) -> dict[str, str]:
    return dict(
        actor_id=actor_id,
        name="A state",
        kind="state",
        alignment="neutral_or_mixed",
        source_ids="src-a",
    )


@pytest.mark.parametrize("code", ["SUN", "YUG", "DDR", "IRN"], ids=str)
def test_current_and_historic_state_codes_are_accepted(tmp_path, mini_tables, code):
    mini_tables["actors"].append(_state(code))
    assert code in set(load_dossier(write_tables(tmp_path / "d", mini_tables)).actors["actor_id"])


@pytest.mark.parametrize("code", ["XFR", "XXX", "AAA", "QMZ", "ZZA"], ids=str)
def test_user_assigned_codes_name_fictional_states(tmp_path, mini_tables, code):
    mini_tables["actors"].append(_state(code))
    assert code in set(load_dossier(write_tables(tmp_path / "d", mini_tables)).actors["actor_id"])


@pytest.mark.parametrize("code", ["RUZ", "QLA", "ZYX", "EUR", "xfr"], ids=str)
def test_a_made_up_state_code_is_refused(tmp_path, mini_tables, code):
    mini_tables["actors"].append(_state(code))
    line = len(mini_tables["actors"]) + 1
    assert issues_of(write_tables(tmp_path / "d", mini_tables)) == [
        Issue("actors.csv", line, code, "actor_id", code, STATE)
    ]


def test_a_language_outside_iso_639_is_refused_in_sources_and_quotes(tmp_path, mini_tables):
    mini_tables["sources"][0]["language"] = "xx"
    mini_tables["statements"][0]["quote"] = "troops"
    mini_tables["statements"][0]["quote_language"] = "EN"
    assert issues_of(write_tables(tmp_path / "d", mini_tables)) == [
        Issue("sources.csv", 2, "src-a", "language", "xx", LANGUAGE),
        Issue("statements.csv", 2, "st-1", "quote_language", "EN", LANGUAGE),
    ]


@pytest.mark.parametrize("code", ["en", "fa", "fas", "per", "kor"], ids=str)
def test_two_and_three_letter_languages_are_accepted(tmp_path, mini_tables, code):
    mini_tables["statements"][0]["quote"] = "troops"
    mini_tables["statements"][0]["quote_language"] = code
    dossier = load_dossier(write_tables(tmp_path / "d", mini_tables))
    assert dossier.statements["quote_language"].iloc[0] == code


def test_wikidata_ids_are_checked_when_the_column_is_there(tmp_path, mini_tables):
    mini_tables["actors"][0]["wikidata"] = "Q159"
    mini_tables["actors"][1]["wikidata"] = "159"
    mini_tables["actors"][2]["wikidata"] = "P31"
    assert issues_of(write_tables(tmp_path / "d", mini_tables)) == [
        Issue("actors.csv", 3, mini_tables["actors"][1]["actor_id"], "wikidata", "159", WIKIDATA),
        Issue("actors.csv", 4, mini_tables["actors"][2]["actor_id"], "wikidata", "P31", WIKIDATA),
    ]
    mini_tables["actors"][1]["wikidata"] = mini_tables["actors"][2]["wikidata"] = ""
    dossier = load_dossier(write_tables(tmp_path / "e", mini_tables))
    assert dossier.actors["wikidata"].iloc[0] == "Q159"


def test_the_wikidata_column_may_be_left_out(tmp_path, mini_tables):
    folder = write_tables(tmp_path / "d", mini_tables)
    assert "wikidata" not in (folder / "actors.csv").read_text().splitlines()[0]
    assert load_dossier(folder).actors["wikidata"].isna().all()


def test_the_command_line_shows_the_rule_with_file_line_and_value(tmp_path, mini_tables, capsys):
    mini_tables["actors"].append(_state("RUZ"))
    folder = write_tables(tmp_path / "d", mini_tables)
    assert main(["validate", str(folder)]) == 1
    line = len(mini_tables["actors"]) + 1
    assert f"  actors.csv:{line} [RUZ] actor_id='RUZ': {STATE}" in capsys.readouterr().err
