"""A full-screen explanation for a store that cannot be opened, with an explicit restore."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Footer, Label, Static

from tui.store.storage import newest_backup


class StoreErrorApp(App[str]):
    CSS_PATH = "../app.tcss"
    TITLE = "followup"
    BINDINGS = [
        Binding("r", "restore", "Restore backup"),
        Binding("q,escape,ctrl+q", "quit_app", "Quit"),
    ]

    def __init__(self, path: Path, message: str) -> None:
        super().__init__()
        self.path = path
        self.message = message
        self.backup = newest_backup(path)

    def compose(self) -> ComposeResult:
        with Vertical(id="store-error", classes="dialog"):
            yield Label("The store cannot be opened", classes="dialog-title")
            yield Static(Content(self.message), id="store-error-message")
            if self.backup:
                yield Static(
                    Content(
                        f"Restore keeps the broken file beside it (renamed .corrupt-…) and puts the backup "
                        f"{self.backup.name} in its place. Nothing is deleted."
                    ),
                    classes="dialog-detail",
                )
            with Horizontal(classes="dialog-buttons"):
                if self.backup:
                    yield Button("Restore backup (r)", id="restore", variant="warning")
                yield Button("Quit (q)", id="quit")
        yield Footer()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "restore":
            return self.backup is not None
        return True

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "restore":
            self.action_restore()
        else:
            self.exit("quit")

    def action_quit_app(self) -> None:
        self.exit("quit")

    def action_restore(self) -> None:
        from tui.store.repository import restore_backup

        try:
            restore_backup(self.path, self.backup)
        except Exception as exc:
            self.notify(f"Restore failed: {exc}", severity="error", markup=False)
            return
        self.exit("restored")
