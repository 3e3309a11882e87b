"""Debian's chromium driven by Playwright. Browser tests fail (not skip) in CI without it."""

from __future__ import annotations

import os
import shutil

import pytest

__all__ = ["CHROMIUM_ARGS", "chromium_executable"]

#: Flags that keep headless chromium off the network and working as root on this kind of machine.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


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
