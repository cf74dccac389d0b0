"""The composer pane (DESIGN.md §6). Placeholder until the composer issue lands."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Label, Static


class ComposerPane(Vertical, can_focus=True):
    ALLOW_MAXIMIZE = True

    def compose(self) -> ComposeResult:
        yield Label("Composer", classes="pane-title")
        yield Static("", id="composer-body")

    def show_application(self, app_id: int | None) -> None:
        actions = self.app.actions  # type: ignore[attr-defined]
        action = actions.get(app_id) if app_id is not None else None
        self.query_one("#composer-body", Static).update(Content(action.reason if action else ""))
