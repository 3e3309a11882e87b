"""The one place that knows where the project and its data live."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["PROJECT_ROOT", "DATA_DIR", "DEFAULT_DOSSIER", "BUILD_DIR", "resolve_dossier"]

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = PROJECT_ROOT / "data"
BUILD_DIR = PROJECT_ROOT / "build"
#: The bundled dossier, loaded when no path is given. ``PARTNERSHIP_DOSSIER`` overrides it.
DEFAULT_DOSSIER = DATA_DIR / "russia-iran-2025"


def resolve_dossier(path: str | os.PathLike[str] | None = None) -> Path:
    """Return the dossier folder for ``path``.

    ``None`` means the ``PARTNERSHIP_DOSSIER`` environment variable if set, else the bundled
    dossier. A bare name such as ``"russia-belarus-2024"`` names a folder under ``data/``.
    """
    if path is None or str(path) == "":
        path = os.environ.get("PARTNERSHIP_DOSSIER") or DEFAULT_DOSSIER
    candidate = Path(path).expanduser()
    if not candidate.is_absolute() and not candidate.exists() and (DATA_DIR / candidate).exists():
        candidate = DATA_DIR / candidate
    return candidate.resolve()
