"""Turns the Board and its next actions into what the columns draw."""

from __future__ import annotations

from datetime import date

from tui.board import Board
from tui.models import STAGES, NextAction
from tui.ui.widgets.card_list import Card

OUTCOME_WORDS = {
    "hired": "hired ✓",
    "rejected": "rejected",
    "ghosted": "ghosted",
    "withdrawn": "withdrawn",
    "position_closed": "position closed",
}
_TONES = {
    "follow_up": "due",
    "thank_you": "due",
    "close_as_ghosted": "warn",
    "let_go": "quiet",
    "wait": "wait",
}


def tone_for(action: NextAction, today: date) -> str:
    if action.kind in ("follow_up", "thank_you") and action.due and action.due > today:
        return "soon"
    return _TONES.get(action.kind, "quiet")


def badge_for(action: NextAction, today: date) -> str:
    try:
        from tui.rules import badge
    except ImportError:  # pragma: no cover - while the rules land
        return action.kind
    return badge(action, today)


def matches(text: str, needle: str) -> bool:
    return all(word in text for word in needle.lower().split())


def build_columns(
    board: Board, actions: dict[int, NextAction], today: date, filter_text: str = ""
) -> dict[str, list[Card]]:
    from tui.rules import card_sort_key

    needle = filter_text.strip().lower()
    columns: dict[str, list[tuple]] = {stage: [] for stage in STAGES}
    for app in board.applications:
        if needle:
            hay = f"{app.company} {app.role} {' '.join('#' + t for t in app.tags)}".lower()
            if not matches(hay, needle):
                continue
        action = actions.get(app.id) or NextAction("none")
        if app.stage == "closed":
            badge, tone = OUTCOME_WORDS.get(app.outcome or "", "closed"), "closed"
        else:
            badge, tone = badge_for(action, today), tone_for(action, today)
        card = Card(app.id, app.company, app.role, badge, tone)  # type: ignore[arg-type]
        columns[app.stage].append((card_sort_key(app, action, board), card))
    return {
        stage: [card for _key, card in sorted(items, key=lambda kv: kv[0])]
        for stage, items in columns.items()
    }


def header_counts(board: Board, actions: dict[int, NextAction], today: date) -> tuple[int, int]:
    active = sum(1 for a in board.applications if a.stage != "closed")
    due = sum(
        1
        for a in board.applications
        if (act := actions.get(a.id))
        and act.due
        and act.due <= today
        and act.kind in ("follow_up", "thank_you", "close_as_ghosted")
    )
    return active, due
