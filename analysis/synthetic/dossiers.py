"""Seeded synthetic dossiers of any size, for tests and benchmarks.

A synthetic dossier has the same typed frames as a loaded one (and, written out as CSV, passes
validation): a few hundred actors whose activity follows a power law, partnerships with their
milestone events, allegations with statements that allege, deny, confirm or comment on them,
dates spread over years at mixed precisions, and sources of mixed reliability.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.dossier.codes import current_state_codes
from analysis.dossier.model import Dossier
from analysis.dossier.provenance import RELIABILITY
from analysis.schema import TABLES, VOCABULARIES
from analysis.synthetic.columns import (
    DAYS,
    START,
    Citations,
    categorical,
    date_columns,
    id_tuples,
    partial_dates,
    reported_soon_after,
    strings,
    typed_table,
    zipf_weights,
)

__all__ = ["synthetic_dossier"]

_STANCES = list(VOCABULARIES["stance"])
_EVENT_KINDS = list(VOCABULARIES["event_kind"])
_OTHER_EVENTS = {
    "meeting": 0.35,
    "deployment": 0.1,
    "military_operation": 0.15,
    "sanction": 0.15,
    "un_action": 0.1,
    "capture": 0.05,
    "other": 0.1,
}


def _state_ids(rng: np.random.Generator, n: int) -> list[str]:
    """``n`` real ISO 3166-1 alpha-3 codes (validation checks states against the code list)."""
    codes = current_state_codes()
    if n > len(codes):
        raise ValueError(f"a synthetic dossier has at most {len(codes)} states (ISO 3166-1)")
    return [codes[i] for i in rng.choice(len(codes), size=n, replace=False)]


def synthetic_dossier(
    n_records: int = 10_000, *, seed: int = 0, n_actors: int | None = None
) -> Dossier:
    """A synthetic dossier with ``n_records`` statements and events, the same for the same seed.

    Parameters
    ----------
    n_records : number of statements plus events (partnership milestones included).
    seed : seed of the random generator.
    n_actors : number of actors; default grows with size, from 30 up to 300.

    Examples
    --------
    >>> d = synthetic_dossier(1_000, seed=1)
    >>> len(d.statements) + len(d.events)
    1000
    >>> bool((d.statements["reported"] >= d.statements["occurred"]).all())
    True
    """
    if n_records < 100:
        raise ValueError("n_records must be at least 100")
    rng = np.random.default_rng(seed)
    n_actors = n_actors or int(np.clip(30 + n_records // 40, 30, 300))

    # --- sources -------------------------------------------------------------------------
    n_sources = int(np.clip(n_records // 10, 20, 50_000))
    source_ids = [f"src-{i:06d}" for i in range(n_sources)]
    pub_days, pub_prec, pub_approx = partial_dates(rng, rng.integers(0, DAYS, n_sources))
    publisher = rng.integers(0, 60, n_sources)
    kind = rng.integers(0, len(VOCABULARIES["source_kind"]), n_sources)
    grade = rng.choice(6, n_sources, p=[0.1, 0.35, 0.3, 0.15, 0.05, 0.05])
    # one grade per publisher (rule one_grade_per_publisher): its first source's
    _, first = np.unique(publisher, return_index=True)
    grade = dict(zip(publisher[first], grade[first], strict=True))
    grade = np.array([grade[p] for p in publisher], dtype=np.int64)
    sources = typed_table(
        "sources",
        {
            "source_id": strings(source_ids),
            "publisher": strings([f"Publisher {i:02d}" for i in publisher]),
            "title": strings([f"Synthetic report {i}" for i in range(n_sources)]),
            "url": strings([f"https://example.org/synthetic/{s}" for s in source_ids]),
            **date_columns("published", pub_days, pub_prec, pub_approx),
            "kind": categorical(kind, "source_kind"),
            "reliability": categorical(
                grade,
                "reliability",
                ordered=True,
            ),
            "language": strings(["en"] * n_sources),
        },
        None,
    )

    # --- actors: states first (they act most), then blocs, organisations, people ----------
    n_states = max(10, int(n_actors * 0.45))
    n_blocs = max(2, n_actors // 20)
    n_orgs = max(2, int(n_actors * 0.2))
    n_people = max(2, n_actors - n_states - n_blocs - n_orgs)
    states = _state_ids(rng, n_states)
    blocs = [f"bloc-{i:02d}" for i in range(n_blocs)]
    orgs = [f"org-{i:03d}" for i in range(n_orgs)]
    people = [f"person-{i:03d}" for i in range(n_people)]
    actor_ids = states + blocs + orgs + people
    kinds = (
        ["state"] * n_states
        + ["bloc"] * n_blocs
        + ["organisation"] * n_orgs
        + ["person"] * n_people
    )
    affiliation = [None] * (n_states + n_blocs) + list(rng.choice(states, n_orgs + n_people))
    names = (
        [f"State {s}" for s in states]
        + [f"Bloc {i}" for i in range(n_blocs)]
        + [f"Organisation {i}" for i in range(n_orgs)]
        + [f"Person {i} ({a})" for i, a in enumerate(affiliation[-n_people:])]
    )
    n_all = len(actor_ids)
    actors = typed_table(
        "actors",
        {
            "actor_id": strings(actor_ids),
            "name": strings(names),
            "kind": categorical(
                [list(VOCABULARIES["actor_kind"]).index(k) for k in kinds], "actor_kind"
            ),
            "affiliation_id": strings([np.nan if a is None else a for a in affiliation]),
            "alignment": categorical(rng.choice(4, n_all, p=[0.35, 0.35, 0.05, 0.25]), "alignment"),
        },
        Citations(rng, sources, n_all),
    )
    state_arr = np.array(states, dtype=object)
    bodies = np.array(states + orgs, dtype=object)  # on whose behalf statements are made
    body_w = zipf_weights(len(bodies))
    rng.shuffle(body_w[n_states:])  # organisations interleave with states in activity
    body_w /= body_w.sum()
    state_w = zipf_weights(n_states)

    # --- partnerships and their milestone events ------------------------------------------
    n_part = int(np.clip(n_actors // 5, 5, 60))
    p_kind = rng.choice(
        4, n_part, p=[0.4, 0.25, 0.2, 0.15]
    )  # treaty, statement, membership, agreement
    kind_terms = list(VOCABULARIES["partnership_kind"])
    p_first = rng.choice(n_states, n_part, p=state_w)
    p_second = rng.choice(n_states, n_part, p=state_w)
    p_second = np.where(p_second == p_first, (p_first + 1) % n_states, p_second)
    parties = [
        (states[a], blocs[b % n_blocs]) if kind_terms[k] == "membership" else (states[a], states[b])
        for a, b, k in zip(p_first, p_second, p_kind, strict=True)
    ]
    p_ids = [f"pt-{i:03d}" for i in range(n_part)]
    partnerships = typed_table(
        "partnerships",
        {
            "partnership_id": strings(p_ids),
            "name": strings([f"Synthetic partnership {i}" for i in range(n_part)]),
            "short_name": strings([f"P{i}" for i in range(n_part)]),
            "kind": categorical(p_kind, "partnership_kind"),
            "parties": pd.Series(parties, dtype=object),
            "binding": pd.array(np.isin(p_kind, [0, 3]), dtype="boolean"),
            "summary": strings([f"A synthetic {kind_terms[k]}." for k in p_kind]),
        },
        Citations(rng, sources, n_part),
    )
    milestones = []  # (kind, day, partnership index)
    for i, k in enumerate(p_kind):
        signed = int(rng.integers(0, DAYS - 800))
        if kind_terms[k] == "membership":
            milestones.append(("accession", signed, i))
            continue
        milestones.append(("signing", signed, i))
        if kind_terms[k] != "joint_statement" and rng.random() < 0.7:
            in_force = signed + int(rng.integers(60, 400))
            milestones.append(("entry_into_force", in_force, i))
            if rng.random() < 0.15:
                milestones.append(("termination", in_force + int(rng.integers(100, 400)), i))

    # --- allegations ------------------------------------------------------------------------
    n_alleg = int(np.clip(n_records // 2000 + 6, 6, 120))
    accused = rng.choice(n_states, n_alleg, p=state_w)
    accused2 = np.where(rng.random(n_alleg) < 0.3, rng.choice(n_states, n_alleg, p=state_w), -1)
    accused2 = np.where(accused2 == accused, -1, accused2)
    benef = np.where(rng.random(n_alleg) < 0.8, rng.choice(n_states, n_alleg, p=state_w), -1)
    benef = np.where((benef == accused) | (benef == accused2), -1, benef)
    topics = rng.integers(0, len(VOCABULARIES["allegation_topic"]), n_alleg)
    al_ids = [f"al-{i:03d}" for i in range(n_alleg)]
    accused_ids = [
        tuple(states[x] for x in (a, b) if x >= 0) for a, b in zip(accused, accused2, strict=True)
    ]
    benef_ids = [(states[b],) if b >= 0 else () for b in benef]
    allegations = typed_table(
        "allegations",
        {
            "allegation_id": strings(al_ids),
            "proposition": strings(
                [
                    f"{' and '.join(a)} secretly aids {', '.join(b) or 'someone'}"
                    for a, b in zip(accused_ids, benef_ids, strict=True)
                ]
            ),
            "accused_ids": pd.Series(accused_ids, dtype=object),
            "beneficiary_ids": pd.Series(benef_ids, dtype=object),
            "topic": categorical(topics, "allegation_topic"),
        },
        Citations(rng, sources, n_alleg),
    )
    al_start = rng.integers(0, DAYS - 600, n_alleg)

    # --- statements --------------------------------------------------------------------------
    n_events = int(round(n_records * 0.3))
    n_stmt = n_records - n_events
    n_other_events = n_events - len(milestones)
    if n_other_events < 0:
        raise ValueError("n_records is too small for the partnerships' milestones")
    speaker_body = rng.choice(len(bodies), n_stmt, p=body_w)
    about = rng.random(n_stmt)
    alleg = np.where(about < 0.7, rng.choice(n_alleg, n_stmt, p=zipf_weights(n_alleg, 0.9)), -1)
    partner = np.where((about >= 0.7) & (about < 0.85), rng.integers(0, n_part, n_stmt), -1)
    # about a fifth of statements on an allegation come from its parties
    party_table = np.stack([accused, accused2, benef], axis=1)  # state indices, -1 = none
    a0 = np.maximum(alleg, 0)
    party_pick = party_table[a0, rng.integers(0, 3, n_stmt)]
    from_party = (alleg >= 0) & (party_pick >= 0) & (rng.random(n_stmt) < 0.2)
    actor_arr = np.where(from_party, state_arr[np.maximum(party_pick, 0)], bodies[speaker_body])
    code = {s: i for i, s in enumerate(states)}
    actor_state = np.array([code.get(a, -2) for a in actor_arr])
    is_party = (alleg >= 0) & (party_table[a0] == actor_state[:, None]).any(axis=1)
    s = {t: _STANCES.index(t) for t in _STANCES}
    # about a third of allegations are ever admitted, in part or in full, by a party
    admitted = rng.random(n_alleg) < 0.35
    party_stance = np.where(
        admitted[a0],
        rng.choice(
            [s["denies"], s["declines_to_comment"], s["partly_acknowledges"], s["confirms"]],
            n_stmt,
            p=[0.55, 0.2, 0.15, 0.1],
        ),
        rng.choice([s["denies"], s["declines_to_comment"]], n_stmt, p=[0.75, 0.25]),
    )
    other_stance = rng.choice(
        [s["alleges"], s["comments"], s["confirms"], s["declines_to_comment"]],
        n_stmt,
        p=[0.65, 0.15, 0.1, 0.1],
    )
    plain_stance = rng.choice([s["comments"], s["declines_to_comment"]], n_stmt, p=[0.85, 0.15])
    stance = np.where(alleg < 0, plain_stance, np.where(is_party, party_stance, other_stance))
    # statements on an allegation follow its first report; parties answer later
    lag = rng.exponential(np.where(is_party, 300, 150))
    day = np.where(alleg >= 0, al_start[a0] + lag, rng.integers(0, DAYS, n_stmt)).astype(int)
    occ, occ_prec, occ_approx = partial_dates(rng, day)
    people_arr = np.array(people, dtype=object)
    speaker = np.where(
        rng.random(n_stmt) < 0.3, people_arr[rng.integers(0, n_people, n_stmt)], np.nan
    )
    stmt_ids = [f"st-{i:07d}" for i in range(n_stmt)]
    al_arr = np.array(al_ids, dtype=object)
    p_arr = np.array(p_ids, dtype=object)
    statements = typed_table(
        "statements",
        {
            "statement_id": strings(stmt_ids),
            "actor_id": strings(actor_arr),
            "speaker_id": strings(speaker),
            "allegation_ids": pd.Series(
                [(a,) if ok else () for a, ok in zip(al_arr[a0], alleg >= 0, strict=True)],
                dtype=object,
            ),
            "partnership_id": strings(
                np.where(partner >= 0, p_arr[np.maximum(partner, 0)], np.nan)
            ),
            "stance": categorical(stance, "stance"),
            "summary": strings([f"Synthetic statement {i}" for i in range(n_stmt)]),
            **date_columns("occurred", occ, occ_prec, occ_approx),
            **reported_soon_after(rng, occ),
            "credibility": categorical(
                rng.choice(6, n_stmt, p=[0.15, 0.3, 0.3, 0.15, 0.05, 0.05]),
                "credibility",
                ordered=True,
            ),
        },
        Citations(rng, sources, n_stmt),
    )

    # --- events: milestones, then other happenings ------------------------------------------
    other_kinds = rng.choice(
        [_EVENT_KINDS.index(k) for k in _OTHER_EVENTS],
        n_other_events,
        p=list(_OTHER_EVENTS.values()),
    )
    kind = np.concatenate([[_EVENT_KINDS.index(k) for k, _, _ in milestones], other_kinds])
    m_days = np.array([d for _, d, _ in milestones], dtype=int)
    ev_day = np.concatenate([m_days, rng.integers(0, DAYS, n_other_events)])
    occ, occ_prec, occ_approx = partial_dates(rng, ev_day)
    n_m = len(milestones)
    occ_prec[:n_m] = 0  # milestones are known to the day
    occ[:n_m] = (START + m_days.astype("timedelta64[D]")).astype("datetime64[us]")
    occ_approx[:n_m] = False
    first = rng.choice(n_states, n_events, p=state_w)
    second = np.where(rng.random(n_events) < 0.3, rng.choice(n_states, n_events, p=state_w), -1)
    acting = id_tuples(
        state_arr[first], np.where(second >= 0, state_arr[np.maximum(second, 0)], None)
    )
    acting[:n_m] = [parties[i] for _, _, i in milestones]
    target = np.where(rng.random(n_events) < 0.4, rng.choice(n_states, n_events, p=state_w), -1)
    targets = [
        (states[t],) if t >= 0 and states[t] not in a else ()
        for t, a in zip(target, acting, strict=True)
    ]
    targets[:n_m] = [()] * n_m
    ev_alleg = np.where(rng.random(n_events) < 0.25, rng.integers(0, n_alleg, n_events), -1)
    ev_alleg[:n_m] = -1
    ev_part = np.full(n_events, -1)
    ev_part[:n_m] = [i for _, _, i in milestones]
    events = typed_table(
        "events",
        {
            "event_id": strings([f"ev-{i:07d}" for i in range(n_events)]),
            "kind": categorical(kind, "event_kind"),
            **date_columns("occurred", occ, occ_prec, occ_approx),
            **reported_soon_after(rng, occ),
            "actor_ids": pd.Series(acting, dtype=object),
            "target_ids": pd.Series(targets, dtype=object),
            "partnership_id": strings(
                np.where(ev_part >= 0, p_arr[np.maximum(ev_part, 0)], np.nan)
            ),
            "allegation_id": strings(
                np.where(ev_alleg >= 0, al_arr[np.maximum(ev_alleg, 0)], np.nan)
            ),
            "summary": strings([f"Synthetic {_EVENT_KINDS[k]} {i}" for i, k in enumerate(kind)]),
            "credibility": categorical(
                rng.choice(6, n_events, p=[0.3, 0.3, 0.2, 0.1, 0.05, 0.05]),
                "credibility",
                ordered=True,
            ),
        },
        Citations(rng, sources, n_events),
    )

    empty = {
        t.name: typed_table(t.name, {t.fields[0].name: strings([])}, None)
        for t in TABLES
        if t.name in ("obligations", "disputes", "hypotheses", "ach_ratings", "publishers")
    }
    for name in ("obligations", "disputes", "hypotheses"):
        empty[name] = empty[name].assign(
            reliability=pd.Categorical([], dtype=RELIABILITY),
            low_tier_only=np.zeros(0, bool),
            publishers=pd.Series([], dtype=object),
            source_count=np.zeros(0, np.int64),
        )
    return Dossier(
        name=f"synthetic-{n_records}-seed{seed}",
        path=None,
        title=f"Synthetic dossier ({n_records:,} records, seed {seed})",
        description="Generated by analysis.synthetic.dossiers for tests and benchmarks.",
        sources=sources,
        actors=actors,
        partnerships=partnerships,
        allegations=allegations,
        statements=statements,
        events=events,
        **empty,
    )
