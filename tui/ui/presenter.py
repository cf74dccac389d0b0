"""Turns the Board and its next actions into what the columns draw."""

from __future__ import annotations

from bisect import bisect_right
from datetime import date

from tui.domain.board import Board
from tui.domain.models import STAGES, Application, NextAction
from tui.domain.safe_text import safe_text
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
    from tui.followup.rules import badge

    return badge(action, today)


def card_for(app: Application, action: NextAction, today: date) -> Card:
    if app.stage == "closed":
        badge, tone = OUTCOME_WORDS.get(app.outcome or "", "closed"), "closed"
    else:
        badge, tone = badge_for(action, today), tone_for(action, today)
        if app.posting_status == "taken_down" and action.kind != "close_as_ghosted":
            badge = f"posting down · {badge}" if badge else "posting down"  # ghosted says it already
    # Names come from other people: shown, never sent to the terminal as controls.
    return Card(app.id, safe_text(app.company), safe_text(app.role), badge, tone)  # type: ignore[arg-type]


class Column:
    """One stage's cards in board order, with their sort keys, so a single card can be
    put in its place without redoing the column (a move on a 5,000-card board)."""

    def __init__(self, keyed: list[tuple[tuple, Card]]) -> None:
        keyed.sort(key=lambda kv: kv[0])
        self.keys = [k for k, _ in keyed]
        self.cards = [c for _, c in keyed]

    def remove(self, app_id: int) -> None:
        for i, card in enumerate(self.cards):
            if card.app_id == app_id:
                del self.keys[i], self.cards[i]
                return

    def insert(self, key: tuple, card: Card) -> None:
        i = bisect_right(self.keys, key)
        self.keys.insert(i, key)
        self.cards.insert(i, card)


def matches(text: str, needle: str) -> bool:
    return all(word in text for word in needle.lower().split())


def build_columns(
    board: Board,
    actions: dict[int, NextAction],
    today: date,
    filter_text: str = "",
    stages: tuple[str, ...] = STAGES,
) -> dict[str, Column]:
    from tui.followup.rules import card_sort_key

    needle = filter_text.strip().lower()
    columns: dict[str, list[tuple]] = {stage: [] for stage in stages}
    for app in board.applications:
        if app.stage not in columns:
            continue
        if needle:
            hay = f"{app.company} {app.role} {' '.join('#' + t for t in app.tags)}".lower()
            if not matches(hay, needle):
                continue
        action = actions.get(app.id) or NextAction("none")
        columns[app.stage].append((card_sort_key(app, action, board), card_for(app, action, today)))
    return {stage: Column(items) for stage, items in columns.items()}


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
