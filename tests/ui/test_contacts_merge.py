"""The contacts screen's merge (issue 15): m on the contact to keep, m on the other, a
confirmation, and u undoes it. Driven with the Pilot on the demo board."""

from __future__ import annotations

from tui.ui.screens.confirm import ConfirmScreen
from tui.ui.screens.contacts import ContactsScreen

SIZE = (160, 45)
HAL, RITA = 1, 2


async def settle(app, pilot) -> None:
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()


def put_cursor(screen: ContactsScreen, name: str) -> None:
    screen.table.set_cursor([row.name for row in screen.table.rows].index(name))


async def test_merge_two_contacts_and_undo(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        before = app.store.board()
        rita_apps = [a.id for a in before.applications if RITA in a.contact_ids]
        rita_email = before.contact_by_id[RITA].email
        app.push_screen(ContactsScreen())
        await settle(app, pilot)
        screen = app.screen
        put_cursor(screen, "Hal Jordan")
        await pilot.press("m")
        put_cursor(screen, "Rita Ortega")
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(app, pilot)
        board = app.store.board()
        assert RITA not in board.contact_by_id
        hal = board.contact_by_id[HAL]
        assert rita_email in [p["value"] for p in hal.emails]
        assert rita_apps and all(HAL in board.application_by_id[a].contact_ids for a in rita_apps)
        assert "Rita Ortega" not in [row.name for row in screen.table.rows]

        await pilot.press("u")
        await settle(app, pilot)
        board = app.store.board()
        assert board.contact_by_id[RITA].email == rita_email
        assert [p["value"] for p in board.contact_by_id[HAL].emails] == [
            p["value"] for p in before.contact_by_id[HAL].emails
        ]
        assert all(RITA in board.application_by_id[a].contact_ids for a in rita_apps)
        assert "Rita Ortega" in [row.name for row in screen.table.rows]


async def test_escape_cancels_a_merge_and_no_answers_no(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.push_screen(ContactsScreen())
        await settle(app, pilot)
        screen = app.screen
        put_cursor(screen, "Hal Jordan")
        await pilot.press("m", "escape")
        assert screen.merge_keep is None and app.screen is screen
        put_cursor(screen, "Hal Jordan")
        await pilot.press("m")
        put_cursor(screen, "Rita Ortega")
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("n")
        await settle(app, pilot)
        assert RITA in app.store.board().contact_by_id and HAL in app.store.board().contact_by_id
