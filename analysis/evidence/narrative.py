"""Narrative sentences computed from the loaded dossier, and a dossier's own notes.

The narrative notebooks state facts in these sentences, not in fixed prose, so that they say
what *this* dossier shows (its names, counts, dates, the focus partnership's kind and parties),
and each one says in a sentence when the dossier has nothing to show. Prose written for one
dossier lives in that dossier's ``notes.md`` (one ``## key`` section per passage) and is shown
by :func:`dossier_notes` only when that dossier is loaded.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd
from markupsafe import Markup

from analysis.common.articles import cite_articles
from analysis.common.dates import format_date
from analysis.common.markup import NO_MATH, text
from analysis.dossier.model import Dossier
from analysis.evidence.treaties import obligation_matrix
from analysis.filtering import apply_filters
from analysis.filtering.status import allegation_status

__all__ = [
    "Prose",
    "allegations_prose",
    "dossier_notes",
    "focus_prose",
    "names",
    "obligations_prose",
    "partnerships_prose",
    "precedent_prose",
]

_STRONG = re.compile(r"\*\*(.+?)\*\*")
_EM = re.compile(r"\*(.+?)\*")
_NOTEBOOK_LINK = re.compile(r"\[([^\]]+)\]\(([0-9A-Za-z_.-]+\.ipynb)\)")


def _inline(value: str) -> Markup:
    """Dossier text escaped, then its ``**strong**``, ``*em*`` and notebook links marked up."""
    html = str(text(value, limit=None))
    html = _NOTEBOOK_LINK.sub(r'<a href="\2">\1</a>', html)
    html = _STRONG.sub(r"<strong>\1</strong>", html)
    return Markup(_EM.sub(r"<em>\1</em>", html))


@dataclass(frozen=True)
class Prose:
    """Paragraphs (and ``- `` list items) shown as text in a notebook or a report page."""

    paragraphs: tuple[str, ...]

    def __str__(self) -> str:
        return "\n\n".join(self.paragraphs)

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        blocks = []
        for para in self.paragraphs:
            items = [line[2:] for line in para.splitlines() if line.startswith("- ")]
            if items and len(items) == len(para.splitlines()):
                lis = "".join(f"<li>{_inline(i)}</li>" for i in items)
                blocks.append(f"<ul>{lis}</ul>")
            else:
                blocks.append(f"<p>{_inline(' '.join(para.split()))}</p>")
        return f'<div class="{NO_MATH} narrative">{"".join(blocks)}</div>'


def names(dossier: Dossier, ids: Iterable[str]) -> str:
    """Actors' names joined as a reader would say them ("A, B and C").

    >>> from analysis import load_dossier
    >>> names(load_dossier(), ["RUS", "IRN", "PRK"])
    "Russian Federation, Islamic Republic of Iran and Democratic People's Republic of Korea"
    """
    by_id = dossier.actors.set_index("actor_id")["name"]
    said = [str(by_id.get(i, i)) for i in ids]
    if len(said) <= 1:
        return "".join(said) or "nobody"
    return ", ".join(said[:-1]) + " and " + said[-1]


def _date(value: object, precision: object) -> str:
    if value is None or pd.isna(value):
        return ""
    text_ = format_date(pd.Timestamp(value), str(precision))
    return text_.replace(" (year)", "").replace(" (month)", "")


_KIND = {
    "treaty": "a treaty",
    "joint_statement": "a joint statement",
    "membership": "a membership",
    "agreement": "an agreement",
}


def _partnership(dossier: Dossier, pid: str) -> str:
    rows = apply_filters(dossier).partnerships.set_index("partnership_id")
    if pid not in rows.index:
        return ""
    p = rows.loc[pid]
    kind = _KIND.get(str(p["kind"]), str(p["kind"]).replace("_", " "))
    parties = list(p["parties"])
    said = f"**{p['short_name']}** ({p['name']}), {kind} of {len(parties)} parties, "
    said += names(dossier, parties)
    signed = _date(p["signed"], p["signed_precision"])
    effect = str(p["takes_effect"])
    done = "announced" if effect == "on_announcement" else "signed"
    said += (
        f", {done} {'in' if p['signed_precision'] != 'day' else 'on'} {signed}"
        if signed
        else (", with no signing in the dossier's records")
    )
    on_signing = effect != "on_entry_into_force" and p["in_force"] == p["signed"]
    if str(p["state"]) == "in_force" and on_signing:
        said += f", in effect since it was {done}"
    elif str(p["state"]) == "in_force":
        said += f", in force since {_date(p['in_force'], p['in_force_precision'])}"
    elif str(p["state"]) == "ended":
        said += f", ended {_date(p['ended'], p['ended_precision'])}"
    else:
        said += ", with no entry into force in the dossier's records"
    return said + "."


def focus_prose(dossier: Dossier) -> Prose:
    """What the dossier asks and centres on, in its own names."""
    focus = dossier.focus
    question = str(focus.get("question") or "no question").rstrip()
    end = "" if question[-1:] in ".?!" else "."
    paras = [f"This dossier, *{dossier.title}*, asks: {question}{end}"]
    part = _partnership(dossier, focus.get("partnership", ""))
    if not part:
        return Prose((*paras, "Its datapackage.json names no focus partnership yet."))
    paras.append("The partnership in question: " + part)
    comparison = _partnership(dossier, focus.get("comparison", ""))
    paras.append(
        "It is compared with " + comparison
        if comparison
        else "The dossier names no partnership to compare it with."
    )
    return Prose(tuple(paras))


def partnerships_prose(dossier: Dossier) -> Prose:
    """One sentence per partnership of the focus (the partnership and its comparison)."""
    focus = dossier.focus
    said = [_partnership(dossier, focus.get(k, "")) for k in ("partnership", "comparison")]
    said = [s for s in said if s]
    return Prose(tuple(said) or ("The dossier names no focus partnership yet.",))


#: The obligation categories that say what a party must do if another party is attacked.
IF_ATTACKED = ("mutual_defence", "no_aid_to_aggressor", "consultation_on_threat")


_VERBS = {
    "present": "carries",
    "partial": "partly carries",
    "absent": "does not carry",
    "unverified": "has, unverified,",
    "not coded": "is not coded in the dossier for",
}


def _listed(items: list[str]) -> str:
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else "".join(items)


def obligations_prose(
    dossier: Dossier, partnerships: Iterable[str | None], categories: Iterable[str] = IF_ATTACKED
) -> Prose:
    """For each partnership, which of ``categories`` it carries (with articles), which it
    does not, and which the dossier has not coded.

    >>> from analysis import load_dossier
    >>> print(obligations_prose(load_dossier(), ["pt-rus-prk-2024"]))
    **RU–KP 2024** carries mutual defence (Art. 4), consultation on threat (Art. 3) and no aid
    to aggressor (Art. 4).
    """
    known = set(dossier.partnerships["partnership_id"])
    pids = [str(p) for p in dict.fromkeys(partnerships) if p in known]
    if not pids:
        return Prose(("The dossier names no focus partnership yet.",))
    cats = list(categories)
    tidy = obligation_matrix(dossier, pids).tidy
    tidy = tidy[tidy["category"].astype(str).isin(cats)]
    paras = []
    for _, rows in tidy.groupby("partnership_id", sort=False, observed=True):
        said: dict[str, list[str]] = {k: [] for k in _VERBS}
        for row in rows.to_dict("records"):
            word = str(row["category"]).replace("_", " ")
            cited = cite_articles(row["article"])
            word += f" ({cited})" if cited and row["presence"] != "absent" else ""
            said[str(row["presence"]) if row["coded"] else "not coded"].append(word)
        parts = [f"{verb} {_listed(said[key])}" for key, verb in _VERBS.items() if said[key]]
        paras.append(f"**{rows['short_name'].iloc[0]}** {'; '.join(parts)}.")
    return Prose(tuple(paras))


def allegations_prose(dossier: Dossier) -> Prose:
    """How many allegations the dossier records, by their derived status, with their claims."""
    if dossier.allegations.empty:
        return Prose(("The dossier records no allegation yet.",))
    status = allegation_status(dossier.allegations, dossier.statements)
    claims = dossier.allegations.set_index("allegation_id")["proposition"]
    counts = status["status"].astype(str).value_counts()
    total = len(status)
    parts = [f"{n} {s.replace('_', ' ')}" for s, n in counts.items()]
    paras = [
        f"The dossier records {total} allegation{'s' if total != 1 else ''}: "
        + ", ".join(parts)
        + "."
    ]
    for aid, row in status.iterrows():
        paras.append(f"- {claims[aid]} ({aid}): {str(row['status']).replace('_', ' ')}")
    paras = [paras[0], "\n".join(paras[1:])]
    if "confirmed" not in counts:
        paras.append("None is confirmed: no accused or beneficiary party has admitted one.")
    return Prose(tuple(paras))


def precedent_prose(dossier: Dossier, allegation: str | None = None) -> Prose:
    """The focus allegation's course: first alleged when and by whom, and where it stands."""
    aid = allegation or dossier.focus.get("allegation")
    status = allegation_status(dossier.allegations, dossier.statements)
    if not aid or aid not in status.index:
        return Prose(("The dossier names no focus allegation yet.",))
    row = status.loc[aid]
    claim = dossier.allegations.set_index("allegation_id").at[aid, "proposition"]
    if pd.isna(row["first_alleged"]):
        return Prose((f"Nobody in the dossier has alleged yet that {claim} ({aid}).",))
    precision = row["first_alleged_precision"]
    said = (
        f"The allegation followed here: {claim} ({aid}). It was first alleged "
        f"{'on' if precision == 'day' else 'in'} {_date(row['first_alleged'], precision)} "
        f"by {names(dossier, [row['first_alleged_by']])}"
    )
    if len(row["denied_by"]):
        said += f"; {names(dossier, row['denied_by'])} denied it"
    state = str(row["status"]).replace("_", " ")
    if len(row["confirmed_by"]):
        on = row["confirmed_on_precision"]
        said += (
            f"; {names(dossier, row['confirmed_by'])} confirmed it "
            f"{'on' if on == 'day' else 'in'} {_date(row['confirmed_on'], on)}"
        )
        if on == "day" and precision == "day":  # a count of days only between known days
            said += f", {row['days_to_confirmation']} days after it was first made"
    else:
        said += "; no accused or beneficiary party has confirmed it"
    return Prose((f"{said}. Its status today: **{state}**.",))


_SECTION = re.compile(r"^## (\S+)\s*$", re.M)


def dossier_notes(dossier: Dossier, key: str) -> Prose | None:
    """The passage ``key`` of the dossier's own ``notes.md``, marked as the curator's; ``None``
    (nothing shown) for a dossier without such a passage."""
    if dossier.path is None or not (dossier.path / "notes.md").is_file():
        return None
    body = (dossier.path / "notes.md").read_text(encoding="utf-8")
    parts = _SECTION.split(body)
    sections = dict(zip(parts[1::2], parts[2::2], strict=False))
    if key not in sections:
        return None
    paras = [p.strip() for p in sections[key].strip().split("\n\n") if p.strip()]
    paras[0] = f"*In this dossier ({dossier.name}), its curator notes*: " + paras[0]
    return Prose(tuple(paras))
