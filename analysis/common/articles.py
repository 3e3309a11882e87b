"""How treaty articles are cited for readers: the one rule every view joins articles by.

An obligation record names one article (``4``, ``3(3)``, ``preamble``); a cell of the
obligation matrix joins the articles of its governing records with the dossier's list
separator (``"4; 5"``). Readers never see that data form: tables, hovers, labels and the ACH
evidence list all cite articles through :func:`cite_articles`, so a reader meets one form,
``Art. 4, 5`` (named parts such as a preamble first, as written).
"""

from __future__ import annotations

__all__ = ["ARTICLE_JOIN", "cite_articles"]

#: What separates articles in a citation (``Art. 4, 5``).
ARTICLE_JOIN = ", "


def cite_articles(articles: object) -> str:
    """Articles as a reader cites them: numbered ones after one ``Art.``, others as written.

    ``articles`` is one article or several joined by ``;``; a blank (``None``, NaN, ``""``)
    cites nothing.

    >>> cite_articles("preamble; 1; 12")
    'preamble, Art. 1, 12'
    >>> cite_articles("3(3)"), cite_articles(""), cite_articles(None)
    ('Art. 3(3)', '', '')
    """
    if not isinstance(articles, str):
        return ""
    parts = list(dict.fromkeys(a.strip() for a in articles.split(";") if a.strip()))
    named = [a for a in parts if not a[0].isdigit()]
    numbered = [a for a in parts if a[0].isdigit()]
    cited = named + ([f"Art. {ARTICLE_JOIN.join(numbered)}"] if numbered else [])
    return ARTICLE_JOIN.join(cited)
