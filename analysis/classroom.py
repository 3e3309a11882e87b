"""Self-check exercises for the classroom walkthroughs.

Each exercise computes its right answer from the dossier, so the walkthroughs work on any
valid dossier, and :func:`check` gives feedback on a wrong answer without revealing the right
one. Teacher notes (``notebooks/classroom/teacher-notes/``) hold the answers for the bundled
dossier; a test checks that they pass.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pandas as pd

from analysis.common.markup import NO_MATH, text
from analysis.dossier.model import Dossier
from analysis.filtering.status import allegation_status

__all__ = ["Exercise", "Feedback", "EXERCISES", "ask", "check", "exercises_for"]


@dataclass(frozen=True)
class Feedback:
    """The result of a self-check: shown as a coloured line in a notebook."""

    correct: bool
    message: str

    def __str__(self) -> str:
        return ("Correct! " if self.correct else "Not yet. ") + self.message

    def __bool__(self) -> bool:
        return self.correct

    def _repr_html_(self) -> str:
        colour = "#1a7f37" if self.correct else "#9a6700"
        mark = "&#10004;" if self.correct else "&#10008;"
        return (
            f'<div class="{NO_MATH}" style="border-left:4px solid {colour};padding:4px 8px">'
            f"<b>{mark}</b> {text(str(self), limit=None)}</div>"
        )


@dataclass(frozen=True)
class Question:
    """An exercise's question, shown as a highlighted block in a notebook."""

    text: str

    def __str__(self) -> str:
        return self.text

    def _repr_html_(self) -> str:
        return (
            f'<div class="{NO_MATH}" style="border-left:4px solid #0969da;padding:4px 8px">'
            f"<b>Question.</b> {text(self.text, limit=None)}</div>"
        )


@dataclass(frozen=True)
class Exercise:
    """A question whose answer is computed from the dossier.

    ``kind`` says how answers compare: ``"date"`` (any date string pandas reads), ``"text"``
    (case and spaces ignored), ``"number"``, ``"set"`` (order ignored) or ``"bool"``.
    ``hint`` is shown on a wrong answer; it must not contain the answer.
    """

    id: str
    walkthrough: str
    question: str
    kind: str
    answer: Callable[[Dossier], object]
    hint: str


def _milestone(d: Dossier, partnership: str, kind: str, actor: str | None = None):
    ev = d.events[(d.events["partnership_id"] == partnership) & (d.events["kind"] == kind)]
    if actor is not None:
        ev = ev[ev["actor_ids"].map(lambda ids: actor in ids)]
    if ev.empty:
        raise LookupError(f"the dossier has no {kind} event for {partnership}")
    return ev.sort_values("occurred")["occurred"].iloc[-1 if kind == "ratification" else 0]


def _status(d: Dossier, allegation: str, as_of=None):
    return allegation_status(d.allegations, d.statements, as_of).loc[allegation]


def _articles(d: Dossier, partnership: str, category: str) -> set[str]:
    ob = d.obligations
    rows = ob[
        (ob["partnership_id"] == partnership)
        & (ob["category"] == category)
        & (ob["presence"] == "present")
    ]
    return {a for a in rows["article"].dropna()}


def _with(d: Dossier, category: str) -> set[str]:
    ob = d.obligations
    return set(
        ob.loc[(ob["category"] == category) & (ob["presence"] == "present"), "partnership_id"]
    )


def _ratifier(d: Dossier) -> str:
    """The first party of the focus partnership with a ratification step in the dossier."""
    partnership = _f(d, "partnership")
    ev = d.events[
        (d.events["partnership_id"] == partnership) & (d.events["kind"] == "ratification")
    ]
    parties = d.partnerships.set_index("partnership_id").at[partnership, "parties"]
    acted = {a for ids in ev["actor_ids"] for a in ids}
    for party in parties:
        if party in acted:
            return party
    raise LookupError(f"the dossier has no ratification event for {partnership}")


def _f(d: Dossier, key: str) -> str:
    try:
        return d.focus[key]
    except KeyError:
        raise LookupError(f"the dossier's datapackage.json names no focus {key!r}") from None


EXERCISES: tuple[Exercise, ...] = (
    # C1: reading a timeline
    Exercise(
        "c1-signed",
        "C1",
        "On what date was {partnership} signed?",
        "date",
        lambda d: _milestone(d, _f(d, "partnership"), "signing"),
        "Find the signing mark of {partnership} on the timeline; hover shows its date.",
    ),
    Exercise(
        "c1-days-to-ratify",
        "C1",
        "How many days passed between the signing of {partnership} and the last "
        "ratification step taken by {ratifier}?",
        "number",
        lambda d: (
            (
                _milestone(d, _f(d, "partnership"), "ratification", _ratifier(d))
                - _milestone(d, _f(d, "partnership"), "signing")
            ).days
        ),
        "Subtract the signing date from the date of {ratifier}'s last ratification event.",
    ),
    Exercise(
        "c1-imprecise",
        "C1",
        "How many events in the dossier are dated only to the month or the year?",
        "number",
        lambda d: int((d.events["occurred_precision"] != "day").sum()),
        "Count the marks drawn as spans or open markers rather than exact days.",
    ),
    Exercise(
        "c1-before-pact",
        "C1",
        "Was {allegation} first alleged before {partnership} was signed? (True or False)",
        "bool",
        lambda d: bool(
            _status(d, _f(d, "allegation"))["first_alleged"]
            < _milestone(d, _f(d, "partnership"), "signing")
        ),
        "Compare the first 'alleges' mark in the {allegation} lane with the signing.",
    ),
    # C2: who says what, and how much to trust it
    Exercise(
        "c2-first-accuser",
        "C2",
        "Who (give the actor id) first alleged {allegation}?",
        "text",
        lambda d: _status(d, _f(d, "allegation"))["first_alleged_by"],
        "Look at the earliest 'alleges' statement about {allegation}.",
    ),
    Exercise(
        "c2-deniers",
        "C2",
        "Who denied {second_allegation}? Give their actor ids.",
        "set",
        lambda d: set(_status(d, _f(d, "second_allegation"))["denied_by"]),
        "Filter the statements to {second_allegation} and stance 'denies'.",
    ),
    Exercise(
        "c2-status-then",
        "C2",
        "What was the status of {allegation} on {as_of}?",
        "text",
        lambda d: str(_status(d, _f(d, "allegation"), _f(d, "as_of"))["status"]),
        "Use allegation_status with as_of='{as_of}'; had anyone denied it by then?",
    ),
    Exercise(
        "c2-confirmers",
        "C2",
        "Which parties confirmed {allegation} (their ids)?",
        "set",
        lambda d: set(_status(d, _f(d, "allegation"))["confirmed_by"]),
        "Confirmation means an admission by an accused or beneficiary party.",
    ),
    # C3: what a treaty actually obliges
    Exercise(
        "c3-defence-article",
        "C3",
        "Which article of {comparison} carries a mutual-defence obligation?",
        "set",
        lambda d: _articles(d, _f(d, "comparison"), "mutual_defence"),
        "Find the mutual_defence cell of {comparison} in the obligations matrix.",
    ),
    Exercise(
        "c3-focus-defence",
        "C3",
        "Does {partnership} oblige either side to defend the other? (True or False)",
        "bool",
        lambda d: _f(d, "partnership") in _with(d, "mutual_defence"),
        "Read the mutual_defence cell of {partnership}: present, partial or absent?",
    ),
    Exercise(
        "c3-aggressor-article",
        "C3",
        "Which article of {partnership} bars help to an aggressor?",
        "set",
        lambda d: _articles(d, _f(d, "partnership"), "no_aid_to_aggressor"),
        "Look at the no_aid_to_aggressor cell of {partnership}.",
    ),
    Exercise(
        "c3-defence-treaties",
        "C3",
        "Which partnerships in the dossier carry a mutual-defence obligation? Give ids.",
        "set",
        lambda d: _with(d, "mutual_defence"),
        "Read down the mutual_defence column of the matrix; count only 'present'.",
    ),
)

_BY_ID = {e.id: e for e in EXERCISES}


def _label(dossier: Dossier, value: str) -> str:
    pt = dossier.partnerships.set_index("partnership_id")["short_name"]
    al = dossier.allegations.set_index("allegation_id")["proposition"]
    if value in pt.index:
        return f"{pt[value]} ({value})"
    if value in al.index:
        return f'"{al[value]}" ({value})'
    return value


def _fill(template: str, dossier: Dossier) -> str:
    focus = {k: _label(dossier, v) for k, v in dossier.focus.items()}
    if "{ratifier}" in template:
        try:
            ratifier = _ratifier(dossier)
        except (LookupError, KeyError):
            focus["ratifier"] = "(no party with a ratification step)"
        else:
            name = dossier.actors.set_index("actor_id").at[ratifier, "name"]
            focus["ratifier"] = f"{name} ({ratifier})"
    try:
        return template.format(**focus)
    except KeyError as exc:
        return template.replace("{" + exc.args[0] + "}", f"(no focus {exc.args[0]})")


def ask(exercise_id: str, dossier: Dossier) -> Question:
    """The question of ``exercise_id`` for this dossier, ready to show in a notebook."""
    exercise = _get(exercise_id)
    return Question(_fill(exercise.question, dossier))


def _get(exercise_id: str) -> Exercise:
    try:
        return _BY_ID[exercise_id]
    except KeyError:
        raise KeyError(f"no exercise {exercise_id!r}; exercises are {', '.join(_BY_ID)}") from None


def exercises_for(walkthrough: str) -> list[Exercise]:
    """The exercises of one walkthrough (``"C1"``, ``"C2"``, ``"C3"``)."""
    return [e for e in EXERCISES if e.walkthrough == walkthrough]


def _norm_text(value: object) -> str:
    return " ".join(str(value).strip().lower().split())


#: The ways a student writes "nobody" or "none" to a question whose answer is a list.
NONE_WORDS = frozenset({"", "none", "no", "nothing", "nobody", "no one", "nil", "-", "[]", "{}"})


def _says_none(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return _norm_text(value).strip("\"'.") in NONE_WORDS
    return isinstance(value, (list, tuple, set, frozenset)) and not value


def _as_set(value: object) -> set[str]:
    if _says_none(value):
        return set()
    if isinstance(value, str):
        items: Iterable = value.replace(";", ",").split(",")
    elif isinstance(value, Iterable):
        items = value
    else:
        items = [value]
    return {
        _norm_text(v).upper() if len(str(v).strip()) == 3 else _norm_text(v)
        for v in items
        if str(v).strip()
    }


def _compare(kind: str, given: object, right: object) -> tuple[bool, str]:
    if kind == "date":
        try:
            g = pd.Timestamp(given).normalize()
        except (ValueError, TypeError):
            return False, "That is not a date; write it like 2024-06-19."
        r = pd.Timestamp(right).normalize()
        if g == r:
            return True, "That is the date."
        return False, "That date is " + ("too early." if g < r else "too late.")
    if kind == "number":
        try:
            g = float(given)
        except (ValueError, TypeError):
            return False, "Give a number."
        if g == float(right):
            return True, "That is the number."
        return False, "Your number is " + ("too small." if g < float(right) else "too large.")
    if kind == "bool":
        if not isinstance(given, bool):
            return False, "Answer True or False."
        return given == bool(right), "Right." if given == bool(right) else "Look again."
    if kind == "set":
        g, r = _as_set(given), _as_set(right)
        if g == r:
            return True, "That is the full list."
        if g < r:
            return False, f"Everything you gave is right, but {len(r - g)} more belong."
        if g > r:
            return False, f"{len(g - r)} of your answers do not belong."
        return False, "Some of your answers do not belong and some are missing."
    ok = _norm_text(given) == _norm_text(right)
    return ok, "Right." if ok else "Look again."


def check(exercise_id: str, answer: object, dossier: Dossier) -> Feedback:
    """Check ``answer`` to exercise ``exercise_id`` against ``dossier``.

    A wrong answer gets a hint that does not give the answer away.

    >>> from analysis import load_dossier
    >>> str(check("c3-focus-defence", True, load_dossier()))[:8]
    'Not yet.'
    """
    exercise = _get(exercise_id)
    blank = answer is None or (isinstance(answer, str) and not answer.strip())
    if blank and exercise.kind != "set":  # for a list, None and "" say "none"
        return Feedback(False, "Write your answer in place of None, then run the cell again.")
    try:
        right = exercise.answer(dossier)
    except LookupError as exc:
        return Feedback(False, f"This exercise does not apply to this dossier ({exc}).")
    ok, message = _compare(exercise.kind, answer, right)
    return Feedback(ok, message if ok else f"{message} Hint: {_fill(exercise.hint, dossier)}")
