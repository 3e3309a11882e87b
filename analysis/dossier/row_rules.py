"""Row rules that need more than a vectorised comparison: replacement cycles, and the parties
of a joint statement (see :data:`analysis.schema.RULES`)."""

from __future__ import annotations

import pandas as pd

from analysis.dossier.issues import split_list

__all__ = ["in_cycle", "names_others"]


def names_others(joint: pd.Series, first: pd.Series, field: str) -> pd.Series:
    """Whether each row's ``joint`` list leaves out ``first`` (and, for speakers, has one)."""
    needs_first = field == "joint_speaker_ids"
    return pd.Series(
        [
            not isinstance(j, str)
            or (isinstance(f, str) and f not in split_list(j))
            or (not needs_first and not isinstance(f, str))
            for j, f in zip(joint, first, strict=True)
        ],
        index=joint.index,
    )


def in_cycle(ids: pd.Series, targets: pd.Series) -> pd.Series:
    """Whether following ``targets`` from each id comes back to it (linear time: each id is
    walked once)."""
    step = {i: t for i, t in zip(ids, targets, strict=True) if isinstance(i, str)}
    state: dict[str, int] = {}  # 1: being walked, 2: done
    cyclic: set[str] = set()
    for first in step:
        path = []
        node = first
        while isinstance(node, str) and node in step and node not in state:
            state[node] = 1
            path.append(node)
            node = step[node]
        if isinstance(node, str) and state.get(node) == 1:  # came back onto this walk
            circle = path[path.index(node) :]
            if len(circle) > 1:  # a record naming itself is its own rule (no_self_reference)
                cyclic.update(circle)
        for n in path:
            state[n] = 2
    return ids.isin(cyclic)
