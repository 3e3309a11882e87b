"""What a report page's script is told (the link rules it shares with
:mod:`analysis.filtering.links`) and what the banner says about the as-of control; the script
itself is driven in Chromium in ``test_report_browser.py``."""

from __future__ import annotations

import json

from analysis.figures.as_of_slider import AS_OF
from analysis.filtering.links import LISTS, PARAMETERS, SINCE, from_query
from analysis.report.interactivity import banner_html, controls_of
from analysis.report.render import TEMPLATES
from analysis.report.views import CONTROLS, config_script, views_config


def as_of_figure(title: str) -> dict:
    steps = [{"label": "01 Oct 2024", "value": "2024-10-01", "method": "update", "args": []}]
    return {
        "data": [],
        "layout": {
            "title": {"text": title},
            "sliders": [{"name": AS_OF, "steps": steps, "currentvalue": {"prefix": "As of: "}}],
        },
    }


def test_the_script_reads_the_same_parameters_as_a_link():
    config = views_config()
    assert (
        config["parameters"]
        == [*PARAMETERS, SINCE]
        == [
            "dates",
            "as_of",
            "actors",
            "neighbourhood",
            "relations",
            "kinds",
            "statuses",
            "min_reliability",
            "max_credibility",
            "since",
        ]
    )
    assert set(config["lists"]) == set(LISTS) and set(CONTROLS) <= set(PARAMETERS)
    assert config["controls"] == {"kinds": "record kinds", "actors": "lanes"}
    assert config["as_of_slider"] == "as of"


def test_the_rules_go_into_the_page_as_inert_json():
    script = str(config_script())
    opening = '<script type="application/json" id="report-views-config">'
    assert script.startswith(opening) and script.endswith("</script>")
    assert json.loads(script[len(opening) : -len("</script>")]) == views_config()
    assert script.count("<") == 2  # the tags only: no "<" in the data can close the block


def test_the_script_writes_text_only_and_loads_nothing():
    source = (TEMPLATES / "report-views.js").read_text(encoding="utf-8")
    for forbidden in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert forbidden not in source
    for forbidden in ("fetch(", "XMLHttpRequest", "import(", "http:", "https:"):
        assert forbidden not in source
    assert "textContent" in source and "history.replaceState" in source


def test_the_note_wording_is_the_links_own():
    # the page writes the notes of analysis.filtering.links for what both reject (compared in
    # Chromium, test_report_browser.py); here: the wording the script copies
    notes = from_query("as_of=2024-13-40&as_of=2024-10-01&colour=red").notes
    assert notes == (
        "as_of=2024-13-40 ignored: as_of must be a date; got '2024-13-40'",
        "as_of=2024-10-01 ignored: as_of is given more than once",
        "colour=red ignored: not a parameter of this view (dates, as_of, actors, neighbourhood, "
        "relations, kinds, statuses, min_reliability, max_credibility, since)",
    )
    source = (TEMPLATES / "report-views.js").read_text(encoding="utf-8")
    for words in (" ignored: as_of must be a date; got '", " is given more than once"):
        assert words in source
    assert " ignored: not a parameter of this view (" in source


def test_a_figure_with_an_as_of_slider_is_known_by_the_sliders_name():
    assert controls_of(as_of_figure("Timeline")).as_of
    other = as_of_figure("Zoom")
    other["layout"]["sliders"][0]["name"] = "zoom"
    assert not controls_of(other).as_of
    empty = as_of_figure("Empty")
    empty["layout"]["sliders"][0]["steps"] = []
    assert not controls_of(empty).as_of


def test_the_banner_says_what_play_and_links_do():
    timeline, network = (
        controls_of(as_of_figure("Timeline"), 1),
        controls_of(as_of_figure("Network"), 2),
    )
    both = str(banner_html([timeline, network], 0))
    assert (
        "<li>Play: the <em>Play</em> button steps the as-of date of “Timeline” and “Network” "
        "through time, together (moving one as-of slider moves the others too).</li>"
    ) in both
    assert "the address of this page follows the as-of slider" in both
    # the example link is a day of the page's own slider, never one of another dossier
    assert "(<code>#as_of=2024-10-01</code>, say)" in both
    later = as_of_figure("Later")
    later["layout"]["sliders"][0]["steps"] = [
        {"label": d, "value": d, "method": "update", "args": []}
        for d in ("2031-03-14", "2031-09-02", "2031-10-31")
    ]
    assert "#as_of=2031-09-02</code>" in str(banner_html([controls_of(later, 1)], 0))
    one = str(banner_html([timeline], 0))
    assert "steps the as-of date of “Timeline” through time.</li>" in one
    none = str(banner_html([controls_of({"data": [], "layout": {}})], 0))
    assert "Play" not in none and "address of this page" not in none
