"""Nothing typed is thrown away without asking (issue 14): ctrl+q with edits asks first."""

from __future__ import annotations

from textual.widgets import Input

from tests.ui.conftest import settle
from tui.ui.screens.confirm import ConfirmScreen
from tui.ui.screens.detail import DetailScreen


async def test_ctrl_q_with_edited_detail_fields_asks_and_cancel_keeps_them(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, DetailScreen)
        role = screen.query_one("#f-role", Input)
        role.focus()
        await pilot.press("end", *" II")
        await pilot.pause()
        assert screen.dirty
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen) and app.is_running
        assert "your edits to" in app.screen.question
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and role.value.endswith(" II")
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert not app.is_running


async def test_ctrl_q_with_nothing_typed_quits_at_once(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running
