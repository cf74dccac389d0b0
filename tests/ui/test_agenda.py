"""The agenda (DESIGN.md §1): everything due, overdue first, as a triage loop with one key
per decision — compose, snooze, log a response, let go, close — then on to the next."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.widgets import OptionList, Static

from tests.ui.conftest import settle
from tui.domain.config import Settings
from tui.followup.rules import due_items, next_actions
from tui.io.demo import DEMO_DAY
from tui.store.repository import Store
from tui.ui.screens.agenda import EMPTY, AgendaScreen, agenda_items
from tui.ui.screens.detail import DetailScreen
from tui.ui.screens.main import MainScreen
from tui.ui.screens.pick import PickScreen
from tui.ui.widgets.composer_pane import ComposerPane

SIZE = (160, 45)


async def open_agenda(app, pilot) -> AgendaScreen:
    await pilot.pause()
    await pilot.press("a")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, AgendaScreen)
    return screen


def listed(screen: AgendaScreen) -> list[int]:
    return [int(o.id) for o in screen.query_one("#agenda-list", OptionList).options if o.id]


async def pick(app, pilot, value: str) -> None:
    """Choose ``value`` in the open PickScreen with the keyboard."""
    picker = app.screen
    assert isinstance(picker, PickScreen)
    values = [v for v, _label in picker.choices]
    steps = values.index(value) - (picker.query_one("#pick").highlighted or 0)
    for _ in range(abs(steps)):
        await pilot.press("down" if steps > 0 else "up")
    await pilot.press("enter")
    await settle(app, pilot)


async def test_the_agenda_lists_what_is_due_overdue_first(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_agenda(app, pilot)
        ids = listed(screen)
        board = app.store.board()
        dues = [app.actions[i].due for i in ids]
        assert dues == sorted(dues)  # overdue first, then today, then the coming week
        assert dues[0] < DEMO_DAY  # the demo has overdue follow-ups
        assert all(d <= DEMO_DAY + timedelta(days=7) for d in dues)
        # nothing closed, saved, or waiting on a future day is on it
        for app_id in ids:
            assert board.application_by_id[app_id].stage not in ("closed", "saved")
        # the demo's overdue follow-up: Umbrella Health (applied 12 days ago, nothing since)
        first = board.application_by_id[ids[0]]
        assert first.company == "Umbrella Health"
        # one row per application: company, role, how overdue, what to do
        prompt = str(screen.query_one("#agenda-list", OptionList).get_option(str(ids[0])).prompt)
        assert "due 4 days ago" in prompt and "Umbrella Health" in prompt and "Backend Developer" in prompt
        assert " ".join(app.actions[ids[0]].reason.split()) in " ".join(prompt.split())  # wrapped to fit
        summary = str(screen.query_one("#agenda-summary", Static).render())
        assert f"{len(ids)} things to decide" in summary and "overdue" in summary
        # the cursor starts on the first (most overdue) row
        assert screen.current_id == ids[0]


async def test_sections_group_the_rows_and_cannot_be_highlighted(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_agenda(app, pilot)
        options = screen.query_one("#agenda-list", OptionList).options
        headers = [str(o.prompt) for o in options if o.disabled]
        assert headers[0].startswith("Overdue (") and any(h.startswith("Today (") for h in headers)
        seen = []
        for _ in listed(screen):  # j walks every row once and never stops on a header
            seen.append(screen.current_id)
            await pilot.press("j")
        assert seen == listed(screen)


@pytest.mark.parametrize(
    ("keys", "check"),
    [
        (("z", "pick:3"), "snoozed_3"),
        (("z", "pick:14"), "snoozed_14"),
        (("z", "pick:day", "text:next mon"), "snoozed_3"),  # Fri 27 → Mon 30: a day typed
        (("r", "pick:positive", "text:Call on Monday"), "response_positive"),
        (("r", "pick:rejected", "text:"), "response_rejected"),
        (("g",), "ghosted"),
        (("x", "pick:withdrawn"), "withdrawn"),
    ],
)
async def test_each_decision_changes_the_store_and_moves_on(make_app, keys, check) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_agenda(app, pilot)
        before = listed(screen)
        target, following = before[0], before[1]
        events_before = len(app.store.board().events_for(target))
        for key in keys:
            if key.startswith("pick:"):
                await pick(app, pilot, key[5:])
            elif key.startswith("text:"):  # the prompt after the pick: a day, or what they said
                await pilot.press(*key[5:], "enter")
                await settle(app, pilot)
            else:
                await pilot.press(key)
                await pilot.pause()
        await settle(app, pilot)
        saved = app.store.board().application_by_id[target]
        events = app.store.board().events_for(target)
        if check.startswith("snoozed_"):
            assert saved.snoozed_until == DEMO_DAY + timedelta(days=int(check.split("_")[1]))
        elif check.startswith("response_"):
            assert len(events) == events_before + 1
            new = max(events, key=lambda e: e.id)
            assert (new.kind, new.response, new.on) == ("response_received", check.split("_")[1], DEMO_DAY)
            assert new.text == ("Call on Monday" if check == "response_positive" else "")
        else:
            assert (saved.stage, saved.outcome) == ("closed", check)
        # the decided row leaves the agenda (a snooze within the week: it waits in "Next 7 days"
        # for the day it comes back) and the cursor is on the next one
        if saved.snoozed_until is not None and saved.snoozed_until <= DEMO_DAY + timedelta(days=7):
            assert target in listed(screen)
        else:
            assert target not in listed(screen)
        assert screen.current_id == following
        assert isinstance(app.screen, AgendaScreen)


async def test_cancelling_a_picker_changes_nothing_and_stays(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_agenda(app, pilot)
        target = screen.current_id
        before = app.store.board().application_by_id[target].to_dict()
        for key in ("z", "r", "x"):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, PickScreen)
            await pilot.press("escape")
            await settle(app, pilot)
        assert app.store.board().application_by_id[target].to_dict() == before
        assert screen.current_id == target


async def test_decisions_in_a_row_walk_down_the_list(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_agenda(app, pilot)
        first, second, third = listed(screen)[:3]
        await pilot.press("g")
        await pilot.press("g")
        await settle(app, pilot)
        board = app.store.board()
        assert board.application_by_id[first].outcome == "ghosted"
        assert board.application_by_id[second].outcome == "ghosted"
        assert screen.current_id == third


async def test_undo_brings_the_decision_back(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_agenda(app, pilot)
        target = screen.current_id
        stage = app.store.board().application_by_id[target].stage
        await pilot.press("g")
        await settle(app, pilot)
        assert app.store.board().application_by_id[target].stage == "closed"
        await pilot.press("u")
        await settle(app, pilot)
        restored = app.store.board().application_by_id[target]
        assert (restored.stage, restored.outcome) == (stage, None)
        assert target in listed(screen)
        assert screen.current_id == target


async def test_undo_a_snooze_and_a_response(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_agenda(app, pilot)
        target = screen.current_id
        events = len(app.store.board().events)
        await pilot.press("z")
        await pick(app, pilot, "7")
        assert app.store.board().application_by_id[target].snoozed_until is not None
        await pilot.press("u")
        await settle(app, pilot)
        assert app.store.board().application_by_id[target].snoozed_until is None
        await pilot.press("r")
        await pick(app, pilot, "neutral")
        await pilot.press("enter")  # nothing to add about what they said
        await settle(app, pilot)
        assert len(app.store.board().events) == events + 1
        await pilot.press("u")
        await settle(app, pilot)
        assert len(app.store.board().events) == events


async def test_compose_goes_to_the_board_with_the_card_selected_and_the_composer_focused(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_agenda(app, pilot)
        target = listed(screen)[1]
        await pilot.press("down")
        assert screen.current_id == target
        await pilot.press("c")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.selected_id == target
        focused = app.focused
        assert focused is not None
        assert any(isinstance(node, ComposerPane) for node in focused.ancestors_with_self)


async def test_enter_opens_the_detail_and_escape_returns_to_the_agenda(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_agenda(app, pilot)
        target = screen.current_id
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        assert app.screen.app_id == target
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_the_agenda_follows_changes_made_elsewhere(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_agenda(app, pilot)
        target = listed(screen)[2]
        app.persist(lambda s: s.move(target, "closed", "hired"))
        await settle(app, pilot)
        assert target not in listed(screen)


async def test_an_empty_agenda_says_so_kindly(make_app, tmp_path) -> None:
    store = Store(tmp_path / "empty.json", backup_interval_s=float("inf"))
    app = make_app(store=store, settings=Settings(path=tmp_path / "config.toml"))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_agenda(app, pilot)
        empty = screen.query_one("#agenda-empty", Static)
        assert empty.display and str(empty.render()) == EMPTY
        assert not screen.query_one("#agenda-list").display
        for key in ("c", "z", "r", "g", "x", "enter"):  # nothing to decide: no key does anything
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is screen
    store.close()


async def test_the_agenda_empties_as_decisions_are_made(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_agenda(app, pilot)
        for _ in range(len(listed(screen))):
            await pilot.press("g")
            await settle(app, pilot)
        assert listed(screen) == []
        assert str(screen.query_one("#agenda-empty", Static).render()) == EMPTY


@pytest.mark.parametrize("shift", [-30, -7, 0, 1, 3, 10, 25, 45])
def test_the_agenda_lists_exactly_what_the_rules_call_due(demo_store, shift) -> None:
    # The screen reads the next actions the app already holds instead of running the
    # rules again; on any day it must list what tui.followup.rules.due_items lists, in its order.
    board = demo_store.board()
    day = DEMO_DAY + timedelta(days=shift)
    expected = [(a.id, n) for a, n in due_items(board, day, within_days=7)]
    got = [(a.id, n) for a, n in agenda_items(board, next_actions(board, day), day)]
    assert got == expected


async def test_a_planned_interview_is_on_the_agenda_the_day_before_and_on_the_day(
    make_app, demo_store
) -> None:
    from tui.domain.models import Event

    hooli = next(a for a in demo_store.board().applications if a.company == "Hooli")
    demo_store.add_event(
        Event(application_id=hooli.id, kind="interview", on=DEMO_DAY + timedelta(days=1), at="10:30",
              tz="America/Los_Angeles", round="onsite", prep="Re-read the system design notes")
    )  # fmt: skip
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_agenda(app, pilot)
        options = screen.query_one("#agenda-list", OptionList).options
        texts = [" ".join(str(o.prompt).replace("\u00a0", " ").split()) for o in options]
        assert texts[0] == "Interviews (1)"
        assert texts[1] == (
            "Hooli — Staff Backend Engineer: Prepare: onsite interview tomorrow at 10:30 "
            "(America/Los_Angeles). Prep: Re-read the system design notes"
        )
        assert options[0].disabled and options[1].disabled
        assert listed(screen)  # the due follow-ups are still there, below
