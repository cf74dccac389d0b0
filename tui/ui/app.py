"""The Textual app: owns the store, the board snapshot and the global keys.

The UI is a thin layer: it reads a ``Board`` snapshot and the rules' next actions,
and every change goes through ``Store`` in a thread worker so a slow disk never
freezes a key press. The store is polled twice a second: a capture from another
terminal shows up on the board within a second, with the selection kept.
"""

from __future__ import annotations

import errno
import threading
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.reactive import reactive
from textual.worker import Worker, WorkerState

from tui.domain import clock
from tui.domain.board import Board
from tui.domain.config import Settings, load_settings, save_choice
from tui.domain.errors import FollowupError
from tui.domain.models import STAGES, Application, NextAction
from tui.followup.changes import Undo, move_card
from tui.store.repository import Store
from tui.ui.commands import FollowupCommands
from tui.ui.presenter import build_columns, header_counts
from tui.ui.session import Session
from tui.ui.widgets.card_list import Card

_UI = Path(__file__).resolve().parent


def describe_error(error: BaseException | None) -> str:
    """An unexpected error in words: "No space left on device (errno 28)", never a traceback."""
    if isinstance(error, OSError) and error.errno is not None:
        name = errno.errorcode.get(error.errno, str(error.errno))
        return f"{error.strerror or name} ({name})"
    return str(error) or type(error).__name__


class FollowupApp(App[int]):
    # Absolute: Textual resolves a relative CSS_PATH against the module of the class that
    # *uses* it, so a subclass elsewhere (a benchmark, a test) would look in the wrong folder.
    CSS_PATH = _UI / "app.tcss"
    TITLE = "followup"
    COMMANDS = App.COMMANDS | {FollowupCommands}

    BINDINGS = [
        Binding(
            "ctrl+n",
            "quick_capture",
            "Capture",
            priority=True,
            id="app.capture",
            tooltip="Quick capture, from anywhere",
        ),
        Binding("question_mark,f1", "help", "Help", id="app.help", tooltip="Every key, by pane"),
        Binding("ctrl+q", "quit", "Quit", id="app.quit"),
    ]

    selected_id: reactive[int | None] = reactive(None, init=False)
    recipient_id: reactive[int | None] = reactive(None, init=False)
    filter_text: reactive[str] = reactive("", init=False)
    data_version: reactive[int] = reactive(0, init=False)
    name_asked = False  # the first-use "what is your name?" was shown this session (issue 21)

    def __init__(
        self, store: Store, settings: Settings | None = None, *, watch_interval: float = 0.5
    ) -> None:
        super().__init__()
        self.store = store
        self.settings = settings or load_settings()
        self.today = clock.today()
        self.board: Board = Board()
        self.actions: dict[int, NextAction] = {}
        self.watch_interval = watch_interval
        self.session = Session()  # where the board's keys act (selection, pane, undo)
        self._loaded = False
        self._reloading = False
        self._writes_in_flight = 0
        self._columns: dict[str, Any] = {}  # stage → presenter.Column, as last drawn
        self._after_reload: Callable[[], Any] | None = None
        self._write_queue: deque[tuple[Any, ...]] = deque()
        self._write_order = threading.Lock()
        self._failed_callbacks: Callable[[], None] | None = None
        self.drafts: dict[str, dict[str, str]] = {}  # composer text by "application:contact"

    # -- start -----------------------------------------------------------------------

    def get_default_screen(self):
        from tui.ui.screens.main import MainScreen

        return MainScreen()

    def on_mount(self) -> None:
        if self.settings.theme and self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        problems = list(self.settings.problems)
        if self.settings.keymap:
            from tui.ui.keymap import keymap_problems

            self.set_keymap(self.settings.keymap)
            problems += keymap_problems(self.settings.keymap)
        for problem in problems:
            self.notify(problem, title="config", severity="warning", markup=False, timeout=8)

    def start_board(self) -> None:
        """Called by the main screen once its widgets exist."""
        self.drafts = self.store.drafts()
        self._load(self.store.board())
        self.select_first_card()
        self.set_interval(self.watch_interval, self._check_disk)
        self._loaded = True
        self.run_worker(lambda: self._warm(self.board), thread=True, group="warm", name="warm-stats")
        from tui.ui.postings_check import start_daily_check

        start_daily_check(self)  # only with [postings] check = true, once a day
        from tui.ui.inbox_scan import scan_at_launch

        scan_at_launch(self)  # only with [inbox] scan_at_launch = true, after the first paint

    def watch_theme(self, theme: str) -> None:
        if self._loaded and theme != self.settings.theme:
            self.settings.theme = theme
            self._save_choice("theme", theme)

    @work(thread=True, group="config", exit_on_error=False)
    def _save_choice(self, key: str, value: str) -> None:
        try:
            save_choice(key, value, self.settings.path)
        except Exception as exc:  # a malformed config file is never overwritten
            self.call_from_thread(
                self.notify, f"Could not save {key}: {exc}", severity="warning", markup=False
            )

    # -- the snapshot ----------------------------------------------------------------

    def _compute(self, board: Board) -> dict[int, NextAction]:
        from tui.followup.rules import next_actions

        return next_actions(board, self.today, self.settings.cadence)

    def _load(self, board: Board, actions: dict[int, NextAction] | None = None) -> None:
        self.board = board
        self.actions = actions if actions is not None else self._compute(board)
        self.refresh_board()

    def refresh_board(self, select_id: int | None = None, stages: tuple[str, ...] = STAGES) -> None:
        from tui.ui.screens.main import MainScreen

        keep = select_id if select_id is not None else self.selected_id
        active, due = header_counts(self.board, self.actions, self.today)
        self.sub_title = f"{active} active · {due} due today"
        if not self.screen_stack:
            return
        screen = self.screen_stack[0]
        if not isinstance(screen, MainScreen):
            return
        board_view = screen.board_view
        screen.show_welcome(not self.board.applications)
        columns = build_columns(self.board, self.actions, self.today, self.filter_text, stages)
        self._columns.update(columns)
        for stage in stages:
            board_view.column(stage).set_cards(columns[stage].cards, keep_app_id=keep)
        if keep is not None and select_id is not None:
            app = self.board.application_by_id.get(keep)
            if app is not None:
                board_view.focus_stage(app.stage)
                cards = board_view.card_list(app.stage)
                index = cards.index_of(keep)
                if index is not None:
                    cards.set_cursor(index)
        # A filter that hides the selected card moves the selection to what the column now
        # shows, so the finder and the composer never talk about a card that is not on screen.
        current = board_view.card_list(self.session.stage).current
        shown = {c.app_id for column in self._columns.values() for c in column.cards}
        if self.selected_id not in shown or self.selected_id is None:
            if current is None:  # the filter emptied this column: the first one it leaves
                stage = next((s for s in STAGES if board_view.card_list(s).cards), self.session.stage)
                self.session.stage = stage
                for other in STAGES:
                    board_view.card_list(other).show_blurred_cursor = other == stage
                current = board_view.card_list(stage).current
            self.select_card(current)
        self.data_version += 1

    def select_card(self, card: Card | None) -> None:
        """The board's cursor is on ``card`` (called synchronously by the key that moved it)."""
        self.selected_id = card.app_id if card is not None else None
        self.session.selected_id = self.selected_id

    def select_first_card(self) -> None:
        from tui.ui.screens.main import MainScreen

        screen = self.screen_stack[0]
        if not isinstance(screen, MainScreen):
            return
        board_view = screen.board_view
        for stage in STAGES:
            if board_view.card_list(stage).cards:
                board_view.focus_stage(stage)
                board_view.card_list(stage).set_cursor(0)
                return
        board_view.focus_stage(STAGES[0])

    def select_application(self, app_id: int) -> None:
        """Show a card on the board: its column focused, the cursor on it."""
        while len(self.screen_stack) > 1:
            self.pop_screen()
        if self.filter_text and app_id not in self._visible_ids():
            self.filter_text = ""
        self.refresh_board(select_id=app_id)

    def _visible_ids(self) -> set[int]:
        columns = build_columns(self.board, self.actions, self.today, self.filter_text)
        return {c.app_id for column in columns.values() for c in column.cards}

    def watch_filter_text(self, _value: str) -> None:
        if self._loaded:
            self.refresh_board()

    def watch_data_version(self) -> None:
        # A reload keeps the user's chosen recipient unless that contact is gone.
        if self.recipient_id is not None and self.recipient_id not in self.board.contact_by_id:
            self._reset_recipient(self.selected_id)
        self._show_panes(self.selected_id)

    def watch_selected_id(self, app_id: int | None) -> None:
        self._reset_recipient(app_id)
        self._show_panes(app_id)

    def _reset_recipient(self, app_id: int | None) -> None:
        action = self.actions.get(app_id) if app_id is not None else None
        self.recipient_id = action.contact_id if action else None

    def _show_panes(self, app_id: int | None) -> None:
        from tui.ui.screens.main import MainScreen

        screen = self.screen_stack[0] if self.screen_stack else None
        if isinstance(screen, MainScreen):
            from tui.ui.widgets.composer_pane import ComposerPane
            from tui.ui.widgets.finder_pane import FinderPane

            finder = screen.query_one_optional(FinderPane)
            composer = screen.query_one_optional(ComposerPane)
            if finder is not None and composer is not None:  # not yet mounted in the first frame
                finder.show_application(app_id)
                composer.show_application(app_id)

    # -- watching the file -------------------------------------------------------------

    def _check_disk(self) -> None:
        today = clock.today()
        if today != self.today:
            # Past midnight (or back from a suspend): every "due today" is recomputed, no restart.
            self.today = today
            self._load(self.board)
        if self._reloading or self._writes_in_flight:
            return  # one reload at a time: a burst of writes elsewhere must not crowd out the keys
        # The generation check also catches a change that another read of the store already picked up.
        if self.store.changed_on_disk() or self.store.generation != self.board.generation:
            self._reloading = True
            self._reload_worker()

    @work(thread=True, exclusive=True, group="reload", exit_on_error=False)
    def _reload_worker(self, select_id: int | None = None) -> None:
        try:
            self.store.reload()
            board = self.store.board()
            actions = self._compute(board)
        except FollowupError as exc:
            self._reloading = False
            self.call_from_thread(
                self.notify, str(exc), title="store", severity="error", markup=False, timeout=10
            )
            return
        self._reloading = False
        self.call_from_thread(self._reloaded, board, actions, select_id)
        self._warm(board)

    @staticmethod
    def _warm(board: Board) -> None:
        """Work the screens will want, done in the loading thread after the board is shown."""
        from tui.followup.stats import prepare

        prepare(board)

    def _reloaded(self, board: Board, actions: dict[int, NextAction], select_id: int | None) -> None:
        self.board = board
        self.actions = actions
        self.refresh_board(select_id=select_id)
        then, self._after_reload = self._after_reload, None
        if then is not None:
            then()

    def reload_now(self, select_id: int | None = None) -> None:
        self._reload_worker(select_id)

    # -- writing ---------------------------------------------------------------------

    def persist(
        self,
        change: Callable[[Store], Any],
        *,
        select_id: int | None = None,
        done: Callable[[Any], None] | None = None,
        failed: Callable[[], None] | None = None,
        success: str | None = None,
    ) -> None:
        """Run ``change(store)`` in a thread; then reload the board. Errors become a toast.

        While writes are in flight, only the last one's reload is shown: an earlier one
        would briefly undo what the user did since (a card moved twice in a row).
        """
        self._writes_in_flight += 1
        self._write_queue.append((change, select_id, done, failed, success))
        self._persist_worker()

    @work(thread=True, group="write", exit_on_error=False)
    def _persist_worker(self) -> None:
        # Writes run in the order they were asked for (threads may start in any order): an undo
        # queued after a move always finds the move done.
        with self._write_order:
            change, select_id, done, failed, success = self._write_queue.popleft()
            self._failed_callbacks = failed
            try:
                result = change(self.store)
                board = self.store.board()
                actions = self._compute(board)
            except (FollowupError, ValueError) as exc:  # the store's words, or a model's validation
                self.call_from_thread(self._write_failed, str(exc), failed)
                return
            # Anything else (disk full, permissions, I/O) fails the worker: on_worker_state_changed.
            self._failed_callbacks = None
        if isinstance(result, Application) and select_id is None:
            select_id = result.id
        self.call_from_thread(self._written, board, actions, select_id)
        self._warm(board)
        if success:
            self.call_from_thread(self.notify, success, markup=False)
        if done is not None:
            self.call_from_thread(done, result)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The one place a worker's unexpected failure becomes words (workers here are started
        with ``exit_on_error=False``: a full disk must not take the board down)."""
        if event.state != WorkerState.ERROR:
            return
        error = event.worker.error
        words = describe_error(error)
        if event.worker.group == "reload":
            self._reloading = False
        if event.worker.group == "write":
            failed, self._failed_callbacks = self._failed_callbacks, None
            self._write_failed(words, failed)
        else:
            self.notify(f"Something went wrong: {words}", severity="error", markup=False, timeout=10)

    def _written(self, board: Board, actions: dict[int, NextAction], select_id: int | None) -> None:
        self._writes_in_flight -= 1
        if self._writes_in_flight == 0:
            self._reloaded(board, actions, select_id)

    def _write_failed(self, message: str, failed: Callable[[], None] | None) -> None:
        self._writes_in_flight -= 1
        self.store.forget_board()  # an optimistic change may have touched the cached snapshot
        self.notify(f"Not saved: {message}", severity="error", markup=False, timeout=8)
        if failed is not None:
            failed()
        self.reload_now(self.selected_id)

    def move_card(self, app_id: int, stage: str, outcome: str | None = None) -> None:
        app = self.board.application_by_id.get(app_id)
        if app is None:
            return
        if stage == "closed" and outcome is None:
            from tui.ui.screens.pick import pick_outcome

            pick_outcome(self, lambda chosen: chosen and self.move_card(app_id, stage, chosen), app_id)
            return
        old_stage = app.stage
        # Optimistic: the card moves now; the write follows in a thread (and goes back if it fails).
        moved = Application.from_dict(
            {**app.to_dict(), "stage": stage, "outcome": outcome if stage == "closed" else None}
        )
        # (self.board is the store's cached snapshot: a failed write makes the store forget it.)
        self.board.applications[self.board.applications.index(app)] = moved
        self.board.application_by_id[app_id] = moved
        self.actions[app_id] = action = self._compute_one(moved)
        if self.filter_text or old_stage not in self._columns or stage not in self._columns:
            self.refresh_board(select_id=app_id, stages=(old_stage, stage))
        else:
            self._place_card(moved, action, old_stage)
        if stage == "interviewing" and not any(
            e.kind == "interview" for e in self.board.events_for(app_id)
        ):
            # The rules time the thank-you from the interview: without one, say how to log it.
            self.notify(
                f"No interview logged for {moved.company} yet: enter opens it, ctrl+l logs one.",
                markup=False,
            )
        undo = Undo()  # filled in by the move's transaction; writes run in order, so it is ready
        self.session.push_undo(
            f"move back to {old_stage}", lambda: self.persist(undo.run, select_id=app_id)
        )
        # The write (and the reload after it) starts once the moved card is on screen, so the
        # thread never competes with that frame for the interpreter.
        self.call_after_refresh(
            self.persist, lambda s: move_card(s, app_id, stage, outcome, undo), select_id=app_id
        )

    def _place_card(self, app: Application, action: NextAction, old_stage: str) -> None:
        """Take one card out of its column and put it in its place in another."""
        from tui.followup.rules import card_sort_key
        from tui.ui.presenter import card_for

        self._columns[old_stage].remove(app.id)  # type: ignore[arg-type]
        self._columns[app.stage].insert(
            card_sort_key(app, action, self.board), card_for(app, action, self.today)
        )
        active, due = header_counts(self.board, self.actions, self.today)
        self.sub_title = f"{active} active · {due} due today"
        board_view = self.screen_stack[0].board_view  # type: ignore[attr-defined]
        board_view.column(old_stage).set_cards(self._columns[old_stage].cards)
        board_view.column(app.stage).set_cards(self._columns[app.stage].cards, keep_app_id=app.id)
        board_view.focus_stage(app.stage)
        cards = board_view.card_list(app.stage)
        index = cards.index_of(app.id)
        if index is not None:
            cards.set_cursor(index)
        self.data_version += 1

    def _compute_one(self, app: Application) -> NextAction:
        from tui.followup.rules import next_action

        return next_action(app, self.board, self.today, self.settings.cadence)

    def delete_card(self, app_id: int) -> None:
        app = self.board.application_by_id.get(app_id)
        if app is None:
            return
        from tui.ui.screens.confirm import ConfirmScreen

        def confirmed(yes: bool | None) -> None:
            if not yes:
                return

            def done(result: Any) -> None:
                deleted, events = result
                self.session.push_undo(
                    f"restore {deleted.title}",
                    lambda: self.persist(
                        lambda s: s.restore_application(deleted, events), select_id=deleted.id
                    ),
                )
                self.notify(f"Deleted {deleted.title}. Press u to undo.", markup=False)

            self.persist(lambda s: s.delete_application(app_id), done=done)

        self.push_screen(
            ConfirmScreen(f"Delete {app.title} and its timeline?", "You can undo this with u.", yes="Delete"),
            callback=confirmed,
        )

    def push_undo(self, label: str, undo: Callable[[], Any]) -> None:
        self.session.push_undo(label, undo)

    def action_undo(self) -> None:
        entry = self.session.pop_undo()
        if entry is None:
            self.notify("Nothing to undo.", markup=False)
            return
        entry.run()
        self.notify(f"Undone: {entry.label}", markup=False)

    # -- unsaved work ----------------------------------------------------------------------

    def save_draft(self, key: str, subject: str, body: str, *, now: bool = False) -> None:
        """Keep a composer draft in memory and in the store: in a thread (a failure is said by
        the one worker handler), or ``now`` when the app is about to end."""
        if subject or body:
            self.drafts[key] = {"subject": subject, "body": body}
        else:
            self.drafts.pop(key, None)
        if now:
            try:
                with self._write_order:
                    self.store.save_draft(key, subject, body)
            except (FollowupError, OSError) as exc:
                self.notify(f"Draft not saved: {describe_error(exc)}", severity="error", markup=False)
        else:
            self._draft_worker(key, subject, body)

    @work(thread=True, group="drafts", exit_on_error=False)
    def _draft_worker(self, key: str, subject: str, body: str) -> None:
        with self._write_order:  # after any write asked for before it
            self.store.save_draft(key, subject, body)

    def unsaved_work(self) -> list[str]:
        """What the user typed and has not saved, in words, on every open screen."""
        from tui.ui.screens.detail import DetailScreen
        from tui.ui.unsaved import HoldsTypedText

        found: list[str] = []
        for screen in self.screen_stack:
            if isinstance(screen, DetailScreen) and screen.dirty:
                record = screen.record
                found.append(f"your edits to {record.title}" if record else "your edits")
            elif isinstance(screen, HoldsTypedText) and (words := screen.unsaved_words()):
                found.append(words)  # the contact form, the event form
        return found

    async def action_quit(self) -> None:
        """ctrl+q asks before it throws away anything typed (esc in a form already does)."""
        from tui.ui.widgets.composer_pane import ComposerPane

        # The composer's text is a draft: kept in the store (now, before the process ends), not lost.
        composer = self.screen_stack[0].query_one_optional(ComposerPane) if self.screen_stack else None
        if composer is not None:
            composer.keep_draft(now=True)
        unsaved = self.unsaved_work()
        if not unsaved:
            self.exit()
            return
        from tui.ui.screens.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self.exit()

        self.push_screen(
            ConfirmScreen(
                "Quit and lose " + " and ".join(unsaved) + "?",
                "Cancel goes back to it; nothing has been saved yet.",
                yes="Quit",
            ),
            callback=answered,
        )

    # -- screens -----------------------------------------------------------------------

    def open_detail(self, app_id: int) -> None:
        from tui.ui.screens.detail import DetailScreen

        self.push_screen(DetailScreen(app_id))

    def action_help(self) -> None:
        from tui.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.help_sections(), self.settings.keymap))

    @classmethod
    def help_sections(cls) -> list[tuple[str, list[Binding]]]:
        """Every key, by pane, read from the bindings themselves so the help can't drift from them."""
        from tui.ui.screens.agenda import AgendaList, AgendaScreen
        from tui.ui.screens.capture import CaptureScreen
        from tui.ui.screens.detail import DetailScreen
        from tui.ui.screens.help import own_bindings as own
        from tui.ui.screens.main import MainScreen
        from tui.ui.screens.stats import StatsScreen
        from tui.ui.widgets.board_view import BoardView
        from tui.ui.widgets.card_list import CardList
        from tui.ui.widgets.composer_pane import ComposerPane
        from tui.ui.widgets.finder_pane import FinderPane
        from tui.ui.widgets.timeline import Timeline

        palette = Binding("ctrl+p", "", "Command palette: every action, jump to an application")
        return [
            ("Anywhere", [*own(cls), palette]),
            ("Board", own(BoardView) + own(CardList) + own(MainScreen)),
            ("Contact finder", own(FinderPane)),
            ("Composer", own(ComposerPane)),
            ("Application detail", own(DetailScreen)),
            ("Application detail: on the timeline (alt+t)", own(Timeline)),
            ("Agenda", own(AgendaScreen) + own(AgendaList)),
            ("Stats", own(StatsScreen)),
            ("Quick capture", own(CaptureScreen)),
        ]

    def action_agenda(self) -> None:
        from tui.ui.screens.agenda import AgendaScreen

        self.push_screen(AgendaScreen())

    def action_stats(self) -> None:
        from tui.ui.screens.stats import StatsScreen

        self.push_screen(StatsScreen())

    def action_quick_capture(self) -> None:
        from tui.ui.screens.capture import CaptureScreen

        if isinstance(self.screen, CaptureScreen):
            return
        self.push_screen(CaptureScreen(), callback=self._captured)

    def _captured(self, app_id: int | None) -> None:
        if app_id is not None:
            # On the board, through select_application: it clears a filter that would hide the
            # new card. Over another screen (a detail form), the user stays where they were.
            if len(self.screen_stack) == 1:
                self._after_reload = lambda: self.select_application(app_id)
            self.reload_now(select_id=app_id)

    def action_export_markdown(self) -> None:
        from tui.ui.screens.export import export_board

        export_board(self, "md")

    def _composer(self):
        from tui.ui.widgets.composer_pane import ComposerPane

        return self.screen_stack[0].query_one(ComposerPane)

    def action_composer_save_template(self) -> None:
        self._composer().action_save_template()

    def action_composer_reset_template(self) -> None:
        self._composer().action_reset_template()

    def action_contacts(self) -> None:
        from tui.ui.screens.contacts import ContactsScreen

        self.push_screen(ContactsScreen())

    def action_import_contacts(self) -> None:
        from tui.ui.screens.import_contacts import start_import

        start_import(self)

    def action_export_csv(self) -> None:
        from tui.ui.screens.export import export_board

        export_board(self, "csv")

    def action_export_ics(self) -> None:
        from tui.ui.screens.export import export_board

        export_board(self, "ics")

    def action_check_postings(self) -> None:
        from tui.ui.postings_check import start_check

        start_check(self)

    def action_export_json(self) -> None:
        from tui.ui.screens.export import export_board

        export_board(self, "json")
