"""Export from the app: ask for the path once, remember it, say where it went."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label

SUFFIX = {"md": ".md", "csv": ".csv", "ics": ".ics", "json": ".json"}


class PathPrompt(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, title: str, value: str) -> None:
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Content(self.title_text), classes="dialog-title")
            yield Input(self.value, id="path")
            yield Label("enter saves · esc cancels", classes="dialog-detail")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        if value:
            self.dismiss(value)


def default_path(app, fmt: str) -> Path:
    remembered = app.settings.export_path
    if remembered:
        base = Path(remembered).expanduser()
    else:
        from tui.domain.paths import documents_folder

        base = documents_folder() / "followup-board.md"
    return base.with_suffix(SUFFIX[fmt])


def export_board(app, fmt: str) -> None:
    def chosen(value: str | None) -> None:
        if value:
            path = Path(value).expanduser().resolve()  # the message then says the full path
            if fmt == "md" and str(path) != app.settings.export_path:
                app.settings.export_path = str(path)
                app._save_choice("export_path", str(path))
            _write(app, fmt, path)

    if fmt == "md" and app.settings.export_path:
        _write(app, fmt, Path(app.settings.export_path).expanduser())
        return
    app.push_screen(PathPrompt(f"Export the board ({fmt}) to…", str(default_path(app, fmt))), callback=chosen)


def _write(app, fmt: str, path: Path) -> None:
    from tui.ui.export_worker import write_export

    write_export(app, fmt, path)
