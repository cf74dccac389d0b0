"""The first hour of a new user, through the real app: the empty board says how to begin,
`i` imports from the board, an unknown [keymap] id is reported, "Close it as…" never
starts on hired, and an unsigned letter is warned about."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from tui.domain.config import Me, Settings
from tui.store.repository import Store
from tui.ui.screens.pick import PickScreen
from tui.ui.widgets.welcome import Welcome

SIZE = (160, 45)
ACME = 4  # demo: Backend Engineer @ Acme Robotics, applied


def record_notes(app, monkeypatch) -> list[str]:
    """Every message the app notifies, as sent (a toast can time out on a slow machine)."""
    said: list[str] = []
    real_notify = app.notify
    monkeypatch.setattr(
        app, "notify", lambda message, **kw: (said.append(message), real_notify(message, **kw))
    )
    return said


async def settle(app, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def test_the_empty_board_says_how_to_begin(tmp_path: Path) -> None:
    from tui.ui.app import FollowupApp
    from tui.ui.screens.capture import CaptureScreen

    store = Store(tmp_path / "empty.json")
    app = FollowupApp(store, Settings(path=tmp_path / "config.toml"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        welcome = app.screen.query_one(Welcome)
        assert welcome.display and not app.screen.board_view.display
        text = str(welcome.render())
        for words in ("ctrl+n", "import your contacts", "followup add", "whom to follow up", "[me]"):
            assert words in text
        assert str(tmp_path / "config.toml") in text
        # The first capture: the board comes back in place of the welcome.
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, CaptureScreen)
        await pilot.press(*"Dev @ Acme", "enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, CaptureScreen)
        assert app.screen.board_view.display and not app.screen.query_one(Welcome).display
    store.close()


async def test_i_on_the_board_opens_the_contact_import(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("i")
        await pilot.pause()
        assert "Import" in type(app.screen).__name__


async def test_an_unknown_keymap_id_is_reported(make_app, tmp_path: Path, monkeypatch) -> None:
    settings = Settings(path=tmp_path / "config.toml", keymap={"board.agnda": "g", "board.agenda": "G"})
    app = make_app(settings=settings)
    said = record_notes(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert any("'board.agnda' is not a binding id" in m and "'board.agenda'" in m for m in said)
        assert not any("'board.agenda' is not" in m for m in said)


async def test_close_it_as_never_starts_on_hired(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.select_application(ACME)
        await pilot.pause()
        app.move_card(ACME, "closed")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, PickScreen)
        options = picker.query_one(OptionList)
        assert options.get_option_at_index(options.highlighted).id == "rejected"
        await pilot.press("enter")  # the reflex Enter
        await settle(app, pilot)
        assert app.store.board().application_by_id[ACME].outcome == "rejected"


async def test_an_unsigned_letter_is_warned_about(make_app, tmp_path: Path) -> None:
    from tui.ui.widgets.composer_pane import ComposerPane

    for me, warned in ((Me(), True), (Me(name="Ada Lovelace"), False)):
        app = make_app(settings=Settings(path=tmp_path / "config.toml", me=me))
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            app.select_application(ACME)
            for _ in range(40):
                await pilot.pause()
                if app.selected_id == ACME:
                    break
            await settle(app, pilot)
            pane = app.screen.query_one(ComposerPane)
            text = str(pane.query_one("#composer-warnings").render())
            assert ("no signature: set [me] name in config.toml" in text) is warned, text


async def _mail(app, pilot, monkeypatch, handler: bool) -> list[str]:
    from tui.ui.widgets.composer_pane import ComposerPane

    opened: list[str] = []
    app.said = record_notes(app, monkeypatch)
    monkeypatch.setattr(app, "open_url", lambda url, **kw: opened.append(url))
    monkeypatch.setattr("tui.ui.widgets.composer_pane.has_url_handler", lambda: handler)
    await settle(app, pilot)
    app.select_application(16)  # Globex: a thank-you to Priya, by email
    for _ in range(40):
        await pilot.pause()
        if app.selected_id == 16:
            break
    app.screen.query_one(ComposerPane).body_area.focus()
    await pilot.press("ctrl+o")
    await pilot.pause()
    return opened


async def test_ctrl_o_says_it_asked_the_mail_client(make_app, monkeypatch) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        opened = await _mail(app, pilot, monkeypatch, True)
        assert len(opened) == 1
        assert "Asked your mail client to open it." in app.said


async def test_ctrl_o_says_clearly_when_nothing_opens_mail_links(make_app, monkeypatch) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        opened = await _mail(app, pilot, monkeypatch, False)
        assert opened == []
        assert any(m.startswith("No program here opens mail links") for m in app.said)


async def test_export_proposes_the_documents_folder_and_says_the_full_path(
    make_app, monkeypatch, tmp_path
) -> None:
    from textual.widgets import Input

    docs = tmp_path / "Documents" / "followup"
    monkeypatch.setenv("FOLLOWUP_DOCUMENTS", str(docs))
    app = make_app()
    said = record_notes(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("x")
        await pilot.pause()
        prompt = app.screen.query_one(Input)
        assert prompt.value == str(docs / "followup-board.md")
        await pilot.press("enter")
        await settle(app, pilot)
        assert (docs / "followup-board.md").is_file()
        assert f"to {docs / 'followup-board.md'}" in " ".join(said)


async def test_snooze_to_a_past_day_is_refused_in_the_prompt(make_app) -> None:
    from textual.widgets import Static

    from tui.ui.screens.agenda import AgendaScreen
    from tui.ui.screens.pick import TextPrompt

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("a")
        await settle(app, pilot)
        assert isinstance(app.screen, AgendaScreen)
        target = app.screen.current_id
        await pilot.press("z")
        await pilot.pause()
        picker = app.screen
        steps = [v for v, _ in picker.choices].index("day") - (picker.query_one(OptionList).highlighted or 0)
        await pilot.press(*["down"] * steps, "enter")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        await pilot.press(*"yesterday", "enter")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)  # still asking
        assert "not after today" in str(app.screen.query_one("#text-prompt-error", Static).render())
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.store.board().application_by_id[target].snoozed_until is None


async def test_a_long_subject_ends_in_an_ellipsis_until_edited(make_app, tmp_path: Path) -> None:
    from tui.ui.widgets.composer_pane import ComposerPane

    app = make_app(settings=Settings(path=tmp_path / "config.toml", me=Me(name="Ada Lovelace")))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.select_application(16)
        for _ in range(40):
            await pilot.pause()
            if app.selected_id == 16:
                break
        await settle(app, pilot)
        subject = app.screen.query_one(ComposerPane).subject_input
        subject.value = "A subject far too long to fit in the composer's subject field at this width " * 2
        subject.cursor_position = 0
        await pilot.pause()
        line = subject.render_line(0).text
        assert line.rstrip().endswith("…")
        subject.focus()
        await pilot.pause()
        assert "…" not in subject.render_line(0).text  # editing shows the text itself


def test_help_words_wrap_in_their_column() -> None:
    from tui.ui.app import FollowupApp
    from tui.ui.screens.help import KEY_W, help_rows

    def _panes():
        return FollowupApp.help_sections()

    for _pane, bindings in _panes():
        for width in (84, 60):
            text = help_rows(bindings, {}, width).plain
            for line in text.splitlines():
                assert len(line) <= width, line
                if line[:KEY_W].strip() == "":  # a continuation: only under the words
                    assert line.startswith(" " * (KEY_W + 2)), line
    composer = dict(_panes())["Composer"]
    text = help_rows(composer, {}, 84).plain
    assert any(line.startswith("ctrl+t") for line in text.splitlines())
    assert "composer." in text  # the ids the README says the help lists


async def test_z_maximizes_a_pane_to_the_whole_screen(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        for keys in (("z",), ("escape", "tab", "z")):  # the board, then the finder
            await pilot.press(*keys)
            await pilot.pause()
            maximized = app.screen.maximized
            assert maximized is not None
            assert (maximized.region.x, maximized.region.width) == (0, SIZE[0])  # no hatched margins


async def test_at_40x12_the_capture_title_stays_whole_beside_its_hint(make_app) -> None:
    from textual.widgets import Label

    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        title = app.screen.query_one("#capture-title", Label)
        hint = app.screen.query_one("#capture-hint", Label)
        assert title.region.width >= len("Quick capture")
        assert title.region.right < hint.region.x  # side by side, not over each other
        assert hint.region.right <= app.screen.query_one("#capture-dialog").region.right
