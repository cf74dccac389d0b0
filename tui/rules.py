"""PLACEHOLDER — being replaced by the real rules (DESIGN.md §4). Interface only."""

from __future__ import annotations

from datetime import date

from tui.board import Board
from tui.config import Cadence
from tui.models import Application, NextAction


def next_action(app: Application, board: Board, today: date, cadence: Cadence | None = None) -> NextAction:
    if app.stage in ("closed", "saved"):
        return NextAction("none", reason="nothing to do")
    return NextAction("follow_up", due=today, reason="placeholder")


def next_actions(board: Board, today: date, cadence: Cadence | None = None) -> dict[int, NextAction]:
    return {a.id: next_action(a, board, today, cadence) for a in board.applications if a.id is not None}
