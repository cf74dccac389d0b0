"""The board's state (issue 14): the session without Textual, one handler for a failed write,
exact undo, and "today" that follows the clock."""

from __future__ import annotations

import errno
import os
from datetime import date

from tests.ui.conftest import settle
from tui.domain.models import STAGES
from tui.followup.rules import next_actions
from tui.io.export.json_export import export_json
from tui.store.repository import Store
from tui.ui.session import Session


def whole_export(store: Store) -> str:
    store.forget_board()
    board = store.board()
    return export_json(board, next_actions(board, date(2026, 11, 27)))


def column_ids(app, stage: str) -> list[int]:
    return [c.app_id for c in app.screen.board_view.card_list(stage).cards]


# -- the session, no Textual -----------------------------------------------------------------


def test_session_moves_between_columns_and_panes_clamped_and_cycling() -> None:
    s = Session()
    assert s.stage == "saved"
    for _ in range(4):
        s.move_stage(1)
    assert s.stage == "closed"
    assert s.move_stage(1) == "closed"  # clamps at the last column
    s.move_stage(-1)
    s.move_stage(-1)
    assert s.stage == "interviewing"
    assert s.stage_after(-9) == STAGES[0]
    assert [s.pane_after(1), s.pane_after(2), s.pane_after(3)] == [1, 2, 0]


def test_session_undo_is_last_in_first_out() -> None:
    s = Session()
    ran: list[str] = []
    s.push_undo("first", lambda: ran.append("first"))
    s.push_undo("second", lambda: ran.append("second"))
    entry = s.pop_undo()
    assert entry is not None and entry.label == "second"
    entry.run()
    assert ran == ["second"]
    assert s.pop_undo().label == "first" and s.pop_undo() is None


# -- a write that fails for a reason nobody expected -------------------------------------------


async def test_disk_full_on_replace_keeps_the_board_up_and_puts_the_card_back(
    make_app, demo_store, monkeypatch
):
    app = make_app()
    path = demo_store.path
    real_replace = os.replace

    def full(src, dst, *args, **kwargs):
        if os.fspath(dst) == os.fspath(path):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_replace(src, dst, *args, **kwargs)

    async with app.run_test(size=(160, 45)) as pilot:
        await settle(app, pilot)
        before = path.read_bytes()
        target = column_ids(app, "applied")[0]
        monkeypatch.setattr(os, "replace", full)
        await pilot.press("l", "L")
        await settle(app, pilot)
        assert app.is_running and app.return_code is None
        messages = [n.message for n in app._notifications]
        assert any("Not saved" in m and "the disk is full" in m for m in messages), messages  # in words
        assert target in column_ids(app, "applied") and target not in column_ids(app, "interviewing")
        assert app._writes_in_flight == 0
        monkeypatch.setattr(os, "replace", real_replace)
        assert path.read_bytes() == before
        # The board still works: the same move, now that the disk has room, is saved.
        await pilot.press("L")
        await settle(app, pilot)
        assert demo_store.get_application(target).stage == "interviewing"


# -- undo is exact -------------------------------------------------------------------------------


async def test_undo_of_a_move_leaves_the_whole_export_as_it_was(make_app, demo_store):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(app, pilot)
        before = whole_export(demo_store)
        target = column_ids(app, "applied")[0]
        await pilot.press("l", "L", "L", "u", "u")  # two moves, two undos, in one burst
        await settle(app, pilot)
        assert whole_export(demo_store) == before
        assert target in column_ids(app, "applied")


async def test_undo_of_a_delete_leaves_the_whole_export_as_it_was(make_app, demo_store):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(app, pilot)
        before = whole_export(demo_store)
        await pilot.press("d", "y")
        await settle(app, pilot)
        assert whole_export(demo_store) != before
        await pilot.press("u")
        await settle(app, pilot)
        assert whole_export(demo_store) == before


# -- today follows the clock -----------------------------------------------------------------------


async def test_the_board_recomputes_past_midnight(make_app, monkeypatch):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(app, pilot)
        assert app.today == date(2026, 11, 27)
        due_before = app.sub_title
        monkeypatch.setenv("FOLLOWUP_TODAY", "2026-12-20")  # the board left open for weeks
        app._check_disk()  # what the interval timer calls twice a second
        await settle(app, pilot)
        assert app.today == date(2026, 12, 20)
        assert app.sub_title != due_before
        fresh = next_actions(app.board, date(2026, 12, 20), app.settings.cadence)
        assert {k: (a.kind, a.due) for k, a in app.actions.items()} == {
            k: (a.kind, a.due) for k, a in fresh.items()
        }


async def test_undo_of_a_snooze_in_the_agenda_leaves_the_whole_export_as_it_was(make_app, demo_store):
    from tui.ui.screens.agenda import AgendaScreen

    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(app, pilot)
        before = whole_export(demo_store)
        await pilot.press("a")
        await settle(app, pilot)
        assert isinstance(app.screen, AgendaScreen)
        await pilot.press("z", "enter")  # the first choice: 3 days
        await settle(app, pilot)
        assert whole_export(demo_store) != before
        await pilot.press("u")
        await settle(app, pilot)
        assert whole_export(demo_store) == before
