"""Fixed colours and symbols per category, so a category keeps its look whatever is filtered."""

from __future__ import annotations

from analysis.schema import DEFAULT_CAMPS, VOCABULARIES

__all__ = [
    "COLOURS",
    "STANCE_SYMBOLS",
    "EVENT_SYMBOL",
    "RELATION_DASHES",
    "colour",
    "NO_DATA_COLOUR",
]

NO_DATA_COLOUR = "#9e9e9e"

# Okabe-Ito and Tableau-derived palettes: distinguishable, colour-blind aware.
_EVENT = {
    "signing": "#0072B2",
    "ratification": "#56B4E9",
    "entry_into_force": "#009E73",
    "termination": "#7f7f7f",
    "accession": "#CC79A7",
    "meeting": "#E69F00",
    "capture": "#D55E00",
    "deployment": "#8c564b",
    "military_operation": "#000000",
    "sanction": "#F0E442",
    "un_action": "#17becf",
    "other": "#bcbd22",
}
_STANCE = {
    "alleges": "#D55E00",
    "denies": "#0072B2",
    "confirms": "#009E73",
    "partly_acknowledges": "#CC79A7",
    "declines_to_comment": "#999999",
    "comments": "#E69F00",
}
_STATUS = {
    "unreported": "#cccccc",
    "denied": "#56B4E9",
    "alleged": "#E69F00",
    "disputed": "#D55E00",
    "partly_acknowledged": "#CC79A7",
    "confirmed": "#009E73",
}
_ACTOR_KIND = {
    "state": "#0072B2",
    "bloc": "#009E73",
    "organisation": "#E69F00",
    "person": "#CC79A7",
    "media": "#56B4E9",
    "think_tank": "#F0E442",
}
# The default camps' colours; a dossier that declares its camps colours them itself
# (``Dossier.camps``; the network reads them from ``graph.graph["camps"]``).
_ALIGNMENT = {c["id"]: c["colour"] for c in DEFAULT_CAMPS}
_RELIABILITY = {
    "A": "#1a9850",
    "B": "#91cf60",
    "C": "#d9ef8b",
    "D": "#fee08b",
    "E": "#fc8d59",
    "F": "#bdbdbd",
}
_CONSISTENCY = {"CC": "#1a9850", "C": "#91cf60", "N": "#f7f7f7", "I": "#fc8d59", "II": "#d73027"}
_PRESENCE = {
    "present": "#1a9850",
    "partial": "#fee08b",
    "absent": "#f7f7f7",
    "unverified": "#bdbdbd",
}
# Relations between actors in the network, and where a partnership stood on a date.
_RELATION = {
    "partnership": "#0072B2",
    "membership": "#009E73",
    "alleges against": "#D55E00",
    "denies": "#56B4E9",
    "alleged transfer": "#E69F00",
    "confirmed transfer": "#000000",
}
_PARTNERSHIP_STATE = {
    "undated": "#bdbdbd",
    "signed": "#56B4E9",
    "in_force": "#009E73",
    "ended": "#7f7f7f",
}

COLOURS: dict[str, dict[str, str]] = {
    "event_kind": _EVENT,
    "stance": _STANCE,
    "status": _STATUS,
    "actor_kind": _ACTOR_KIND,
    "alignment": _ALIGNMENT,
    "reliability": _RELIABILITY,
    "consistency": _CONSISTENCY,
    "presence": _PRESENCE,
    "relation": _RELATION,
    "partnership_state": _PARTNERSHIP_STATE,
}

#: Marker symbol per statement stance (plotly symbol names); events are drawn as squares.
STANCE_SYMBOLS = {
    "alleges": "triangle-up",
    "denies": "x",
    "confirms": "star",
    "partly_acknowledges": "diamond",
    "declines_to_comment": "circle-open",
    "comments": "circle",
}
#: Marker symbol of an event on the timeline.
EVENT_SYMBOL = "square"

#: Line dash of a relation by its status (allegation status or partnership state).
RELATION_DASHES = {
    "in_force": "solid",
    "signed": "dash",
    "ended": "dot",
    "undated": "longdash",
    "confirmed": "solid",
    "partly_acknowledged": "dashdot",
    "disputed": "dot",
    "alleged": "dash",
    "denied": "longdashdot",
    "unreported": "dot",
}

for _vocab in (
    "event_kind",
    "stance",
    "actor_kind",
    "alignment",
    "reliability",
    "consistency",
    "presence",
):
    assert set(COLOURS[_vocab]) == set(VOCABULARIES[_vocab]), _vocab


#: Colours of the event kinds a dossier adds (``vocabularies.event_kind``), in the order it
#: declares them; none is a built-in event kind's colour.
ADDED_KIND_COLOURS = ("#9467bd", "#e377c2", "#393b79", "#637939", "#843c39", "#7b4173")


def kind_colour(term: str, kinds: tuple[str, ...]) -> str:
    """The colour of a record kind among a dossier's ``kinds`` (built-in kinds first, then the
    ones it adds): a stance's or built-in event kind's fixed colour, else one of
    :data:`ADDED_KIND_COLOURS` by the added kind's place (cycling past six).

    >>> kind_colour("signing", ()), kind_colour("announcement", ("other", "announcement"))
    ('#0072B2', '#9467bd')
    """
    for vocabulary in ("stance", "event_kind"):
        if term in COLOURS[vocabulary]:
            return COLOURS[vocabulary][term]
    added = [k for k in kinds if k not in COLOURS["stance"] and k not in COLOURS["event_kind"]]
    if term not in added:
        return NO_DATA_COLOUR
    return ADDED_KIND_COLOURS[added.index(term) % len(ADDED_KIND_COLOURS)]


def colour(vocabulary: str, term: object) -> str:
    """The fixed colour of ``term`` in ``vocabulary`` (grey for unknown terms)."""
    return COLOURS.get(vocabulary, {}).get(str(term), NO_DATA_COLOUR)
