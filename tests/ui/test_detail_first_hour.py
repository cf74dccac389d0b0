"""The detail screen for a newcomer: no field selected on open, jump keys, the first wrong
field focused with its label in the message, an over-long paste refused at paste time."""

from __future__ import annotations

from textual import events
from textual.widgets import Input, Static, TextArea

from tui.domain.models import MAX_TEXT
from tui.ui.screens.detail import DetailScreen
from tui.ui.widgets.application_form import ApplicationForm
from tui.ui.widgets.timeline import Timeline

SIZE = (160, 45)
ACME = 4  # demo: Backend Engineer @ Acme Robotics


async def open_detail(app, pilot) -> DetailScreen:
    await pilot.pause()
    app.select_application(ACME)
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, DetailScreen)
    return app.screen


async def test_opens_with_no_field_selected_and_a_first_key_changes_nothing(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_detail(app, pilot)
        assert isinstance(screen.focused, ApplicationForm)
        await pilot.press("x", "j")
        assert screen.query_one("#f-company", Input).value == "Acme Robotics"
        assert not screen.dirty
        await pilot.press("tab")  # Tab starts at the first field
        assert screen.focused is screen.query_one("#f-company")


async def test_alt_keys_jump_to_notes_posting_timeline_and_back(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_detail(app, pilot)
        await pilot.press("alt+n")
        assert screen.focused is screen.query_one("#f-notes")
        await pilot.press("alt+p")
        assert screen.focused is screen.query_one("#f-posting_text")
        await pilot.press("alt+t")
        assert isinstance(screen.focused, Timeline)
        await pilot.press("alt+c")
        assert screen.focused is screen.query_one("#f-company")
        assert screen.query_one("#f-notes", TextArea).text == stored_notes(app)  # nothing typed


def stored_notes(app) -> str:
    return app.store.board().application_by_id[ACME].notes


async def test_the_first_wrong_field_is_focused_and_named_by_its_label(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_detail(app, pilot)
        posting = screen.query_one("#f-posting_text", TextArea)
        posting.load_text("x" * (MAX_TEXT + 1))  # set, not pasted: the model check must catch it
        screen.query_one("#f-company").focus()
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        error = str(screen.query_one("#err-posting_text", Static).render())
        assert error.startswith("Job posting: 100,001 characters") and "posting_text" not in error
        assert screen.focused is posting
        assert app.store.board().application_by_id[ACME].posting_text != posting.text


async def test_an_over_long_paste_is_refused_and_nothing_is_lost(make_app, monkeypatch) -> None:
    app = make_app()
    said: list[str] = []
    monkeypatch.setattr(app, "notify", lambda message, **kw: said.append(message))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_detail(app, pilot)
        await pilot.press("alt+p")
        posting = screen.query_one("#f-posting_text", TextArea)
        posting.load_text("Kept text.")
        await pilot.pause()
        posting.post_message(events.Paste("y" * MAX_TEXT))
        await pilot.pause()
        assert posting.text == "Kept text."
        assert any(m.startswith("Not pasted: Job posting: 100,010 characters is over") for m in said)
        posting.post_message(events.Paste(" and more"))  # a paste that fits goes in
        await pilot.pause()
        assert "and more" in posting.text


async def test_tab_walks_the_fields_in_the_form_order(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_detail(app, pilot)
        seen = []
        for _ in range(5):
            await pilot.press("tab")
            seen.append(screen.focused.id)
        # Outcome is skipped while the card is not closed (it is disabled), the rest in order.
        assert seen == ["f-company", "f-role", "f-stage", "f-source", "f-url"]
