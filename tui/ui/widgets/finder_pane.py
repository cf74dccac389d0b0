"""The contact finder pane (DESIGN.md §5). Placeholder until the finder issue lands."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Label, Static


class FinderPane(Vertical, can_focus=True):
    ALLOW_MAXIMIZE = True

    def compose(self) -> ComposeResult:
        yield Label("Contacts", classes="pane-title")
        yield Static("", id="finder-body")

    def show_application(self, app_id: int | None) -> None:
        board = self.app.board  # type: ignore[attr-defined]
        app = board.application_by_id.get(app_id) if app_id is not None else None
        body = self.query_one("#finder-body", Static)
        if app is None:
            body.update("No card selected.")
            return
        names = [board.contact_by_id[c].display_name for c in app.contact_ids if c in board.contact_by_id]
        body.update(Content("\n".join(names) or "No contacts attached."))
