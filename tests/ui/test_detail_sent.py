"""The detail screen's keys for issue 19: import a calendar invitation (.ics) for this
application, and record a file sent with it. Both call the same code as the command line."""

from __future__ import annotations

import hashlib
from pathlib import Path

from tests.ui.conftest import settle
from tests.ui.test_detail import ACME, SIZE, open_detail
from tui.ui.screens.pick import PickScreen, TextPrompt
from tui.ui.widgets.timeline import Timeline

INVITES = Path(__file__).parent.parent / "fixtures" / "invites"


def timeline_lines(screen) -> list[str]:
    timeline = screen.query_one(Timeline)
    return [str(timeline.get_option_at_index(i).prompt) for i in range(timeline.option_count)]


async def test_alt_i_imports_an_invitation_as_a_planned_interview_here(make_app, monkeypatch) -> None:
    monkeypatch.chdir(INVITES)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_detail(app, pilot, ACME)
        before = [e.id for e in app.store.board().events_for(ACME)]
        keys = ["alt+i", *"no.ics", "enter"]
        await pilot.press(*keys)
        prompt = app.screen
        assert isinstance(prompt, TextPrompt)  # a missing file is said in words, the prompt stays
        assert "no.ics" in str(prompt.query_one("#text-prompt-error").render())
        prompt.query_one("#text-prompt").value = ""
        await pilot.press(*"google.ics", "enter")
        await settle(app, pilot)
        assert app.screen is screen
        added = [e for e in app.store.board().events_for(ACME) if e.id not in before]
        assert [(e.kind, e.on.isoformat(), e.at) for e in added] == [("interview", "2026-12-08", "14:30")]
        assert added[0].where == "https://meet.google.com/abc-defg-hij"
        # the timeline shows it without leaving the screen
        timeline = screen.query_one(Timeline)
        assert timeline.get_option(str(added[0].id)) is not None


async def test_the_same_invitation_twice_writes_nothing_more(make_app, monkeypatch) -> None:
    monkeypatch.chdir(INVITES)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_detail(app, pilot, ACME)
        await pilot.press("alt+i", *"google.ics", "enter")
        await settle(app, pilot)
        count = len(app.store.board().events_for(ACME))
        await pilot.press("alt+i", *"google.ics", "enter")
        await settle(app, pilot)
        assert len(app.store.board().events_for(ACME)) == count


async def test_alt_a_records_a_file_sent_and_the_timeline_shows_it(make_app, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)  # a path relative to where the app runs: short to type
    cv = tmp_path / "cv.pdf"
    cv.write_bytes(b"%PDF-1.4 a resume\n" * 40)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_detail(app, pilot, ACME)
        await pilot.press("alt+a", *"no.pdf", "enter")
        assert isinstance(app.screen, TextPrompt)
        assert "no such file" in str(app.screen.query_one("#text-prompt-error").render())
        app.screen.query_one("#text-prompt").value = ""
        await pilot.press(*"cv.pdf", "enter")
        assert isinstance(app.screen, PickScreen)  # the cursor starts on resume
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen is screen
        sent = app.store.board().application_by_id[ACME].attachments
        assert [(a["name"], a["as"], a["size"]) for a in sent] == [("cv.pdf", "resume", cv.stat().st_size)]
        assert sent[0]["sha256"] == hashlib.sha256(cv.read_bytes()).hexdigest()
        assert any(line.startswith("Sent resume: cv.pdf") for line in timeline_lines(screen))
        # the same file again is recognised, nothing added
        await pilot.press("alt+a", *"cv.pdf", "enter", "enter")
        await settle(app, pilot)
        assert len(app.store.board().application_by_id[ACME].attachments) == 1


async def test_the_keys_are_in_the_footer_and_the_help(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_detail(app, pilot, ACME)
        ids = {b.id for b in screen.BINDINGS}
        assert {"detail.import_invite", "detail.attach_file"} <= ids
        shown = {key for key, active in screen.active_bindings.items() if active.binding.show}
        assert {"alt+i", "alt+a"} <= shown
        detail_help = dict(app.help_sections())["Application detail"]
        assert {"detail.import_invite", "detail.attach_file"} <= {b.id for b in detail_help}
        await pilot.press("f1")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
