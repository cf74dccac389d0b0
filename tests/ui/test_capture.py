"""Quick capture (DESIGN.md §7, issue 7): the prompt from anywhere, its live preview, errors in
place, the duplicate choice, history, and ``followup capture`` alone (CaptureApp).

Expected values come from the grammar of DESIGN.md §7 and the demo board (``data/demo.json``:
#7 is "Staff Backend Engineer @ Hooli", contact Hal Jordan is hal.jordan@acme-robotics.example).
"""

from __future__ import annotations

import os
import stat
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Button, Input, Static, TextArea

from tests.ui.conftest import settle
from tui.domain.config import Settings
from tui.domain.models import Application
from tui.followup.capture_history import (
    LIMIT,
    HistoryBrowser,
    append_history,
    clean_line,
    history_path,
    load_history,
    remember,
)
from tui.store.repository import Store
from tui.ui.capture_app import CaptureApp
from tui.ui.screens.capture import CaptureScreen
from tui.ui.screens.main import MainScreen

TODAY = date(2026, 11, 27)
SIZE = (160, 45)
HOOLI_ID = 7  # "Staff Backend Engineer @ Hooli" on the demo board


# -- helpers -------------------------------------------------------------------------------


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).content)


def preview_rows(screen) -> dict[str, str]:
    labels = text_of(screen, "#capture-labels").split("\n")
    values = text_of(screen, "#capture-values").split("\n")
    values += [""] * (len(labels) - len(values))
    return dict(zip(labels, values, strict=True))


async def type_line(pilot, text: str) -> None:
    """Put a line in the prompt as typed text (paste-like: one Changed per set, like a paste)."""
    field = pilot.app.screen.query_one("#capture-input", Input)
    field.value = text
    await pilot.pause()


def titles(store: Store) -> list[str]:
    return [a.title for a in store.board().applications]


# -- ctrl+n from every screen and pane ------------------------------------------------------


async def _focus_place(app, pilot, where: str) -> str:
    """Focus the place named; type a little there when it takes text. Returns what was typed."""
    main = app.screen
    assert isinstance(main, MainScreen)
    if where == "board":
        main.focus_pane(0)
    elif where == "finder":
        main.focus_pane(1)
    elif where == "composer":
        main.focus_pane(2)
    elif where == "filter":
        await pilot.press("slash")
    elif where == "detail":
        app.open_detail(HOOLI_ID)
    await pilot.pause()
    focused = app.focused
    if isinstance(focused, Input | TextArea):
        await pilot.press("z", "z")  # proves the widget takes typing, and ctrl+n still wins
        return "zz"
    return ""


@pytest.mark.parametrize("where", ["board", "finder", "composer", "filter", "detail"])
async def test_ctrl_n_from_every_pane_saves_and_selects(make_app, where: str) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        typed = await _focus_place(app, pilot, where)
        below = app.screen
        focused_before = app.focused
        value_before = getattr(focused_before, "value", None) if typed else None
        before = len(app.store.board().applications)

        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, CaptureScreen)
        assert app.focused is app.screen.query_one("#capture-input", Input)

        await pilot.press(*"Data Wrangler @ Zorg Corp #remote")
        if typed:  # the keys went to the prompt, not into the form underneath
            assert getattr(focused_before, "value", None) == value_before
        await pilot.press("enter")
        await settle(app, pilot)

        assert app.screen is below  # the prompt closed, back where we were
        board = app.store.board()
        assert len(board.applications) == before + 1
        new = board.applications[-1]
        assert (new.role, new.company, new.tags, new.stage) == (
            "Data Wrangler",
            "Zorg Corp",
            ["remote"],
            "applied",
        )
        assert new.applied_on == TODAY
        if where != "filter":  # the filter hides the new card; see test_capture_while_filtering
            assert app.selected_id == new.id


async def test_capture_while_filtering_keeps_the_filter_text(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"hoo")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, CaptureScreen)
        await pilot.press(*"Data Wrangler @ Zorg", "escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.screen.query_one("#board-filter", Input).value == "hoo"
        assert app.filter_text == "hoo"


async def test_ctrl_n_twice_opens_one_prompt(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert sum(isinstance(s, CaptureScreen) for s in app.screen_stack) == 1


async def test_escape_cancels_and_saves_nothing(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        before = titles(app.store)
        await pilot.press("ctrl+n")
        await pilot.press(*"Data Wrangler @ Zorg", "escape")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert titles(app.store) == before


# -- the live preview ------------------------------------------------------------------------

PREVIEW_LABELS = ["Role", "Company", "Stage", "Source", "Tags", "Flags", "Applied on", "Contact", "Link"]
PREVIEW_CASES = [
    (
        "Backend Engineer @ Acme https://acme.example/jobs/42 via linkedin #remote !nocall",
        {
            "Role": "Backend Engineer",
            "Company": "Acme",
            "Stage": "applied",
            "Source": "LinkedIn",
            "Tags": "#remote",
            "Flags": "no phone calls",
            "Applied on": "2026-11-27, today",
            "Contact": "—",
            "Link": "https://acme.example/jobs/42",
        },
    ),
    (
        "SRE @ Globex >int on yesterday !nofollowup #k8s #oncall via referral",
        {
            "Role": "SRE",
            "Company": "Globex",
            "Stage": "interviewing",
            "Source": "referral",
            "Tags": "#k8s #oncall",
            "Flags": "do not follow up",
            "Applied on": "2026-11-26, yesterday",
        },
    ),
    (
        "Data Engineer @ Initrode >saved !onlyqualified",
        {
            "Stage": "saved",
            "Flags": "only qualified applicants are contacted",
            "Applied on": "— (saved: not applied yet)",
        },
    ),
    (
        "Engineer @ Acme Robotics with hal.jordan@acme-robotics.example",
        {"Contact": "hal.jordan@acme-robotics.example  (Hal Jordan, already a contact)"},
    ),
    (
        "Engineer @ Acme with someone.new@acme.example",
        {"Contact": 'someone.new@acme.example  (new contact; who is it? with "Name <address>" names them)'},
    ),
    (
        'Engineer @ Acme with "Sam New <sam.new@acme.example>"',
        {"Contact": "Sam New <sam.new@acme.example>  (new contact)"},
    ),
    (
        'Engineer @ "Built on Air" on 2026-11-02',
        {"Company": "Built on Air", "Applied on": "2026-11-02, 25 days ago"},
    ),
    (
        "[b]Lead[/b] {role} 🚀 @ [red]Acme[/red]",
        {"Role": "[b]Lead[/b] {role} 🚀", "Company": "[red]Acme[/red]"},
    ),
]


async def test_live_preview_reads_the_line(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        for line, expected in PREVIEW_CASES:
            await type_line(pilot, line)
            rows = preview_rows(app.screen)
            assert list(rows) == [
                "Role",
                "Company",
                "Stage",
                "Source",
                "Tags",
                "Flags",
                "Applied on",
                "Contact",
                "Link",
            ]
            for label, value in expected.items():
                assert rows[label] == value, (line, label)
            status = app.screen.query_one("#capture-status", Static)
            assert not status.has_class("-error") and not status.has_class("-live-error"), line


async def test_preview_follows_each_keystroke(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await pilot.press(*"QA @ Acme")
        assert preview_rows(app.screen)["Company"] == "Acme"
        assert preview_rows(app.screen)["Tags"] == "—"
        await pilot.press(*" #qa")
        assert preview_rows(app.screen)["Tags"] == "#qa"
        await pilot.press(*" >off")
        assert preview_rows(app.screen)["Stage"] == "offer"


async def test_long_pasted_text_previews_cut_short_and_never_crashes(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await type_line(pilot, "R" * 10_000 + " @ Acme")
        value = preview_rows(app.screen)["Role"]
        assert value.startswith("RRR") and value.endswith("…") and len(value) < 200
        await type_line(pilot, "x" * 10_000)  # no @: an error, shown in place
        assert "@" in text_of(app.screen, "#capture-status")


# -- errors in place -------------------------------------------------------------------------

ERROR_CASES = [
    ("Backend Engineer at Acme", "@"),
    ("@ Acme", "role"),
    ("Engineer @", "company"),
    ("Engineer @ Acme >bogus", "stage"),
    ("Engineer @ Acme on 2027-01-04", "future"),
    ("Engineer @ Acme on 2026-02-30", "real day"),
    ("Engineer @ Acme via carrier-pigeon", "source"),
    ("Engineer @ Acme with not-an-email", "email"),
    ("Engineer @ Acme !nophone", "flag"),
    ("Engineer @ Built on Air", "quotes"),
]


async def test_a_line_that_does_not_parse_keeps_the_prompt_and_saves_nothing(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        before = titles(app.store)
        await pilot.press("ctrl+n")
        screen = app.screen
        status = screen.query_one("#capture-status", Static)
        field = screen.query_one("#capture-input", Input)
        for line, says in ERROR_CASES:
            await type_line(pilot, line)
            assert status.has_class("-live-error"), line  # said while typing, quietly
            await pilot.press("enter")
            await settle(app, pilot)
            assert app.screen is screen, line  # the prompt stays
            assert status.has_class("-error"), line  # and louder after Enter
            assert says in str(status.content).lower(), (line, str(status.content))
            assert field.value == line  # the line is kept, to fix
            assert field.has_class("-bad")
        assert titles(app.store) == before  # nothing saved

        # Fix it in place and save: the prompt was never stuck.
        await type_line(pilot, "Fixed Role @ Fixed Co")
        assert not status.has_class("-error")
        assert not field.has_class("-bad")
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert titles(app.store) == [*before, "Fixed Role @ Fixed Co"]


async def test_empty_enter_is_an_error_not_a_save(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        before = titles(app.store)
        await pilot.press("ctrl+n", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, CaptureScreen)
        assert "ROLE @ COMPANY" in text_of(app.screen, "#capture-status")
        assert titles(app.store) == before


async def test_a_store_error_is_shown_in_place_and_the_line_kept(make_app, monkeypatch) -> None:
    from tui.domain.errors import StoreError

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        before = titles(app.store)

        def locked(*_a, **_k):
            raise StoreError("The store is locked by another followup process; nothing was written.")

        monkeypatch.setattr(app.store, "add_application", locked)
        await pilot.press("ctrl+n")
        await type_line(pilot, "Data Wrangler @ Zorg")
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, CaptureScreen)
        status = text_of(app.screen, "#capture-status")
        assert status.startswith("Not saved:") and "locked" in status
        assert app.screen.query_one("#capture-input", Input).value == "Data Wrangler @ Zorg"
        assert not app.screen.query_one("#capture-input", Input).disabled
        monkeypatch.undo()
        await pilot.press("enter")  # try again once the store is free
        await settle(app, pilot)
        assert titles(app.store) == [*before, "Data Wrangler @ Zorg"]


# -- duplicates ------------------------------------------------------------------------------


async def test_duplicate_is_flagged_live_then_open_the_existing_one(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        before = titles(app.store)
        await pilot.press("ctrl+n")
        # Same company compared loosely (§5), same role ignoring case and spacing.
        await type_line(pilot, "staff backend  ENGINEER @ HOOLI, Inc. #again")
        status = text_of(app.screen, "#capture-status")
        assert f"#{HOOLI_ID}" in status and "already on the board" in status
        assert not app.screen.query_one("#capture-choice").display  # no choice until Enter

        await pilot.press("enter")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, CaptureScreen)
        assert screen.query_one("#capture-choice").display
        assert app.focused is screen.query_one("#capture-open", Button)
        assert titles(app.store) == before  # nothing written yet

        await pilot.press("o")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.selected_id == HOOLI_ID
        assert titles(app.store) == before


async def test_duplicate_add_anyway_saves_a_second_card(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        before = titles(app.store)
        await pilot.press("ctrl+n")
        await type_line(pilot, "Staff Backend Engineer @ Hooli")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("a")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        board = app.store.board()
        assert titles(app.store) == [*before, "Staff Backend Engineer @ Hooli"]
        assert app.selected_id == board.applications[-1].id != HOOLI_ID


async def test_duplicate_choice_by_enter_on_the_buttons(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await type_line(pilot, "Staff Backend Engineer @ Hooli")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter")  # the focused default: open the existing one
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.selected_id == HOOLI_ID


async def test_escape_in_the_duplicate_choice_goes_back_to_the_line(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        before = titles(app.store)
        await pilot.press("ctrl+n")
        await type_line(pilot, "Staff Backend Engineer @ Hooli")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CaptureScreen)
        assert not screen.query_one("#capture-choice").display
        assert app.focused is screen.query_one("#capture-input", Input)
        await pilot.press(*" II")  # edit it into a different role: no longer a duplicate
        assert "already" not in text_of(screen, "#capture-status")
        await pilot.press("enter")
        await settle(app, pilot)
        assert titles(app.store) == [*before, "Staff Backend Engineer @ Hooli II"]


async def test_o_and_a_are_typed_into_the_line_outside_the_choice(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n", "o", "a")
        await pilot.pause()
        assert isinstance(app.screen, CaptureScreen)
        assert app.screen.query_one("#capture-input", Input).value == "oa"


async def test_a_duplicate_written_by_another_process_meanwhile_is_caught_at_save(
    make_app, demo_store
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await type_line(pilot, "Night Shift Engineer @ Zorg")
        assert "already" not in text_of(app.screen, "#capture-status")
        # Another terminal adds the same thing before Enter (and before the board's poll).
        other = Store(demo_store.path, backup_interval_s=float("inf"))
        try:
            other.add_application(
                Application(company="ZORG Inc.", role="night shift engineer", stage="applied")
            )
        finally:
            other.close()
        await pilot.press("enter")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, CaptureScreen)
        assert screen.query_one("#capture-choice").display
        assert sum(a.company in ("Zorg", "ZORG Inc.") for a in app.store.board().applications) == 1


async def test_the_live_warning_follows_the_board_reloading_from_disk(make_app, demo_store) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await type_line(pilot, "Night Shift Engineer @ Zorg")
        assert "already" not in text_of(app.screen, "#capture-status")
        other = Store(demo_store.path, backup_interval_s=float("inf"))
        try:
            other.add_application(Application(company="Zorg", role="Night Shift Engineer", stage="applied"))
        finally:
            other.close()
        for _ in range(60):  # the board polls the file twice a second
            await pilot.pause(0.05)
            if "already on the board" in text_of(app.screen, "#capture-status"):
                break
        assert "already on the board" in text_of(app.screen, "#capture-status")  # without a keystroke


# -- history ---------------------------------------------------------------------------------


async def test_history_up_and_down(make_app) -> None:
    path = history_path()
    path.write_text("Old One @ A\nOld Two @ B\nOld Three @ C\n", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n", *"draft")
        field = app.screen.query_one("#capture-input", Input)
        seen = []
        for key in ["up", "up", "up", "up", "down", "down", "down", "down"]:
            await pilot.press(key)
            seen.append(field.value)
        assert seen == [
            "Old Three @ C",
            "Old Two @ B",
            "Old One @ A",
            "Old One @ A",  # the oldest: up does nothing more
            "Old Two @ B",
            "Old Three @ C",
            "draft",  # past the newest: the line being typed comes back
            "draft",
        ]
        assert field.cursor_position == len("draft")
        await pilot.press("up")
        assert preview_rows(app.screen)["Company"] == "C"  # a recalled line is previewed too


async def test_saved_lines_go_into_the_history_newest_last(make_app) -> None:
    path = history_path()
    path.write_text("Old One @ A\nData Wrangler @ Zorg\n", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        for line in ["Data Wrangler @ Zorg", "Second @ Two"]:
            await pilot.press("ctrl+n")
            await type_line(pilot, line)
            await pilot.press("enter")
            await settle(app, pilot)
        await pilot.press("ctrl+n")
        await type_line(pilot, "Not Saved @ Escaped")
        await pilot.press("escape")
        await settle(app, pilot)
        # A repeated line moves up instead of appearing twice; a cancelled one is not kept.
        assert load_history(path) == ["Old One @ A", "Data Wrangler @ Zorg", "Second @ Two"]
        await pilot.press("ctrl+n", "up")
        assert app.screen.query_one("#capture-input", Input).value == "Second @ Two"


async def test_a_broken_history_file_never_stops_the_prompt(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        for n, content in enumerate(
            [b"\xff\xfe\x00garbage\x00\n\x80\x81", b"", b"\n\n\n", "é".encode("latin-1")]
        ):
            history_path().write_bytes(content)
            await pilot.press("ctrl+n", "up", "up", "down")
            assert isinstance(app.screen, CaptureScreen)
            await type_line(pilot, f"Role {n} @ Company")
            await pilot.press("enter")
            await settle(app, pilot)
            assert isinstance(app.screen, MainScreen)
            assert load_history()[-1] == f"Role {n} @ Company"


async def test_history_that_is_a_folder_is_ignored(make_app) -> None:
    history_path().mkdir()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        before = len(app.store.board().applications)
        await pilot.press("ctrl+n", "up")
        await type_line(pilot, "Role @ Company")
        await pilot.press("enter")
        await settle(app, pilot)
        assert len(app.store.board().applications) == before + 1  # saved even though history can't be


# -- capture_history (domain) ------------------------------------------------------------------


def test_history_path_sits_beside_an_overridden_config(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("FOLLOWUP_CONFIG", str(tmp_path / "profile" / "config.toml"))
    assert history_path() == tmp_path / "profile" / "capture-history.txt"
    monkeypatch.delenv("FOLLOWUP_CONFIG")
    assert history_path().name == "capture-history.txt"
    assert "followup" in history_path().parts


def test_history_keeps_the_last_fifty_newest_last(tmp_path) -> None:
    path = tmp_path / "h.txt"
    for n in range(60):
        assert append_history(f"Role {n} @ Co", path)
    entries = load_history(path)
    assert LIMIT == 50
    assert entries == [f"Role {n} @ Co" for n in range(10, 60)]
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600  # it holds emails


@pytest.mark.parametrize(
    ("entries", "line", "expected"),
    [
        ([], "A @ B", ["A @ B"]),
        (["A @ B", "C @ D"], "A @ B", ["C @ D", "A @ B"]),
        (["A @ B"], "   ", ["A @ B"]),
        (["A @ B"], "X\n@\tY\r", ["A @ B", "X @ Y"]),
        (["A @ B"], "y" * 2_001, ["A @ B"]),
    ],
)
def test_remember(entries, line, expected) -> None:
    assert remember(entries, line) == expected


def test_clean_line_and_odd_inputs() -> None:
    assert clean_line("a\x00b\x1bc  d\u2028e") == "a b c d e"
    assert clean_line(None) == ""  # type: ignore[arg-type]
    assert load_history(Path("/nonexistent/for/sure/h.txt")) == []


def test_append_history_reports_a_failed_write(tmp_path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert append_history("A @ B", blocker / "h.txt") is False  # parent is a file
    assert not list(tmp_path.glob(".capture-history-*"))


def test_history_browser_is_shell_like() -> None:
    b = HistoryBrowser(["a", "b"])
    assert b.newer() is None  # nothing newer than the draft
    assert b.older("typed") == "b"
    assert b.older("b") == "a"
    assert b.older("a") is None
    assert b.newer() == "b"
    assert b.newer() == "typed"
    empty = HistoryBrowser([])
    assert empty.older("x") is None and empty.newer() is None


# -- followup capture: the prompt alone ------------------------------------------------------


def capture_app(store: Store, tmp_path: Path) -> CaptureApp:
    return CaptureApp(store, Settings(path=tmp_path / "config.toml"))


async def board_loaded(app: CaptureApp, pilot) -> None:
    """CaptureApp reads the board in a thread after its first paint."""
    for _ in range(200):
        if app.board_loaded:
            return
        await pilot.pause(0.05)
    raise AssertionError("the board never loaded")


async def test_capture_app_saves_and_exits_with_the_id(demo_store: Store, tmp_path) -> None:
    app = capture_app(demo_store, tmp_path)
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CaptureScreen) and app.screen.standalone
        await pilot.press(*"Data Wrangler @ Zorg via board #popup", "enter")
        await settle(app, pilot)
    new = demo_store.board().applications[-1]
    assert app.return_value == new.id
    assert (new.title, new.source, new.tags) == ("Data Wrangler @ Zorg", "job_board", ["popup"])
    assert app.prompt.outcome == f"Added #{new.id}: Data Wrangler @ Zorg (applied)"


async def test_capture_app_escape_exits_with_none(demo_store: Store, tmp_path) -> None:
    before = titles(demo_store)
    app = capture_app(demo_store, tmp_path)
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.press(*"Data Wrangler @ Zorg", "escape")
        await pilot.pause()
    assert app.return_value is None
    assert titles(demo_store) == before


async def test_capture_app_error_keeps_the_prompt(demo_store: Store, tmp_path) -> None:
    app = capture_app(demo_store, tmp_path)
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.press(*"no at sign here", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, CaptureScreen)
        status = app.screen.query_one("#capture-status", Static)
        assert status.has_class("-error")
        app.screen.board_changed()  # a board arriving later keeps the error as loud as Enter made it
        assert status.has_class("-error")
        await pilot.press("backspace")
        assert not status.has_class("-error") and status.has_class("-live-error")  # edited: quiet again
        assert app.return_value is None
        await pilot.press("escape")


@pytest.mark.parametrize(("key", "adds"), [("o", False), ("a", True)])
async def test_capture_app_duplicate_keep_or_add(demo_store: Store, tmp_path, key: str, adds: bool) -> None:
    before = titles(demo_store)
    app = capture_app(demo_store, tmp_path)
    async with app.run_test(size=(100, 20)) as pilot:
        await board_loaded(app, pilot)
        await pilot.press(*"Staff Backend Engineer @ hooli")
        assert "already on the board" in text_of(app.screen, "#capture-status")
        await pilot.press("enter")
        await pilot.pause()
        assert "Keep #7" in str(app.screen.query_one("#capture-open", Button).label)
        await pilot.press(key)
        await settle(app, pilot)
    if adds:
        assert titles(demo_store) == [*before, "Staff Backend Engineer @ hooli"]
        assert app.return_value == demo_store.board().applications[-1].id
    else:
        assert titles(demo_store) == before
        assert app.return_value is None
        assert app.prompt.outcome.startswith("Not added: #7 Staff Backend Engineer @ Hooli")


async def test_keys_typed_before_the_prompt_is_up_land_in_the_line(demo_store: Store, tmp_path) -> None:
    """In a popup the first keys often arrive before the screen is mounted; Textual then
    hands them to the screen instead of the line. They must not be lost (or doubled)."""
    from textual import events
    from textual.keys import _character_to_key

    app = capture_app(demo_store, tmp_path)
    async with app.run_test(size=(100, 20)) as pilot:
        screen = app.screen
        field = screen.query_one("#capture-input", Input)
        screen.set_focus(None)
        for ch in "Early @ Bird":
            screen.post_message(events.Key(_character_to_key(ch), ch))
        await pilot.pause()
        assert field.value == "Early @ Bird"
        assert app.focused is field
        screen.post_message(events.Paste(" #fast\n"))
        await pilot.pause()
        await pilot.press(*" !nocall")  # and typed normally after that: each key once
        assert field.value == "Early @ Bird #fast  !nocall"  # the paste's newline became a space
        assert preview_rows(screen)["Flags"] == "no phone calls"


def test_capture_app_imports_stay_lean() -> None:
    """`followup capture` must start fast: no fuzzy search, calendar or rules on the way."""
    import subprocess
    import sys

    heavy = ("rapidfuzz", "icalendar", "vobject", "tui.followup.rules", "arrow")
    code = f"import sys, tui.ui.launch, tui.ui.capture_app; print(*(m for m in {heavy} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


async def test_a_company_you_applied_to_before_is_named_in_the_preview(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await type_line(pilot, "Platform Engineer @ HOOLI")
        await pilot.pause()
        status = app.screen.query_one("#capture-status", Static)
        text = str(status.content)
        assert text.startswith("You applied to HOOLI before: #")
        assert "Staff Backend Engineer (applied " in text
        assert text.endswith("Enter saves it and selects the new card.")
        assert status.has_class("-warning")
        await type_line(pilot, "Platform Engineer @ Zorg Industries")  # a new company: no note
        await pilot.pause()
        assert str(app.screen.query_one("#capture-status", Static).content).startswith("Enter saves it")
