"""`python -m analysis.app` (what `make app` runs): Voilà on loopback, a token to share it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analysis.app import main, voila_command
from analysis.common.paths import PROJECT_ROOT


def test_the_command_serves_the_target_on_the_port():
    command = voila_command(Path("/nb"), port=9000)
    assert Path(command[0]).name == "voila"
    assert command[1:] == ["--no-browser", "--port=9000", "/nb"]


@pytest.mark.parametrize(
    "extra",
    [
        pytest.param(["--Voila.ip=0.0.0.0", "--Voila.token=s3cr3t-s3cr3t"], id="ip with token"),
        pytest.param(["--Voila.ip=127.0.0.1"], id="loopback needs no token"),
        pytest.param(["--show_tracebacks=True"], id="other voila options pass through"),
    ],
)
def test_options_pass_through_to_voila(extra):
    assert voila_command(Path("/nb"), port=9000, extra=extra)[3:-1] == extra


def test_serving_beyond_loopback_without_a_token_is_refused():
    with pytest.raises(
        ValueError,
        match=r"^--Voila.ip=0.0.0.0 would let anyone who can reach "
        r"this machine use the app: add --Voila.token=",
    ):
        voila_command(Path("/nb"), port=9000, extra=["--Voila.ip=0.0.0.0"])


def test_a_missing_target_or_dossier_is_a_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main([str(tmp_path / "nope.ipynb")])
    assert exit_.value.code == 2
    assert "no such notebook or folder:" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main([str(tmp_path), "--dossier", str(tmp_path / "no-dossier")])
    assert "no such dossier folder:" in capsys.readouterr().err


def test_voila_json_binds_to_loopback_and_culls_idle_kernels():
    config = json.loads((PROJECT_ROOT / "voila.json").read_text())
    assert config["Voila"]["ip"] == "127.0.0.1"
    assert config["VoilaConfiguration"] == {
        "show_tracebacks": False,
        "strip_sources": True,
        "preheat_kernel": True,
    }
    culling = config["MappingKernelManager"]
    assert culling["cull_idle_timeout"] > 0 and culling["cull_interval"] > 0


def test_voila_json_preheats_one_kernel_for_the_app_notebook_only():
    from analysis.app import APP_NOTEBOOK, DEFAULT_TARGET

    pools = json.loads((PROJECT_ROOT / "voila.json").read_text())["VoilaKernelManager"]
    assert pools["kernel_pools_config"] == {
        "default": {"pool_size": 0},  # every other notebook starts its kernel when opened
        APP_NOTEBOOK: {"pool_size": 1},
    }
    assert (DEFAULT_TARGET / APP_NOTEBOOK).is_file()
