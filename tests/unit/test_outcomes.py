"""The outcome "Close it as…" starts on: what the timeline says, never hired."""

from __future__ import annotations

from datetime import date

import pytest

from tui.domain.models import OUTCOMES, Event
from tui.followup.outcomes import likely_outcome

D = date(2026, 11, 20)


def ev(kind: str, response: str | None = None) -> Event:
    return Event(1, kind, D, response=response)


@pytest.mark.parametrize(
    ("events", "action", "expected"),
    [
        ([], None, "rejected"),
        ([ev("applied")], "follow_up", "rejected"),
        ([ev("applied"), ev("response_received", "rejected")], "none", "rejected"),
        ([ev("response_received", "position_closed"), ev("note")], None, "position_closed"),
        ([ev("posting_taken_down")], "close_as_ghosted", "position_closed"),
        ([ev("follow_up_sent"), ev("follow_up_sent")], "close_as_ghosted", "ghosted"),
        ([ev("follow_up_sent")], "let_go", "ghosted"),
        # An offer that came with a positive answer still does not start on hired.
        ([ev("interview"), ev("response_received", "positive")], "wait", "rejected"),
        ([ev("response_received", "rejected"), ev("response_received", "positive")], None, "rejected"),
    ],
)
def test_likely_outcome(events: list[Event], action: str | None, expected: str) -> None:
    assert likely_outcome(events, action) == expected


@pytest.mark.parametrize("response", ["positive", "neutral", "rejected", "position_closed"])
@pytest.mark.parametrize("action", [None, "follow_up", "wait", "let_go", "close_as_ghosted", "none"])
def test_never_hired(response: str, action: str | None) -> None:
    outcome = likely_outcome([ev("interview"), ev("response_received", response)], action)
    assert outcome in OUTCOMES and outcome != "hired"
