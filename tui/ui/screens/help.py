"""Every key, by pane, read from the bindings themselves so it can't drift from them."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Static

Section = tuple[str, list[Binding]]


def own_bindings(cls: type) -> list[Binding]:
    """The bindings a class declares itself (not the ones it inherits)."""
    return [b for b in cls.__dict__.get("BINDINGS", []) if isinstance(b, Binding)]


def _keys(binding: Binding, keymap: dict[str, str]) -> str:
    keys = keymap.get(binding.id or "", binding.key)
    names = {"question_mark": "?", "slash": "/", "plus": "+", "minus": "-"}
    return " ".join(names.get(k, k) for k in keys.split(","))


class HelpScreen(ModalScreen[None]):
    """Shows the sections it is given (the app builds them from the bindings themselves, so
    this module imports no screen and no app)."""

    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "Close")]

    def __init__(self, sections: list[Section], keymap: dict[str, str] | None = None) -> None:
        super().__init__()
        self.sections = sections
        self.keymap = keymap or {}

    def compose(self) -> ComposeResult:
        keymap = self.keymap
        with VerticalScroll(id="help", classes="dialog"):
            yield Label("Keys", classes="dialog-title")
            for pane, bindings in self.sections:
                if not bindings:
                    continue
                yield Label(pane, classes="help-pane")
                rows = []
                for b in bindings:
                    words = b.tooltip or b.description
                    rows.append(f"{_keys(b, keymap):<20}  {words}")
                yield Static(Content("\n".join(rows)), classes="help-keys")
            yield Label(
                Content("esc closes · keys can be rebound in config.toml [keymap] by their id"),
                classes="dialog-detail",
            )
