"""The live app: the explorer notebooks served by Voilà, on this machine only (``make app``).

``python -m analysis.app [--dossier DIR] [--port N] [TARGET] [VOILA OPTIONS...]`` runs Voilà from
the project root, where ``voila.json`` binds it to 127.0.0.1, hides sources and tracebacks,
stops kernels idle for 20 minutes, and keeps one kernel preheated for the app notebook
(``notebooks/app.ipynb``, the explorer alone): it has run the notebook before a visitor comes, so
the page opens on drawn figures. Other notebooks each start a kernel when opened. Each visitor
gets a kernel of their own; the page can only talk to it through widget messages (Voilà refuses
code execution requests from the browser).

Serving beyond this machine needs a token: ``--Voila.ip=0.0.0.0`` is refused without
``--Voila.token=...`` (see the README, "Sharing the live app").
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from analysis.common.paths import PROJECT_ROOT, resolve_dossier

__all__ = ["APP_NOTEBOOK", "DEFAULT_PORT", "DEFAULT_TARGET", "voila_command", "main"]

DEFAULT_PORT = 8866
#: What the app serves by default: the notebooks folder (Voilà lists its notebooks).
DEFAULT_TARGET = PROJECT_ROOT / "notebooks"
#: The explorer alone, which voila.json keeps one preheated kernel ready for (it opens in
#: about 3 s instead of running a notebook first).
APP_NOTEBOOK = "app.ipynb"
_LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def _option(args: Sequence[str], name: str) -> str | None:
    value = None
    for arg in args:
        if arg.startswith(f"{name}="):
            value = arg.split("=", 1)[1]
    return value


def voila_command(target: Path, *, port: int, extra: Sequence[str] = ()) -> list[str]:
    """The Voilà command line for ``target`` (a notebook or a folder of notebooks).

    Raises
    ------
    ValueError
        When ``extra`` opens the app beyond loopback without a token.
    """
    ip = _option(extra, "--Voila.ip") or _option(extra, "--ip")
    token = _option(extra, "--Voila.token") or _option(extra, "--token") or "--token" in extra
    if ip is not None and ip not in _LOOPBACK and not token:
        raise ValueError(
            f"--Voila.ip={ip} would let anyone who can reach this machine use the app: "
            "add --Voila.token=<a long random secret> and share the link with the token"
        )
    voila = Path(sys.executable).with_name("voila")
    return [str(voila), "--no-browser", f"--port={port}", *extra, str(target)]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m analysis.app",
        description="Serve the explorer notebooks as a live Voilà app on 127.0.0.1. "
        "Other options are passed to voila.",
    )
    parser.add_argument(
        "target",
        nargs="?",
        type=Path,
        default=DEFAULT_TARGET,
        help="a notebook, or a folder of notebooks (default: notebooks/)",
    )
    parser.add_argument("--dossier", default=None, help="dossier folder (default: bundled)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="default: 8866")
    args, extra = parser.parse_known_args(argv)
    target = args.target.resolve()
    if not target.exists():
        parser.error(f"no such notebook or folder: {args.target}")
    try:
        command = voila_command(target, port=args.port, extra=extra)
    except ValueError as exc:
        parser.error(str(exc))
    env = dict(os.environ)
    if args.dossier:
        folder = resolve_dossier(args.dossier)
        if not folder.is_dir():
            parser.error(f"no such dossier folder: {args.dossier}")
        env["PARTNERSHIP_DOSSIER"] = str(folder)
    print(f"Live app: serving {target} on port {args.port} (Ctrl-C stops it)", flush=True)
    if target.is_dir() and (target / APP_NOTEBOOK).is_file():
        base = f"http://127.0.0.1:{args.port}"
        print(f"  the explorer: {base}/voila/render/{APP_NOTEBOOK}", flush=True)
        print(f"  every notebook: {base}/", flush=True)
    os.chdir(PROJECT_ROOT)  # voila.json there configures the app
    os.execve(command[0], command, env)
    return 0  # not reached


if __name__ == "__main__":
    raise SystemExit(main())
