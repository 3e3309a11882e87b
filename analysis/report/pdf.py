"""Report pages as PDF files, printed by a headless chromium (``make report PDF=1``).

Each page is printed with its print stylesheet (figures fit the page, controls hidden, link
addresses written out) once its scripts have drawn the figures. Chromium is Debian's (found as
``chromium`` on the path, or named by ``$CHROMIUM``); it opens only the page's own files: every
host name resolves to nothing, so a PDF can never carry something fetched.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from collections.abc import Iterable
from pathlib import Path

from analysis.report.errors import ReportError

__all__ = ["CHROMIUM_FLAGS", "HEADLESS_FLAGS", "chromium_path", "print_pdf", "print_pdfs"]

#: Debian's chromium headless, as root, off the network (the browser tests use them too).
HEADLESS_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)

CHROMIUM_FLAGS = (
    *HEADLESS_FLAGS,
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--no-pdf-header-footer",
    # time for plotly to draw the figures (virtual time: it ends as soon as the page is idle)
    "--virtual-time-budget=20000",
)
#: Seconds one page may take to print.
TIMEOUT = 120


def chromium_path() -> str:
    """The chromium to print with: ``$CHROMIUM``, else ``chromium`` on the path."""
    found = os.environ.get("CHROMIUM") or shutil.which("chromium")
    if not found:
        raise ReportError(
            "PDF needs chromium (Debian: apt-get install chromium) or $CHROMIUM naming one"
        )
    return found


def print_pdf(page: Path, pdf: Path, *, chromium: str | None = None) -> Path:
    """Print the HTML file ``page`` to ``pdf``; return ``pdf``."""
    command = [
        chromium or chromium_path(),
        *CHROMIUM_FLAGS,
        f"--user-data-dir={pdf.parent / '.chromium-profile'}",
        f"--print-to-pdf={pdf}",
        page.resolve().as_uri(),
    ]
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
    )
    try:
        _, err = process.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # chromium and the helpers it started
        process.wait()
        raise ReportError(f"printing {page.name} to PDF took over {TIMEOUT} s") from None
    finally:
        shutil.rmtree(pdf.parent / ".chromium-profile", ignore_errors=True)
    if process.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
        tail = err.decode("utf-8", "replace").strip().splitlines()[-3:]
        raise ReportError(f"chromium could not print {page.name} to PDF: {' / '.join(tail)}")
    return pdf


def print_pdfs(pages: Iterable[Path], *, chromium: str | None = None) -> list[Path]:
    """Print each HTML page to a PDF next to it (``01-x.html`` to ``01-x.pdf``)."""
    browser = chromium or chromium_path()
    return [print_pdf(page, page.with_suffix(".pdf"), chromium=browser) for page in pages]
