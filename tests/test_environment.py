"""The three descriptions of the environment agree: pyproject.toml, environment.yml, the lock."""

from __future__ import annotations

import tomllib

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from analysis.common.paths import PROJECT_ROOT

# conda-forge names that differ from PyPI names
CONDA_TO_PYPI = {"python-kaleido": "kaleido"}


def _pyproject() -> dict[str, str]:
    data = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())
    reqs = data["project"]["dependencies"] + data["project"]["optional-dependencies"]["dev"]
    return {canonicalize_name(Requirement(r).name): str(Requirement(r).specifier) for r in reqs}


def _environment() -> dict[str, str]:
    env = yaml.safe_load((PROJECT_ROOT / "environment.yml").read_text())
    specs: dict[str, str] = {}
    for dep in env["dependencies"]:
        items = dep["pip"] if isinstance(dep, dict) else [dep]
        for item in items:
            if item.startswith(("python=", "-e")) or item == "pip":
                continue
            req = Requirement(item)
            name = CONDA_TO_PYPI.get(req.name, req.name)
            specs[canonicalize_name(name)] = str(req.specifier)
    return specs


def _lock() -> dict[str, str]:
    pins = {}
    for line in (PROJECT_ROOT / "requirements.lock").read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            pins[canonicalize_name(name)] = version
    return pins


def test_environment_yml_lists_exactly_the_pyproject_dependencies():
    assert _environment() == _pyproject()


@pytest.mark.parametrize("name", sorted(_pyproject()))
def test_lock_pins_every_dependency_within_its_range(name):
    lock = _lock()
    assert name in lock, f"{name} is in pyproject.toml but not pinned in requirements.lock"
    spec = Requirement(f"{name}{_pyproject()[name]}").specifier
    assert spec.contains(lock[name]), f"{name}=={lock[name]} does not satisfy {spec}"


def test_lock_pins_exact_versions_only():
    for line in (PROJECT_ROOT / "requirements.lock").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            assert "==" in line and not line.startswith("-"), line


@pytest.mark.parametrize("command", [["check"], ["format", "--check"]], ids=["lint", "format"])
def test_code_passes_make_lint(command):
    """What ``make lint`` checks, kept true by the suite (ruff takes about a second)."""
    import subprocess
    import sys
    from pathlib import Path

    ruff = Path(sys.executable).with_name("ruff")
    paths = ["analysis", "tests", "benchmarks", "scripts"]
    done = subprocess.run(
        [str(ruff), *command, *paths], cwd=PROJECT_ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_package_type_checks():
    """``make lint``'s mypy run, on the baseline in pyproject.toml (about 10 s uncached)."""
    import subprocess
    import sys
    from pathlib import Path

    mypy = Path(sys.executable).with_name("mypy")
    done = subprocess.run([str(mypy)], cwd=PROJECT_ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
