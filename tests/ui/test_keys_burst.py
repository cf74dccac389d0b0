"""Keys act on what is on screen at the moment they are handled (issue 14): the same keys sent in
one burst (all queued before the first is handled) do exactly what they do typed slowly."""

from __future__ import annotations

import pytest

from tests.ui.conftest import burst, settle
from tui.domain.models import STAGES
from tui.ui.screens.confirm import ConfirmScreen
from tui.ui.screens.detail import DetailScreen
from tui.ui.screens.main import MainScreen
from tui.ui.widgets.card_list import CardList


def column_titles(app, stage: str) -> list[str]:
    return [c.title for c in app.screen.board_view.card_list(stage).cards]


def column_ids(app, stage: str) -> list[int]:
    return [c.app_id for c in app.screen.board_view.card_list(stage).cards]


@pytest.mark.parametrize("send", ["burst", "press"])
async def test_l_j_j_j_d_asks_about_the_fourth_card(make_app, send):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(app, pilot)
        fourth = app.store.board().application_by_id[column_ids(app, "applied")[3]]
        keys = ("l", "j", "j", "j", "d")
        await (burst(app, pilot, *keys) if send == "burst" else pilot.press(*keys))
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert fourth.title in app.screen.question
        await pilot.press("y")
        await settle(app, pilot)
        assert fourth.id not in app.store.board().application_by_id


@pytest.mark.parametrize("send", ["burst", "press"])
async def test_l_l_l_l_reaches_closed_and_h_h_goes_back_two(make_app, send):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(app, pilot)
        go = burst if send == "burst" else None

        async def keys(*k):
            await (go(app, pilot, *k) if go else pilot.press(*k))
            await pilot.pause()

        await keys("l", "l", "l", "l")
        assert isinstance(app.focused, CardList) and app.focused.stage == "closed"
        await keys("h", "h")
        assert app.focused.stage == "interviewing"
        assert app.selected_id == app.focused.current.app_id


@pytest.mark.parametrize("send", ["burst", "press"])
async def test_j_enter_opens_the_second_card(make_app, send):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(app, pilot)
        second = column_ids(app, "saved")[1]
        await (burst(app, pilot, "j", "enter") if send == "burst" else pilot.press("j", "enter"))
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        assert app.screen.app_id == second


@pytest.mark.parametrize("send", ["burst", "press"])
async def test_tab_tab_reaches_the_composer(make_app, send):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await (burst(app, pilot, "tab", "tab") if send == "burst" else pilot.press("tab", "tab"))
        await pilot.pause()
        assert screen._pane_of(app.focused) == 2
        await (burst(app, pilot, "tab") if send == "burst" else pilot.press("tab"))
        await pilot.pause()
        assert isinstance(app.focused, CardList)


async def test_a_move_in_a_burst_moves_the_card_under_the_cursor(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(app, pilot)
        target = column_ids(app, "applied")[1]
        await burst(app, pilot, "l", "j", "L")
        await settle(app, pilot)
        assert app.store.get_application(target).stage == "interviewing"
        assert app.focused.stage == "interviewing" and app.selected_id == target
        assert [s for s in STAGES if target in column_ids(app, s)] == ["interviewing"]


async def test_keys_after_answering_a_dialog_reach_the_board(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(app, pilot)
        await burst(app, pilot, "l", "d", "n", "l", "j")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.focused.stage == "interviewing"
        assert app.selected_id == column_ids(app, "interviewing")[1]
        assert len(app.store.board().applications) == 24  # nothing deleted


async def test_the_footer_is_not_rebuilt_while_moving_around_the_board(make_app):
    from tui.ui.widgets.footer import KeysFooter

    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(app, pilot)
        footer = app.screen.query_one(KeysFooter)
        await pilot.press("l")
        await settle(app, pilot)
        before = footer.rebuilds
        await pilot.press("j", "j", "k", "l", "h", "j", "k", "l", "l", "h", "h")
        await settle(app, pilot)
        assert footer.rebuilds == before  # the same keys work in every column
        await pilot.press("tab", "tab")  # the composer's keys are not the board's
        await settle(app, pilot)
        assert footer.rebuilds > before
        shown = {key.description for key in footer.query("FooterKey")}
        assert "Open" not in shown and "Filter" not in shown


async def test_typing_a_filter_keeps_the_side_panes_on_a_card_the_board_shows(make_app):
    from tui.ui.widgets.finder_pane import FinderPane

    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(app, pilot)
        first = app.selected_id
        assert app.board.application_by_id[first].company != "Acme Robotics"
        await pilot.press("slash", *"acme")
        await settle(app, pilot)
        shown = {c for s in STAGES for c in column_ids(app, s)}
        assert app.selected_id in shown
        assert app.board.application_by_id[app.selected_id].company == "Acme Robotics"
        assert app.screen.query_one(FinderPane)._app_id == app.selected_id
