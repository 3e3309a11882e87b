"""Layer 4: pure queries over a :class:`~analysis.dossier.Dossier`.

:class:`Filters` is a frozen value and :func:`apply_filters` turns a dossier and filters into the
:class:`View` every figure and table builder takes. The rules each query needs have one home
here: allegation status as of a date (:mod:`~analysis.filtering.status`), where a partnership
stood (:mod:`~analysis.filtering.milestones`), the relations between actors
(:mod:`~analysis.filtering.relations`), source and information grades
(:mod:`~analysis.filtering.grades`) and the days on which something was reported
(:func:`reported_days`).
"""

from analysis.filtering._index import KINDS, record_kinds, reported_days
from analysis.filtering.changes import Changes, ViewChanges, changes_between, changes_since
from analysis.filtering.filters import (
    RECORD_KINDS,
    Filters,
    View,
    apply_filters,
    restrict,
)
from analysis.filtering.grades import (
    check_credibility,
    check_reliability,
    filter_grades,
    graded_statements,
)
from analysis.filtering.links import ParsedLink, from_query, to_query
from analysis.filtering.milestones import PARTNERSHIP_STATES, partnership_dates, partnerships_as_of
from analysis.filtering.period import DENSE_SHARE, dense_period
from analysis.filtering.relations import DIRECTED, RELATIONS
from analysis.filtering.status import STATUSES, allegation_status, status_steps, status_timeline

__all__ = [
    "DENSE_SHARE",
    "DIRECTED",
    "KINDS",
    "PARTNERSHIP_STATES",
    "RECORD_KINDS",
    "RELATIONS",
    "STATUSES",
    "Changes",
    "Filters",
    "ParsedLink",
    "View",
    "ViewChanges",
    "allegation_status",
    "apply_filters",
    "changes_between",
    "changes_since",
    "check_credibility",
    "check_reliability",
    "dense_period",
    "filter_grades",
    "from_query",
    "graded_statements",
    "partnership_dates",
    "partnerships_as_of",
    "record_kinds",
    "reported_days",
    "restrict",
    "status_steps",
    "status_timeline",
    "to_query",
]
