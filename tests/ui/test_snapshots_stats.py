"""Snapshots of the stats screen on the demo board, the clock pinned (tests/ui/conftest.py)."""

from __future__ import annotations

from pathlib import Path

from tui.domain.config import Settings
from tui.io.demo import demo_copy
from tui.store.repository import Store


def demo_app(tmp_path: Path):
    from tui.ui.app import FollowupApp

    return FollowupApp(Store(demo_copy(tmp_path)), Settings(path=tmp_path / "config.toml"))


def test_stats_wide(snap_compare, tmp_path):
    assert snap_compare(demo_app(tmp_path), press=["s", "wait:200"], terminal_size=(160, 45))


def test_stats_narrow(snap_compare, tmp_path):
    assert snap_compare(demo_app(tmp_path), press=["s", "wait:200"], terminal_size=(80, 24))


def test_stats_narrow_scrolled_to_the_response_rates(snap_compare, tmp_path):
    assert snap_compare(
        demo_app(tmp_path), press=["s", "wait:200", "end", "wait:200"], terminal_size=(80, 24)
    )


def test_stats_last_30_days(snap_compare, tmp_path):
    assert snap_compare(demo_app(tmp_path), press=["s", "wait:200", "1", "wait:200"], terminal_size=(160, 45))
