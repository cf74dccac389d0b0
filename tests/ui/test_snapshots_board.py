"""Snapshots of the board and its overlays, with the clock pinned (tests/ui/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.domain.config import Settings
from tui.io.demo import demo_copy
from tui.store.repository import Store


def demo_app(tmp_path: Path):
    from tui.ui.app import FollowupApp

    return FollowupApp(Store(demo_copy(tmp_path)), Settings(path=tmp_path / "config.toml"))


def test_board(snap_compare, tmp_path):
    assert snap_compare(demo_app(tmp_path), terminal_size=(160, 45))


def test_board_after_moving_a_card(snap_compare, tmp_path):
    assert snap_compare(demo_app(tmp_path), press=["l", "j", "L", "wait:300"], terminal_size=(160, 45))


def test_board_narrow(snap_compare, tmp_path):
    assert snap_compare(demo_app(tmp_path), terminal_size=(80, 24))


def test_board_tiny(snap_compare, tmp_path):
    assert snap_compare(demo_app(tmp_path), terminal_size=(40, 12))


def test_help(snap_compare, tmp_path):
    assert snap_compare(demo_app(tmp_path), press=["f1"], terminal_size=(160, 45))


def test_palette(snap_compare, tmp_path):
    async def run_before(pilot):
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"jump acme")
        await pilot.pause(0.6)

    assert snap_compare(demo_app(tmp_path), run_before=run_before, terminal_size=(160, 45))


def test_filter(snap_compare, tmp_path):
    assert snap_compare(demo_app(tmp_path), press=["slash", *"engineer"], terminal_size=(160, 45))


def test_store_error_screen(snap_compare, tmp_path):
    from tui.store.storage import CorruptStoreError
    from tui.ui.screens.store_error import StoreErrorApp

    path = tmp_path / "followup.json"
    path.write_text("{ torn", encoding="utf-8")
    backups = tmp_path / "backups"
    backups.mkdir()
    (backups / "followup.json.bak-20261126T090000000000Z-g00000041.json").write_text("{}", encoding="utf-8")
    try:
        Store(path)
    except CorruptStoreError as exc:
        message = str(exc).replace(str(tmp_path), "~/followup")
    app = StoreErrorApp(path, message)
    assert snap_compare(app, terminal_size=(120, 30))


PANE_KEYS = {"board": [], "finder": ["tab"], "composer": ["tab", "tab"]}


@pytest.mark.parametrize("pane", list(PANE_KEYS))
@pytest.mark.parametrize("size", [(160, 45), (80, 24), (40, 12)], ids=["160x45", "80x24", "40x12"])
def test_focus_on_each_pane(snap_compare, tmp_path, size, pane):
    """The focused pane's border lights up; narrow terminals show the focused pane alone."""
    keys = ["l", *PANE_KEYS[pane], "wait:300"]
    assert snap_compare(demo_app(tmp_path), press=keys, terminal_size=size)
