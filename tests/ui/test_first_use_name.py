"""Issue 21, "on first use ask for your name and signature": with an empty [me] name the
composer asks once, saves [me] to config.toml (comments kept) and signs the draft with it."""

from __future__ import annotations

import tomllib
from pathlib import Path

from tests.ui.conftest import settle
from tui.domain.config import Settings, load_settings
from tui.ui.screens.name_prompt import NamePrompt
from tui.ui.widgets.composer_pane import ComposerPane

SIZE = (160, 45)
GLOBEX = 16  # demo: a thank-you to Priya, by email


async def open_composer(app, pilot) -> ComposerPane:
    await settle(app, pilot)
    app.select_application(GLOBEX)
    for _ in range(40):
        await pilot.pause()
        if app.selected_id == GLOBEX:
            break
    await settle(app, pilot)
    pane = app.screen.query_one(ComposerPane)
    pane.body_area.focus()  # the composer opened on its draft
    await pilot.pause()
    return pane


async def test_empty_config_compose_asks_the_name_saves_it_and_signs_the_draft(make_app, tmp_path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('# my settings\ntheme = "textual-dark"\n', encoding="utf-8")
    app = make_app(settings=load_settings(config), ask_name=True)
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_composer(app, pilot)
        assert isinstance(app.screen, NamePrompt)
        await pilot.press(*"Ada Lovelace", "enter", *"Ada, backend engineer", "enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, NamePrompt)
        saved = tomllib.loads(config.read_text(encoding="utf-8"))
        assert saved["me"] == {"name": "Ada Lovelace", "signature": "Ada, backend engineer"}
        assert saved["theme"] == "textual-dark" and config.read_text().startswith("# my settings")
        assert "Ada, backend engineer" in pane.body_area.text  # the draft re-rendered, signed
        assert "no signature" not in str(pane.query_one("#composer-warnings").render())
        # asked once: leaving and coming back does not ask again
        pane.subject_input.focus()
        await pilot.pause()
        assert not isinstance(app.screen, NamePrompt)


async def test_later_keeps_the_warning_and_does_not_ask_again(make_app, tmp_path) -> None:
    config = tmp_path / "config.toml"
    app = make_app(settings=Settings(path=config), ask_name=True)
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_composer(app, pilot)
        assert isinstance(app.screen, NamePrompt)
        await pilot.press("escape")
        await pilot.pause()
        assert not config.exists()  # nothing written
        assert "no signature" in str(pane.query_one("#composer-warnings").render())
        await pilot.press("ctrl+r")  # copying now: no second ask (the unsigned warning confirms)
        await pilot.pause()
        assert not isinstance(app.screen, NamePrompt)


async def test_an_empty_name_is_refused_in_words(make_app, tmp_path: Path) -> None:
    app = make_app(settings=Settings(path=tmp_path / "config.toml"), ask_name=True)
    async with app.run_test(size=SIZE) as pilot:
        await open_composer(app, pilot)
        await pilot.press("enter")
        assert isinstance(app.screen, NamePrompt)
        assert "Type your name" in str(app.screen.query_one("#me-error").render())
