"""What each partnership obliges: a partnership x obligation matrix, as a table and a heatmap.

The categories, their order and their definitions come from
``analysis.schema.VOCABULARIES["obligation_category"]`` and nowhere else; ``docs/obligations.md``
explains how they follow the ATOP codebook. A cell of the matrix gathers every obligation
record of one partnership in one category. When several records share a cell, the strongest
presence governs (present > partial > absent > unverified), and the cell keeps every article,
source and publisher behind it.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from markupsafe import Markup

from analysis.common import markup
from analysis.common.articles import cite_articles
from analysis.dossier.model import Dossier
from analysis.figures.style import NO_DATA_COLOUR, colour
from analysis.filtering.grades import filter_grades
from analysis.schema import VOCABULARIES

__all__ = [
    "CELL_FONT",
    "CATEGORIES",
    "PRESENCE_CODES",
    "ObligationMatrix",
    "cite_articles",
    "obligation_matrix",
    "obligations_table",
    "compare_obligations",
    "heatmap_height",
    "obligations_heatmap",
]

#: Obligation categories in the schema's order.
CATEGORIES: tuple[str, ...] = tuple(VOCABULARIES["obligation_category"])

#: Heatmap code of each presence term (a cell with no record is left empty).
PRESENCE_CODES: dict[str, int] = {"absent": 0, "unverified": 1, "partial": 2, "present": 3}
# Which presence governs a cell holding several records: the strongest claim.
_STRENGTH = {"present": 3, "partial": 2, "absent": 1, "unverified": 0}
_SHORT = {"present": "Y", "partial": "P", "absent": "N", "unverified": "?"}
_PRESENCE_DTYPE = pd.CategoricalDtype(list(VOCABULARIES["presence"]), ordered=True)

_TIDY_COLUMNS = [
    "partnership_id",
    "short_name",
    "category",
    "coded",
    "presence",
    "article",
    "article_certainty",
    "paraphrase",
    "obligation_ids",
    "source_ids",
    "publishers",
    "reliability",
    "source_count",
    "low_tier_only",
    "label",
]


class ObligationMatrix(NamedTuple):
    """The obligation matrix in two shapes.

    Attributes
    ----------
    tidy : one row per (partnership, category) cell, every cell of the grid, with ``coded``
        false where the dossier holds no record for it.
    presence : partnerships (rows, by id) x categories (columns, schema order): the governing
        presence, missing where not coded.
    """

    tidy: pd.DataFrame
    presence: pd.DataFrame

    def cell(self, partnership_id: str, category: str) -> pd.Series:
        """The tidy row of one cell."""
        rows = self.tidy[
            (self.tidy["partnership_id"] == partnership_id) & (self.tidy["category"] == category)
        ]
        if rows.empty:
            raise KeyError(f"no cell ({partnership_id!r}, {category!r}) in the matrix")
        return rows.iloc[0]


def _join(values) -> str:
    return "; ".join(dict.fromkeys(str(v) for v in values if isinstance(v, str) and v))


def _label(presence: str | None, articles: str) -> str:
    if presence is None:
        return ""
    short = _SHORT[presence]
    cited = cite_articles(articles)
    return f"{short} {cited}" if cited and presence != "absent" else short


def _cell(partnership: dict, category: str, rows: list[dict]) -> dict:
    base = {
        "partnership_id": partnership["partnership_id"],
        "short_name": partnership["short_name"],
        "category": category,
    }
    if not rows:
        return base | {
            "coded": False,
            "presence": None,
            "article": "",
            "article_certainty": "",
            "paraphrase": "",
            "obligation_ids": (),
            "source_ids": (),
            "publishers": (),
            "reliability": None,
            "source_count": 0,
            "low_tier_only": False,
            "label": "",
        }
    strongest = max(_STRENGTH[str(r["presence"])] for r in rows)
    governing = [r for r in rows if _STRENGTH[str(r["presence"])] == strongest]
    presence = str(governing[0]["presence"])
    articles = _join(r["article"] for r in governing)
    sources = tuple(dict.fromkeys(s for r in rows for s in r["source_ids"]))
    return base | {
        "coded": True,
        "presence": presence,
        "article": articles,
        "article_certainty": _join(str(r["article_certainty"]) for r in governing),
        "paraphrase": " / ".join(dict.fromkeys(r["paraphrase"] for r in governing)),
        "obligation_ids": tuple(r["obligation_id"] for r in rows),
        "source_ids": sources,
        "publishers": tuple(dict.fromkeys(p for r in rows for p in r["publishers"])),
        "reliability": min(str(r["reliability"]) for r in rows),  # A is best
        "source_count": len(sources),
        "low_tier_only": all(bool(r["low_tier_only"]) for r in rows),
        "label": _label(presence, articles),
    }


def obligation_matrix(
    dossier: Dossier,
    partnerships: list[str] | None = None,
    *,
    min_reliability: str | None = None,
) -> ObligationMatrix:
    """The partnership x obligation-category matrix of ``dossier``.

    Parameters
    ----------
    dossier : a loaded dossier.
    partnerships : partnership ids, in the order wanted; ``None`` means every partnership
        that has at least one obligation record, in the dossier's order.
    min_reliability : count only obligation records whose best source is graded this or
        better (see :func:`analysis.filtering.filter_grades`); cells left without a record
        are shown as not coded.

    Returns
    -------
    ObligationMatrix
        ``tidy`` (one row per cell) and ``presence`` (the pivot).

    Examples
    --------
    >>> from analysis import load_dossier
    >>> m = obligation_matrix(load_dossier(), ["pt-rus-prk-2024", "pt-rus-irn-2025"])
    >>> m.presence.loc[:, "mutual_defence"].tolist()
    ['present', 'absent']
    >>> m.cell("pt-rus-irn-2025", "no_aid_to_aggressor")["article"]
    '3(3)'
    """
    obligations = filter_grades(dossier.obligations, min_reliability=min_reliability)
    known = dossier.partnerships.set_index("partnership_id", drop=False)
    if partnerships is None:
        coded = set(dossier.obligations["partnership_id"])
        partnerships = [p for p in known.index if p in coded]
    partnerships = list(dict.fromkeys(partnerships))  # a partnership named twice is one row
    missing = [p for p in partnerships if p not in known.index]
    if missing:
        raise KeyError(f"no partnership with id {', '.join(map(repr, missing))}")
    cells: dict[tuple[str, str], list[dict]] = {}
    for rec in obligations.to_dict("records"):
        cells.setdefault((rec["partnership_id"], str(rec["category"])), []).append(rec)
    rows = [
        _cell(known.loc[pid].to_dict(), category, cells.get((pid, category), []))
        for pid in partnerships
        for category in CATEGORIES
    ]
    tidy = pd.DataFrame(rows, columns=_TIDY_COLUMNS)
    tidy["category"] = tidy["category"].astype(pd.CategoricalDtype(list(CATEGORIES), ordered=True))
    tidy["presence"] = tidy["presence"].astype(_PRESENCE_DTYPE)
    tidy["reliability"] = tidy["reliability"].astype(dossier.sources["reliability"].dtype)
    presence = tidy.pivot(index="partnership_id", columns="category", values="presence").reindex(
        index=list(partnerships), columns=list(CATEGORIES)
    )
    presence.columns = pd.Index([str(c) for c in presence.columns], name="category")
    return ObligationMatrix(tidy, presence)


def obligations_table(
    dossier: Dossier,
    partnerships: list[str] | None = None,
    *,
    min_reliability: str | None = None,
) -> pd.DataFrame:
    """The matrix as a readable table: partnerships (short names) x categories.

    Each cell reads as the comparison key of ``treaty-articles.md``: ``Y`` present, ``P``
    partial, ``N`` absent, ``?`` not verified, followed by the article(s); empty when the
    dossier holds no record for the cell.
    """
    tidy = obligation_matrix(dossier, partnerships, min_reliability=min_reliability).tidy
    table = tidy.pivot(index="short_name", columns="category", values="label")
    order = list(dict.fromkeys(tidy["short_name"]))
    table = table.reindex(index=order, columns=list(CATEGORIES))
    table.columns = pd.Index([str(c) for c in table.columns], name="category")
    table.index.name = "partnership"
    return table


def compare_obligations(
    dossier: Dossier, first: str, second: str, *, min_reliability: str | None = None
) -> pd.DataFrame:
    """Two partnerships side by side, one row per category, with ``differs`` flagged.

    >>> from analysis import load_dossier
    >>> c = compare_obligations(load_dossier(), "pt-rus-irn-2025", "pt-rus-prk-2024")
    >>> c.loc["mutual_defence", ["pt-rus-irn-2025", "pt-rus-prk-2024"]].tolist()
    ['absent', 'present']
    >>> bool(c.at["mutual_defence", "differs"])
    True
    >>> c.attrs["labels"]["pt-rus-prk-2024 article"]
    'RU–KP 2024 article'

    A partnership compared with itself (a dossier with one partnership) differs nowhere:

    >>> same = compare_obligations(load_dossier(), "pt-rus-irn-2025", "pt-rus-irn-2025")
    >>> bool(same["differs"].any()), same.at["mutual_defence", "pt-rus-irn-2025"]
    (False, 'absent')
    """
    tidy = obligation_matrix(dossier, [first, second], min_reliability=min_reliability).tidy
    tidy = tidy.set_index(["partnership_id", "category"])
    out = pd.DataFrame(index=pd.Index(list(CATEGORIES), name="category"))
    for pid in (first, second):
        part = tidy.xs(pid, level="partnership_id")
        part.index = part.index.astype(str)
        out[pid] = part["presence"].astype(str).where(part["coded"], "")
        out[f"{pid} article"] = part["article"]
    out["differs"] = out[first] != out[second]
    names = dossier.partnerships.set_index("partnership_id")["short_name"].to_dict()
    out.attrs["labels"] = {"category": "Obligation", "differs": "Differs"} | {
        k: f"{names.get(p) or p}" + (" article" if k.endswith(" article") else "")
        for p in (first, second)
        for k in (p, f"{p} article")
    }  # headers for readers (reader_table reads them)
    return out


# --- figure --------------------------------------------------------------------------------------


def _colourscale() -> list[list]:
    """A stepped colour scale: one flat band per presence code."""
    codes = sorted(PRESENCE_CODES.items(), key=lambda kv: kv[1])
    n = len(codes)
    scale = []
    for i, (term, _) in enumerate(codes):
        scale.append([i / n, colour("presence", term)])
        scale.append([(i + 1) / n, colour("presence", term)])
    return scale


def _hover(row: dict, name: str) -> Markup:
    category = str(row["category"])
    definition = VOCABULARIES["obligation_category"][category]
    head = Markup("<b>{}</b> · {}").format(markup.text(name), markup.text(category))
    if not row["coded"]:
        return markup.lines(
            head, "not coded in the dossier", Markup("<i>{}</i>").format(markup.text(definition))
        )
    presence = str(row["presence"])
    where = Markup("{}: {} ({})").format(
        markup.text(presence),
        markup.text(cite_articles(row["article"]) or "no article", 60),
        markup.text(row["article_certainty"]),
    )
    sources = Markup("Sources: {} · best grade {} · {} source(s)").format(
        markup.text(", ".join(row["publishers"]), 160),
        markup.text(row["reliability"]),
        row["source_count"],
    )
    return markup.lines(
        head,
        where,
        markup.text(row["paraphrase"], 220),
        sources,
        Markup("<i>{}</i>").format(markup.text(definition)),
    )


#: Size of the cells' text, in px (legible at a page's default width; plotly would shrink it).
CELL_FONT = 11
#: Longest article list a cell shows (the hover and the data table give all of it).
CELL_CHARS = 18
#: Height of one row of the heatmap, in px: two lines of cell text and the gaps.
ROW_HEIGHT = 48
#: What the heatmap needs besides its rows: the slanted category labels on top, the title.
HEATMAP_MARGINS = 150


def heatmap_height(rows: int, *, title: bool = True) -> int:
    """The heatmap's height for ``rows`` partnerships: it grows with them.

    >>> heatmap_height(2), heatmap_height(7)
    (276, 516)
    """
    return HEATMAP_MARGINS + (30 if title else 0) + ROW_HEIGHT * max(rows, 1)


def obligations_heatmap(
    dossier: Dossier,
    partnerships: list[str] | None = None,
    *,
    categories: list[str] | None = None,
    min_reliability: str | None = None,
    title: str | None = "What each partnership obliges",
) -> go.Figure:
    """Heatmap of partnerships (rows) x obligation categories (columns), coloured by presence.

    Each cell shows the comparison key (``Y Art. 4``) and, in hover, the presence, article
    and how sure its number is, the paraphrase, the sources' publishers and best grade, and the
    category's definition from the schema. Every dossier string is escaped by
    :mod:`analysis.common.markup`. Cells the dossier does not code are left blank.
    """
    tidy = obligation_matrix(dossier, partnerships, min_reliability=min_reliability).tidy
    cats = list(CATEGORIES) if categories is None else list(categories)
    unknown = [c for c in cats if c not in CATEGORIES]
    if unknown:
        raise KeyError(f"no obligation category {', '.join(map(repr, unknown))}")
    pids = list(dict.fromkeys(tidy["partnership_id"]))
    names = dict(zip(tidy["partnership_id"], tidy["short_name"], strict=False))
    cells = {(r["partnership_id"], str(r["category"])): r for r in tidy.to_dict("records")}
    z, text, hover = [], [], []
    for pid in pids:
        z_row, text_row, hover_row = [], [], []
        for cat in cats:
            row = cells[(pid, cat)]
            z_row.append(PRESENCE_CODES[str(row["presence"])] if row["coded"] else np.nan)
            letter, _, cited = str(row["label"]).partition(" ")  # "Y", "Art. 4": two lines
            text_row.append(str(markup.lines(letter, markup.text(cited, CELL_CHARS))))
            hover_row.append(str(_hover(row, names[pid])))
        z.append(z_row)
        text.append(text_row)
        hover.append(hover_row)
    ticks = sorted(PRESENCE_CODES.items(), key=lambda kv: kv[1])
    heat = go.Heatmap(
        z=z,
        x=cats,
        y=pids,
        text=text,
        texttemplate="%{text}",
        textfont=dict(size=CELL_FONT),
        hovertext=hover,
        hovertemplate="%{hovertext}<extra></extra>",
        colorscale=_colourscale(),
        zmin=-0.5,
        zmax=len(ticks) - 0.5,
        xgap=2,
        ygap=2,
        name="obligations",
        colorbar=dict(
            title=dict(text="presence"),
            tickvals=[v for _, v in ticks],
            ticktext=[t for t, _ in ticks],
        ),
    )
    fig = go.Figure(heat)
    fig.update_layout(
        title=dict(text=str(markup.text(title))) if title else None,
        plot_bgcolor="white",
        paper_bgcolor="white",
        height=heatmap_height(len(pids), title=bool(title)),
        margin=dict(l=10, r=10, t=60 if title else 20, b=10),
        font=dict(color="#222222", size=12),
    )
    fig.update_xaxes(
        side="top",
        tickangle=-30,
        tickvals=cats,
        ticktext=[c.replace("_", " ") for c in cats],
        showgrid=False,
    )
    fig.update_yaxes(
        autorange="reversed",
        tickvals=pids,
        ticktext=[str(markup.text(names[p], 40)) for p in pids],
        showgrid=False,
        linecolor=NO_DATA_COLOUR,
    )
    return fig
