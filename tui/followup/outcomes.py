"""Which outcome to offer first when a card is closed: never ``hired`` by reflex.

A reflex Enter in "Close it as…" must not close a card as hired. The dialog starts on
what the timeline says: the last response (a rejection, a closed position), the
posting taken down, the rules' "likely ghosted"; otherwise on ``rejected``, the most
common end of an application.
"""

from __future__ import annotations

from collections.abc import Sequence

from tui.domain.models import Event

DEFAULT = "rejected"


def likely_outcome(events: Sequence[Event], action_kind: str | None = None) -> str:
    """The outcome most likely true for a timeline (oldest first); never "hired"."""
    for ev in reversed(events):
        if ev.kind == "response_received" and ev.response in ("rejected", "position_closed"):
            return ev.response
        if ev.kind == "posting_taken_down":
            return "position_closed"
        if ev.kind == "response_received":
            break  # a positive or neutral answer was the last word: nothing to read from here
    if action_kind in ("close_as_ghosted", "let_go"):
        return "ghosted"
    return DEFAULT
