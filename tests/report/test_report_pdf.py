"""``make report PDF=1``: every page printed to a PDF by Debian's headless chromium."""

from __future__ import annotations

import re
import shutil

import pytest

from analysis.report import __main__ as cli
from analysis.report.errors import ReportError
from analysis.report.pdf import chromium_path, print_pdf

needs_chromium = pytest.mark.skipif(shutil.which("chromium") is None, reason="needs chromium")

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title>
<style>@media print { .control { display: none; } }</style></head>
<body><h1>Printed report</h1><p class="control">a control</p>
</body></html>"""


def pages_of(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


@needs_chromium
@pytest.mark.browser
def test_a_page_prints_to_a_one_page_pdf(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    pdf = print_pdf(page, tmp_path / "page.pdf")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-") and pages_of(data) == 1
    assert not (tmp_path / ".chromium-profile").exists()  # the browser profile is cleaned up


@needs_chromium
@pytest.mark.browser
def test_the_cli_prints_every_page_of_the_site(tmp_path, monkeypatch, capsys):
    site = tmp_path / "site"
    made = []

    def build(notebooks, out, **options):
        out.mkdir()
        (out / "classroom").mkdir()
        pages = [out / "01-a.html", out / "classroom" / "c1.html"]
        for path in pages:
            path.write_text(PAGE, encoding="utf-8")
        made.append(options)
        return [type("Page", (), {"path": p, "size": 1, "href": p.name})() for p in pages]

    monkeypatch.setattr(cli, "build_report", build)
    assert cli.main(["--out", str(site), "--pdf", "x.ipynb"]) == 0
    for pdf in (site / "01-a.pdf", site / "classroom" / "c1.pdf"):
        assert pages_of(pdf.read_bytes()) == 1
    assert "printed 2 PDFs next to the pages" in capsys.readouterr().out


def test_without_chromium_the_error_says_how_to_get_it(monkeypatch):
    monkeypatch.delenv("CHROMIUM", raising=False)
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(ReportError, match=r"PDF needs chromium \(Debian: apt-get install"):
        chromium_path()
