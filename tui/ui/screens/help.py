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


KEY_W = 16  # the key column; the words wrap in their own column, never under the keys
ID_W = 22  # the binding id column, for [keymap] in config.toml (the longest id is 21)
_HELP_W = 84  # #help is 90 wide (app.tcss): 2 of padding each side, 2 of scrollbar


def help_rows(bindings: list[Binding], keymap: dict[str, str], width: int = _HELP_W) -> Content:
    """The pane's keys as three columns: keys, words (wrapped in their column), binding id.
    Without room for the ids (a narrow terminal) the words take the whole rest."""
    import textwrap

    show_ids = width >= KEY_W + 2 + 30 + 2 + ID_W
    words_w = width - KEY_W - 2 - ((ID_W + 2) if show_ids else 0)
    lines: list[Content] = []
    for b in bindings:
        keys = _keys(b, keymap)
        words = textwrap.wrap(b.tooltip or b.description, words_w) or [""]
        if len(keys) > KEY_W:  # a long key list gets its own line
            lines.append(Content(keys))
            keys = ""
        for i, part in enumerate(words):
            head = f"{keys if i == 0 else '':<{KEY_W}}  {part}"
            if i == 0 and show_ids and b.id:
                lines.append(Content.assemble(f"{head:<{KEY_W + 2 + words_w}}  ", (b.id[:ID_W], "dim")))
            else:
                lines.append(Content(head.rstrip()))
    return Content("\n").join(lines)


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
        # The dialog is 90 wide, or 95% of a narrower terminal.
        width = min(_HELP_W, int(self.app.size.width * 0.95) - 6)
        with VerticalScroll(id="help", classes="dialog"):
            yield Label("Keys", classes="dialog-title")
            for pane, bindings in self.sections:
                if not bindings:
                    continue
                yield Label(pane, classes="help-pane")
                yield Static(help_rows(bindings, keymap, width), classes="help-keys")
            yield Label(
                Content("esc closes · keys can be rebound in config.toml [keymap] by the id on the right"),
                classes="dialog-detail",
            )
