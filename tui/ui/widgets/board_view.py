"""The kanban: five stage columns of virtualised cards, with the board's keys."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Label

from tui.domain.models import STAGES
from tui.ui.widgets.card_list import Card, CardList

if TYPE_CHECKING:
    from textual import getters

    from tui.ui.app import FollowupApp

STAGE_TITLES = {
    "saved": "Saved",
    "applied": "Applied",
    "interviewing": "Interviewing",
    "offer": "Offer",
    "closed": "Closed",
}


class StageColumn(Vertical):
    def __init__(self, stage: str) -> None:
        super().__init__(id=f"column-{stage}", classes="stage-column")
        self.stage = stage

    def compose(self) -> ComposeResult:
        yield Label(STAGE_TITLES[self.stage], id=f"title-{self.stage}", classes="stage-title")
        yield CardList(self.stage, id=f"cards-{self.stage}", empty_text="nothing here")

    def set_cards(self, cards: list[Card], keep_app_id: int | None = None) -> None:
        self.query_one(Label).update(f"{STAGE_TITLES[self.stage]} ({len(cards)})")
        self.query_one(CardList).set_cards(cards, keep_app_id)


class BoardView(Horizontal):
    """Owns column navigation; card moves are asked of the screen through messages."""

    if TYPE_CHECKING:
        app = getters.app(FollowupApp)

    ALLOW_MAXIMIZE = True

    BINDINGS = [
        # Priority: handled the moment the key is read (a burst of keys must act in order).
        Binding("left,h", "column(-1)", "Column", id="board.left", tooltip="Previous column", priority=True),
        Binding(
            "right,l",
            "column(1)",
            "Column",
            show=False,
            id="board.right",
            tooltip="Next column",
            priority=True,
        ),
        Binding(
            "shift+left,H",
            "move(-1)",
            "Move ←",
            id="board.move_left",
            tooltip="Move the card to the previous stage",
            priority=True,
        ),
        Binding(
            "shift+right,L",
            "move(1)",
            "Move →",
            id="board.move_right",
            tooltip="Move the card to the next stage",
            priority=True,
        ),
    ]

    class MoveRequested(Message):
        def __init__(self, app_id: int, stage: str) -> None:
            super().__init__()
            self.app_id = app_id
            self.stage = stage

    def compose(self) -> ComposeResult:
        for stage in STAGES:
            yield StageColumn(stage)

    def column(self, stage: str) -> StageColumn:
        return self.query_one(f"#column-{stage}", StageColumn)

    def card_list(self, stage: str) -> CardList:
        return self.query_one(f"#cards-{stage}", CardList)

    @property
    def current_stage(self) -> str:
        return self.app.session.stage

    def focus_stage(self, stage: str) -> None:
        """Make ``stage`` the current column now: the session first, then focus (synchronous)."""
        self.app.session.stage = stage
        cards = self.card_list(stage)
        if self.screen.focused is not cards:
            self.screen.set_focus(cards, scroll_visible=False)
        # At narrow widths not every column fits: the focused one is always in view.
        self.scroll_to_widget(self.column(stage), animate=False, immediate=True)
        for other in STAGES:
            lst = self.card_list(other)
            if lst.show_blurred_cursor != (other == stage):
                lst.show_blurred_cursor = other == stage
                lst.refresh()
        self.app.select_card(cards.current)

    def on_descendant_focus(self, event) -> None:
        # A click on a column (or focus coming back from a side pane).
        widget = event.widget
        if (
            isinstance(widget, CardList)
            and widget is self.screen.focused
            and widget.stage != self.app.session.stage
        ):
            self.focus_stage(widget.stage)

    def action_column(self, step: int) -> None:
        self.focus_stage(self.app.session.stage_after(step))

    def action_move(self, step: int) -> None:
        cards = self.card_list(self.current_stage)
        card = cards.current
        if card is None:
            self.app.bell()
            return
        index = STAGES.index(self.current_stage) + step
        if not 0 <= index < len(STAGES):
            self.app.bell()
            return
        self.post_message(self.MoveRequested(card.app_id, STAGES[index]))
