"""Issue 22: other people's text never drives the terminal from the board.

A card, a contact and a posting carrying OSC 52 (clipboard write), OSC 0 (window title),
CSI (clear screen) and an 8-bit CSI are shown on every screen that draws them; the
exported screen holds none of those control characters, and the store keeps the text as
it was.
"""

from __future__ import annotations

from datetime import date

import pytest

from tui.domain.models import Application, Contact, Event

OSC52 = "\x1b]52;c;aGVsbG8=\x07"
OSC0 = "\x1b]0;pwned\x07"
CSI = "\x1b[2J\x9b31m"
CONTROLS = ("\x1b", "\x07", "\x9b")


def _hostile(store):
    contact = store.add_contact(
        Contact(
            name=f"Eve{OSC52}Mallory",
            email="eve@evil.example",
            company=f"Evil{OSC0}Corp",
            role="recruiter",
            title=f"Recruiter{CSI}",
        )
    )
    app = store.add_application(
        Application(
            company=f"Evil{OSC0}Corp",
            role=f"Dev{CSI}Ops",
            stage="applied",
            applied_on=date(2026, 11, 10),
            posting_text=f"Apply now {OSC52} {CSI}\nsecond line",
            contact_ids=[contact.id],
            notes=f"n{OSC52}",
            tags=[f"t{OSC0}"],
        )
    )
    store.add_event(Event(application_id=app.id, kind="note", on=date(2026, 11, 12), text=f"said {OSC52}"))
    return app, contact


def _assert_clean(svg: str, where: str) -> None:
    for ch in CONTROLS:
        assert ch not in svg, f"{where}: {ch!r} reached the screen"


async def _select(app, pilot, app_id: int) -> None:
    await pilot.pause()
    app.select_application(app_id)
    for _ in range(40):
        await pilot.pause()
        if app.selected_id == app_id:
            break
    assert app.selected_id == app_id
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_board_composer_and_finder_show_no_controls(make_app, demo_store):
    hostile, _contact = _hostile(demo_store)
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await _select(app, pilot, hostile.id)
        svg = app.export_screenshot()
        _assert_clean(svg, "board")
        assert "Evil␛]0;pwned␇Corp" in svg.replace("&#160;", " ")  # shown, visibly
        assert "Eve␛]52;c;aGVsbG8=␇Mallory" in svg.replace("&#160;", " ")  # the composer's To line


@pytest.mark.parametrize("key", ["enter", "a"])
async def test_detail_and_agenda_show_no_controls(make_app, demo_store, key):
    hostile, _ = _hostile(demo_store)
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await _select(app, pilot, hostile.id)
        app.screen.focus_pane(0)
        await pilot.press(key)
        await app.workers.wait_for_complete()
        await pilot.pause()
        _assert_clean(app.export_screenshot(), key)
    stored = demo_store.get_application(hostile.id)
    assert (
        stored.company == f"Evil{OSC0}Corp" and OSC52 in stored.posting_text
    )  # the store keeps it as it was


async def test_contacts_screen_shows_no_controls(make_app, demo_store):
    _hostile(demo_store)
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        app.action_contacts()
        await app.workers.wait_for_complete()
        await pilot.pause()
        _assert_clean(app.export_screenshot(), "contacts")


def test_the_last_line_of_defence_drops_controls_from_what_reaches_the_terminal():
    from rich.console import Console
    from rich.segment import Segment
    from rich.style import Style
    from textual.strip import Strip

    import tui.ui  # noqa: F401  (installs the guard)

    console = Console(color_system="truecolor", force_terminal=True)
    strip = Strip([Segment(f"Evil{OSC0}Corp"), Segment(f" {OSC52}", Style(bold=True))])
    out = strip.render(console)
    assert "]0;pwned" in out and "Evil" in out  # the text is still there, minus its controls
    assert "\x07" not in out and "\x1b]" not in out
    assert out.count("\x1b") == 2  # only the bold style's own SGR on and off
