"""Where data becomes markup: the one place that escapes text and vets links.

Dossier text is untrusted. Plotly renders a subset of HTML in hover labels, titles and
annotations, JupyterLab and the reports render HTML tables, so every string from a dossier
passes through :func:`text` (or :func:`link`) on its way into any of them. Figure and table
builders never build markup from data any other way.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

from markupsafe import Markup, escape

__all__ = ["text", "link", "safe_url", "lines", "MAX_LABEL", "NO_MATH"]

#: Longest text shown in a hover label or cell before it is cut with an ellipsis.
MAX_LABEL = 300

#: Classes MathJax skips (``tex2jax_ignore`` up to v2, ``mathjax_ignore`` from v3): every HTML
#: block the package builds from data carries them, so no viewer typesets ``$...$`` in it.
NO_MATH = "tex2jax_ignore mathjax_ignore"

# Bidirectional controls can reorder what a reader sees; they are shown as visible marks.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
# MathJax in JupyterLab and nbconvert typesets $...$; a dollar sign from data must not open it.
_DOLLAR = "&#36;"
# Plotly fills ``%{...}`` in hover and text templates; data that lands in a template by mistake
# must not reach into the figure's data (plotly shows the entity as ``%``).
_TEMPLATE = ("%{", "&#37;{")
# Characters that a plain address never needs raw (they are percent-encoded) and markup does.
_NOT_IN_URL = frozenset("<>\"'`")


# Unicode category Cc (C0 and C1 controls), except newline and tab.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _clean(value: object, limit: int | None) -> str:
    if value is None:
        return ""
    s = str(value)
    if s in ("nan", "<NA>", "NaT", "None"):
        return ""
    s = _BIDI.sub("\N{REPLACEMENT CHARACTER}", s)
    s = _CONTROL.sub("", s)
    if limit is not None and len(s) > limit:
        s = s[: limit - 1] + "\N{HORIZONTAL ELLIPSIS}"
    return s


def text(value: object, limit: int | None = MAX_LABEL) -> Markup:
    """Escape ``value`` for HTML (and for plotly's label markup), cut to ``limit`` characters.

    >>> str(text('<img src=x onerror="alert(1)"> $x$'))
    '&lt;img src=x onerror=&#34;alert(1)&#34;&gt; &#36;x&#36;'
    >>> str(text("%{customdata}"))
    '&#37;{customdata}'
    """
    escaped = str(escape(_clean(value, limit)))
    return Markup(escaped.replace("$", _DOLLAR).replace(*_TEMPLATE))


def safe_url(url: object) -> str | None:
    """``url`` if it is a plain ``http``/``https`` address, else ``None``.

    >>> safe_url("javascript:alert(1)") is None
    True
    >>> safe_url("https://tass.com/politics/1940345")
    'https://tass.com/politics/1940345'
    >>> safe_url('https://example.org/"onmouseover="x') is None
    True
    """
    if url is None:
        return None
    s = str(url).strip()
    if not s or any(
        ch.isspace() or ch in _NOT_IN_URL or unicodedata.category(ch) == "Cc" for ch in s
    ):
        return None
    try:
        parts = urlsplit(s)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return s


def link(url: object, label: object, limit: int | None = 80) -> Markup:
    """An ``<a>`` element for a vetted http(s) ``url``; just the escaped label otherwise.

    >>> str(link("javascript:alert(1)", "click"))
    'click'
    """
    href = safe_url(url)
    label_markup = text(label, limit)
    if href is None:
        return label_markup
    return Markup('<a href="{}" target="_blank" rel="noopener noreferrer">{}</a>').format(
        href, label_markup
    )


def lines(*parts: object) -> Markup:
    """Join already-escaped parts (or plain values, escaped here) with plotly's ``<br>``."""
    return Markup("<br>").join(p if isinstance(p, Markup) else text(p) for p in parts if p)
