"""Layer 2: leaves every other layer uses (paths, partial dates, the one escaping point, how
articles are cited).

They import only :mod:`analysis.schema`.
"""

from analysis.common.articles import ARTICLE_JOIN, cite_articles
from analysis.common.dates import (
    PartialDate,
    format_date,
    known_by,
    parse_partial_date,
    period_end,
)
from analysis.common.paths import (
    BUILD_DIR,
    DATA_DIR,
    DEFAULT_DOSSIER,
    PROJECT_ROOT,
    resolve_dossier,
)

__all__ = [
    "ARTICLE_JOIN",
    "cite_articles",
    "known_by",
    "PartialDate",
    "format_date",
    "parse_partial_date",
    "period_end",
    "BUILD_DIR",
    "DATA_DIR",
    "DEFAULT_DOSSIER",
    "PROJECT_ROOT",
    "resolve_dossier",
]
