"""Study strategic partnerships between states and the allegations around them.

The package is layered; each layer imports only the ones above it in this list:

``schema`` (declarations) -> ``validation`` / ``loading`` -> ``dossier`` (typed frames)
-> ``status`` / filters -> figure and table builders -> widgets. Notebooks sit on top.
"""

from .dossier import Dossier
from .loading import load_dossier
from .paths import DATA_DIR, DEFAULT_DOSSIER
from .status import STATUSES, allegation_status, status_timeline
from .validation import DossierValidationError, Issue

__all__ = [
    "DATA_DIR",
    "DEFAULT_DOSSIER",
    "Dossier",
    "DossierValidationError",
    "Issue",
    "STATUSES",
    "allegation_status",
    "load_dossier",
    "status_timeline",
]
__version__ = "0.1.0"
