"""One wording of a snooze or due day (issue 14): the toast, the card, the detail, the
agenda and the exports name the same day, the one stored; a snoozed card stays in the
agenda's "Next 7 days" on the day it comes back."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

from textual.widgets import Static

from tests.ui.conftest import settle
from tests.ui.test_agenda import SIZE, listed, open_agenda, pick
from tui.domain.dates import describe_due, describe_snooze
from tui.io.demo import DEMO_DAY
from tui.io.export.csv_export import export_csv
from tui.io.export.markdown import export_markdown
from tui.ui.screens.agenda import AgendaScreen, section_of
from tui.ui.screens.detail import DetailScreen
from tui.ui.widgets.board_view import BoardView

SATURDAY = date(2026, 12, 5)
MONDAY = date(2026, 12, 7)  # a snooze ending on a weekend ends on the Monday after


def test_the_one_formatter() -> None:
    assert describe_due(MONDAY, DEMO_DAY) == "Mon 07 Dec (in 10 days)"
    assert describe_due(MONDAY, DEMO_DAY, short=True) == "Mon 07 Dec"
    assert describe_due(DEMO_DAY + timedelta(days=1), DEMO_DAY, short=True) == "tomorrow"
    assert describe_due(DEMO_DAY - timedelta(days=3), DEMO_DAY, short=True) == "3 days ago"
    assert describe_due(date(2027, 1, 5), DEMO_DAY) == "Tue 05 Jan 2027 (in 39 days)"
    assert describe_snooze(MONDAY, DEMO_DAY, short=True) == "until Mon 07 Dec"


async def test_a_weekend_snooze_names_the_same_stored_day_everywhere(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_agenda(app, pilot)
        target = screen.current_id
        await pilot.press("z")
        await pick(app, pilot, "day")
        await pilot.press(*"dec 5", "enter")  # a Saturday
        await settle(app, pilot)
        board = app.store.board()
        record = board.application_by_id[target]
        action = app.actions[target]
        # the day stored, the rule's due day and the day every place names are one day
        assert record.snoozed_until == MONDAY
        assert (action.rule, action.due) == ("snoozed", MONDAY)
        toasts = [n.message for n in app._notifications]
        assert f"Snoozed {record.company} until Mon 07 Dec (in 10 days). u undoes." in toasts
        assert action.reason == "Snoozed until Mon 07 Dec (in 10 days)."
        # 10 days ahead is beyond the agenda's week (within it, it stays: the last test)
        assert target not in listed(screen)
        await pilot.press("escape")
        await settle(app, pilot)
        view = app.screen.query_one(BoardView)
        cards = {c.app_id: c for c in view.card_list(record.stage).cards}
        assert cards[target].badge == "snoozed: Mon 07 Dec"
        app.push_screen(DetailScreen(target))
        await settle(app, pilot)
        assert isinstance(app.screen, DetailScreen)
        next_line = str(app.screen.query_one("#detail-next", Static).render())
        assert "due Mon 07 Dec (in 10 days)" in next_line
        markdown = export_markdown(board, app.actions, app.today)
        assert "snoozed until Mon 07 Dec (in 10 days)" in markdown
        rows = {
            int(r["id"]): r for r in csv.DictReader(io.StringIO(export_csv(board, app.actions, app.today)))
        }
        assert (rows[target]["next_action_due"], rows[target]["next_action_when"]) == (
            "2026-12-07",
            "Mon 07 Dec (in 10 days)",
        )


async def test_the_snooze_picker_offers_the_day_it_will_store(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_agenda(app, pilot)
        target = screen.current_id
        await pilot.press("z")
        await pilot.pause()
        labels = dict(app.screen.choices)
        # 1 week from Fri 27 Nov is Fri 04 Dec; 2 weeks is Fri 11 Dec: weekdays, unchanged
        assert labels["7"] == "1 week · until Fri 04 Dec (in 7 days)"
        await pick(app, pilot, "7")
        assert app.store.board().application_by_id[target].snoozed_until == date(2026, 12, 4)


async def test_a_card_snoozed_within_the_week_stays_in_next_7_days(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_agenda(app, pilot)
        target, following = listed(screen)[:2]
        await pilot.press("z")
        await pick(app, pilot, "3")  # Fri 27 Nov + 3 = Mon 30 Nov
        await settle(app, pilot)
        assert isinstance(app.screen, AgendaScreen)
        action = app.actions[target]
        assert (action.rule, action.due) == ("snoozed", date(2026, 11, 30))
        assert target in listed(screen)
        assert section_of(action, app.today) == "Next 7 days"
        assert screen.current_id == following  # decided: the cursor moved on
        row = str(screen.query_one("#agenda-list").get_option(str(target)).prompt)
        assert row.startswith("back Mon 30 Nov")
