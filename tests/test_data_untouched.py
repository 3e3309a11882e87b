"""Nothing writes inside ``data/``: the session guard (``tests/plugins/data_guard.py``) works.

The guard hashes every file under ``data/`` when the session starts and fails the session if
any was added, removed or changed by the end. These tests check the guard itself, on a
throwaway folder, including a whole pytest session in a subprocess that writes where it must not.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from conftest import MINI, write_tables
from plugins import data_guard
from plugins.data_guard import changes, snapshot

from analysis.common.paths import DATA_DIR, DEFAULT_DOSSIER
from analysis.dossier.loading import read_raw_tables

TESTS = Path(__file__).resolve().parent


def test_snapshot_and_changes_see_added_changed_and_removed_files(tmp_path):
    (tmp_path / "a.csv").write_text("a\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.csv").write_text("b\n")
    (tmp_path / "c.csv").write_text("c\n")
    before = snapshot(tmp_path)
    assert sorted(before) == ["a.csv", "c.csv", "sub/b.csv"]
    assert changes(before, snapshot(tmp_path)) == []

    (tmp_path / "sub" / "b.csv").write_text("B\n")
    (tmp_path / "c.csv").unlink()
    (tmp_path / "d.csv").write_text("d\n")
    assert changes(before, snapshot(tmp_path)) == [
        "removed: c.csv",
        "added: d.csv",
        "changed: sub/b.csv",
    ]


def test_same_bytes_rewritten_is_not_a_change(tmp_path):
    (tmp_path / "a.csv").write_text("a\n")
    before = snapshot(tmp_path)
    (tmp_path / "a.csv").write_text("a\n")  # new mtime, same content
    assert changes(before, snapshot(tmp_path)) == []


def test_retargeted_link_is_a_change(tmp_path):
    (tmp_path / "one.csv").write_text("1\n")
    (tmp_path / "two.csv").write_text("2\n")
    (tmp_path / "link.csv").symlink_to(tmp_path / "one.csv")
    before = snapshot(tmp_path)
    (tmp_path / "link.csv").unlink()
    (tmp_path / "link.csv").symlink_to(tmp_path / "two.csv")
    assert changes(before, snapshot(tmp_path)) == ["changed: link.csv"]


def test_missing_folder_has_an_empty_snapshot(tmp_path):
    assert snapshot(tmp_path / "nowhere") == {}


def test_guard_watches_the_project_data_folder():
    assert data_guard.GUARDED == DATA_DIR


def test_reading_the_bundled_data_writes_nothing_there():
    before = snapshot(DATA_DIR)
    frames, _, problems = read_raw_tables(DEFAULT_DOSSIER)  # every file a load opens
    assert frames and not problems
    assert changes(before, snapshot(DATA_DIR)) == []


def test_a_session_that_writes_into_the_guarded_folder_fails(tmp_path):
    guarded = write_tables(tmp_path / "data" / "mini", MINI)
    suite = tmp_path / "suite"
    suite.mkdir()
    (suite / "conftest.py").write_text(
        textwrap.dedent(f"""
        from pathlib import Path
        import plugins.data_guard
        plugins.data_guard.GUARDED = Path({str(guarded.parent)!r})
    """)
    )
    (suite / "test_vandal.py").write_text(
        textwrap.dedent(f"""
        from pathlib import Path

        def test_writes_where_it_must_not():
            folder = Path({str(guarded)!r})
            (folder / "actors.csv").write_text("actor_id\\n")
            (folder / "scratch.txt").write_text("oops")
            (folder / "events.csv").unlink()
    """)
    )
    env = {
        **os.environ,
        "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1",
        "PYTHONPATH": os.pathsep.join([str(TESTS), *filter(None, [os.environ.get("PYTHONPATH")])]),
    }
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            str(suite),
            "-p",
            "plugins.data_guard",
            "-p",
            "no:cacheprovider",
            "-q",
            "--rootdir",
            str(suite),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "1 passed" in result.stdout  # the test itself passed: the guard failed the session
    report = result.stdout[result.stdout.index("data/ was modified") :]
    assert [line.strip() for line in report.splitlines()[2:5]] == [
        "changed: mini/actors.csv",
        "removed: mini/events.csv",
        "added: mini/scratch.txt",
    ]
