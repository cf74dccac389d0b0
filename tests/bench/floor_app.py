"""The floor of the launch budgets (DESIGN.md §10): a bare Textual app that shows one line.

Benchmarks start it in a real terminal and time until ``floor ready`` is on screen; the
app's own launch is then measured against it on the same machine in the same run.
Run it alone: ``uv run python tests/bench/floor_app.py`` (ctrl+q quits).
"""

from textual.app import App, ComposeResult
from textual.widgets import Label


class FloorApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Label("floor ready")


if __name__ == "__main__":
    FloorApp().run()
