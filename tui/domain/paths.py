"""Where the files that ship with followup live (the demo board, the default templates)."""

from __future__ import annotations

from pathlib import Path

# The repository's top-level ``data/`` folder; an installed wheel carries it as ``tui/_data``.
_IN_WHEEL = Path(__file__).resolve().parents[1] / "_data"
SHIPPED_DATA = _IN_WHEEL if _IN_WHEEL.is_dir() else Path(__file__).resolve().parents[2] / "data"
