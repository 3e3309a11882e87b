"""Debian's chromium driven by Playwright. Browser tests fail (not skip) in CI without it."""

from __future__ import annotations

import os
import shutil

import pytest

from analysis.report.pdf import HEADLESS_FLAGS

__all__ = ["CHROMIUM_ARGS", "chromium_executable"]

#: Flags that keep headless chromium off the network and working as root on this kind of machine
#: (the same the report's PDF printing starts it with).
CHROMIUM_ARGS = list(HEADLESS_FLAGS)


def chromium_executable() -> str:
    """Path of Debian's chromium; fails the test under CI when missing, skips it otherwise."""
    path = (
        os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    )
    if path:
        return path
    message = "chromium is not installed (apt-get install -y chromium); browser tests need it"
    if os.environ.get("CI"):
        pytest.fail(message + " and CI is set, so this is a failure, not a skip")
    pytest.skip(message)
