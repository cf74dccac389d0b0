"""Application detail (DESIGN.md §1). Placeholder: being built."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static


class DetailScreen(Screen):
    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def __init__(self, app_id: int) -> None:
        super().__init__()
        self.app_id = app_id

    def compose(self) -> ComposeResult:
        app = self.app.board.application_by_id.get(self.app_id)  # type: ignore[attr-defined]
        yield Static(Content(app.title if app else "gone"))
        yield Footer()
