"""The one screen (DESIGN.md §1): the board, the finder and the composer side by side."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Header, Input

from tui.domain.models import STAGES
from tui.ui.widgets.board_view import BoardView
from tui.ui.widgets.card_list import Card, CardList
from tui.ui.widgets.composer_pane import ComposerPane
from tui.ui.widgets.finder_pane import FinderPane
from tui.ui.widgets.footer import KeysFooter
from tui.ui.widgets.welcome import Welcome

if TYPE_CHECKING:
    from textual import getters

    from tui.ui.app import FollowupApp

NARROW_WIDTH = 120
TINY_WIDTH = 60


class MainScreen(Screen):
    if TYPE_CHECKING:  # self.app is the followup app (typed, no cast at run time)
        app = getters.app(FollowupApp)

    BINDINGS = [
        # Priority bindings run the moment the key is read, in order (tui/ui/session.py): a burst
        # such as "j enter" or "tab tab" acts on the state each key leaves behind.
        Binding("tab", "cycle_pane(1)", "Pane", id="main.next_pane", priority=True),
        Binding(
            "shift+tab", "cycle_pane(-1)", "Previous pane", show=False, id="main.prev_pane", priority=True
        ),
        Binding(
            "enter",
            "open_detail",
            "Open",
            id="board.open",
            tooltip="Open the application's detail",
            priority=True,
        ),
        Binding("slash", "filter", "Filter", id="board.filter", tooltip="Filter the board"),
        Binding("a", "app.agenda", "Agenda", id="board.agenda", tooltip="Everything due, as a triage loop"),
        Binding(
            "x", "app.export_markdown", "Export", id="board.export", tooltip="Export the board to Markdown"
        ),
        Binding("s", "app.stats", "Stats", id="board.stats", tooltip="The funnel and response rates"),
        Binding("delete,d", "delete_card", "Delete", id="board.delete", priority=True),
        Binding("u", "app.undo", "Undo", id="board.undo"),
        Binding(
            "z", "maximize_pane", "Zoom", id="main.zoom", tooltip="Maximize the focused pane (esc restores)"
        ),
        Binding("escape", "escape", "Clear", show=False),
        Binding(
            "i",
            "import_contacts",
            "Import",
            show=False,
            id="board.import",
            tooltip="Import contacts: LinkedIn's Connections.csv or a .vcf",
        ),
    ]

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        with Vertical(id="board-area"):
            yield Input(placeholder="filter: company, role or #tag — esc clears", id="board-filter")
            yield BoardView(id="board")
            yield Welcome(id="welcome")
        with Vertical(id="side"):
            yield FinderPane(id="finder")
            yield ComposerPane(id="composer")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#board-area").border_title = "Board"
        for stage in STAGES:
            self.board_view.card_list(stage).on_cursor = self._cursor_moved
        self.query_one("#board-filter").display = False
        self._apply_width(self.size.width)
        self.app.start_board()

    def on_resize(self, event) -> None:
        self._apply_width(event.size.width)

    def _apply_width(self, width: int) -> None:
        self.set_class(width < NARROW_WIDTH, "-narrow")
        self.set_class(width < TINY_WIDTH, "-tiny")  # one column at a time

    def show_welcome(self, empty: bool) -> None:
        """An empty board shows how to begin instead of five empty columns."""
        self.query_one(Welcome).display = empty
        self.board_view.display = not empty

    def action_import_contacts(self) -> None:
        from tui.ui.screens.import_contacts import start_import

        start_import(self.app)

    @property
    def board_view(self) -> BoardView:
        return self.query_one(BoardView)

    # -- panes ---------------------------------------------------------------------

    def _panes(self) -> list:
        return [self.board_view, self.query_one(FinderPane), self.query_one(ComposerPane)]

    def _pane_of(self, widget) -> int:
        panes = self._panes()
        node = widget
        while node is not None:
            if node in panes:
                return panes.index(node)
            node = node.parent
        return 0

    def action_cycle_pane(self, step: int) -> None:
        self.app.session.pane = self._pane_of(self.focused)
        self.focus_pane(self.app.session.pane_after(step))

    def focus_pane(self, index: int) -> None:
        """Focus a pane now (``set_focus``, not ``focus()``: the next key must land there)."""
        pane = self._panes()[index]
        self.app.session.pane = index
        self.set_class(index != 0, "-side-focused")
        self.set_class(index == 1, "-pane-1")
        self.set_class(index == 2, "-pane-2")
        if index == 0:
            self.board_view.focus_stage(self.board_view.current_stage)
            return
        focusables = [w for w in pane.query("*") if w.focusable and w.display and w.visible]
        self.set_focus(focusables[0] if focusables else pane)

    def _cursor_moved(self, cards: CardList, card: Card | None) -> None:
        if self.focused is cards:
            self.set_class(False, "-side-focused")
            self.app.select_card(card)

    @on(CardList.Selected)
    def _card_selected(self, event: CardList.Selected) -> None:
        self.action_open_detail()

    @on(BoardView.MoveRequested)
    def _move(self, event: BoardView.MoveRequested) -> None:
        self.app.move_card(event.app_id, event.stage)

    def action_maximize_pane(self) -> None:
        if self.maximized is not None:
            self.minimize()
        elif self.focused is not None:
            self.maximize(self.focused)

    def action_escape(self) -> None:
        if self.maximized is not None:
            self.minimize()
            return
        filt = self.query_one("#board-filter", Input)
        if filt.display:
            filt.value = ""
            filt.display = False
            self.board_view.focus_stage(self.board_view.current_stage)

    # -- board actions ---------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action in ("open_detail", "delete_card", "filter"):
            # Enter and d belong to the board; in a form (or the filter box) they are the form's,
            # and the footer does not offer them.
            return isinstance(self.focused, CardList)
        return True

    def action_open_detail(self) -> None:
        app_id = self.app.selected_id
        if app_id is not None:
            self.app.open_detail(app_id)

    def action_delete_card(self) -> None:
        app_id = self.app.selected_id
        if app_id is not None:
            self.app.delete_card(app_id)

    def action_filter(self) -> None:
        filt = self.query_one("#board-filter", Input)
        filt.display = True
        filt.focus()

    @on(Input.Changed, "#board-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.app.filter_text = event.value

    @on(Input.Submitted, "#board-filter")
    def _filter_done(self, event: Input.Submitted) -> None:
        self.board_view.focus_stage(self.board_view.current_stage)
