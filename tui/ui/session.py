"""Where the board's keys act: one plain object (no Textual), changed synchronously by the key
handlers, read by the panes.

Why it exists: Textual hands a key to the widget that has focus *when the key is read*, and a
``widget.focus()`` or a posted message takes effect later. A burst such as ``l j d`` (typed fast,
pasted, or a slow frame) would then act on the column and the card of a moment ago. So the board
binds its keys as priority bindings (run in order, in the app's task), each one changes this
state at once, and focus follows with ``Screen.set_focus`` (synchronous).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from tui.domain.models import STAGES

PANES = ("board", "finder", "composer")


@dataclass
class UndoEntry:
    label: str  # "move back to applied", said in the toast
    run: Callable[[], Any]


@dataclass
class Session:
    """The selection (column, card, pane), the filter and the undo stack of one board."""

    stage: str = STAGES[0]
    selected_id: int | None = None
    pane: int = 0
    filter_text: str = ""
    undo: list[UndoEntry] = field(default_factory=list)

    def stage_after(self, step: int, stages: Sequence[str] = STAGES) -> str:
        """The column ``step`` columns away from the current one, clamped at the ends."""
        index = stages.index(self.stage) if self.stage in stages else 0
        return stages[max(0, min(len(stages) - 1, index + step))]

    def move_stage(self, step: int) -> str:
        self.stage = self.stage_after(step)
        return self.stage

    def pane_after(self, step: int) -> int:
        return (self.pane + step) % len(PANES)

    def push_undo(self, label: str, run: Callable[[], Any]) -> None:
        self.undo.append(UndoEntry(label, run))

    def pop_undo(self) -> UndoEntry | None:
        return self.undo.pop() if self.undo else None
