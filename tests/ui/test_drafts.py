"""Composer drafts are data (issue 14): kept per application and recipient while moving around
the board, and across a restart (in the store, with its guarantees)."""

from __future__ import annotations

from tests.ui.conftest import settle
from tui.ui.widgets.card_list import CardList
from tui.ui.widgets.composer_pane import ComposerPane


async def type_in_body(app, pilot, text: str) -> ComposerPane:
    composer = app.screen.query_one(ComposerPane)
    app.screen.set_focus(composer.body_area)
    await pilot.press(*text)  # at the start of the body, where the cursor is put
    await pilot.pause()
    return composer


async def back_to_board(app, pilot) -> None:
    app.screen.focus_pane(0)
    await pilot.pause()
    assert isinstance(app.focused, CardList)


async def test_a_draft_survives_switching_cards_and_each_card_keeps_its_own(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(app, pilot)
        await pilot.press("l")  # Applied: both of its first cards have a follow-up due
        await settle(app, pilot)
        first = app.selected_id
        composer = await type_in_body(app, pilot, " PS: first card")
        await back_to_board(app, pilot)
        await pilot.press("j")
        await settle(app, pilot)
        second = app.selected_id
        assert second != first
        assert "PS: first card" not in composer.body_area.text
        await type_in_body(app, pilot, " PS: second card")
        await back_to_board(app, pilot)
        await pilot.press("k")
        await settle(app, pilot)
        assert app.selected_id == first
        assert composer.body_area.text.startswith(" PS: first card")
        assert "second card" not in composer.body_area.text
        await pilot.press("j")
        await settle(app, pilot)
        assert composer.body_area.text.startswith(" PS: second card")


async def test_ctrl_q_keeps_the_draft_and_it_comes_back_after_a_restart(make_app, demo_store):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(app, pilot)
        await pilot.press("l")
        await settle(app, pilot)
        card = app.selected_id
        await type_in_body(app, pilot, " PS: typed before quitting")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running  # nothing is lost, so nothing to ask

    demo_store.forget_board()
    assert any(k.startswith(f"{card}:") for k in demo_store.drafts())
    again = make_app()
    async with again.run_test(size=(160, 45)) as pilot:
        await settle(again, pilot)
        await pilot.press("l")
        await settle(again, pilot)
        assert again.selected_id == card
        body = again.screen.query_one(ComposerPane).body_area.text
        assert body.startswith(" PS: typed before quitting")
