"""``followup capture``: the quick-capture prompt alone, for a tmux popup or a hotkey.

The prompt is the app's only screen. It exits the app with the new application's id
(``launch.run_capture`` maps it to exit 0) or None for Esc (exit 1), and the outcome
("Added #25: ...") is printed once the terminal is restored. The prompt comes first: the
board is read in a thread after the first paint (only the live duplicate warning needs it;
the save checks again inside the store's lock), and nothing heavy (rules, fuzzy search,
calendars) is imported.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import work
from textual.app import App

from tui.domain import clock
from tui.domain.board import Board
from tui.domain.config import Settings, load_settings
from tui.domain.errors import FollowupError
from tui.ui.screens.capture import CaptureScreen, index_by_company, index_by_email


class CaptureApp(App[int | None]):
    TITLE = "followup capture"
    # A default screen's own CSS_PATH is not loaded by Textual; absolute, like the board's.
    CSS_PATH = str(Path(__file__).resolve().parent / "screens" / "capture.tcss")
    ENABLE_COMMAND_PALETTE = False

    def __init__(
        self, store: Any, settings: Settings | None = None, *, history_file: Path | None = None
    ) -> None:
        super().__init__()
        self.store = store
        self.settings = settings or load_settings()
        self.today = clock.today()
        self.board = Board()
        self.board_loaded = False  # until then the live duplicate warning has nothing to compare
        self.history_file = history_file
        self.prompt = CaptureScreen(standalone=True, history_file=history_file)

    def get_default_screen(self) -> CaptureScreen:
        # The prompt is the app's only screen: nothing else to compose or paint first.
        return self.prompt

    def on_mount(self) -> None:
        if self.settings.theme and self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        # After the first paint: building a big board holds the GIL, and the prompt comes first.
        self.call_after_refresh(self._load_board)

    @work(thread=True, exclusive=True, group="load")
    def _load_board(self) -> None:
        # Everything the prompt reads is built here, off the UI thread: the snapshot's
        # record lists are lazy, and a big network's contacts take a while.
        try:
            board = self.store.board()
            by_company = index_by_company(board.applications)
            by_email = index_by_email(board.contacts)
        except FollowupError as exc:  # the write will say so again; the prompt stays usable
            self.call_from_thread(self.notify, str(exc), title="store", severity="error", markup=False)
            return
        self.call_from_thread(self._board_loaded, board, by_company, by_email)

    def _board_loaded(self, board: Board, by_company: dict, by_email: dict) -> None:
        self.board = board
        self.board_loaded = True
        self.prompt.use_indexes(board, by_company, by_email)
        self.prompt.board_changed()

    def persist(
        self,
        change: Callable[[Any], Any],
        *,
        done: Callable[[Any], None] | None = None,
        failed: Callable[[], None] | None = None,
        **_ignored: Any,
    ) -> None:
        """The board app's ``persist``, without a board to reload: run ``change`` in a thread."""
        self._write(change, done, failed)

    @work(thread=True, group="write")
    def _write(self, change, done, failed) -> None:
        try:
            result = change(self.store)
        except (FollowupError, ValueError) as exc:
            self.call_from_thread(self.notify, f"Not saved: {exc}", severity="error", markup=False)
            if failed is not None:
                self.call_from_thread(failed)
            return
        if done is not None:
            self.call_from_thread(done, result)
