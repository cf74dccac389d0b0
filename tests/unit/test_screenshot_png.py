"""The README pictures' SVG → PNG path keeps the spaces librsvg would drop."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

_SCRIPT = Path(__file__).resolve().parents[2] / "screenshots" / "generate.py"
_spec = importlib.util.spec_from_file_location("screenshots_generate", _SCRIPT)
generate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(generate)

RUN = (
    '<text class="r1" x="48.8" y="117.6" textLength="73.2" clip-path="url(#l4)">ctrl+t</text>'
    '<text class="r2" x="122" y="117.6" textLength="122" clip-path="url(#l4)">'
    "&#160;&#160;picks&#160;it</text>"
)


def test_leading_spaces_move_the_run_instead_of_vanishing() -> None:
    out = generate.for_rsvg(RUN)
    # 10 cells of 12.2: two leading spaces move the run 24.4 to the right and shorten it as much.
    assert 'x="146.4" y="117.6" textLength="97.6" clip-path="url(#l4)">picks&#160;it</text>' in out
    assert 'x="48.8"' in out and ">ctrl+t</text>" in out  # a run without leading spaces is untouched


def test_a_monospace_font_that_is_installed_is_named() -> None:
    svg = "<style>.terminal { font-family: Fira Code, monospace; }</style>"
    assert '"DejaVu Sans Mono"' in generate.for_rsvg(svg)


@pytest.mark.skipif(shutil.which("rsvg-convert") is None, reason="needs rsvg-convert (librsvg2-bin)")
def test_the_png_is_written(tmp_path: Path) -> None:
    svg = tmp_path / "x.svg"
    svg.write_text(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="300" height="200">{RUN}</svg>', encoding="utf-8"
    )
    png = generate.to_png(shutil.which("rsvg-convert"), svg)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
