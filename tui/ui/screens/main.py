"""The one screen (DESIGN.md §1): the board, the finder and the composer side by side."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Input

from tui.ui.widgets.board_view import BoardView
from tui.ui.widgets.card_list import CardList
from tui.ui.widgets.composer_pane import ComposerPane
from tui.ui.widgets.finder_pane import FinderPane

if TYPE_CHECKING:
    from textual import getters

    from tui.ui.app import FollowupApp

NARROW_WIDTH = 120


class MainScreen(Screen):
    if TYPE_CHECKING:  # self.app is the followup app (typed, no cast at run time)
        app = getters.app(FollowupApp)

    BINDINGS = [
        Binding("tab", "cycle_pane(1)", "Next pane", show=False, id="main.next_pane"),
        Binding("shift+tab", "cycle_pane(-1)", "Previous pane", show=False, id="main.prev_pane"),
        Binding("enter", "open_detail", "Open", id="board.open", tooltip="Open the application's detail"),
        Binding("slash", "filter", "Filter", id="board.filter", tooltip="Filter the board"),
        Binding("a", "app.agenda", "Agenda", id="board.agenda", tooltip="Everything due, as a triage loop"),
        Binding(
            "x", "app.export_markdown", "Export", id="board.export", tooltip="Export the board to Markdown"
        ),
        Binding("s", "app.stats", "Stats", id="board.stats", tooltip="The funnel and response rates"),
        Binding("delete,d", "delete_card", "Delete", show=False, id="board.delete"),
        Binding("u", "app.undo", "Undo", show=False, id="board.undo"),
        Binding(
            "z", "maximize_pane", "Zoom", id="main.zoom", tooltip="Maximize the focused pane (esc restores)"
        ),
        Binding("escape", "escape", "Clear", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        with Vertical(id="board-area"):
            yield Input(placeholder="filter: company, role or #tag — esc clears", id="board-filter")
            yield BoardView(id="board")
        with Vertical(id="side"):
            yield FinderPane(id="finder")
            yield ComposerPane(id="composer")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#board-filter").display = False
        self._apply_width(self.size.width)
        self.app.start_board()

    def on_resize(self, event) -> None:
        self._apply_width(event.size.width)

    def _apply_width(self, width: int) -> None:
        self.set_class(width < NARROW_WIDTH, "-narrow")

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
        index = (self._pane_of(self.focused) + step) % 3
        self.focus_pane(index)

    def focus_pane(self, index: int) -> None:
        pane = self._panes()[index]
        self.set_class(index != 0, "-side-focused")
        if index == 0:
            self.board_view.focus_stage(self.board_view.current_stage)
            return
        focusables = [w for w in pane.query("*") if w.focusable]
        if focusables:
            focusables[0].focus()
        else:
            pane.focus()

    @on(CardList.Highlighted)
    def _card_highlighted(self, event: CardList.Highlighted) -> None:
        if event.card_list.has_focus:
            self.set_class(False, "-side-focused")
            self.app.selected_id = event.card.app_id if event.card else None

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
            # Enter and d belong to the board; in a form they are the form's.
            return self._pane_of(self.focused) == 0 or None
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
