"""Pick one of a few values with the keyboard (an outcome, a response, a template)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from tui.domain.models import OUTCOMES


class PickScreen(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", priority=True)]

    def __init__(self, title: str, choices: Sequence[tuple[str, str]], start: str | None = None) -> None:
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.choices = list(choices)
        self.start = start  # the value the cursor starts on (default: the first)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Content(self.title_text), classes="dialog-title")
            yield OptionList(*[Option(Content(label), id=value) for value, label in self.choices], id="pick")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        values = [value for value, _ in self.choices]
        if self.start in values:
            options.highlighted = values.index(self.start)
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


def pick_outcome(app: App, then: Callable[[str | None], object], app_id: int | None = None) -> None:
    """Ask for the outcome, the cursor on the likely one for ``app_id`` (never on hired)."""
    from tui.followup.outcomes import DEFAULT, likely_outcome

    choices = [(o, o.replace("_", " ")) for o in OUTCOMES]
    start = DEFAULT
    board, actions = getattr(app, "board", None), getattr(app, "actions", {})
    if board is not None and app_id is not None:
        action = actions.get(app_id)
        start = likely_outcome(board.events_for(app_id), action.kind if action else None)
    app.push_screen(PickScreen("Close it as…", choices, start=start), callback=then)


class TextPrompt(ModalScreen[object]):
    """Ask for one line of text; ``check`` turns it into a value or a message shown under it.

    ``check(text) -> (value, None)`` dismisses with ``value``; ``(None, "message")`` keeps
    the prompt open with the message. Escape dismisses with None (nothing chosen).
    """

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(
        self,
        title: str,
        hint: str,
        check: Callable[[str], tuple[object, str | None]],
        *,
        placeholder: str = "",
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.hint = hint
        self.check = check
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        from textual.widgets import Input, Static

        with Vertical(classes="dialog"):
            yield Label(Content(self.title_text), classes="dialog-title")
            yield Input(placeholder=self.placeholder, id="text-prompt")
            yield Static("", id="text-prompt-error", classes="field-error")
            yield Label(Content(self.hint), classes="dialog-detail")

    def on_mount(self) -> None:
        self.query_one("#text-prompt-error").display = False
        self.query_one("#text-prompt").focus()

    def on_input_submitted(self, event) -> None:
        value, error = self.check(event.value)
        if error:
            shown = self.query_one("#text-prompt-error")
            shown.update(Content(error))
            shown.display = True
            return
        self.dismiss(value)
