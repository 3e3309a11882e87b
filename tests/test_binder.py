"""What repo2docker (Binder, JupyterHub images) would run, checked offline, and the
``partnership-dossiers`` console script.

repo2docker builds the conda environment from ``environment.yml`` *before* it copies the
repository in, so the environment must not install the package itself (``-e .`` would fail
there); ``postBuild`` then runs in the copied repository and installs it without dependencies.
Nothing is downloaded here: the environment file is read, the postBuild script is read, and the
console script that ``make install`` installed the same way (``pip install --no-deps -e .``) is
run.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

from analysis.common.paths import PROJECT_ROOT

ENV = yaml.safe_load((PROJECT_ROOT / "environment.yml").read_text(encoding="utf-8"))
POST_BUILD = PROJECT_ROOT / "postBuild"
SCRIPT = Path(sys.executable).parent / "partnership-dossiers"


def test_the_environment_pins_python_exactly_and_installs_nothing_from_the_repository():
    deps = ENV["dependencies"]
    pythons = [d for d in deps if isinstance(d, str) and d.split("=")[0] == "python"]
    assert pythons == ["python=3.11"]  # repo2docker reads an exact version, not a range
    pip = next(d["pip"] for d in deps if isinstance(d, dict))
    local = [p for p in pip if p.startswith(("-e", ".", "/", "file:"))]
    assert local == []  # the repository is not there yet when repo2docker builds this
    assert "pip" in deps and ENV["channels"] == ["conda-forge"]


def test_post_build_installs_the_package_itself_without_dependencies():
    assert os.access(POST_BUILD, os.X_OK)
    lines = [
        line
        for line in POST_BUILD.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert POST_BUILD.read_text(encoding="utf-8").startswith("#!/bin/bash\n")
    assert lines[0] == "set -euo pipefail"
    assert [shlex.split(line) for line in lines[1:]] == [
        ["python", "-m", "pip", "install", "--no-deps", "-e", "."]
    ]


def test_the_console_script_is_declared_and_installed():
    data = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert data["project"]["scripts"] == {"partnership-dossiers": "analysis.cli:main"}
    assert SCRIPT.exists() and os.access(SCRIPT, os.X_OK)


def _run(*argv: str) -> subprocess.CompletedProcess:
    return subprocess.run(argv, capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=120)


def test_the_console_script_does_what_python_m_analysis_does(tmp_path):
    folder = tmp_path / "story"
    made = _run(str(SCRIPT), "new", str(folder), "--title", "A story")
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith(f"wrote a new dossier in {folder}")
    by_script = _run(str(SCRIPT), "validate", str(folder))
    by_module = _run(sys.executable, "-m", "analysis", "validate", str(folder))
    assert by_script.returncode == by_module.returncode == 0
    assert by_script.stdout == by_module.stdout
    assert by_script.stdout.endswith("valid: no problems found\n")
    again = _run(str(SCRIPT), "new", str(folder), "--title", "A story")
    assert again.returncode == 2 and "exists (a folder)" in again.stderr
