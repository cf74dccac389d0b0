"""Every key, by pane, read from the bindings themselves so it can't drift from them."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Static


def _panes() -> list[tuple[str, list[Binding]]]:
    from tui.ui.app import FollowupApp
    from tui.ui.screens.agenda import AgendaList, AgendaScreen
    from tui.ui.screens.capture import CaptureScreen
    from tui.ui.screens.detail import DetailScreen
    from tui.ui.screens.main import MainScreen
    from tui.ui.screens.stats import StatsScreen
    from tui.ui.widgets.board_view import BoardView
    from tui.ui.widgets.card_list import CardList
    from tui.ui.widgets.composer_pane import ComposerPane
    from tui.ui.widgets.finder_pane import FinderPane
    from tui.ui.widgets.timeline import Timeline

    def own(cls) -> list[Binding]:
        return [b for b in cls.__dict__.get("BINDINGS", []) if isinstance(b, Binding)]

    return [
        (
            "Anywhere",
            [
                *own(FollowupApp),
                Binding("ctrl+p", "", "Command palette: every action, jump to an application"),
            ],
        ),
        ("Board", own(BoardView) + own(CardList) + own(MainScreen)),
        ("Contact finder", own(FinderPane)),
        ("Composer", own(ComposerPane)),
        ("Application detail", own(DetailScreen) + own(Timeline)),
        ("Agenda", own(AgendaScreen) + own(AgendaList)),
        ("Stats", own(StatsScreen)),
        ("Quick capture", own(CaptureScreen)),
    ]


def _keys(binding: Binding, keymap: dict[str, str]) -> str:
    keys = keymap.get(binding.id or "", binding.key)
    names = {"question_mark": "?", "slash": "/", "plus": "+", "minus": "-"}
    return " ".join(names.get(k, k) for k in keys.split(","))


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        keymap = getattr(self.app, "settings", None)
        keymap = keymap.keymap if keymap else {}
        with VerticalScroll(id="help", classes="dialog"):
            yield Label("Keys", classes="dialog-title")
            for pane, bindings in _panes():
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
