"""On first use, ask for the name (and an optional signature) letters are signed with (issue 21).

Shown once a session, when ``[me] name`` is empty and a letter is about to be composed, copied
or marked sent. Enter on the name goes to the signature; enter there saves. Escape is "later":
the letter keeps its no-signature warning and the app does not ask again this session.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from tui.domain.models import MAX_TEXT


class NamePrompt(ModalScreen[tuple[str, str] | None]):
    BINDINGS = [Binding("escape", "dismiss(None)", "Later")]

    def __init__(self) -> None:
        super().__init__(classes="dialog-screen")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Content("Sign your letters: what is your name?"), classes="dialog-title")
            yield Input(placeholder="your name, as it ends a letter", id="me-name")
            yield Input(placeholder="a signature under it (optional)", id="me-signature")
            yield Static("", id="me-error", classes="field-error")
            yield Label(
                Content("saved to [me] in config.toml · enter on the signature saves · esc: later"),
                classes="dialog-detail",
            )

    def on_mount(self) -> None:
        self.query_one("#me-error").display = False
        self.query_one("#me-name", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        name = " ".join(self.query_one("#me-name", Input).value.split())
        signature = self.query_one("#me-signature", Input).value.strip()
        error = ""
        if not name:
            error = "Type your name (esc: later)."
        elif len(name) > 200 or len(signature) > MAX_TEXT:
            error = "That is too long for a name or a signature."
        if event.input.id == "me-name" and not error:
            self.query_one("#me-signature", Input).focus()
            return
        if error:
            shown = self.query_one("#me-error", Static)
            shown.update(Content(error))
            shown.display = True
            self.query_one("#me-name", Input).focus()
            return
        self.dismiss((name, signature))
