"""The report on a story fixture (a fictional dossier of another structure): the command line
builds it with ``--dossier``, its pages exist, and they tell the fixture's story: its title and
its focus parties' names appear, and no word of the bundled story (nor a raw NaT, NaN or printed
Series) does."""

from __future__ import annotations

import re

import pytest
from markupsafe import Markup
from support.outputs import bundled_words_in, raw_blanks

from analysis import load_dossier
from analysis.common.paths import PROJECT_ROOT
from analysis.report.__main__ import main

STORY = PROJECT_ROOT / "tests" / "fixtures" / "stories" / "tri-pact"
PAGES = ["01-the-question", "classroom/C2-who-says-what"]


def _reader_text(html: str) -> str:
    """What a reader reads: the page without scripts, styles and the hidden code cells."""
    html = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S)
    html = re.sub(r'<div class="[^"]*jp-InputArea\b.*?</div>\s*</div>', "", html, flags=re.S)
    return Markup(html).striptags()


@pytest.mark.slow
def test_the_report_on_a_story_fixture_tells_its_story(tmp_path):
    out = tmp_path / "site"
    notebooks = [str(PROJECT_ROOT / "notebooks" / f"{p}.ipynb") for p in PAGES]
    assert main([*notebooks, "--dossier", str(STORY), "--out", str(out)]) == 0
    dossier = load_dossier(STORY)
    parties = dossier.partnerships.set_index("partnership_id").at[
        dossier.focus["partnership"], "parties"
    ]
    names = dossier.actors.set_index("actor_id").loc[list(parties), "name"]
    assert (out / "index.html").is_file()
    for page in PAGES:
        text = _reader_text((out / f"{page}.html").read_text(encoding="utf-8"))
        assert bundled_words_in(text) == [], page
        assert raw_blanks(text) == [], page  # no NaT, NaN or printed Series on the page
        assert all(name in text for name in names), (page, list(names))
    assert dossier.title in (out / "index.html").read_text(encoding="utf-8")
