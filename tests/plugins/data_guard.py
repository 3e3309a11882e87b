"""pytest plugin: fail the test session if anything under ``data/`` changed while it ran.

Nothing may write inside ``data/`` (raw data is never edited by code, tests included). At the
start of the session every file under :data:`GUARDED` is hashed; at the end the files are
hashed again and, if any was added, removed or changed, the session fails with the list.

Enable it in ``tests/conftest.py`` with ``pytest_plugins = ["plugins.data_guard"]``.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from analysis.common.paths import DATA_DIR

__all__ = ["GUARDED", "snapshot", "changes"]

#: The folder whose files must be the same at the end of the session as at its start.
GUARDED: Path = DATA_DIR

_BEFORE = pytest.StashKey[dict[str, str]]()


def snapshot(root: Path) -> dict[str, str]:
    """SHA-256 of every file under ``root`` (links are not followed), keyed by relative path.

    A link is recorded by where it points, so retargeting one counts as a change.
    """
    if not root.is_dir():
        return {}
    digests: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_symlink():
            digests[rel] = "link -> " + str(path.readlink())
        elif path.is_file():
            digests[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digests


def changes(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """Describe how ``after`` differs from ``before``, one line per file, sorted by path.

    >>> changes({"a.csv": "1", "b.csv": "2"}, {"a.csv": "1", "b.csv": "3", "c.csv": "4"})
    ['changed: b.csv', 'added: c.csv']
    """
    lines = []
    for rel in sorted(before.keys() | after.keys()):
        if rel not in after:
            lines.append(f"removed: {rel}")
        elif rel not in before:
            lines.append(f"added: {rel}")
        elif before[rel] != after[rel]:
            lines.append(f"changed: {rel}")
    return lines


def pytest_sessionstart(session: pytest.Session) -> None:
    session.config.stash[_BEFORE] = snapshot(GUARDED)


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    before = session.config.stash.get(_BEFORE, None)
    if before is None:
        return
    found = changes(before, snapshot(GUARDED))
    if not found:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    message = [f"the test session changed files under {GUARDED} (nothing may write there):"]
    message += [f"  {line}" for line in found]
    if reporter is not None:
        reporter.write_sep("=", "data/ was modified", red=True)
        for line in message:
            reporter.write_line(line, red=True)
    else:  # pragma: no cover - without a terminal (e.g. -p no:terminal)
        print("\n".join(message))
    session.exitstatus = pytest.ExitCode.TESTS_FAILED
