"""Self-checks: right answers pass, wrong ones get a hint that does not give the answer away."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis import load_dossier
from analysis.classroom import EXERCISES, ask, check, exercises_for


@pytest.mark.parametrize("exercise", EXERCISES, ids=[e.id for e in EXERCISES])
def test_the_computed_answer_passes_and_the_hint_hides_it(exercise, dossier):
    right = exercise.answer(dossier)
    assert check(exercise.id, right, dossier).correct
    wrong = {
        "date": "1999-01-01",
        "number": -1,
        "bool": not right,
        "text": "nobody",
        "set": ["nobody"],
    }[exercise.kind]
    feedback = check(exercise.id, wrong, dossier)
    assert not feedback.correct and "Hint:" in str(feedback)
    shown = str(feedback)
    for value in right if exercise.kind == "set" else [right]:
        if exercise.kind in ("text", "set") and len(str(value)) > 2:
            assert str(value) not in shown, f"feedback reveals the answer {value!r}"
    if exercise.kind == "date":
        assert str(right.date()) not in shown


@pytest.mark.parametrize(
    "exercise_id,answer,message",
    [
        ("c1-signed", "2025-01-16", "Not yet. That date is too early."),
        ("c1-signed", "17/01/2025x", "Not yet. That is not a date; write it like 2024-06-19."),
        ("c1-days-to-ratify", 200, "Not yet. Your number is too large."),
        ("c2-deniers", ["IRN"], "Not yet. Everything you gave is right, but 1 more belong."),
        ("c2-deniers", ["IRN", "RUS", "USA"], "Not yet. 1 of your answers do not belong."),
        ("c3-focus-defence", "no", "Not yet. Answer True or False."),
        ("c1-signed", None, "Not yet. Write your answer in place of None"),
    ],
)
def test_feedback_on_wrong_answers(dossier, exercise_id, answer, message):
    assert str(check(exercise_id, answer, dossier)).startswith(message)


def test_sets_ignore_order_case_and_separators(dossier):
    assert check("c2-deniers", "rus, irn", dossier).correct
    assert check("c2-confirmers", ("PRK", "RUS"), dossier).correct


def test_questions_name_the_dossier_focus(dossier):
    assert "RU–IR 2025 (pt-rus-irn-2025)" in str(ask("c1-signed", dossier))
    assert "<b>Question.</b>" in ask("c1-signed", dossier)._repr_html_()


def test_exercise_that_does_not_apply_says_so(mini_dir):
    mini = load_dossier(mini_dir)  # no focus in metadata, no ratification by RUS
    feedback = check("c1-days-to-ratify", 10, mini)
    assert str(feedback).startswith("Not yet. This exercise does not apply to this dossier")


def test_each_walkthrough_has_exercises():
    assert {e.walkthrough for e in EXERCISES} == {"C1", "C2", "C3"}
    assert all(len(exercises_for(w)) >= 4 for w in ("C1", "C2", "C3"))


def test_unknown_exercise_lists_the_known_ones(dossier):
    with pytest.raises(KeyError, match="no exercise 'c9'; exercises are c1-signed"):
        check("c9", 1, dossier)


def test_feedback_html_escapes_text(dossier):
    html = check("c2-first-accuser", "<script>", dossier)._repr_html_()
    assert "<script>" not in html


def test_question_and_feedback_boxes_are_never_typeset_by_mathjax(dossier):
    for html in (
        ask("c1-signed", dossier)._repr_html_(),
        check("c2-first-accuser", "$x$", dossier)._repr_html_(),
    ):
        assert html.startswith('<div class="tex2jax_ignore mathjax_ignore" style=')


STORIES = Path(__file__).resolve().parent / "fixtures" / "stories"


@pytest.mark.parametrize("none", [None, "none", "None", "", "no", [], (), "nothing", "Nobody."])
def test_a_list_answer_of_none_is_read_as_the_empty_list(none):
    story = load_dossier(STORIES / "tri-pact")  # nobody confirmed the focus allegation
    assert check("c2-confirmers", none, story).correct
    assert not check("c2-confirmers", ["XTO"], story).correct


def test_none_is_a_wrong_list_where_someone_belongs(dossier):
    feedback = check("c2-confirmers", "none", dossier)
    assert str(feedback).startswith("Not yet. Everything you gave is right, but 2 more belong.")


def test_the_ratification_question_names_a_party_of_the_focus_partnership():
    story = load_dossier(STORIES / "quiet-accord")
    assert str(ask("c1-days-to-ratify", story)).endswith("taken by Borduria (XBO)?")
    right = next(e for e in EXERCISES if e.id == "c1-days-to-ratify").answer(story)
    assert check("c1-days-to-ratify", right, story).correct
    assert "Russia" not in str(check("c1-days-to-ratify", 1, story))


def test_a_partnership_with_no_ratification_says_the_exercise_does_not_apply():
    story = load_dossier(STORIES / "tri-pact")
    assert "does not apply" in str(check("c1-days-to-ratify", 1, story))
