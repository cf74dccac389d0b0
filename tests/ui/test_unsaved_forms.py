"""The contact form and the event form know when they are dirty (issue 14): esc and ctrl+q
ask before typed text is thrown away; with nothing typed they close (or quit) at once."""

from __future__ import annotations

from textual.widgets import Input, TextArea

from tests.ui.conftest import settle
from tests.ui.test_contacts_screen import open_contacts
from tests.ui.test_detail import ACME, SIZE, open_detail
from tui.ui.screens.confirm import ConfirmScreen
from tui.ui.screens.contact_form import ContactForm
from tui.ui.screens.contacts import ContactsScreen
from tui.ui.screens.detail import DetailScreen
from tui.ui.widgets.event_form import EventFormScreen


async def open_event_form(app, pilot) -> EventFormScreen:
    await open_detail(app, pilot, ACME)
    await pilot.press("ctrl+l")
    await pilot.pause()
    form = app.screen
    assert isinstance(form, EventFormScreen) and not form.dirty
    return form


async def test_event_form_esc_with_typed_text_asks_and_keep_editing_keeps_it(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        form = await open_event_form(app, pilot)
        events = len(app.store.board().events)
        form.query_one("#ev-text", TextArea).focus()
        await pilot.press(*"They called back", "escape")  # one burst: typing, then esc at once
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen) and app.screen.question == "Discard this event?"
        await pilot.press("escape")  # keep editing
        await pilot.pause()
        assert app.screen is form
        assert form.query_one("#ev-text", TextArea).text == "They called back"
        await pilot.press("escape", "y")  # discard, in a burst
        await settle(app, pilot)
        assert isinstance(app.screen, DetailScreen)
        assert len(app.store.board().events) == events  # nothing logged


async def test_event_form_day_change_is_dirty_and_untouched_form_closes_at_once(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_event_form(app, pilot)
        await pilot.press("escape")  # nothing typed: no question
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        await pilot.press("ctrl+l")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, EventFormScreen)
        form.query_one("#ev-on", Input).focus()
        await pilot.press("ctrl+a", *"yesterday")
        await pilot.pause()
        assert form.dirty
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)


async def test_ctrl_q_in_the_event_form_with_typed_text_asks(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        form = await open_event_form(app, pilot)
        form.query_one("#ev-text", TextArea).focus()
        await pilot.press(*"Sent the portfolio", "ctrl+q")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, ConfirmScreen)
        assert "the event you were logging" in app.screen.question
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is form and form.query_one("#ev-text", TextArea).text == "Sent the portfolio"
        await pilot.press("ctrl+q", "y")
        await pilot.pause()
        assert not app.is_running


async def test_contact_form_esc_and_ctrl_q_ask_before_dropping_a_typed_contact(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_contacts(app, pilot)
        contacts = len(app.store.board().contacts)
        await pilot.press("n", *"Zoe Zimmer", "escape")  # one burst: open, type, esc
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.question == "Discard your changes to this contact?"
        await pilot.press("escape")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ContactForm) and form.query_one("#cf-name", Input).value == "Zoe Zimmer"
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, ConfirmScreen)
        assert "the contact you were typing" in app.screen.question
        await pilot.press("n")  # cancel: back to the form, the text kept
        await pilot.pause()
        assert app.screen is form and form.query_one("#cf-name", Input).value == "Zoe Zimmer"
        await pilot.press("escape", "y")
        await settle(app, pilot)
        assert app.screen is screen and isinstance(screen, ContactsScreen)
        assert len(app.store.board().contacts) == contacts


async def test_contact_form_with_nothing_typed_lets_ctrl_q_quit_at_once(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_contacts(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running
