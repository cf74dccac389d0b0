"""Snapshots of what a new user sees first: the empty board's welcome, wide and at 80 columns."""

from __future__ import annotations

from pathlib import Path

from tui.domain.config import Settings
from tui.store.repository import Store


def empty_app(tmp_path: Path):
    from tui.ui.app import FollowupApp

    # The config path is shown in the welcome: a fixed name keeps the picture stable.
    return FollowupApp(Store(tmp_path / "empty.json"), Settings(path=Path("~/.config/followup/config.toml")))


def test_empty_board_welcome(snap_compare, tmp_path):
    assert snap_compare(empty_app(tmp_path), terminal_size=(120, 35))


def test_empty_board_welcome_narrow(snap_compare, tmp_path):
    assert snap_compare(empty_app(tmp_path), terminal_size=(80, 24))
