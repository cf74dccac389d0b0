"""The board's keys (DESIGN.md §1), driven with the Pilot; asserts on the screen and the store."""

from __future__ import annotations

import asyncio
import subprocess
import sys

from tests.ui.conftest import settle
from tui.domain.models import STAGES
from tui.ui.screens.main import MainScreen
from tui.ui.widgets.card_list import CardList


def focused_list(app) -> CardList:
    assert isinstance(app.focused, CardList), app.focused
    return app.focused


async def test_launch_selects_first_card_of_first_non_empty_column(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        cards = focused_list(app)
        assert cards.stage == "saved"
        assert cards.cursor == 0
        assert app.selected_id == cards.cards[0].app_id
        assert "19 active" in app.sub_title


async def test_empty_store_starts_on_saved_and_says_so(tmp_path):
    from tui.domain.config import Settings
    from tui.store.repository import Store
    from tui.ui.app import FollowupApp

    app = FollowupApp(Store(tmp_path / "empty.json"), Settings(path=tmp_path / "c.toml"))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert app.selected_id is None
        assert focused_list(app).stage == "saved"
        assert "0 active" in app.sub_title


async def test_column_and_card_navigation_keys(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press("l")
        assert focused_list(app).stage == "applied"
        await pilot.press("right", "right")
        assert focused_list(app).stage == "offer"
        await pilot.press("h")
        assert focused_list(app).stage == "interviewing"
        await pilot.press("left", "left", "left")  # clamps at the first column
        assert focused_list(app).stage == "saved"
        await pilot.press("l", "j")
        cards = focused_list(app)
        assert cards.cursor == 1
        assert app.selected_id == cards.cards[1].app_id
        await pilot.press("down", "k")
        assert cards.cursor == 1
        await pilot.press("up")
        assert cards.cursor == 0


async def test_move_card_right_and_left_persists(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press("l")  # applied
        card = focused_list(app).current
        await pilot.press("L")
        await settle(app, pilot)
        assert app.store.board().application_by_id[card.app_id].stage == "interviewing"
        assert focused_list(app).stage == "interviewing"
        assert app.selected_id == card.app_id
        await pilot.press("shift+left")
        await settle(app, pilot)
        assert app.store.board().application_by_id[card.app_id].stage == "applied"
        kinds = [e.kind for e in app.store.board().events_for(card.app_id)]
        assert kinds.count("stage_changed") == 2


async def test_moving_to_closed_asks_for_the_outcome(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press("l", "l", "l")  # offer
        card = focused_list(app).current
        await pilot.press("L")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "PickScreen"
        await pilot.press("enter")  # a reflex enter: the likely outcome, never hired
        await settle(app, pilot)
        stored = app.store.board().application_by_id[card.app_id]
        assert stored.stage == "closed" and stored.outcome not in (None, "hired")


async def test_move_past_the_last_column_is_refused(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press("H")  # saved is the first stage
        await settle(app, pilot)
        assert focused_list(app).stage == "saved"
        assert all(a.stage in STAGES for a in app.store.board().applications)


async def test_undo_a_move(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press("l")
        card = focused_list(app).current
        await pilot.press("L")
        await settle(app, pilot)
        await pilot.press("u")
        await settle(app, pilot)
        assert app.store.board().application_by_id[card.app_id].stage == "applied"


async def test_delete_with_confirmation_and_undo(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        target = app.selected_id
        events_before = len(app.store.board().events_for(target))
        await pilot.press("d")
        assert app.screen.__class__.__name__ == "ConfirmScreen"
        await pilot.press("n")  # cancel keeps it
        await settle(app, pilot)
        assert target in app.store.board().application_by_id
        await pilot.press("d", "y")
        await settle(app, pilot)
        assert target not in app.store.board().application_by_id
        await pilot.press("u")
        await settle(app, pilot)
        assert target in app.store.board().application_by_id
        assert len(app.store.board().events_for(target)) == events_before


async def test_filter_narrows_the_board_and_escape_clears(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"acme")
        await pilot.pause()
        board = app.screen.board_view
        shown = [c.title for s in STAGES for c in board.card_list(s).cards]
        assert shown and all(t == "Acme Robotics" for t in shown)
        await pilot.press("enter")
        assert isinstance(app.focused, CardList)
        await pilot.press("escape")
        await pilot.pause()
        total = sum(len(board.card_list(s).cards) for s in STAGES)
        assert total == len(app.store.board().applications)


async def test_tab_cycles_the_three_panes(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("tab")
        assert screen._pane_of(app.focused) == 1
        await pilot.press("tab")
        assert screen._pane_of(app.focused) == 2
        await pilot.press("tab")
        assert isinstance(app.focused, CardList)
        await pilot.press("shift+tab")
        assert screen._pane_of(app.focused) == 2


async def test_help_agenda_stats_and_detail_open_and_close(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        for key, name in (
            ("question_mark", "HelpScreen"),
            ("f1", "HelpScreen"),
            ("a", "AgendaScreen"),
            ("s", "StatsScreen"),
            ("enter", "DetailScreen"),
        ):
            await pilot.press(key)
            await pilot.pause()
            assert app.screen.__class__.__name__ == name, key
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, MainScreen)


async def test_help_lists_every_board_key(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        text = "\n".join(str(w.render()) for w in app.screen.query(".help-keys"))
        for key in ("left h", "shift+left H", "ctrl+n", "/", "ctrl+q", "enter", "a", "x", "s"):
            assert key in text, key


async def test_palette_jumps_to_an_application(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"jump wonka")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        wonka = next(a for a in app.store.board().applications if a.company == "Wonka Labs")
        assert app.selected_id == wonka.id
        assert focused_list(app).stage == "interviewing"


async def test_export_key_asks_once_then_remembers(make_app, tmp_path):
    app = make_app()
    target = tmp_path / "out" / "board.md"
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        path_input = app.screen.query_one("#path")
        path_input.value = str(target)
        await pilot.press("enter")
        await settle(app, pilot)
        assert target.read_text(encoding="utf-8").startswith("# ")
        target.unlink()
        await pilot.press("x")  # no prompt the second time
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert target.exists()
    assert str(target) in (tmp_path / "config.toml").read_text(encoding="utf-8")


async def test_keymap_from_config_rebinds_a_key(make_app, tmp_path):
    from tui.domain.config import Settings

    app = make_app(settings=Settings(path=tmp_path / "c.toml", keymap={"board.agenda": "g"}))
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        await pilot.press("g")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "AgendaScreen"


async def test_theme_choice_is_saved(make_app, tmp_path):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        app.theme = "nord"
        await settle(app, pilot)
    assert 'theme = "nord"' in (tmp_path / "config.toml").read_text(encoding="utf-8")


async def test_maximize_and_restore_a_pane(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press("z")
        assert app.screen.maximized is not None
        await pilot.press("escape")
        assert app.screen.maximized is None


async def test_board_shows_a_card_written_by_another_process(make_app, demo_store):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "tui",
            "add",
            "Compiler Engineer @ Zeta Systems",
            "--db",
            str(demo_store.path),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        _out, err = await proc.communicate()
        assert proc.returncode == 0, err
        selected = app.selected_id
        for _ in range(80):  # the board polls twice a second; generous for a loaded CI machine
            await pilot.pause(0.05)
            titles = [c.title for c in app.screen.board_view.card_list("applied").cards]
            if "Zeta Systems" in titles:
                break
        assert "Zeta Systems" in titles
        assert app.selected_id == selected  # the selection is kept


async def test_resizes_down_to_40x12_without_error(make_app):
    app = make_app()
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.pause()
        for size in ((80, 24), (40, 12), (119, 30), (200, 60)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert app.size == size
            assert app.screen.has_class("-narrow") == (size[0] < 120)
        await pilot.resize_terminal(80, 24)
        await pilot.press("tab")  # narrow: the finder takes the board's place
        await pilot.pause()
        assert app.screen.has_class("-side-focused")
        assert (
            not app.screen.query_one("#board-area").display
            or not app.screen.query_one("#board-area").region.area
        )
        await pilot.press("tab", "tab")
        await pilot.pause()
        assert not app.screen.has_class("-side-focused")


async def test_hostile_text_renders_as_text(make_app, demo_store, tmp_path):
    from tui.domain.models import Application

    demo_store.add_application(Application(company="[bold]Evil[/] {x} | `co`", role="Ro\nle " + "x" * 10_000))
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        titles = [c.title for c in app.screen.board_view.card_list("applied").cards]
        assert "[bold]Evil[/] {x} | `co`" in titles
        app.save_screenshot(path=str(tmp_path))  # rendering the whole screen must not raise
