"""Snapshots of the quick-capture prompt: over the board, and alone in a small popup.

Most states are taken in the standalone app (``followup capture``) so that work on the
board's panes does not churn them; the board-hosted ones show the prompt as a dialog.
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from tui.domain.config import Settings
from tui.ui.capture_app import CaptureApp

BOARD = (160, 45)
POPUP = (100, 20)


def _typing(*keys: str, line: str | None = None):
    async def run_before(pilot) -> None:
        await pilot.press("ctrl+n")
        await pilot.pause()
        if line is not None:
            pilot.app.screen.query_one("#capture-input", Input).value = line
        await pilot.press(*keys)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    return run_before


def test_prompt_empty_over_the_board(snap_compare, make_app) -> None:
    assert snap_compare(make_app(), run_before=_typing(), terminal_size=BOARD)


def test_prompt_live_preview(snap_compare, make_app) -> None:
    line = (
        "Backend Engineer @ Acme Robotics https://acme.example/jobs/42 via linkedin #remote #python "
        "!nocall on yesterday with hal.jordan@acme-robotics.example"
    )
    assert snap_compare(make_app(), run_before=_typing(line=line), terminal_size=BOARD)


def test_prompt_duplicate_choice(snap_compare, make_app) -> None:
    line = "staff backend engineer @ Hooli Inc."
    assert snap_compare(make_app(), run_before=_typing("enter", line=line), terminal_size=BOARD)


def test_prompt_narrow_terminal(snap_compare, make_app) -> None:
    run_before = _typing(line="QA Lead @ Initrode #remote")
    assert snap_compare(make_app(), run_before=run_before, terminal_size=(80, 24))


async def _board_loaded(pilot) -> None:
    """The standalone app reads the board in a thread after its first paint; wait for it."""
    for _ in range(200):
        if pilot.app.board_loaded:
            break
        await pilot.pause(0.05)
    await pilot.pause()


def _standalone(demo_store, tmp_path: Path) -> CaptureApp:
    return CaptureApp(demo_store, Settings(path=tmp_path / "config.toml"))


def test_standalone_popup(snap_compare, demo_store, tmp_path) -> None:
    async def run_before(pilot) -> None:
        await _board_loaded(pilot)
        line = "Data Wrangler @ Zorg via board #popup >saved"
        pilot.app.screen.query_one("#capture-input", Input).value = line
        await pilot.pause()

    assert snap_compare(_standalone(demo_store, tmp_path), run_before=run_before, terminal_size=POPUP)


def test_standalone_duplicate_in_a_tiny_popup(snap_compare, demo_store, tmp_path) -> None:
    async def run_before(pilot) -> None:
        await _board_loaded(pilot)
        pilot.app.screen.query_one("#capture-input", Input).value = "Staff Backend Engineer @ Hooli"
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(_standalone(demo_store, tmp_path), run_before=run_before, terminal_size=(60, 12))


def test_standalone_error_after_enter(snap_compare, demo_store, tmp_path) -> None:
    async def run_before(pilot) -> None:
        await _board_loaded(pilot)
        pilot.app.screen.query_one("#capture-input", Input).value = "Engineer @ Built on Air"
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(_standalone(demo_store, tmp_path), run_before=run_before, terminal_size=POPUP)
