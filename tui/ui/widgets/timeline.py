"""An application's timeline of events, newest first (what happened last is what matters).

One ``OptionList`` row per event: what happened, on which channel, with whom; the
day and how long ago; the text, cut short so a pasted 10,000-character note does
not bury the rest. An OptionList renders only the visible lines (TEXTUAL8.md B.6).
"""

from __future__ import annotations

from datetime import date

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.domain.board import Board
from tui.domain.dates import humanize_day
from tui.domain.models import Event
from tui.domain.safe_text import safe_text

KIND_WORDS = {
    "applied": "Applied",
    "follow_up_sent": "Follow-up sent",
    "thank_you_sent": "Thank-you sent",
    "response_received": "Response received",
    "interview": "Interview",
    "stage_changed": "Stage changed",
    "posting_taken_down": "Posting taken down",
    "note": "Note",
}
RESPONSE_WORDS = {
    "positive": "positive",
    "neutral": "neutral",
    "rejected": "rejected",
    "position_closed": "position closed",
}
CHANNEL_WORDS = {"in_person": "in person", "linkedin": "LinkedIn", "twitter": "Twitter"}
TEXT_MAX = 280


def _short(text: str, limit: int = TEXT_MAX) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def event_content(ev: Event, board: Board, today: date) -> Content:
    """Two or three lines: what, with whom and how; when; the text."""
    what = KIND_WORDS.get(ev.kind, ev.kind)
    if ev.kind == "response_received" and ev.response:
        what = f"{what}: {RESPONSE_WORDS.get(ev.response, ev.response)}"
    if ev.kind == "interview":
        from tui.followup.interviews import round_words

        if ev.round:
            what = f"{what} ({round_words(ev.round)})"
        if ev.on > today:
            what = f"{what}, planned"
    how = []
    if ev.channel:
        how.append(CHANNEL_WORDS.get(ev.channel, ev.channel))
    for cid in ev.people:  # an interview names all its interviewers
        contact = board.contact_by_id.get(cid)
        how.append(safe_text(contact.display_name) if contact is not None else "a deleted contact")
    when = f"{ev.on.isoformat()}{' ' + ev.at if ev.at else ''}{' ' + ev.tz if ev.tz else ''}"
    when = f"{when} · {humanize_day(ev.on, today)}"
    pairs = (("where", ev.where), ("topics", ", ".join(ev.topics)), ("prep", ev.prep))
    pairs = (*pairs, ("how it went", ev.how_it_went))
    details = [f"{label}: {safe_text(value)}" for label, value in pairs if value]
    if details:
        when += "\n" + _short("; ".join(details))
    parts: list[str | tuple[str, str]] = [(what, "bold")]
    if how:
        parts.append(" · " + " · ".join(how))
    parts.append(("\n" + when, "italic"))
    if ev.text.strip():
        parts.append(("\n" + _short(safe_text(ev.text, multiline=True)), "dim"))
    return Content.assemble(*parts)


class Timeline(OptionList):
    """The events of one application. ``delete`` asks to delete the highlighted one."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("delete,d", "delete_event", "Delete event", id="detail.delete_event"),
    ]

    class DeleteRequested(Message):
        def __init__(self, event_id: int) -> None:
            super().__init__()
            self.event_id = event_id

    def show(self, events: list[Event], board: Board, today: date, attachments: list | None = None) -> None:
        """Newest first; the highlight stays on the same event when it is still there. What
        was sent with the application (``attachments``) is listed on top."""
        keep = self.highlighted_event_id
        options: list[Option | None] = []
        for a in attachments or ():
            what = a["as"].replace("_", " ")
            line = f"Sent {what}: {_short(a['name'], 60)} · {a['on']} · sha256 {a['sha256'][:12]}"
            options.append(Option(Content(line), disabled=True))
        if attachments:
            options.append(None)
        ordered = sorted(events, key=lambda e: (e.on, e.id or 0), reverse=True)
        for i, ev in enumerate(ordered):
            if i:
                options.append(None)  # a rule between events
            options.append(Option(event_content(ev, board, today), id=str(ev.id)))
        if not ordered:
            options.append(Option(Content("Nothing logged yet. ctrl+l logs an event."), disabled=True))
        self.set_options(options)
        if ordered:
            ids = [str(ev.id) for ev in ordered]
            index = ids.index(str(keep)) if keep is not None and str(keep) in ids else 0
            self.highlighted = self.get_option_index(ids[index])

    @property
    def highlighted_event_id(self) -> int | None:
        if self.highlighted is None or self.option_count == 0:
            return None
        option = self.get_option_at_index(self.highlighted)
        return int(option.id) if option.id and not option.disabled else None

    def action_delete_event(self) -> None:
        event_id = self.highlighted_event_id
        if event_id is not None:
            self.post_message(self.DeleteRequested(event_id))
