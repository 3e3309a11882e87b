"""The seeded synthetic dossiers that feed the scale tests and the benchmarks."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import load_dossier, per_allegation
from analysis.dossier.provenance import attach_provenance
from analysis.exports.tables import write_tables as export_tables
from analysis.synthetic.dossiers import synthetic_dossier

DERIVED = ["reliability", "low_tier_only", "publishers", "source_count"]


@pytest.fixture(scope="module")
def small():
    return synthetic_dossier(1_000, seed=7)


@pytest.fixture(scope="module")
def medium():
    return synthetic_dossier(20_000, seed=3)


@pytest.mark.parametrize("n", [100, 1_000, 4_321], ids=["hundred", "thousand", "odd size"])
def test_size_is_statements_plus_events(n):
    d = synthetic_dossier(n, seed=1)
    assert len(d.statements) + len(d.events) == n


def test_same_seed_same_dossier_and_other_seed_another():
    a, b, c = (synthetic_dossier(1_000, seed=s) for s in (5, 5, 6))
    pd.testing.assert_frame_equal(a.statements, b.statements)
    pd.testing.assert_frame_equal(a.events, b.events)
    assert not a.statements["actor_id"].equals(c.statements["actor_id"])


def test_too_small_is_refused():
    with pytest.raises(ValueError, match="n_records must be at least 100"):
        synthetic_dossier(99)


def test_realistic_distributions(medium):
    d = medium
    assert 200 <= len(d.actors) <= 300  # a few hundred actors
    # power-law activity: the most active tenth of speakers make most of the statements
    counts = d.statements["actor_id"].value_counts()
    top = counts.head(max(1, len(counts) // 10)).sum()
    assert top / counts.sum() > 0.5
    # dates over years, mostly to the day, some to the month or year, a few approximate
    years = d.statements["occurred"].dt.year
    assert years.max() - years.min() >= 8
    shares = d.statements["occurred_precision"].value_counts(normalize=True)
    assert shares["day"] > 0.7 and 0.05 < shares["month"] < 0.3 and 0 < shares["year"] < 0.1
    assert 0 < d.statements["occurred_approx"].mean() < 0.1
    assert (d.statements["reported"] >= d.statements["occurred"]).all()
    # every stance and the milestone kinds occur
    assert set(d.statements["stance"].astype(str)) == set(d.statements["stance"].cat.categories)
    assert {"signing", "entry_into_force", "accession"} <= set(d.events["kind"].astype(str))


def test_provenance_columns_match_the_package_rule(small):
    for name in ("statements", "events", "actors", "allegations", "partnerships"):
        frame = getattr(small, name)
        recomputed = attach_provenance(frame.drop(columns=DERIVED), small.sources)
        pd.testing.assert_frame_equal(frame, recomputed, obj=name)


def test_written_out_it_is_a_valid_dossier_with_the_same_frames(tmp_path):
    d = synthetic_dossier(400, seed=2)
    export_tables(d, tmp_path / "synthetic")
    loaded = load_dossier(tmp_path / "synthetic")  # raises if any rule is broken
    for name in ("sources", "actors", "partnerships", "allegations", "statements", "events"):
        pd.testing.assert_frame_equal(getattr(loaded, name), getattr(d, name), obj=name)


def test_statements_by_parties_deny_more_than_others(medium):
    st = per_allegation(medium.statements)
    st = st[st["allegation_id"].notna()]
    parties = medium.allegations.set_index("allegation_id")
    by_party = np.array(
        [
            a in set(parties.at[al, "accused_ids"]) | set(parties.at[al, "beneficiary_ids"])
            for a, al in zip(st["actor_id"], st["allegation_id"], strict=True)
        ]
    )
    denies = (st["stance"] == "denies").to_numpy()
    assert denies[by_party].mean() > 0.4 > denies[~by_party].mean()
