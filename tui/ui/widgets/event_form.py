"""Log an event on an application's timeline: a small modal form.

Kind, day, channel, who (the application's attached contacts and everyone at the
same company, best first, as the finder ranks them), the response when the kind is
``response_received``, and a text. It dismisses with a validated ``Event`` (no id
yet) or None; the caller saves it.
"""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from tui.domain.board import Board
from tui.domain.dates import parse_day
from tui.domain.models import CHANNELS, EVENT_KINDS, RESPONSES, Application, Event, ValidationError
from tui.domain.safe_text import safe_text
from tui.followup.finder import candidates
from tui.ui.widgets.application_form import date_hint, words
from tui.ui.widgets.timeline import CHANNEL_WORDS, KIND_WORDS, RESPONSE_WORDS

MAX_CONTACTS = 500  # a company with thousands of people: the best-ranked are the useful ones


def contact_choices(app: Application, board: Board) -> list[tuple[str, int]]:
    """(label, contact id) for the attached contacts and the same company's, best first."""
    out = []
    for cand in candidates(app, board)[:MAX_CONTACTS]:
        if cand.contact.id is None:
            continue
        label = safe_text(f"{cand.contact.display_name} ({cand.role_label})")
        if cand.attached:
            label += " · attached"
        out.append((label, cand.contact.id))
    return out


class EventFormScreen(ModalScreen[Event | None]):
    DEFAULT_CSS = """
    EventFormScreen .ev-line { height: auto; margin-bottom: 1; }
    EventFormScreen .ev-label { width: 12; color: $text-muted; }
    EventFormScreen .ev-line > Select, EventFormScreen .ev-line > Input { width: 1fr; }
    EventFormScreen #ev-on { width: 14; }
    EventFormScreen #ev-on-hint { width: 1fr; color: $text-muted; padding-left: 2; }
    EventFormScreen #ev-text { height: 5; background: $boost; }
    EventFormScreen .ev-error { color: $error; height: auto; display: none; margin-bottom: 1; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save event", priority=True),
        # A modal screen hides the app's keys: ctrl+q is bound here so it asks (app.unsaved_work).
        Binding("ctrl+q", "app.quit", "Quit", show=False),
    ]

    def __init__(self, application: Application, board: Board, today: date) -> None:
        super().__init__(classes="dialog-screen")
        self.application = application
        self.board = board
        self.today = today
        self._clean: tuple[object, ...] | None = None  # the fields as opened: dirty is any change

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="event-form"):
            title = f"Log an event · {safe_text(self.application.title)}"
            yield Label(Content(title), classes="dialog-title")
            with Horizontal(classes="ev-line"):
                yield Label("What", classes="ev-label")
                yield Select(
                    [(KIND_WORDS[k], k) for k in EVENT_KINDS],
                    value="note",
                    allow_blank=False,
                    compact=True,
                    id="ev-kind",
                )
            with Horizontal(classes="ev-line", id="ev-response-line"):
                yield Label("Response", classes="ev-label")
                yield Select(
                    [(RESPONSE_WORDS[r], r) for r in RESPONSES],
                    prompt="how did they answer?",
                    compact=True,
                    id="ev-response",
                )
            with Horizontal(classes="ev-line"):
                yield Label("When", classes="ev-label")
                yield Input(self.today.isoformat(), compact=True, id="ev-on", placeholder="YYYY-MM-DD")
                yield Static(Content(date_hint(self.today, self.today)), id="ev-on-hint")
            yield Static("", id="ev-on-error", classes="ev-error")
            with Horizontal(classes="ev-line"):
                yield Label("Channel", classes="ev-label")
                yield Select(
                    [(CHANNEL_WORDS.get(c, words(c)), c) for c in CHANNELS],
                    prompt="—",
                    compact=True,
                    id="ev-channel",
                )
            with Horizontal(classes="ev-line"):
                yield Label("With", classes="ev-label")
                choices = contact_choices(self.application, self.board)
                yield Select(
                    choices,
                    prompt="—" if choices else "no contacts at this company",
                    compact=True,
                    id="ev-contact",
                )
            yield Label("Text", classes="ev-label")
            yield TextArea(compact=True, id="ev-text", placeholder="what was said, what is next")
            yield Static("", id="ev-error", classes="ev-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="ev-save")
                yield Button("Cancel (esc)", id="ev-cancel")

    def on_mount(self) -> None:
        self.query_one("#ev-response-line").display = False
        self.query_one("#ev-kind", Select).focus()
        self._clean = self._raw()

    @on(Select.Changed, "#ev-kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        self.query_one("#ev-response-line").display = event.value == "response_received"

    @on(Input.Changed, "#ev-on")
    def _day_typed(self, event: Input.Changed) -> None:
        hint = self.query_one("#ev-on-hint", Static)
        try:
            hint.update(Content(date_hint(parse_day(event.value, self.today), self.today)))
            self._say("#ev-on-error", "")
        except ValueError:
            hint.update("")

    @on(Button.Pressed, "#ev-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#ev-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    # -- unsaved text: esc and ctrl+q ask before it is thrown away ------------------------

    def _raw(self) -> tuple[object, ...]:
        selects = tuple(
            self.query_one(f"#ev-{name}", Select).value for name in ("kind", "response", "channel", "contact")
        )
        return (*selects, self.query_one("#ev-on", Input).value, self.query_one("#ev-text", TextArea).text)

    @property
    def dirty(self) -> bool:
        return self._clean is not None and self._raw() != self._clean

    def unsaved_words(self) -> str | None:
        """For the app's ctrl+q (``tui.ui.unsaved``)."""
        return "the event you were logging" if self.dirty else None

    def action_cancel(self) -> None:
        if not self.dirty:
            self.dismiss(None)
            return
        from tui.ui.screens.confirm import ConfirmScreen

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen(
                "Discard this event?",
                "It has not been logged (ctrl+s saves).",
                yes="Discard",
                no="Keep editing",
            ),
            callback=answered,
        )

    def _value(self, selector: str) -> str | int | None:
        value = self.query_one(selector, Select).value
        return None if value is Select.NULL else value  # type: ignore[return-value]

    def _say(self, selector: str, message: str) -> None:
        """Show what is wrong (or nothing) on one of the form's message lines."""
        line = self.query_one(selector, Static)
        line.update(Content(message))
        line.display = bool(message)

    def action_save(self) -> None:
        try:
            day = parse_day(self.query_one("#ev-on", Input).value, self.today)
        except ValueError as exc:
            self._say("#ev-on-error", str(exc))
            self.query_one("#ev-on", Input).focus()
            return
        kind = self._value("#ev-kind")
        try:
            event = Event(
                application_id=self.application.id,  # type: ignore[arg-type]
                kind=kind,  # type: ignore[arg-type]
                on=day,
                channel=self._value("#ev-channel"),  # type: ignore[arg-type]
                contact_id=self._value("#ev-contact"),  # type: ignore[arg-type]
                response=self._value("#ev-response") if kind == "response_received" else None,  # type: ignore[arg-type]
                text=self.query_one("#ev-text", TextArea).text.strip(),
            )
            event.check()
        except ValidationError as exc:
            message = str(exc)
            if message.startswith("response:"):
                message = "Pick how they answered: positive, neutral, rejected or position closed."
                self.query_one("#ev-response", Select).focus()
            self._say("#ev-error", message)
            return
        self.dismiss(event)
