"""The kanban: five stage columns of virtualised cards, with the board's keys."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Label

from tui.domain.models import STAGES
from tui.ui.widgets.card_list import Card, CardList

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

    ALLOW_MAXIMIZE = True

    BINDINGS = [
        Binding("left,h", "column(-1)", "Column", id="board.left", tooltip="Previous column"),
        Binding("right,l", "column(1)", "Column", show=False, id="board.right", tooltip="Next column"),
        Binding(
            "shift+left,H",
            "move(-1)",
            "Move ←",
            id="board.move_left",
            tooltip="Move the card to the previous stage",
        ),
        Binding(
            "shift+right,L",
            "move(1)",
            "Move →",
            id="board.move_right",
            tooltip="Move the card to the next stage",
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
        focused = self.screen.focused
        if isinstance(focused, CardList):
            return focused.stage
        return self._last_stage

    _last_stage = STAGES[0]

    @on(CardList.Highlighted)
    def _remember(self, event: CardList.Highlighted) -> None:
        if event.card_list.has_focus:
            self._last_stage = event.card_list.stage

    def focus_stage(self, stage: str) -> None:
        self._last_stage = stage
        self.card_list(stage).focus()

    def on_descendant_focus(self, event) -> None:
        if isinstance(event.widget, CardList):
            self._last_stage = event.widget.stage
            for stage in STAGES:
                cards = self.card_list(stage)
                cards.show_blurred_cursor = stage == self._last_stage
                cards.refresh()

    def action_column(self, step: int) -> None:
        index = STAGES.index(self.current_stage)
        target = max(0, min(len(STAGES) - 1, index + step))
        self.focus_stage(STAGES[target])

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
