"""The README's pictures are reproducible: the same command gives the same bytes."""

from __future__ import annotations

import asyncio
import importlib.util
from pathlib import Path

_SCRIPT = Path(__file__).resolve().parents[2] / "screenshots" / "generate.py"
_spec = importlib.util.spec_from_file_location("screenshots_generate", _SCRIPT)
screenshots = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(screenshots)


def test_a_screenshot_regenerates_byte_identical(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    name, size, steps = next(shot for shot in screenshots.SHOTS if shot[0] == "agenda")
    a = asyncio.run(screenshots.shoot(name, size, steps, first)).read_bytes()
    b = asyncio.run(screenshots.shoot(name, size, steps, second)).read_bytes()
    assert a == b
    assert b"Overdue" in a  # the agenda of the demo board, not an empty screen
