"""What a dossier has no record of yet, and the ``%%needs`` cell magic that shows it."""

from __future__ import annotations

import pytest
from IPython.core.interactiveshell import InteractiveShell

from analysis import load_dossier
from analysis.dossier.gaps import missing
from analysis.imports import new_dossier

NO_PARTNERSHIP = (
    "This dossier has no partnership yet, so there is nothing to show here: add one to "
    "partnerships.csv (and name it under focus in datapackage.json)."
)


@pytest.fixture(scope="module")
def empty(tmp_path_factory):
    folder = tmp_path_factory.mktemp("gaps") / "s"
    new_dossier(folder, "Empty")
    return load_dossier(folder)


def test_missing_names_the_first_thing_lacking(empty, dossier):
    assert missing(empty, "partnership", "statements") == NO_PARTNERSHIP
    assert missing(empty, "hypotheses") == (
        "This dossier has no hypotheses yet, so there is nothing to show here: add them to "
        "hypotheses.csv."
    )
    assert missing(dossier, "partnership", "allegation", "statements", "obligations") is None
    with pytest.raises(ValueError, match="unknown need 'partnerhsip'"):
        missing(dossier, "partnerhsip")


@pytest.fixture
def shell():
    InteractiveShell.clear_instance()
    sh = InteractiveShell.instance()
    assert sh.run_cell("%load_ext analysis").success
    yield sh
    InteractiveShell.clear_instance()


def test_the_magic_runs_the_cell_and_shows_its_last_value(shell, dossier, capsys):
    shell.user_ns["dossier"] = dossier
    result = shell.run_cell("%%needs partnership\nn = len(dossier.partnerships)\nn * 2")
    assert result.success and result.result == 2 * len(dossier.partnerships)
    assert shell.user_ns["n"] == len(dossier.partnerships)


def test_the_magic_says_what_is_lacking_instead_of_failing(shell, empty, capsys):
    shell.user_ns["dossier"] = empty
    result = shell.run_cell('%%needs partnership\nfocus = dossier.focus["partnership"]')
    assert result.success and result.result is None
    assert capsys.readouterr().out == NO_PARTNERSHIP + "\n"
    assert "focus" not in shell.user_ns
