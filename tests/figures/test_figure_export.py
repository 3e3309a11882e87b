"""Figures saved as PNG and SVG through kaleido and Debian's chromium; clear errors otherwise."""

from __future__ import annotations

import struct

import plotly.graph_objects as go
import pytest

from analysis.figures import save as figure_export
from analysis.figures.save import FigureExportError, browser_path, save_figure, save_figures

FIGURE = go.Figure(
    go.Bar(x=["RUS", "IRN"], y=[3, 1], marker_color="#0072B2"),
    layout=dict(title=dict(text="Statements per actor")),
)


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.mark.browser
def test_png_and_svg_for_slides(tmp_path):
    from support.browser import chromium_executable

    chromium_executable()  # skip, or fail under CI, without chromium
    written = save_figures(
        {tmp_path / "slides" / "bars.png": FIGURE, tmp_path / "slides" / "timeline": FIGURE},
        width=800,
        height=450,
    )
    assert [p.name for p in written] == ["bars.png", "timeline.png"]  # no suffix: PNG
    for path in written:
        assert png_size(path.read_bytes()) == (1600, 900)  # scale 2 by default
    vector = save_figure(FIGURE, tmp_path / "bars.svg", width=640, height=360)
    text = vector.read_text()
    assert text.startswith("<svg") and 'width="640" height="360"' in text
    assert "Statements per actor" in text


def test_an_unknown_format_is_refused_before_anything_starts(tmp_path):
    with pytest.raises(
        FigureExportError, match=r"^cannot save 'bars.gif' as 'gif': choose one of png, svg, pdf$"
    ):
        save_figure(FIGURE, tmp_path / "bars.gif")
    assert not any(tmp_path.iterdir())


def test_a_missing_browser_says_how_to_install_one(monkeypatch, tmp_path):
    monkeypatch.delenv("BROWSER_PATH", raising=False)
    monkeypatch.setattr(figure_export, "DEFAULT_BROWSER", tmp_path / "no-chromium")
    monkeypatch.setattr(figure_export.shutil, "which", lambda name: None)
    with pytest.raises(
        FigureExportError,
        match=r"needs chromium: install Debian's with "
        r"`sudo apt-get install -y chromium`",
    ):
        save_figure(FIGURE, tmp_path / "out" / "bars.png")
    assert not (tmp_path / "out").exists()


def test_browser_path_prefers_browser_path_and_rejects_a_wrong_one(monkeypatch, tmp_path):
    fake = tmp_path / "chrome"
    fake.write_text("")
    monkeypatch.setenv("BROWSER_PATH", str(fake))
    assert browser_path() == str(fake)
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "missing"))
    with pytest.raises(FigureExportError, match=r"^BROWSER_PATH='.*missing' is not a file"):
        browser_path()
