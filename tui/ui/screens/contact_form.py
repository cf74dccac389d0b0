"""Add or edit a contact (DESIGN.md §5): a form that says what is wrong and saves nothing
until every field is right.

The screen only checks and returns: it dismisses with a ``ContactFormResult`` (the
checked ``Contact`` and whether to attach it to the selected card) and the caller writes
it through ``app.persist``. The rules for each field are in ``tui.followup.contact_fields``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static, TextArea

from tui.domain.models import CONTACT_ROLES, RELATIONSHIPS, Contact, ValidationError
from tui.followup.contact_fields import TEXT_FIELDS, check_contact
from tui.followup.finder import ROLE_LABELS, effective_role, inferred_label

UNKNOWN_ROLE = "unknown"
LABELS: dict[str, str] = {
    "name": "Name",
    "title": "Title",
    "company": "Company",
    "email": "Email",
    "phone": "Phone",
    "linkedin": "LinkedIn",
    "twitter": "Twitter",
    "role": "Role",
    "relationship": "Relationship",
    "notes": "Notes",
}
PLACEHOLDERS: dict[str, str] = {
    "name": "First Last",
    "title": "e.g. Engineering Manager",
    "company": "e.g. Acme",
    "email": "name@company.example",
    "phone": "e.g. +1 555 0100",
    "linkedin": "https://www.linkedin.com/in/…",
    "twitter": "@handle",
}
RELATIONSHIP_LABELS = {"formal": "formal (email first)", "casual": "casual (Twitter is fine)"}
INPUT_FIELDS = tuple(f for f in TEXT_FIELDS if f != "notes")


@dataclass
class ContactFormResult:
    contact: Contact
    attach: bool = False  # attach it to the selected card


def role_choices(contact: Contact | None) -> list[tuple[str, str]]:
    """(label, value) for the role picker; "unknown" shows the guess the finder would make."""
    guess = ""
    if contact is not None and not contact.role:
        role, _inferred = effective_role(contact)
        guess = f" — for now {inferred_label(role)}" if role != "other" else ""
    return [(f"unknown, guess from the title{guess}", UNKNOWN_ROLE)] + [
        (ROLE_LABELS[r] if r != "other" else "other", r) for r in CONTACT_ROLES
    ]


class ContactForm(ModalScreen[ContactFormResult | None]):
    """``ContactForm()`` adds, ``ContactForm(contact)`` edits. ``others`` are the stored
    contacts (for duplicate addresses); ``attach_to`` offers to attach a new contact to
    that card (its title)."""

    CSS_PATH = "contact_form.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="contact_form.save", tooltip="Save the contact"),
        Binding("escape", "cancel", "Cancel", id="contact_form.cancel", tooltip="Close without saving"),
        # A modal screen hides the app's keys: ctrl+q is bound here so it asks (app.unsaved_work).
        Binding("ctrl+q", "app.quit", "Quit", show=False, id="contact_form.quit"),
    ]

    def __init__(
        self,
        contact: Contact | None = None,
        *,
        others: Iterable[Contact] = (),
        attach_to: str | None = None,
        company: str = "",
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.contact = contact
        self.others = others
        self.attach_to = attach_to if contact is None else None
        self.company = company
        self._clean: tuple[object, ...] | None = None

    def compose(self) -> ComposeResult:
        c = self.contact
        title = f"Edit {c.display_name}" if c is not None else "New contact"
        with Vertical(classes="dialog", id="contact-form"):
            yield Label(Content(title), classes="dialog-title")
            yield Static("", id="cf-problem")
            with VerticalScroll(id="cf-fields"), Grid(id="cf-grid"):
                for name in INPUT_FIELDS:
                    value = getattr(c, name) if c is not None else (self.company if name == "company" else "")
                    yield Label(LABELS[name], classes="cf-label", id=f"cf-label-{name}")
                    with Vertical(classes="cf-cell"):
                        yield Input(
                            value,
                            placeholder=PLACEHOLDERS.get(name, ""),
                            id=f"cf-{name}",
                            compact=True,
                            select_on_focus=False,
                        )
                        yield Static("", classes="cf-error", id=f"cf-error-{name}")
                yield Label(LABELS["role"], classes="cf-label", id="cf-label-role")
                yield Select(
                    role_choices(c),
                    value=(c.role or UNKNOWN_ROLE) if c is not None else UNKNOWN_ROLE,
                    allow_blank=False,
                    compact=True,
                    id="cf-role",
                )
                yield Label(LABELS["relationship"], classes="cf-label", id="cf-label-relationship")
                yield Select(
                    [(RELATIONSHIP_LABELS.get(r, r), r) for r in RELATIONSHIPS],
                    value=c.relationship if c is not None else "formal",
                    allow_blank=False,
                    compact=True,
                    id="cf-relationship",
                )
                yield Label(LABELS["notes"], classes="cf-label", id="cf-label-notes")
                with Vertical(classes="cf-cell"):
                    yield TextArea(
                        c.notes if c is not None else "",
                        id="cf-notes",
                        compact=True,
                        soft_wrap=True,
                        tab_behavior="focus",
                        highlight_cursor_line=False,
                    )
                    yield Static("", classes="cf-error", id="cf-error-notes")
                if self.attach_to:
                    yield Label("", classes="cf-label")
                    yield Checkbox(Content(f"Attach to {self.attach_to}"), True, id="cf-attach", compact=True)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="cf-save", compact=True)
                yield Button("Cancel (esc)", id="cf-cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#cf-problem", Static).display = False
        for error in self.query(".cf-error"):
            error.display = False
        self.query_one("#cf-name", Input).focus()
        self._clean = self._raw()

    # -- reading -----------------------------------------------------------------------

    def values(self) -> dict[str, str]:
        out = {name: self.query_one(f"#cf-{name}", Input).value for name in INPUT_FIELDS}
        out["notes"] = self.query_one("#cf-notes", TextArea).text
        return out

    def _raw(self) -> tuple[object, ...]:
        return (
            tuple(self.values().items()),
            self.query_one("#cf-role", Select).value,
            self.query_one("#cf-relationship", Select).value,
        )

    @property
    def dirty(self) -> bool:
        return self._clean is not None and self._raw() != self._clean

    def unsaved_words(self) -> str | None:
        """For the app's ctrl+q (``tui.ui.unsaved``)."""
        if not self.dirty:
            return None
        return (
            f"your changes to {self.contact.name}"
            if self.contact is not None
            else "the contact you were typing"
        )

    def show_errors(self, errors: dict[str, str]) -> None:
        for name in TEXT_FIELDS:
            message = errors.get(name)
            error = self.query_one(f"#cf-error-{name}", Static)
            error.display = bool(message)
            error.update(Content(message or ""))
            self.query_one(f"#cf-label-{name}", Label).set_class(bool(message), "-invalid")
        problem = self.query_one("#cf-problem", Static)
        problem.display = "form" in errors
        problem.update(Content(errors.get("form", "")))

    def check(self) -> tuple[Contact | None, dict[str, str]]:
        """The contact the form describes, or None and a message per wrong field."""
        cleaned, errors = check_contact(
            self.values(), self.others, self.contact.id if self.contact is not None else None
        )
        if errors:
            return None, errors
        role = self.query_one("#cf-role", Select).value
        relationship = self.query_one("#cf-relationship", Select).value
        fields = {
            **cleaned,
            "role": None if role == UNKNOWN_ROLE else role,
            "relationship": relationship if relationship in RELATIONSHIPS else "formal",
        }
        try:
            if self.contact is None:
                return Contact.from_dict({**fields, "source": "manual"}), {}
            return self.contact.with_changes(**fields), {}
        except ValidationError as exc:
            return None, {"form": str(exc)}

    # -- actions -----------------------------------------------------------------------

    def action_save(self) -> None:
        contact, errors = self.check()
        self.show_errors(errors)
        if contact is None:
            self.notify("Not saved: fix the fields marked in red.", severity="error", markup=False)
            first = next((n for n in TEXT_FIELDS if n in errors), None)
            if first is not None:
                self.query_one(f"#cf-{first}").focus()
            return
        attach = bool(self.attach_to) and self.query_one("#cf-attach", Checkbox).value
        self.dismiss(ContactFormResult(contact, attach))

    def action_cancel(self) -> None:
        if not self.dirty:
            self.dismiss(None)
            return
        from tui.ui.screens.confirm import ConfirmScreen

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen("Discard your changes to this contact?", yes="Discard", no="Keep editing"),
            callback=answered,
        )

    @on(Button.Pressed, "#cf-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cf-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()
