"""The package's public names resolve, and the command line stays light."""

from __future__ import annotations

import subprocess
import sys

import pytest

import analysis


@pytest.mark.parametrize("name", analysis.__all__)
def test_every_public_name_resolves(name):
    assert getattr(analysis, name) is not None


def test_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="module 'analysis' has no attribute 'nope'"):
        analysis.nope  # noqa: B018


def test_validate_command_does_not_import_plotly_or_widgets():
    code = (
        "import sys, analysis.cli as c; c.main(['validate']); "
        "print(sorted(m for m in ('plotly', 'ipywidgets', 'networkx') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"
