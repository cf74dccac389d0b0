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


async def test_after_the_editor_focus_and_cursor_are_back_in_the_composer(make_app, tmp_path, monkeypatch):
    import contextlib
    import sys

    from tui.ui.widgets.composer_pane import ComposerPane

    script = tmp_path / "editor.py"
    script.write_text(
        "import sys, pathlib\np = pathlib.Path(sys.argv[1])\np.write_text(p.read_text() + 'P.S.\\n')\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("VISUAL", f"{sys.executable} {script}")
    app = make_app()
    monkeypatch.setattr(app, "suspend", contextlib.nullcontext)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(app, pilot)
        await pilot.press("l")  # Umbrella Health: a follow-up is due, so there is a draft
        await settle(app, pilot)
        composer = app.screen.query_one(ComposerPane)
        app.screen.set_focus(composer.body_area)
        await pilot.press("down", "down")
        where = composer.body_area.cursor_location
        await pilot.press("ctrl+g")
        await settle(app, pilot)
        assert composer.body_area.text.endswith("P.S.")
        assert app.focused is composer.body_area
        assert composer.body_area.cursor_location == where
