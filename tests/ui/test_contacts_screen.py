"""The contacts screen (DESIGN.md §5): every contact in a sortable table, a filter, the
applications each is attached to; enter edits, n adds, delete deletes, escape goes back.
Driven with the Pilot on the demo board (16 contacts; tests/ui/conftest.py).
"""

from __future__ import annotations

import pytest

from tests.ui.conftest import settle
from tui.domain.models import Contact
from tui.followup.contact_rows import COLUMNS, build_rows, sort_rows
from tui.ui.screens.confirm import ConfirmScreen
from tui.ui.screens.contact_form import ContactForm
from tui.ui.screens.contacts import ContactsScreen
from tui.ui.widgets.contact_table import ContactTable, column_widths
from tui.ui.widgets.finder_pane import FinderPane

SIZE = (160, 45)
ACME, ACME_SRE = 4, 5
HAL, RITA, INES, WEI = 1, 2, 15, 16
BY_NAME = [
    "Acme Careers", "Amara Diallo", "Dan Okafor", "Hal Jordan", "Inês Costa", "Jess Park",
    "Kenji Watanabe", "Lena Fischer", "Marcus Lee", "Nora Quinn", "Omar Haddad", "Priya Raman",
    "Rita Ortega", "Sofía Núñez", "Tom Becker", "Wei Zhang",
]  # fmt: skip


async def open_contacts(app, pilot) -> ContactsScreen:
    await settle(app, pilot)
    app.push_screen(ContactsScreen())
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, ContactsScreen)
    return screen


def names(screen: ContactsScreen) -> list[str]:
    return [row.name for row in screen.table.rows]


def status(screen: ContactsScreen) -> str:
    return str(screen.query_one("#contacts-status").render())


async def test_every_contact_sorted_by_name_with_its_applications(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_contacts(app, pilot)
        assert names(screen) == BY_NAME
        hal = screen.table.rows[BY_NAME.index("Hal Jordan")]
        assert (hal.company, hal.title, hal.role, hal.count) == (
            "Acme Robotics",
            "Engineering Manager",
            "hiring manager",
            1,
        )
        assert hal.applications == "Backend Engineer @ Acme Robotics"
        wei = screen.table.rows[BY_NAME.index("Wei Zhang")]
        assert (wei.role, wei.inferred) == ("probably a recruiter", True)
        assert status(screen).startswith("16 contacts · sorted by name")
        assert app.focused is screen.table


async def test_sort_by_each_column_and_again_to_reverse(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.persist(lambda s: s.attach(ACME_SRE, HAL) and None)  # Hal: 2 applications
        screen = await open_contacts(app, pilot)
        table = screen.table
        await pilot.press("2")  # company, then name
        assert names(screen)[:5] == ["Acme Careers", "Hal Jordan", "Rita Ortega", "Wei Zhang", "Marcus Lee"]
        assert names(screen)[-1] == "Kenji Watanabe"  # Wonka Labs
        assert "sorted by company" in status(screen)
        await pilot.press("2")  # reversed
        assert names(screen)[:3] == ["Kenji Watanabe", "Lena Fischer", "Omar Haddad"]
        assert "reversed" in status(screen)
        await pilot.press("3")  # title; no title goes last
        assert names(screen)[:3] == ["Jess Park", "Omar Haddad", "Marcus Lee"]
        assert names(screen)[-1] == "Acme Careers"
        await pilot.press("4")  # role in the finder's order; guesses after the confirmed roles
        assert names(screen)[:5] == ["Hal Jordan", "Marcus Lee", "Omar Haddad", "Tom Becker", "Dan Okafor"]
        assert names(screen)[-3:] == ["Acme Careers", "Lena Fischer", "Wei Zhang"]
        await pilot.press("5")  # most applications first
        assert names(screen)[0] == "Hal Jordan"
        assert table.rows[0].count == 2
        assert names(screen)[-1] == "Inês Costa"  # attached to nothing
        await pilot.press("5")
        assert names(screen)[0] == "Inês Costa"
        await pilot.press("1")
        assert names(screen) == BY_NAME


async def test_a_click_on_a_heading_sorts_by_it(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_contacts(app, pilot)
        widths = column_widths(screen.table.scrollable_content_region.width)
        company_x = widths[0] + 2
        assert await pilot.click("#contacts-table", offset=(company_x, 0))
        await pilot.pause()
        assert screen.sort_column == "company"
        assert names(screen)[0] == "Acme Careers"
        assert await pilot.click("#contacts-table", offset=(company_x, 0))
        await pilot.pause()
        assert screen.sort_reverse and names(screen)[0] == "Kenji Watanabe"


async def test_the_cursor_stays_on_its_contact_through_a_sort(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_contacts(app, pilot)
        screen.table.set_cursor(BY_NAME.index("Rita Ortega"))
        await pilot.press("2")
        assert screen.table.current.contact_id == RITA
        detail = str(screen.query_one("#contacts-detail").render())
        assert "Rita Ortega" in detail and "Site Reliability Engineer @ Acme Robotics (applied)" in detail


async def test_filter_then_escape_clears_it_then_goes_back(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_contacts(app, pilot)
        await pilot.press("slash", *"acme")
        await settle(app, pilot)
        assert names(screen) == ["Acme Careers", "Hal Jordan", "Rita Ortega"]
        assert "3 of 16 contacts match “acme”" in status(screen)
        await pilot.press("enter")  # from the filter to the table
        assert app.focused is screen.table
        await pilot.press("escape")
        await pilot.pause()
        assert names(screen) == BY_NAME
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ContactsScreen)
        assert app.screen.query_one(FinderPane)


async def test_a_filter_without_a_match_says_so(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_contacts(app, pilot)
        await pilot.press("slash", *"qqxz")
        await settle(app, pilot)
        assert names(screen) == []
        assert "No contact matches “qqxz”" in screen.table.empty_text


async def test_enter_edits_the_contact(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_contacts(app, pilot)
        screen.table.set_cursor(BY_NAME.index("Rita Ortega"))
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ContactForm)
        form.query_one("#cf-title").value = "Head of Talent"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.screen is screen
        assert app.store.board().contact_by_id[RITA].title == "Head of Talent"
        assert screen.table.current.contact_id == RITA
        assert screen.table.current.title == "Head of Talent"


async def test_n_adds_a_contact_and_the_cursor_goes_to_it(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_contacts(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ContactForm)
        assert not form.query("#cf-attach")  # no card here to attach it to
        await pilot.press(*"Zoe Zimmer")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert names(screen)[-1] == "Zoe Zimmer"
        assert screen.table.current.name == "Zoe Zimmer"


async def test_delete_asks_then_deletes_and_detaches(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_contacts(app, pilot)
        screen.table.set_cursor(BY_NAME.index("Hal Jordan"))
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert HAL in app.store.board().contact_by_id
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")
        await settle(app, pilot)
        board = app.store.board()
        assert HAL not in board.contact_by_id
        assert HAL not in board.application_by_id[ACME].contact_ids
        assert "Hal Jordan" not in names(screen)


async def test_the_rows_follow_changes_made_elsewhere(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_contacts(app, pilot)
        app.persist(lambda s: s.add_contact(Contact(name="Aaron Able", company="Acme Robotics")))
        await settle(app, pilot)
        assert names(screen)[0] == "Aaron Able"


def test_sort_rows_puts_empty_values_last_and_ties_by_name():
    from tui.domain.board import Board

    board = Board(
        contacts=[
            Contact(name="b", id=1, company=""),
            Contact(name="a", id=2, company=""),
            Contact(name="c", id=3, company="Zeta"),
            Contact(name="", id=4, email="x@y.example", company="Alpha"),
        ]
    )
    rows = build_rows(board)
    assert [r.contact_id for r in sort_rows(rows, "company", False)] == [4, 3, 2, 1]
    assert [r.contact_id for r in sort_rows(rows, "name", False)] == [2, 1, 3, 4]  # "x@y.example"


@pytest.mark.parametrize("width", [0, 10, 40, 80, 120, 157, 300])
def test_column_widths_fill_the_width(width):
    widths = column_widths(width)
    assert len(widths) == len(COLUMNS)
    assert all(w >= 0 for w in widths)
    assert sum(widths) + len(COLUMNS) - 1 <= max(width, len(COLUMNS) - 1 + 4 + 5)
    if width >= 120:
        assert sum(widths) + len(COLUMNS) - 1 == width
        assert widths[-1] >= 16


async def test_hostile_text_in_the_table(make_app, demo_store):
    demo_store.add_contact(Contact(name="[b]x[/b] {y}\n" + "z" * 10_000, company="[red]Co[/]"))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_contacts(app, pilot)
        row = next(r for r in screen.table.rows if r.name.startswith("[b]"))
        screen.table.set_cursor(screen.table.index_of(row.contact_id))
        await pilot.pause()
        assert isinstance(screen.query_one(ContactTable), ContactTable)
        assert "Co" in app.export_screenshot()  # renders without error
        assert "[b]x[/b] {y}" in str(screen.query_one("#contacts-detail").render())


async def test_a_new_filter_puts_the_cursor_on_its_first_row(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_contacts(app, pilot)
        screen.table.set_cursor(BY_NAME.index("Acme Careers"))
        await pilot.press("4", "slash", *"glob")  # by role: Marcus (hiring manager) before Priya
        await settle(app, pilot)
        assert names(screen) == ["Marcus Lee", "Priya Raman"]
        assert screen.table.current.name == "Marcus Lee"
        await pilot.press("enter", "down")  # to the table, then Priya
        assert screen.table.current.name == "Priya Raman"
        await pilot.press("escape")  # the filter goes; the cursor stays on her
        await pilot.pause()
        assert len(names(screen)) == 16
        assert screen.table.current.name == "Priya Raman"
