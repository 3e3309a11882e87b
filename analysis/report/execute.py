"""Run one notebook with papermill: the project's kernel, the notebook's folder, a dossier."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

import nbformat
import papermill
from papermill.exceptions import PapermillExecutionError
from traitlets.config import Config

from analysis.report.errors import ReportError

__all__ = ["KERNEL", "execute_notebook", "strip_run_metadata"]

#: The kernelspec notebooks run on. jupyter_client starts ``python3`` with the Python that runs
#: the build (the project's virtual environment), whatever the notebook's metadata says.
KERNEL = "python3"

#: Set in the kernel's environment: plotly figures arrive as their JSON (one output per figure),
#: which the renderer turns into a page without loading plotly.js once per figure.
KERNEL_ENV = {"PLOTLY_RENDERER": "plotly_mimetype"}

# Encrypt the local kernel channels (ipykernel warns on every start otherwise).
_KERNEL_CONFIG = Config({"KernelManager": {"transport_encryption": "auto"}})
# Keep the kernel's own log out of the build's progress: nbclient stops each kernel with an
# interrupt that ipykernel logs as an error. Cell errors still fail the build.
_KERNEL_ARGS = ["--IPKernelApp.log_level=CRITICAL"]


@contextlib.contextmanager
def _environ(values: dict[str, str]) -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, old in saved.items():
            if old is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = old


def strip_run_metadata(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop what differs from run to run: timings, papermill's record, stored widget state.

    Widget state is collected while the notebook runs (nbclient 0.11 fails on an
    ``ipywidgets.Output`` without it) and dropped here, so no page carries it (a FigureWidget's
    state is about 5 MB). Papermill gives the cell it injects a random id; it becomes
    ``injected-parameters``.
    """
    nb.metadata.pop("papermill", None)
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.id = "injected-parameters"
    return nb


def execute_notebook(
    path: Path, *, dossier: Path | None = None, timeout: float | None = 600
) -> nbformat.NotebookNode:
    """Execute the notebook at ``path`` and return it with its outputs.

    Parameters
    ----------
    path : the notebook; it runs with its own folder as working directory.
    dossier : injected as ``DOSSIER`` into the notebook's ``parameters`` cell; ``None`` keeps
        the notebook's default (the bundled dossier, or ``$PARTNERSHIP_DOSSIER``).
    timeout : seconds one cell may run before the build fails (``None``: no limit).

    Raises
    ------
    ReportError
        When a cell raises, naming the notebook, the cell and the error.
    """
    path = Path(path)
    parameters = {} if dossier is None else {"DOSSIER": str(dossier)}
    with _environ(KERNEL_ENV):
        try:
            nb = papermill.execute_notebook(
                str(path),
                None,
                parameters=parameters,
                kernel_name=KERNEL,
                cwd=str(path.parent),
                progress_bar=False,
                log_output=False,
                request_save_on_cell_execute=False,
                execution_timeout=timeout,
                config=_KERNEL_CONFIG,
                extra_arguments=_KERNEL_ARGS,
            )
        except PapermillExecutionError as exc:
            raise ReportError(
                f"{path.name} failed in cell [{exc.exec_count}]: {exc.ename}: {exc.evalue}"
            ) from None
    return strip_run_metadata(nb)
