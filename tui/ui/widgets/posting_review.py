"""What the posting reader proposes, each with the sentence it was read from.

DESIGN.md §2: "The user confirms; nothing is set silently." ``proposals`` turns the
findings into one checkable line per change that differs from the form (each blocked
channel on its own, so one can be kept and another dropped); ``PostingReviewScreen``
shows them all checked, each with its sentence, and dismisses with the keys the user kept (None: cancelled).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Label, Static

from tui.followup.posting_reader import PostingFindings
from tui.ui.widgets.application_form import POLICY_WORDS


@dataclass(frozen=True)
class Proposal:
    key: str  # unique: "policy", "block:phone", "decision"
    field: str  # the Application field it sets
    value: Any
    label: str
    sentence: str


def proposals(
    findings: PostingFindings,
    policy: str | None,
    blocked: list[str],
    decision: date | None,
    closes: date | None = None,
) -> list[Proposal]:
    """The changes the findings suggest against the form's current values."""
    out: list[Proposal] = []
    if findings.policy and findings.policy.value != policy:
        value = findings.policy.value
        out.append(
            Proposal(
                "policy",
                "follow_up_policy",
                value,
                f"Follow-up policy: {POLICY_WORDS[value]}",
                findings.policy.sentence,
            )
        )
    for found in findings.blocked_channels:
        if found.value not in blocked:
            out.append(
                Proposal(
                    f"block:{found.value}",
                    "blocked_channels",
                    [found.value],
                    f"Block {found.value}",
                    found.sentence,
                )
            )
    if findings.decision_expected_on and findings.decision_expected_on.value != decision:
        day = findings.decision_expected_on.value
        out.append(
            Proposal(
                "decision",
                "decision_expected_on",
                day,
                f"Decision expected by {day:%a %d %b %Y}",
                findings.decision_expected_on.sentence,
            )
        )
    if findings.closes_on and findings.closes_on.value != closes:
        day = findings.closes_on.value  # when to apply by: never a decision date
        out.append(
            Proposal(
                "closes",
                "closes_on",
                day,
                f"Applications close {day:%a %d %b %Y}",
                findings.closes_on.sentence,
            )
        )
    return out


class PostingReviewScreen(ModalScreen[list[str] | None]):
    """One checkbox per proposal (checked), the sentence it was read from under it."""

    DEFAULT_CSS = """
    PostingReviewScreen #posting-review { width: 100; }
    PostingReviewScreen #proposals { height: auto; max-height: 24; }
    PostingReviewScreen .proposal { border: none; padding: 0; margin-top: 1; }
    PostingReviewScreen .proposal-sentence { color: $text-muted; text-style: italic; padding-left: 4; }
    PostingReviewScreen .review-note { color: $text-muted; height: auto; margin-top: 1; }
    """
    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel"),
        Binding("ctrl+s", "apply", "Apply", priority=True),
    ]

    def __init__(self, items: list[Proposal], notes: list[str]) -> None:
        super().__init__(classes="dialog-screen")
        self.items = items
        self.notes = notes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="posting-review"):
            yield Label("The posting says…", classes="dialog-title")
            with VerticalScroll(id="proposals"):
                for i, p in enumerate(self.items):
                    yield Checkbox(
                        Content(p.label), True, id=f"proposal-{i}", classes="proposal", compact=True
                    )
                    yield Static(Content(f"from: “{p.sentence}”"), classes="proposal-sentence")
            for note in self.notes:
                yield Static(Content(note), classes="review-note")
            yield Static(
                "space unchecks a line · Apply sets the checked ones and saves the application",
                classes="review-note",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Apply (ctrl+s)", variant="primary", id="apply")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        if self.items:
            self.query_one("#proposal-0", Checkbox).focus()

    def checked(self) -> list[str]:
        """The keys of the proposals still checked."""
        return [p.key for i, p in enumerate(self.items) if self.query_one(f"#proposal-{i}", Checkbox).value]

    @on(Button.Pressed, "#apply")
    def _apply_pressed(self) -> None:
        self.action_apply()

    def action_apply(self) -> None:
        self.dismiss(self.checked())

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)
