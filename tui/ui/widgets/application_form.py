"""Every field of an application (DESIGN.md §2) as one scrolling form.

The form only reads and writes widget values: ``load`` fills it from an
``Application``, ``read`` turns what is typed into field changes plus a message per
field that is wrong. The screen decides what to do with them (validate against the
model, save through ``app.persist``). Dates take ``YYYY-MM-DD``, ``today``,
``yesterday`` or ``tomorrow`` (``tui.domain.dates.parse_day``) and say what is wrong
under the field.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, SelectionList, Static, TextArea
from textual.widgets.selection_list import Selection

from tui.domain.board import Board
from tui.domain.dates import humanize_day, parse_day
from tui.domain.models import (
    CHANNELS,
    MAX_TEXT,
    OUTCOMES,
    POLICIES,
    POSTING_STATUSES,
    SOURCES,
    STAGES,
    Application,
)
from tui.followup.finder import ROLE_LABELS

DATE_FIELDS = ("applied_on", "decision_expected_on", "closes_on", "snoozed_until")
TEXT_FIELDS = ("company", "role", "url")
SELECT_FIELDS = ("stage", "outcome", "source", "follow_up_policy", "posting_status")
AREA_FIELDS = ("interview_topics", "notes", "posting_text")
# Every field the form edits, in the order it shows them (contact_ids are the finder's).
# The fields a typed value can make wrong get a message line under them; a model error
# about any other field (none is expected) goes to the line on top of the form.
ERROR_FIELDS = ("company", "role", "url", *DATE_FIELDS, "interview_topics", "notes", "posting_text")
FIELDS = (
    "company",
    "role",
    "stage",
    "outcome",
    "source",
    "url",
    "tags",
    "follow_up_policy",
    "blocked_channels",
    "posting_status",
    "applied_on",
    "decision_expected_on",
    "closes_on",
    "snoozed_until",
    "interview_topics",
    "notes",
    "posting_text",
)
LABELS = {
    "company": "Company",
    "role": "Role",
    "stage": "Stage",
    "outcome": "Outcome",
    "source": "Source",
    "url": "Posting URL",
    "tags": "Tags",
    "follow_up_policy": "Follow-up policy",
    "blocked_channels": "Blocked channels",
    "posting_status": "Posting",
    "applied_on": "Applied on",
    "decision_expected_on": "Decision by",
    "closes_on": "Closes on",
    "snoozed_until": "Snoozed until",
    "interview_topics": "Interview topics",
    "notes": "Notes",
    "posting_text": "Job posting",
}
POLICY_WORDS = {
    "allowed": "follow up allowed",
    "only_qualified": "only qualified applicants contacted",
    "do_not_follow_up": "do not follow up",
}
POSTING_WORDS = {"open": "open", "taken_down": "taken down", "unknown": "unknown"}


def words(value: str) -> str:
    return value.replace("_", " ")


def parse_tags(text: str) -> list[str]:
    """``"remote, #python,, remote"`` → ``["remote", "python"]``: trimmed, no ``#``, no repeats."""
    out: list[str] = []
    for part in text.split(","):
        tag = part.strip().lstrip("#").strip()
        if tag and tag not in out:
            out.append(tag)
    return out


def parse_lines(text: str) -> list[str]:
    """One item per non-blank line, trimmed."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def date_hint(day: date, today: date) -> str:
    return f"{day:%a %d %b %Y} · {humanize_day(day, today)}"


def field_of(message: str) -> str | None:
    """The field a model ValidationError names ("company: must not be empty")."""
    name = message.split(":", 1)[0].strip()
    return name if name in FIELDS else None


def labelled(message: str) -> str:
    """A model message in the form's words: "posting_text: …" → "Job posting: …"."""
    name = field_of(message)
    return f"{LABELS[name]}:{message.split(':', 1)[1]}" if name else message


def too_long(label: str, length: int) -> str:
    return f"{label}: {length:,} characters is over the {MAX_TEXT:,} limit"


class LimitedTextArea(TextArea):
    """A TextArea that refuses, at paste time, a paste that would pass ``MAX_TEXT``: the
    text already there stays as it was, and the message says so with the field's label."""

    def __init__(self, *args: Any, label: str = "This field", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.label = label

    async def _on_paste(self, event) -> None:
        start, end = sorted((self.selection.start, self.selection.end))
        replaced = len(self.get_text_range(start, end))
        length = len(self.text) - replaced + len(event.text)
        if length > MAX_TEXT:
            event.prevent_default()
            event.stop()
            self.notify(
                f"Not pasted: {too_long(self.label, length)}.", severity="error", markup=False, timeout=8
            )
            return
        await super()._on_paste(event)


class ApplicationForm(VerticalScroll):
    """The form; ``today`` resolves relative dates ("tomorrow")."""

    def __init__(self, today: date, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.today = today

    # -- building ---------------------------------------------------------------------
    # A two-column grid (label, widget), not a container per row: every widget costs
    # milliseconds to mount and style, and this form has sixteen fields. Only the fields
    # that can be wrong get a cell holding the widget and its message line.

    def compose(self) -> ComposeResult:
        # The grid sits in the scroll (height auto): a grid that is itself the scroll
        # stretches its rows to the viewport.
        yield Static("", id="err-form", classes="field-error form-error")
        with Grid(id="form-grid"):
            yield from self._fields()

    def _fields(self) -> ComposeResult:
        yield from self._row("company", Input(id="f-company", compact=True))
        yield from self._row("role", Input(id="f-role", compact=True))
        yield from self._row("stage", _select("stage", [(words(s), s) for s in STAGES]))
        yield from self._row(
            "outcome",
            _select(
                "outcome", [(words(o), o) for o in OUTCOMES], allow_blank=True, prompt="— (only when closed)"
            ),
        )
        yield from self._row("source", _select("source", [(words(s), s) for s in SOURCES]))
        yield from self._row(
            "url", Input(id="f-url", compact=True, placeholder="e.g. https://jobs.example/123 (empty: none)")
        )
        yield from self._row(
            "tags", Input(id="f-tags", compact=True, placeholder="e.g. remote, python (comma-separated)")
        )
        yield from self._row(
            "follow_up_policy", _select("follow_up_policy", [(POLICY_WORDS[p], p) for p in POLICIES])
        )
        yield from self._row(
            "blocked_channels",
            SelectionList[str](
                *[Selection(words(c), c) for c in CHANNELS], id="f-blocked_channels", compact=True
            ),
        )
        yield from self._row(
            "posting_status", _select("posting_status", [(POSTING_WORDS[p], p) for p in POSTING_STATUSES])
        )
        for name in DATE_FIELDS:
            yield from self._row(
                name,
                Horizontal(
                    Input(id=f"f-{name}", compact=True, placeholder="YYYY-MM-DD", classes="date-input"),
                    Static("", id=f"hint-{name}", classes="date-hint"),
                    classes="date-cell",
                ),
            )
        yield from self._row(
            "interview_topics",
            LimitedTextArea(
                id="f-interview_topics",
                compact=True,
                placeholder="e.g. the data pipeline (one topic per line)",
                classes="short-area",
                label=LABELS["interview_topics"],
            ),
        )
        yield from self._row(
            "notes", LimitedTextArea(id="f-notes", compact=True, classes="short-area", label=LABELS["notes"])
        )
        yield from self._row(
            "posting_text",
            LimitedTextArea(
                label=LABELS["posting_text"],
                id="f-posting_text",
                compact=True,
                placeholder="paste the job description here, then ctrl+r reads it",
                classes="posting-area",
            ),
        )
        yield Button("Read ctrl+r", id="read-posting", compact=True)
        yield Static("reads how (or whether) the posting asks you to follow up", classes="field-note")
        yield Label("Contacts", classes="field-label", id="label-contacts")
        yield Static("", id="contacts", classes="contacts")

    def _row(self, name: str, widget: Widget) -> ComposeResult:
        yield Label(LABELS[name], classes="field-label", id=f"label-{name}")
        if name in ERROR_FIELDS:  # the message goes right under the widget, in its cell
            yield Vertical(widget, Static("", id=f"err-{name}", classes="field-error"), id=f"cell-{name}")
        else:
            yield widget

    def on_descendant_focus(self, event) -> None:
        self._mark_focus(event.widget, True)

    def on_descendant_blur(self, event) -> None:
        self._mark_focus(event.widget, False)

    def _mark_focus(self, widget: Widget, focused: bool) -> None:
        # The grid has no row container for :focus-within, so the label is lit by hand.
        node: Any = widget
        while node is not None and node is not self:
            if node.id and node.id.startswith("f-"):
                label = self.query_one_optional(f"#label-{node.id[2:]}")
                if label is not None:
                    label.set_class(focused, "-focused")
                return
            node = node.parent

    # -- filling -----------------------------------------------------------------------

    def load(self, app: Application, board: Board) -> None:
        for name in TEXT_FIELDS:
            self.query_one(f"#f-{name}", Input).value = getattr(app, name)
        self.query_one("#f-tags", Input).value = ", ".join(app.tags)
        for name in SELECT_FIELDS:
            value = getattr(app, name)
            select = self.query_one(f"#f-{name}", Select)
            if value is None:
                select.clear()
            else:
                select.value = value
        channels = self.query_one("#f-blocked_channels", SelectionList)
        channels.deselect_all()
        for channel in app.blocked_channels:
            channels.select(channel)
        for name in DATE_FIELDS:
            day = getattr(app, name)
            self.query_one(f"#f-{name}", Input).value = day.isoformat() if day else ""
            self._show_date(name)
        self.query_one("#f-interview_topics", TextArea).load_text("\n".join(app.interview_topics))
        self.query_one("#f-notes", TextArea).load_text(app.notes)
        self.query_one("#f-posting_text", TextArea).load_text(app.posting_text)
        self._sync_outcome(app.stage)
        self.show_contacts(app, board)
        self.show_errors({})

    def show_contacts(self, app: Application, board: Board) -> None:
        lines = []
        for cid in app.contact_ids:
            contact = board.contact_by_id.get(cid)
            if contact is None:
                continue
            what = ROLE_LABELS.get(contact.role or "", "role unknown")
            extra = " · ".join(p for p in (contact.title, what, contact.email) if p)
            lines.append(f"{contact.display_name} — {extra}" if extra else contact.display_name)
        text = (
            "\n".join(lines) if lines else "None attached (attach them in the contact finder on the board)."
        )
        self.query_one("#contacts", Static).update(Content(text))

    def set_value(self, name: str, value: Any) -> None:
        """Set one field from a model value (used when the user applies a posting proposal)."""
        if name in SELECT_FIELDS:
            self.query_one(f"#f-{name}", Select).value = value
        elif name == "blocked_channels":
            channels = self.query_one("#f-blocked_channels", SelectionList)
            for channel in value:
                channels.select(channel)
        elif name in DATE_FIELDS:
            self.query_one(f"#f-{name}", Input).value = value.isoformat() if value else ""
            self._show_date(name)
        else:  # pragma: no cover - the posting only proposes the fields above
            raise KeyError(name)

    # -- reading -----------------------------------------------------------------------

    def raw(self) -> tuple[Any, ...]:
        """Everything as typed: two equal raws mean nothing was edited."""
        parts: list[Any] = [
            self.query_one(f"#f-{n}", Input).value for n in (*TEXT_FIELDS, "tags", *DATE_FIELDS)
        ]
        parts += [self.query_one(f"#f-{n}", Select).value for n in SELECT_FIELDS]
        parts.append(tuple(sorted(self.query_one("#f-blocked_channels", SelectionList).selected)))
        parts += [self.query_one(f"#f-{n}", TextArea).text for n in AREA_FIELDS]
        return tuple(parts)

    def date_value(self, name: str) -> date | None:
        """A date field's day, or None when blank or not a date."""
        try:
            return self._parse_date(name)
        except ValueError:
            return None

    def _parse_date(self, name: str) -> date | None:
        text = self.query_one(f"#f-{name}", Input).value.strip()
        return parse_day(text, self.today) if text else None

    def select_value(self, name: str) -> str | None:
        value = self.query_one(f"#f-{name}", Select).value
        return None if value is Select.NULL else value  # type: ignore[return-value]

    def blocked(self) -> list[str]:
        chosen = set(self.query_one("#f-blocked_channels", SelectionList).selected)
        return [c for c in CHANNELS if c in chosen]

    def posting_text(self) -> str:
        return self.query_one("#f-posting_text", TextArea).text

    def read(self) -> tuple[dict[str, Any], dict[str, str]]:
        """The fields as model values, and a message per field that is wrong."""
        changes: dict[str, Any] = {}
        errors: dict[str, str] = {}
        for name in TEXT_FIELDS:
            changes[name] = self.query_one(f"#f-{name}", Input).value.strip()
        for name in ("company", "role"):
            if not changes[name]:
                errors[name] = f"{LABELS[name]} must not be empty."
        changes["tags"] = parse_tags(self.query_one("#f-tags", Input).value)
        for name in SELECT_FIELDS:
            changes[name] = self.select_value(name)
        if changes["stage"] != "closed":
            changes["outcome"] = None
        changes["blocked_channels"] = self.blocked()
        for name in DATE_FIELDS:
            try:
                changes[name] = self._parse_date(name)
            except ValueError as exc:
                errors[name] = str(exc)
        changes["interview_topics"] = parse_lines(self.query_one("#f-interview_topics", TextArea).text)
        changes["notes"] = self.query_one("#f-notes", TextArea).text
        changes["posting_text"] = self.posting_text()
        return changes, errors

    # -- messages ----------------------------------------------------------------------

    def focus_field(self, name: str) -> None:
        """Focus a field's widget and bring its row into view (label included)."""
        self.query_one(f"#f-{name}").focus(scroll_visible=False)
        self.query_one(f"#label-{name}").scroll_visible(animate=False, top=True)

    def show_errors(self, errors: dict[str, str]) -> None:
        """One message under each wrong field, in the form's words; any other goes on top.
        The first wrong field is scrolled into view and focused."""
        errors = {n: labelled(m) for n, m in errors.items()}
        rest = [m for n, m in errors.items() if n not in ERROR_FIELDS]
        self._error("form", "\n".join(rest))
        for name in FIELDS:
            if name not in ERROR_FIELDS:
                self.query_one(f"#label-{name}").set_class(name in errors, "-invalid")
        for name in ERROR_FIELDS:
            self._error(name, errors.get(name, ""))
        first = next((n for n in ERROR_FIELDS if errors.get(n)), None)
        if rest:
            self.scroll_home(animate=False)
        elif first is not None:
            self.focus_field(first)

    def _error(self, name: str, message: str) -> None:
        err = self.query_one(f"#err-{name}", Static)
        err.update(Content(message))
        err.display = bool(message)
        if name != "form":
            self.query_one(f"#label-{name}").set_class(bool(message), "-invalid")

    def _show_date(self, name: str) -> bool:
        """Show the typed day in words, or what is wrong with it; True when it is fine."""
        hint = self.query_one(f"#hint-{name}", Static)
        try:
            day = self._parse_date(name)
        except ValueError as exc:
            hint.update("")
            self._error(name, str(exc))
            return False
        hint.update(Content(date_hint(day, self.today) if day else "not set"))
        self._error(name, "")
        return True

    def _sync_outcome(self, stage: Any) -> None:
        outcome = self.query_one("#f-outcome", Select)
        outcome.disabled = stage != "closed"
        if stage != "closed" and outcome.value is not Select.NULL:
            outcome.clear()

    @on(Select.Changed, "#f-stage")
    def _stage_changed(self, event: Select.Changed) -> None:
        self._sync_outcome(event.value)

    @on(Input.Changed, ".date-input")
    def _date_typed(self, event: Input.Changed) -> None:
        # While typing, only clear an old error: "2026-1" is not wrong yet, just unfinished.
        name = (event.input.id or "")[2:]
        try:
            day = self._parse_date(name)
        except ValueError:
            self.query_one(f"#hint-{name}", Static).update("")
            return
        self._error(name, "")
        self.query_one(f"#hint-{name}", Static).update(
            Content(date_hint(day, self.today) if day else "not set")
        )

    @on(Input.Blurred, ".date-input")
    @on(Input.Submitted, ".date-input")
    def _date_done(self, event: Input.Blurred | Input.Submitted) -> None:
        name = (event.input.id or "")[2:]
        if self._show_date(name):
            day = self.date_value(name)
            if day is not None and event.input.value != day.isoformat():
                event.input.value = day.isoformat()  # "tomorrow" becomes the day it meant


def _select(
    name: str, options: list[tuple[str, str]], *, allow_blank: bool = False, prompt: str = ""
) -> Select:
    return Select(options, id=f"f-{name}", compact=True, allow_blank=allow_blank, prompt=prompt or "Select")
